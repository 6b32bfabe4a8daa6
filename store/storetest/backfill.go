package storetest

import (
	"context"
	"encoding/json"
	"math/big"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/common"

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

// testLargeRange: a range of many events (a backfill; PostgreSQL takes it with COPY) is
// stored field for field as a small one is — nulls, numbers, hashes, JSON with characters
// COPY escapes — and its channels' views follow; a range that repeats stored events
// (re-applied after the cursor moved back) skips them.
func testLargeRange(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	const n = 1200
	var blocks []store.Block
	var events []store.Event
	for i := range n {
		b := block(uint64(1+i/100), 0)
		if len(blocks) == 0 || blocks[len(blocks)-1] != b {
			blocks = append(blocks, b)
		}
		e := event(b, uint(i%100), store.EventSecretRegistered, common.Address{}, 0, 0)
		e.Side, e.Nonce, e.OnchainNonce, e.Deadline, e.Digest = -1, nil, nil, nil, common.Hash{}
		e.Hashlock, e.Secret = common.BigToHash(big.NewInt(int64(i))), common.BigToHash(big.NewInt(int64(i+n)))
		e.Fields = []byte(`{"note":"tab\t, backslash \\ and\nnewline"}`)
		e.Confirmed = i%2 == 0
		if i == n-1 { // one channel event among them
			e = event(b, uint(i%100), store.EventExitStarted, user(330), 5, 9000)
		}
		events = append(events, e)
	}
	last := blocks[len(blocks)-1]
	must(t, st.ApplyRange(ctx, chainID, nil, last, blocks, events))
	got, err := st.Events(ctx, chainID)
	must(t, err)
	if len(got) != n {
		t.Fatalf("stored %d events, want %d", len(got), n)
	}
	for i, g := range got {
		w := events[i]
		if g.Kind != w.Kind || g.BlockNumber != w.BlockNumber || g.LogIndex != w.LogIndex || g.Hashlock != w.Hashlock || g.Secret != w.Secret ||
			g.User != w.User || g.Side != w.Side || g.Confirmed != w.Confirmed || (w.Nonce == nil) != (g.Nonce == nil) ||
			(w.Nonce != nil && g.Nonce.Cmp(w.Nonce) != 0) {
			t.Fatalf("event %d stored as %+v, applied %+v", i, g, w)
		}
		if w.Kind == store.EventSecretRegistered && !jsonEqual(g.Fields, w.Fields) {
			t.Fatalf("event %d fields %s, applied %s", i, g.Fields, w.Fields)
		}
	}
	ch, err := st.Channel(ctx, contract, user(330))
	must(t, err)
	if ch.Status != store.StatusDisputed || ch.Nonce.Int64() != 5 {
		t.Fatalf("channel after the range: %+v", ch)
	}
	// Back to block 5 (a reorg that changed nothing) and the same blocks again: no duplicate.
	if _, err := st.Rollback(ctx, chainID, blocks[4]); err != nil {
		t.Fatal(err)
	}
	b5 := blocks[4]
	must(t, st.ApplyRange(ctx, chainID, &b5, last, blocks[5:], events[500:]))
	if got, _ := st.Events(ctx, chainID); len(got) != n {
		t.Fatalf("after re-applying: %d events, want %d", len(got), n)
	}
}

// jsonEqual compares two JSON documents by value (PostgreSQL's jsonb reformats them).
func jsonEqual(a, b []byte) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}
