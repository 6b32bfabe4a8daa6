package alert

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// tableWrites is what PostgreSQL counted for the alert tables: rows inserted, updated
// and deleted, and their size on disk with indexes.
type tableWrites struct {
	ins, upd, del, bytes int64
}

// alertTableWrites sums pg_stat_user_tables over the tables named like pattern. Statistics
// reach the view when a backend flushes them (at the latest when it exits), so callers
// close their store first and this polls until the inserts are all counted.
func alertTableWrites(t *testing.T, url, pattern string, wantIns int64) tableWrites {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var w tableWrites
	// The caller checks the counts: a wait that runs out returns the last ones.
	wait.Poll(30*time.Second, func() bool {
		// One connection, so that clearing the snapshot applies to the query after it.
		conn, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		_, err = conn.ExecContext(context.Background(), `SELECT pg_stat_clear_snapshot()`)
		if err == nil {
			err = conn.QueryRowContext(context.Background(), `
				SELECT COALESCE(sum(n_tup_ins), 0), COALESCE(sum(n_tup_upd), 0), COALESCE(sum(n_tup_del), 0),
				       COALESCE(sum(pg_total_relation_size(relid)), 0)
				FROM pg_stat_user_tables WHERE relname LIKE $1`, pattern).Scan(&w.ins, &w.upd, &w.del, &w.bytes)
		}
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		return w.ins >= wantIns
	})
	return w
}

// TestBurstWritesEachRowTwice: 1,000 alerts queued in a burst (a mass exit) and
// delivered to the fake Slack cost each alert row two writes — its insert and its final
// update — whatever grouping, pacing and retries the delivery loop goes through, counted
// by PostgreSQL itself over every alert table; the table stays small.
func TestBurstWritesEachRowTwice(t *testing.T) {
	const n = 1000
	url := pgtest.NewDatabase(t)
	st, err := sqlstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Slack fails now and then (and rate-limits once), so retries and deferrals happen.
	down := map[int]int{2: 503, 5: 429, 9: 500}
	f := newFakeSlack(t, func(n int) int { return down[n] })
	cfg := slackConfig(f, true, st, nil, nil)
	cfg.GroupInterval = 200 * time.Millisecond // several passes of grouping under the burst
	cfg.DetailPerMessage = 20
	s := newSlack(t, cfg)
	stop := runLoop(t, s.Run)
	alerts := massExit(n / 2)[:n/2]
	for i := range n / 2 {
		a := stale(i)
		a.Kind, a.Key, a.TxHash = ChallengeSent, fmt.Sprintf("sent/%d", i), txHash
		alerts = append(alerts, a)
	}
	for i, a := range alerts {
		s.Send(t.Context(), a)
		if i%100 == 99 {
			time.Sleep(30 * time.Millisecond) // the burst lands over several loop passes
		}
	}
	wait.For(t, "every row delivered", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDelivered) == n })
	stop()
	posts, requests := f.snapshot()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	q := alertTableWrites(t, url, "alert_queue", n)
	w := alertTableWrites(t, url, "alert%", n) // with the sinks' leases and the open groups
	perRow := float64(w.ins+w.upd+w.del) / n
	t.Logf("%d alerts → %d Slack posts (%d requests): alert_queue %d inserts, %d updates, %d bytes (%d per alert); "+
		"every alert table %d inserts, %d updates, %d deletes = %.2f writes per alert, %d bytes (%d per alert)",
		n, len(posts), requests, q.ins, q.upd, q.bytes, q.bytes/n, w.ins, w.upd, w.del, perRow, w.bytes, w.bytes/n)
	if q.ins < n {
		t.Fatalf("%d inserts counted, want at least %d: statistics not flushed", q.ins, n)
	}
	if q.ins != n || q.upd != n {
		t.Errorf("alert_queue: %d inserts and %d updates for %d alerts, want one of each per alert", q.ins, q.upd, n)
	}
	if perRow > 2.1 {
		t.Errorf("%.2f writes per alert row over every alert table, want at most about 2 (insert + final update)", perRow)
	}
	if w.bytes/n > 2048 {
		t.Errorf("%d bytes on disk per delivered alert, want at most 2 KiB", w.bytes/n)
	}
}
