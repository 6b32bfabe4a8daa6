package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// CPU accounting: on a machine others share, a throughput figure moves with their load,
// but the CPU time a figure's own processes spend per operation does not. Each figure
// reports it beside the ratio: the bench process (the server, its clients, SQLite) and the
// PostgreSQL backends serving the bench's database.

// selfCPU is the CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// clockTick is the unit of /proc/PID/stat's times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// procCPU is the CPU time process pid has used, from /proc (0 when it is gone).
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndex(s, ")")+2:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * clockTick
}

// cpuMeter measures the CPU time spent between its start and stop by this process and
// by the PostgreSQL backends serving database db (none for SQLite), which must be local.
type cpuMeter struct {
	db        *sql.DB
	self      time.Duration
	backends  map[int]time.Duration
	SelfUsed  time.Duration
	PGUsed    time.Duration
	pgVisible bool
}

func startCPU(ctx context.Context, db *sql.DB) *cpuMeter {
	m := &cpuMeter{db: db, self: selfCPU()}
	m.backends = m.pids(ctx)
	return m
}

// pids reads the backends of the database db is connected to, with their CPU time now.
func (m *cpuMeter) pids(ctx context.Context) map[int]time.Duration {
	out := map[int]time.Duration{}
	if m.db == nil {
		return out
	}
	rows, err := m.db.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) == nil {
			out[pid] = procCPU(pid)
		}
	}
	return out
}

// stop ends the measurement; backends that appeared meanwhile count from zero.
func (m *cpuMeter) stop(ctx context.Context) {
	m.SelfUsed = selfCPU() - m.self
	for pid, now := range m.pids(ctx) {
		if now > 0 {
			m.pgVisible = true
		}
		m.PGUsed += now - m.backends[pid]
	}
}

// per returns the CPU time per operation in microseconds: this process, PostgreSQL.
func (m *cpuMeter) per(n int) (self, pg float64) {
	if n == 0 {
		return 0, 0
	}
	return float64(m.SelfUsed.Microseconds()) / float64(n), float64(m.PGUsed.Microseconds()) / float64(n)
}

// report adds the CPU time per operation to a row's params and, given the CPU time of
// the ceiling's op, cpu_ratio: that time over all the CPU time an operation took, what
// the ratio would be on a machine nothing else runs on.
func (m *cpuMeter) report(p map[string]any, n int, op string, ceilingOp time.Duration) {
	self, pg := m.per(n)
	p["cpu_µs/"+op] = fmt.Sprintf("%.0f", self)
	if m.db != nil {
		p["pg_cpu_µs/"+op] = fmt.Sprintf("%.0f", pg)
	}
	if ceilingOp > 0 && self+pg > 0 {
		p["ceiling_cpu_µs/"+op] = fmt.Sprintf("%.0f", float64(ceilingOp.Microseconds()))
		p["cpu_ratio"] = fmt.Sprintf("%.2f", float64(ceilingOp.Nanoseconds())/1000/(self+pg))
	}
}
