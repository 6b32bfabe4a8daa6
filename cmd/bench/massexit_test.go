package main

import (
	"log/slog"
	"strings"
	"testing"
)

// TestMassExitTiny runs the mass exit at the tiny size and checks what it did, not how
// fast: the tower answered every stale close with the latest state before its deadline
// (the figure fails otherwise) in a later block than the close's, every dispute settled
// paying the user, every alert of it was delivered to the fake Slack, the database grew,
// and the rows say so.
func TestMassExitTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("runs anvil, PostgreSQL and a watchtower process")
	}
	sc, err := scaleOf("tiny")
	if err != nil {
		t.Fatal(err)
	}
	b := &bench{sc: sc, rep: &reporter{}, log: slog.New(slog.DiscardHandler), pgBase: pgBase(), tmp: t.TempDir()}
	r, err := b.runMassExit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	n := sc.massChannels
	if len(r.blocks) != n {
		t.Fatalf("%d channels answered, want %d", len(r.blocks), n)
	}
	if r.blocks[0] < 1 {
		t.Errorf("a challenge in its close's own block: %v", r.blocks)
	}
	for _, kind := range []string{"stale_close", "challenge_sent", "challenge_confirmed", "settle_sent", "settle_done"} {
		if r.alerts[kind] != n {
			t.Errorf("%d %s alerts queued, want one per channel (%d): %v", r.alerts[kind], kind, n, r.alerts)
		}
	}
	if r.pending != 0 || r.posts == 0 {
		t.Errorf("%d alerts pending, %d Slack posts: every alert should have reached the fake Slack", r.pending, r.posts)
	}
	if r.after.bytes <= r.before.bytes {
		t.Errorf("database %d bytes before the exit, %d after", r.before.bytes, r.after.bytes)
	}
	rows := r.rows()
	if len(rows) != 3 {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	median, most, kb := rows[0], rows[1], rows[2]
	if median.Unit != "blocks" || most.Unit != "blocks" || median.Value < 1 || median.Value > most.Value {
		t.Errorf("blocks to a challenge: median %v %s, max %v %s", median.Value, median.Unit, most.Value, most.Unit)
	}
	if kb.Unit != "KB" || kb.Value <= 0 || kb.Ceiling == nil || *kb.Ceiling != 20 {
		t.Errorf("growth row: %+v", kb)
	}
	if tables, _ := kb.Params["tables_per_channel"].(string); !strings.Contains(tables, "alert_queue") {
		t.Errorf("the growth row does not name the alert queue among the tables that grew: %q", tables)
	}
}
