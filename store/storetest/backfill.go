package storetest

import (
	"context"
	"testing"

	"github.com/vigil-hub/vigil/store"
)

// testConfirmedAtInsert: an event applied already confirmed (a backfill's events, deeper
// than the confirmation depth) is stored confirmed, and ConfirmUpTo does not hand it out
// again; the others are confirmed as before.
func testConfirmedAtInsert(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	b1, b2 := block(1, 0), block(2, 0)
	deep := event(b1, 0, store.EventChannelUpdated, user(320), 1, 0)
	deep.Confirmed = true
	must(t, st.ApplyRange(ctx, chainID, nil, b2, []store.Block{b1, b2}, []store.Event{deep, event(b2, 0, store.EventChannelUpdated, user(321), 1, 0)}))
	evs, err := st.Events(ctx, chainID)
	must(t, err)
	if len(evs) != 2 || !evs[0].Confirmed || evs[1].Confirmed {
		t.Fatalf("events = %+v, want the first stored confirmed", evs)
	}
	got, err := st.ConfirmUpTo(ctx, chainID, 2)
	must(t, err)
	if len(got) != 1 || got[0].User != user(321) {
		t.Fatalf("confirmed up to 2 = %+v, want only the event stored unconfirmed", got)
	}
}
