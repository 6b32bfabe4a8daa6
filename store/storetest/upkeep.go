package storetest

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/store"
)

func testStats(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	for i := range 3 {
		s := stored(state(user(300+i), 1, 1))
		_, _, err := st.PutState(ctx, s, receipt(s))
		must(t, err)
	}
	b1 := block(1, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{
		event(b1, 0, store.EventExitStarted, user(300), 1, 100), event(b1, 1, store.EventChannelUpdated, user(301), 1, 0)}))
	id, _, err := st.Enqueue(ctx, intent(user(300), 1, store.KindChallenge, 100))
	must(t, err)
	_, _, err = st.Enqueue(ctx, intent(user(301), 1, store.KindChallenge, 100))
	must(t, err)
	must(t, st.Finish(ctx, id, store.TxFailed, "test"))
	got, err := st.Stats(ctx)
	must(t, err)
	counts := map[string]int64{}
	for _, c := range got.Outbox {
		counts[string(c.Kind)+"/"+string(c.Status)] = c.N
	}
	if got.StatesStored != 3 || got.DisputesOpen != 1 || counts["challenge/failed"] != 1 || counts["challenge/queued"] != 1 || len(counts) != 2 {
		t.Fatalf("stats = %+v", got)
	}
}

func testPrune(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(310)
	// Receipts: three nonces of one channel; only the latest was ever kept, so none is left to prune.
	for n := int64(1); n <= 3; n++ {
		s := stored(state(u, n, n))
		_, _, err := st.PutState(ctx, s, receipt(s))
		must(t, err)
	}
	// Auth nonces: one expired, one live.
	must(t, st.NewAuthNonce(ctx, [32]byte{1}, u, time.Now().Add(-time.Hour)))
	must(t, st.NewAuthNonce(ctx, [32]byte{2}, u, time.Now().Add(time.Hour)))
	// Events: an old history (blocks at time 1001..1003), then the cursor far ahead.
	b1, b2, b3 := block(1, 0), block(2, 0), block(3, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b3, []store.Block{b1, b2, b3}, []store.Event{
		event(b1, 0, store.EventChannelUpdated, u, 3, 0),
		event(b2, 0, store.EventExitStarted, u, 2, 5000),
		event(b2, 1, store.EventSecretRegistered, u, 0, 0),
		event(b3, 0, store.EventChallenged, u, 3, 5000),
	}))
	_, err := st.ConfirmUpTo(ctx, chainID, 3)
	must(t, err)
	// Outbox: a finished entry and a live one.
	done, _, err := st.Enqueue(ctx, intent(u, 3, store.KindChallenge, 100))
	must(t, err)
	must(t, st.AddAttempt(ctx, done, store.Attempt{Hash: [32]byte{7}, FeeCap: big.NewInt(1), TipCap: big.NewInt(1), Raw: []byte{1}}))
	must(t, st.Finish(ctx, done, store.TxConfirmed, ""))
	live, _, err := st.Enqueue(ctx, intent(u, 4, store.KindSettle, 100))
	must(t, err)
	before, err := st.Channel(ctx, contract, u)
	must(t, err)

	// Block times are in 1970 (block() uses 1000+n): everything indexed is "old".
	got, err := st.Prune(ctx, store.Prune{Before: time.Now().Add(time.Minute)})
	must(t, err)
	if got.AuthNonces != 1 || got.Receipts != 0 || got.OutboxEntries != 1 || got.Events != 2 {
		t.Fatalf("pruned %+v, want 1 auth nonce, no receipts, 1 outbox entry, 2 events", got)
	}
	again, err := st.Prune(ctx, store.Prune{Before: time.Now().Add(time.Minute)})
	must(t, err)
	if again != (store.Pruned{}) {
		t.Fatalf("a second prune deleted %+v", again)
	}
	// What must survive did.
	if ok, _ := st.UseAuthNonce(ctx, [32]byte{2}, u); !ok {
		t.Error("the live auth nonce was pruned")
	}
	s3 := stored(state(u, 3, 3))
	if r, created, err := st.PutState(ctx, s3, receipt(s3)); err != nil || created || r.Nonce.V.Int64() != 3 {
		t.Errorf("the latest receipt: %v %v %v", r, created, err)
	}
	txs, _ := st.ChannelTxs(ctx, contract, u)
	if len(txs) != 1 || txs[0].ID != live {
		t.Errorf("outbox after prune = %+v, want only the live entry", txs)
	}
	evs, _ := st.Events(ctx, chainID)
	if len(evs) != 2 || evs[0].Kind != store.EventChannelUpdated || evs[1].Kind != store.EventChallenged {
		t.Errorf("events after prune = %+v, want the latest ChannelUpdated and the latest fold event", evs)
	}
	after, err := st.Channel(ctx, contract, u)
	must(t, err)
	if want, _ := store.Fold(evs); after.Status != before.Status || after.Nonce.Cmp(before.Nonce) != 0 ||
		after.OnchainNonce.Cmp(before.OnchainNonce) != 0 || want.Nonce.Cmp(before.Nonce) != 0 || want.Status != before.Status {
		t.Errorf("channel view changed: before %+v, after %+v, fold of what is left %+v", before, after, want)
	}
	if cur, ok, _ := st.Cursor(ctx, chainID); !ok || cur.Number != 3 {
		t.Errorf("cursor after prune = %+v", cur)
	}
}

// testPruneThenRollback: a channel idle past the retention gets a new event, not yet
// confirmed, when the prune runs; then a reorg rolls that event back. The prune kept the
// channel's latest confirmed events, so the view folds back to what it was before the
// event, and the held state stays seen on-chain (an unseen one would be pruned later).
func testPruneThenRollback(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	u := user(320)
	b1, b2, b3 := block(1, 0), block(2, 0), block(3, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b2, []store.Block{b1, b2}, []store.Event{
		event(b1, 0, store.EventChannelUpdated, u, 1, 0),
		event(b2, 0, store.EventChannelUpdated, u, 2, 0),
	}))
	_, err := st.ConfirmUpTo(ctx, chainID, 2)
	must(t, err)
	s := stored(state(u, 5, 2))
	_, _, err = st.PutState(ctx, s, receipt(s))
	must(t, err)
	must(t, st.ApplyRange(ctx, chainID, &b2, b3, []store.Block{b3}, []store.Event{event(b3, 0, store.EventChannelUpdated, u, 3, 0)}))
	before, err := st.Channel(ctx, contract, u)
	must(t, err)
	if before.Nonce.Int64() != 3 {
		t.Fatalf("view at nonce %s before the prune, want 3", before.Nonce)
	}

	// Block times are in 1970: everything confirmed is old enough to prune.
	got, err := st.Prune(ctx, store.Prune{Before: time.Now().Add(time.Minute)})
	must(t, err)
	if got.Events != 1 {
		t.Fatalf("pruned %d events, want 1 (the first ChannelUpdated)", got.Events)
	}
	if _, err := st.Rollback(ctx, chainID, b2); err != nil {
		t.Fatal(err)
	}
	after, err := st.Channel(ctx, contract, u)
	if err != nil || after.Nonce.Int64() != 2 {
		t.Fatalf("view after the rollback: %+v %v, want the channel at nonce 2 as after block 2", after, err)
	}
	if n, err := st.UnseenChannels(ctx, contract); err != nil || n != 0 {
		t.Fatalf("unseen channels after the rollback: %d %v, want 0: the held state is of a channel on-chain", n, err)
	}
}
