package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// AlertStore is the durable alert queue and the user-webhook registrations, as the alert
// sinks consume them, with what operators and the upkeep jobs use.
type AlertStore interface {
	// EnqueueAlert appends a pending alert; it is durable when it returns.
	EnqueueAlert(ctx context.Context, a store.QueuedAlert) (int64, error)
	// PendingAlerts reads up to limit pending alerts of sink with ids above after, in id
	// order.
	PendingAlerts(ctx context.Context, sink string, after int64, limit int) ([]store.QueuedAlert, error)
	// FinishAlerts records pending alerts' final states; a final state stays.
	FinishAlerts(ctx context.Context, done []store.AlertDone) error
	// LeaseAlertSink takes or renews owner's lease on sink until at+lease and reports
	// whether owner holds it; only the holder delivers sink's alerts.
	LeaseAlertSink(ctx context.Context, sink, owner string, at time.Time, lease time.Duration) (bool, error)
	// ReleaseAlertSink gives up owner's lease on sink.
	ReleaseAlertSink(ctx context.Context, sink, owner string) error
	// OpenAlertGroup records a group whose summary is posted and detail is not.
	OpenAlertGroup(ctx context.Context, g store.AlertGroup) (int64, error)
	// AlertGroups returns sink's open groups.
	AlertGroups(ctx context.Context, sink string) ([]store.AlertGroup, error)
	// CloseAlertGroup forgets a group whose detail is all out.
	CloseAlertGroup(ctx context.Context, id int64) error
	// PutUserWebhook records a registration (an empty URL removes it) unless one signed
	// at the same time or later is stored (store.ErrStaleRegistration).
	PutUserWebhook(ctx context.Context, w store.UserWebhook) error
	// UserWebhook returns a channel's registration, or store.ErrNotFound.
	UserWebhook(ctx context.Context, contract, user common.Address) (store.UserWebhook, error)
	// QueuedAlerts returns every alert of a sink still in the table, oldest first.
	QueuedAlerts(ctx context.Context, sink string) ([]store.QueuedAlert, error)
	// PruneAlerts deletes delivered and given-up alerts finished before a time.
	PruneAlerts(ctx context.Context, before time.Time) (int, error)
}

func queued(sink, kind string, prio int, key string) store.QueuedAlert {
	return store.QueuedAlert{Sink: sink, Kind: kind, Severity: prio, Priority: prio, Key: key, Payload: []byte(`{"key":"` + key + `"}`)}
}

func ids(rows []store.QueuedAlert) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func byID(t *testing.T, st AlertStore, sink string) map[int64]store.QueuedAlert {
	t.Helper()
	rows, err := st.QueuedAlerts(context.Background(), sink)
	must(t, err)
	out := map[int64]store.QueuedAlert{}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out
}

