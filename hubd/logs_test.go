package hubd_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// leadLine picks out, of the processes' logs, their leadership: a term begun, a lease
// taken or lost.
var leadLine = regexp.MustCompile(`msg="?(leading|leadership lost|payment left to the leader)`)

// testLog keeps what the hub processes and the wallets log, and shows in the test's output
// every change of leadership, and on failure every warning and error as well: the
// failover test's flakes are in what happened between the processes.
type testLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func newTestLog(t *testing.T) *slog.Logger {
	l := new(testLog)
	t.Cleanup(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		for line := range strings.Lines(l.buf.String()) {
			switch {
			case leadLine.MatchString(line):
			case t.Failed() && (strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR")):
			default:
				continue
			}
			t.Log(strings.TrimSuffix(line, "\n"))
		}
	})
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// Write keeps one log record (the handler writes each at once).
func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// sessions describes the database's other sessions, what each waits for and which
// sessions block it: a takeover that does not happen is a term waiting on a lock.
func sessions(t *testing.T, dsn string) string {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return err.Error()
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	rows, err := db.QueryContext(ctx, `SELECT pid, coalesce(state, ''), round(extract(epoch FROM now() - state_change)::numeric, 1)::text,
		coalesce(wait_event_type, ''), pg_blocking_pids(pid)::text, left(regexp_replace(query, '\s+', ' ', 'g'), 90)
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY pid`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var pid int
		var state, age, wait, blockers, query string
		if err := rows.Scan(&pid, &state, &age, &wait, &blockers, &query); err != nil {
			return err.Error()
		}
		fmt.Fprintf(&b, "\n  pid %d %s for %ss wait=%s blocked by %s: %s", pid, state, age, wait, blockers, query)
	}
	return b.String()
}
