package main

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// What the mass exit reads of the tower's PostgreSQL database: its size and each table's,
// with the rows written, before and after; and, from the outbox, when each challenge was
// queued and signed.

// tableStat is one table's size with its indexes and TOAST, and the rows written to it.
type tableStat struct {
	bytes, ins, upd, del int64
}

// dbStat is the database's size and its tables'.
type dbStat struct {
	bytes  int64
	tables map[string]tableStat
}

func readDBStat(ctx context.Context, db *sql.DB) (dbStat, error) {
	s := dbStat{tables: map[string]tableStat{}}
	if err := db.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&s.bytes); err != nil {
		return s, fmt.Errorf("database size: %w", err)
	}
	rows, err := db.QueryContext(ctx, `
		SELECT c.relname, pg_total_relation_size(c.oid), COALESCE(t.n_tup_ins, 0), COALESCE(t.n_tup_upd, 0), COALESCE(t.n_tup_del, 0)
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stat_user_tables t ON t.relid = c.oid
		WHERE n.nspname = 'public' AND c.relkind = 'r'`)
	if err != nil {
		return s, fmt.Errorf("table sizes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var t tableStat
		if err := rows.Scan(&name, &t.bytes, &t.ins, &t.upd, &t.del); err != nil {
			return s, err
		}
		s.tables[name] = t
	}
	return s, rows.Err()
}

// tableGrowth is what one table gained.
type tableGrowth struct {
	name string
	tableStat
}

// growth returns what each table gained from before to after, most bytes first.
func growth(before, after dbStat) []tableGrowth {
	var out []tableGrowth
	for name, a := range after.tables {
		b := before.tables[name]
		out = append(out, tableGrowth{name, tableStat{a.bytes - b.bytes, a.ins - b.ins, a.upd - b.upd, a.del - b.del}})
	}
	slices.SortFunc(out, func(x, y tableGrowth) int {
		return cmp.Or(cmp.Compare(y.bytes, x.bytes), strings.Compare(x.name, y.name))
	})
	return out
}

// describeGrowth says, per channel, what the tables that grew most gained: KB, and rows
// inserted and updated.
func describeGrowth(g []tableGrowth, channels, top int) string {
	var parts []string
	for _, t := range g[:min(top, len(g))] {
		if t.bytes <= 0 {
			break
		}
		n := float64(channels)
		parts = append(parts, fmt.Sprintf("%s %.2f KB (%.1f ins, %.1f upd)", t.name, float64(t.bytes)/1024/n, float64(t.ins)/n, float64(t.upd)/n))
	}
	return strings.Join(parts, "; ")
}

// challengeTimes is when the tower's challenge of one channel was queued (the outbox
// entry's creation, after the indexer stored the close and the engine decided) and first
// signed, how many attempts it took, and the block that included it.
type challengeTimes struct {
	queued, signed time.Time
	attempts       int
	block          uint64
}

func readChallengeTimes(ctx context.Context, db *sql.DB) (map[common.Address]challengeTimes, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT o.user_addr, EXTRACT(EPOCH FROM o.created_at)::float8, COALESCE(EXTRACT(EPOCH FROM MIN(a.signed_at))::float8, 0),
			COUNT(a.tx_hash), COALESCE(o.block_number, 0)
		FROM outbox o LEFT JOIN outbox_attempts a ON a.outbox_id = o.id
		WHERE o.kind = 'challenge' GROUP BY o.id`)
	if err != nil {
		return nil, fmt.Errorf("challenge times: %w", err)
	}
	defer rows.Close()
	out := map[common.Address]challengeTimes{}
	for rows.Next() {
		var user []byte
		var queued, signed float64
		var c challengeTimes
		if err := rows.Scan(&user, &queued, &signed, &c.attempts, &c.block); err != nil {
			return nil, err
		}
		c.queued = time.UnixMicro(int64(queued * 1e6))
		if signed > 0 {
			c.signed = time.UnixMicro(int64(signed * 1e6))
		}
		u := common.BytesToAddress(user)
		if prev, ok := out[u]; !ok || c.queued.Before(prev.queued) {
			out[u] = c
		}
	}
	return out, rows.Err()
}

// alertCounts returns the alert queue's rows by kind and how many are still pending.
func alertCounts(ctx context.Context, db *sql.DB) (map[string]int, int, error) {
	rows, err := db.QueryContext(ctx, `SELECT kind, status, COUNT(*) FROM alert_queue GROUP BY kind, status`)
	if err != nil {
		return nil, 0, fmt.Errorf("alert counts: %w", err)
	}
	defer rows.Close()
	kinds, pending := map[string]int{}, 0
	for rows.Next() {
		var kind, status string
		var n int
		if err := rows.Scan(&kind, &status, &n); err != nil {
			return nil, 0, err
		}
		kinds[kind] += n
		if status == "pending" {
			pending += n
		}
	}
	return kinds, pending, rows.Err()
}

// dbWork is what the database has done so far: transactions committed (autocommitted
// single statements included) and, per table, rows read by scans and index fetches.
type dbWork struct {
	xacts int64
	read  map[string]int64
}

func readDBWork(ctx context.Context, db *sql.DB) (dbWork, error) {
	w := dbWork{read: map[string]int64{}}
	if err := db.QueryRowContext(ctx, `SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`).Scan(&w.xacts); err != nil {
		return w, fmt.Errorf("transactions: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT relname, COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_user_tables`)
	if err != nil {
		return w, fmt.Errorf("rows read: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err != nil {
			return w, err
		}
		w.read[name] = n
	}
	return w, rows.Err()
}

// describeWork says, per close, how many transactions the database committed from before
// to after and how many rows it read from the tables it read most.
func describeWork(before, after dbWork, closes, top int) (xactsPerClose, rowsRead string) {
	n := float64(closes)
	type table struct {
		name string
		rows int64
	}
	var ts []table
	for name, a := range after.read {
		ts = append(ts, table{name, a - before.read[name]})
	}
	slices.SortFunc(ts, func(x, y table) int { return cmp.Or(cmp.Compare(y.rows, x.rows), strings.Compare(x.name, y.name)) })
	var parts []string
	for _, t := range ts[:min(top, len(ts))] {
		parts = append(parts, fmt.Sprintf("%s %.0f", t.name, float64(t.rows)/n))
	}
	return fmt.Sprintf("%.1f", float64(after.xacts-before.xacts)/n), strings.Join(parts, ", ")
}