// testAlertQueue: pending alerts are read per sink in id order, page by page, without a
// write; a final state is written once with everything the loop kept in memory (attempts,
// last error, message, group) and stays; final rows are the only ones pruned.
func testAlertQueue(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	var want []int64
	for i, q := range []store.QueuedAlert{queued("slack", "challenge_sent", 0, "a"), queued("slack", "challenge_at_risk", 2, "b"),
		queued("slack", "stale_close", 1, "c"), queued("user", "state_stored", 0, "u"), queued("slack", "gas_low", 2, "d")} {
		q.CreatedAt = at.Add(time.Duration(i) * time.Millisecond)
		id, err := st.EnqueueAlert(ctx, q)
		must(t, err)
		want = append(want, id)
	}
	slack := []int64{want[0], want[1], want[2], want[4]}
	got, err := st.PendingAlerts(ctx, "slack", 0, 10)
	must(t, err)
	if !slices.Equal(ids(got), slack) {
		t.Fatalf("pending %v, want %v in id order", ids(got), slack)
	}
	if r := got[1]; r.Kind != "challenge_at_risk" || r.Key != "b" || r.Severity != 2 || r.Priority != 2 || string(r.Payload) != `{"key":"b"}` ||
		r.Status != store.AlertPending || r.Sink != "slack" || !r.CreatedAt.Equal(at.Add(time.Millisecond)) || r.Attempts != 0 {
		t.Fatalf("pending row %+v", r)
	}
	if got, err := st.PendingAlerts(ctx, "slack", 0, 2); err != nil || !slices.Equal(ids(got), slack[:2]) {
		t.Fatalf("first page of 2: %v %v", ids(got), err)
	}
	if got, err := st.PendingAlerts(ctx, "slack", slack[1], 2); err != nil || !slices.Equal(ids(got), slack[2:]) {
		t.Fatalf("page after %d: %v %v", slack[1], ids(got), err)
	}
	if got, err := st.PendingAlerts(ctx, "user", 0, 10); err != nil || !slices.Equal(ids(got), []int64{want[3]}) {
		t.Fatalf("user sink: %v %v", ids(got), err)
	}

	// Final states: delivered in a group after three failures, given up; a second outcome
	// changes nothing; a status that is not final is refused.
	later := at.Add(time.Hour)
	must(t, st.FinishAlerts(ctx, []store.AlertDone{
		{ID: want[1], Status: store.AlertDelivered, Ref: "1700000000.0002", GroupRef: "1700000000.0001", Attempts: 3,
			LastError: "slack server error: 503", At: later},
		{ID: want[0], Status: store.AlertDead, Attempts: 1, LastError: "invalid_blocks", At: later},
	}))
	must(t, st.FinishAlerts(ctx, []store.AlertDone{{ID: want[0], Status: store.AlertDelivered, Ref: "late", At: later}}))
	if err := st.FinishAlerts(ctx, []store.AlertDone{{ID: want[2], Status: store.AlertPending, At: later}}); err == nil {
		t.Fatal("a pending 'final' state was accepted")
	}
	if got, err := st.PendingAlerts(ctx, "slack", 0, 10); err != nil || !slices.Equal(ids(got), []int64{want[2], want[4]}) {
		t.Fatalf("pending after the final states: %v %v", ids(got), err)
	}
	rows := byID(t, st, "slack")
	if r := rows[want[1]]; r.Status != store.AlertDelivered || r.Ref != "1700000000.0002" || r.GroupRef != "1700000000.0001" ||
		r.Attempts != 3 || r.LastError != "slack server error: 503" {
		t.Fatalf("delivered row %+v", r)
	}
	if r := rows[want[0]]; r.Status != store.AlertDead || r.LastError != "invalid_blocks" || r.Ref != "" || r.Attempts != 1 {
		t.Fatalf("dead row %+v", r)
	}
	// Prune removes finished rows before the cut, never pending ones.
	if n, err := st.PruneAlerts(ctx, later); err != nil || n != 0 {
		t.Fatalf("prune before they finished: %d %v", n, err)
	}
	if n, err := st.PruneAlerts(ctx, later.Add(time.Second)); err != nil || n != 2 {
		t.Fatalf("prune: %d %v, want 2", n, err)
	}
	rows = byID(t, st, "slack")
	if len(rows) != 2 || rows[want[2]].Status != store.AlertPending || rows[want[4]].Status != store.AlertPending {
		t.Fatalf("after prune: %+v", rows)
	}
	if n, err := st.PruneAlerts(ctx, later.Add(time.Hour)); err != nil || n != 0 {
		t.Fatalf("second prune: %d %v", n, err)
	}
	if len(byID(t, st, "user")) != 1 {
		t.Fatal("prune of slack touched the user sink")
	}
	// Many ids in one call, in two shapes (the detail messages of one group).
	var many []store.AlertDone
	for i := range 700 {
		id, err := st.EnqueueAlert(ctx, queued("bulk", "stale_close", 1, fmt.Sprint(i)))
		must(t, err)
		many = append(many, store.AlertDone{ID: id, Status: store.AlertDelivered, Ref: fmt.Sprint(i / 350), GroupRef: "g", At: later})
	}
	must(t, st.FinishAlerts(ctx, many))
	if got, err := st.PendingAlerts(ctx, "bulk", 0, 1000); err != nil || len(got) != 0 {
		t.Fatalf("bulk delivered, still pending: %d (%v)", len(got), err)
	}
	if r := byID(t, st, "bulk")[many[699].ID]; r.Ref != "1" || r.GroupRef != "g" || r.Status != store.AlertDelivered {
		t.Fatalf("bulk row %+v", r)
	}
}

// testAlertLease: one delivery loop holds a sink's lease; it renews it, and another
// takes it only once it ran out or was released; sinks are leased apart.
func testAlertLease(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	lease := time.Minute
	for _, step := range []struct {
		owner string
		after time.Duration
		want  bool
	}{
		{"A", 0, true},                 // nobody held it
		{"B", 30 * time.Second, false}, // A's runs to 1m
		{"A", 30 * time.Second, true},  // renewed to 1m30s
		{"B", 80 * time.Second, false}, // still A's
		{"B", 91 * time.Second, true},  // ran out
		{"A", 91 * time.Second, false}, // now B's
	} {
		got, err := st.LeaseAlertSink(ctx, "slack", step.owner, at.Add(step.after), lease)
		must(t, err)
		if got != step.want {
			t.Fatalf("%s at +%s: held %v, want %v", step.owner, step.after, got, step.want)
		}
	}
	if got, err := st.LeaseAlertSink(ctx, "user", "A", at.Add(91*time.Second), lease); err != nil || !got {
		t.Fatalf("another sink: %v %v", got, err)
	}
	must(t, st.ReleaseAlertSink(ctx, "slack", "A")) // not A's: nothing changes
	if got, err := st.LeaseAlertSink(ctx, "slack", "A", at.Add(92*time.Second), lease); err != nil || got {
		t.Fatalf("released by a non-holder, A took it: %v %v", got, err)
	}
	must(t, st.ReleaseAlertSink(ctx, "slack", "B"))
	if got, err := st.LeaseAlertSink(ctx, "slack", "A", at.Add(92*time.Second), lease); err != nil || !got {
		t.Fatalf("after B's release: %v %v", got, err)
	}
}

