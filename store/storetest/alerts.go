package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/store"
)

// AlertStore is the durable alert queue and the user-webhook registrations, as the alert
// sinks consume them, with what operators and the upkeep jobs use.
type AlertStore interface {
	alert.UserStore
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

// testAlertQueue: claims come highest priority first then oldest, per sink; a lease keeps
// other owners off until it runs out or is released; retries wait; delivered and dead
// rows are final and the only ones pruned.
func testAlertQueue(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	lease := time.Minute
	var want []int64
	for i, q := range []store.QueuedAlert{queued("slack", "challenge_sent", 0, "a"), queued("slack", "challenge_at_risk", 2, "b"),
		queued("slack", "stale_close", 1, "c"), queued("user", "state_stored", 0, "u"), queued("slack", "gas_low", 2, "d")} {
		q.CreatedAt = at.Add(time.Duration(i) * time.Millisecond)
		id, err := st.EnqueueAlert(ctx, q)
		must(t, err)
		want = append(want, id)
	}
	order := []int64{want[1], want[4], want[2], want[0]} // priority 2, 2, 1, 0; oldest first within one
	got, err := st.ClaimAlerts(ctx, "slack", "A", at, lease, 10)
	must(t, err)
	if !slices.Equal(ids(got), order) {
		t.Fatalf("claim order %v, want %v", ids(got), order)
	}
	if r := got[0]; r.Kind != "challenge_at_risk" || r.Key != "b" || r.Severity != 2 || string(r.Payload) != `{"key":"b"}` ||
		r.Status != store.AlertPending || r.Sink != "slack" || !r.CreatedAt.Equal(at.Add(time.Millisecond)) {
		t.Fatalf("claimed row %+v", r)
	}
	if got, err := st.ClaimAlerts(ctx, "slack", "A", at, lease, 2); err != nil || !slices.Equal(ids(got), order[:2]) {
		t.Fatalf("claim with limit 2: %v %v", ids(got), err)
	}
	if got, err := st.ClaimAlerts(ctx, "slack", "B", at.Add(30*time.Second), lease, 10); err != nil || len(got) != 0 {
		t.Fatalf("another owner during the lease got %v (%v)", ids(got), err)
	}
	if got, err := st.ClaimAlerts(ctx, "user", "B", at, lease, 10); err != nil || !slices.Equal(ids(got), []int64{want[3]}) {
		t.Fatalf("user sink claim: %v %v", ids(got), err)
	}
	// A's lease runs out: B takes over; B releases: A takes them back at once.
	later := at.Add(2 * lease)
	if got, err := st.ClaimAlerts(ctx, "slack", "B", later, lease, 10); err != nil || len(got) != 4 {
		t.Fatalf("after the lease ran out B got %v (%v)", ids(got), err)
	}
	must(t, st.ReleaseAlerts(ctx, "slack", "B"))
	if got, err := st.ClaimAlerts(ctx, "slack", "A", later, lease, 10); err != nil || len(got) != 4 {
		t.Fatalf("after release A got %v (%v)", ids(got), err)
	}

	// Group, retry, deliver, give up.
	must(t, st.AlertsGrouped(ctx, []int64{want[1], want[4]}, "1700000000.0001"))
	must(t, st.AlertsRetry(ctx, []int64{want[2]}, "slack server error: 503", later.Add(time.Hour)))
	must(t, st.AlertsDefer(ctx, []int64{want[4]}, later.Add(time.Minute)))
	if got, err := st.ClaimAlerts(ctx, "slack", "A", later, lease, 10); err != nil || slices.Contains(ids(got), want[4]) {
		t.Fatalf("a deferred alert was claimed before its time: %v (%v)", ids(got), err)
	}
	must(t, st.AlertsDefer(ctx, []int64{want[4]}, later))
	must(t, st.AlertsDelivered(ctx, []int64{want[1]}, "1700000000.0002", later))
	must(t, st.AlertsDead(ctx, []int64{want[0]}, "invalid_blocks", later))
	must(t, st.AlertsDelivered(ctx, []int64{want[0]}, "late", later)) // final stays final
	got, err = st.ClaimAlerts(ctx, "slack", "A", later, lease, 10)
	must(t, err)
	if !slices.Equal(ids(got), []int64{want[4]}) || got[0].GroupRef != "1700000000.0001" || got[0].Attempts != 0 {
		t.Fatalf("after marking: claimed %+v, want only %d with its group ref", got, want[4])
	}
	got, err = st.ClaimAlerts(ctx, "slack", "A", later.Add(2*time.Hour), lease, 10)
	must(t, err)
	if !slices.Equal(ids(got), []int64{want[4], want[2]}) || got[1].Attempts != 1 || got[1].LastError != "slack server error: 503" {
		t.Fatalf("after the retry time: claimed %+v", got)
	}
	rows := byID(t, st, "slack")
	if r := rows[want[1]]; r.Status != store.AlertDelivered || r.Ref != "1700000000.0002" || r.GroupRef != "1700000000.0001" {
		t.Fatalf("delivered row %+v", r)
	}
	if r := rows[want[0]]; r.Status != store.AlertDead || r.LastError != "invalid_blocks" || r.Ref != "" {
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
	// Many ids in one call.
	var many []int64
	for i := range 700 {
		id, err := st.EnqueueAlert(ctx, queued("bulk", "stale_close", 1, fmt.Sprint(i)))
		must(t, err)
		many = append(many, id)
	}
	must(t, st.AlertsDelivered(ctx, many, "bulk", later))
	if got, err := st.ClaimAlerts(ctx, "bulk", "A", later, lease, 1000); err != nil || len(got) != 0 {
		t.Fatalf("bulk delivered, still claimable: %d (%v)", len(got), err)
	}
}

// testConcurrentClaims: delivery loops on two handles (replicas) claiming at once never
// both receive a row.
func testConcurrentClaims(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	other := st
	if f.Reopen != nil {
		other = f.Reopen(t, st)
	}
	const n = 200
	for i := range n {
		_, err := st.EnqueueAlert(ctx, queued("slack", "stale_close", i%3, fmt.Sprint(i)))
		must(t, err)
	}
	at := time.Now()
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	for w, h := range []AlertStore{st, other, st, other} {
		owner := fmt.Sprintf("loop-%d", w)
		wg.Go(func() {
			for {
				got, err := h.ClaimAlerts(ctx, "slack", owner, at, time.Hour, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, r := range got {
					if prev, ok := seen[r.ID]; ok {
						t.Errorf("alert %d claimed by %s and %s", r.ID, prev, owner)
					}
					seen[r.ID] = owner
				}
				mu.Unlock()
				if err := h.AlertsDelivered(ctx, ids(got), owner, at); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Fatalf("%d of %d alerts claimed", len(seen), n)
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