// testAlertGroups: an open group keeps its summary and members until closed, per sink.
func testAlertGroups(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	big := make([]int64, 1000)
	for i := range big {
		big[i] = int64(1_000_000_000_000 + i)
	}
	var gids []int64
	for _, g := range []store.AlertGroup{{Sink: "slack", Ref: "1700000000.000001", IDs: []int64{3, 5, 8}},
		{Sink: "user", Ref: "posted", IDs: []int64{4}}, {Sink: "slack", Ref: "posted", IDs: big}} {
		id, err := st.OpenAlertGroup(ctx, g)
		must(t, err)
		gids = append(gids, id)
	}
	got, err := st.AlertGroups(ctx, "slack")
	must(t, err)
	if len(got) != 2 || got[0].ID != gids[0] || got[0].Ref != "1700000000.000001" || !slices.Equal(got[0].IDs, []int64{3, 5, 8}) ||
		got[0].Sink != "slack" || got[1].ID != gids[2] || !slices.Equal(got[1].IDs, big) {
		t.Fatalf("slack groups %+v", got)
	}
	must(t, st.CloseAlertGroup(ctx, gids[0]))
	must(t, st.CloseAlertGroup(ctx, gids[0])) // twice: nothing left to close
	if got, err := st.AlertGroups(ctx, "slack"); err != nil || len(got) != 1 || got[0].ID != gids[2] {
		t.Fatalf("after closing one: %+v %v", got, err)
	}
	if got, err := st.AlertGroups(ctx, "user"); err != nil || len(got) != 1 || got[0].Ref != "posted" {
		t.Fatalf("user groups %+v %v", got, err)
	}
}

// testConcurrentLeases: delivery loops on two handles (replicas) taking a sink's lease at
// once, free or run out: exactly one gets it.
func testConcurrentLeases(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	other := st
	if f.Reopen != nil {
		other = f.Reopen(t, st)
	}
	at := time.Now()
	for round := range 20 {
		sink := fmt.Sprintf("sink-%d", round)
		if round%2 == 1 { // a lease that ran out, rather than none
			if ok, err := st.LeaseAlertSink(ctx, sink, "gone", at.Add(-2*time.Hour), time.Hour); err != nil || !ok {
				t.Fatalf("%s: %v %v", sink, ok, err)
			}
		}
		var mu sync.Mutex
		var holders []string
		var wg sync.WaitGroup
		for w, h := range []AlertStore{st, other, st, other} {
			owner := fmt.Sprintf("loop-%d", w)
			wg.Go(func() {
				ok, err := h.LeaseAlertSink(ctx, sink, owner, at, time.Hour)
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					mu.Lock()
					holders = append(holders, owner)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(holders) != 1 {
			t.Fatalf("%s: held by %v, want exactly one loop", sink, holders)
		}
	}
}

// testUserWebhooks: a registration is replaced only by one signed later; a removal
// hides it and still refuses replays of older ones.
func testUserWebhooks(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(60)
	if _, err := st.UserWebhook(ctx, contract, u); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no registration: got %v", err)
	}
	w := store.UserWebhook{Contract: contract, User: u, URL: "https://hooks.slack.com/services/T1/B1/x", Format: "slack", SignedAt: 100}
	must(t, st.PutUserWebhook(ctx, w))
	got, err := st.UserWebhook(ctx, contract, u)
	must(t, err)
	if got.URL != w.URL || got.Format != "slack" || got.SignedAt != 100 || got.Contract != contract || got.User != u || got.UpdatedAt.IsZero() {
		t.Fatalf("registration = %+v", got)
	}
	if _, err := st.UserWebhook(ctx, contract, user(61)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another user's registration: got %v", err)
	}
	for _, signed := range []uint64{100, 99} {
		old := w
		old.URL, old.SignedAt = "https://hooks.slack.com/services/T1/B1/replayed", signed
		if err := st.PutUserWebhook(ctx, old); !errors.Is(err, store.ErrStaleRegistration) {
			t.Fatalf("registration signed at %d after 100: got %v, want ErrStaleRegistration", signed, err)
		}
	}
	w2 := store.UserWebhook{Contract: contract, User: u, URL: "https://example.org/hook", Format: "json", SignedAt: 101}
	must(t, st.PutUserWebhook(ctx, w2))
	if got, err := st.UserWebhook(ctx, contract, u); err != nil || got.URL != w2.URL || got.Format != "json" || got.SignedAt != 101 {
		t.Fatalf("replaced registration = %+v (%v)", got, err)
	}
	must(t, st.PutUserWebhook(ctx, store.UserWebhook{Contract: contract, User: u, Format: "slack", SignedAt: 102}))
	if _, err := st.UserWebhook(ctx, contract, u); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removed registration: got %v", err)
	}
	if err := st.PutUserWebhook(ctx, w2); !errors.Is(err, store.ErrStaleRegistration) {
		t.Fatalf("replay after removal: got %v", err)
	}
	w3 := w
	w3.SignedAt = 103
	must(t, st.PutUserWebhook(ctx, w3))
	if got, err := st.UserWebhook(ctx, contract, u); err != nil || got.URL != w.URL {
		t.Fatalf("registered again: %+v (%v)", got, err)
	}
}
