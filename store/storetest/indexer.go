package storetest

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

func block(n uint64, fork byte) store.Block {
	return store.Block{Number: n, Hash: common.Hash{fork, byte(n >> 8), byte(n)}, Parent: common.Hash{fork, byte((n - 1) >> 8), byte(n - 1)}, Time: 1000 + n}
}

func event(b store.Block, idx uint, kind store.EventKind, u common.Address, nonce, deadline int64) store.Event {
	return store.Event{Contract: contract, BlockNumber: b.Number, BlockHash: b.Hash, TxHash: common.Hash{0xee, byte(idx)},
		LogIndex: idx, Kind: kind, User: u, Sender: hubAddr, Side: 0, Nonce: big.NewInt(nonce), OnchainNonce: big.NewInt(1),
		Deadline: big.NewInt(deadline), Digest: common.Hash{0xdd}, Fields: []byte(`{"k":"v"}`)}
}

func testApplyRange(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	if _, ok, err := st.Cursor(ctx, chainID); err != nil || ok {
		t.Fatalf("cursor before any range: ok %v err %v", ok, err)
	}
	u := user(3)
	b1, b2 := block(1, 0), block(2, 0)
	secret := event(b2, 5, store.EventSecretRegistered, common.Address{}, 0, 0)
	secret.Hashlock, secret.Secret, secret.Nonce, secret.Deadline, secret.Digest = common.Hash{0x41}, common.Hash{0x5e}, nil, nil, common.Hash{}
	evs := []store.Event{event(b1, 0, store.EventChannelUpdated, u, 3, 0), event(b2, 4, store.EventExitStarted, u, 2, 5000), secret}
	must(t, st.ApplyRange(ctx, chainID, nil, b2, []store.Block{b1, b2}, evs))
	cur, ok, err := st.Cursor(ctx, chainID)
	must(t, err)
	if !ok || cur.Number != 2 || cur.Hash != b2.Hash {
		t.Fatalf("cursor = %+v %v", cur, ok)
	}
	// From the wrong cursor: refused, nothing written.
	b3 := block(3, 0)
	if err := st.ApplyRange(ctx, chainID, &b1, b3, []store.Block{b3}, nil); !errors.Is(err, store.ErrCursorMoved) {
		t.Fatalf("wrong prev: got %v, want ErrCursorMoved", err)
	}
	if err := st.ApplyRange(ctx, chainID, nil, b3, []store.Block{b3}, nil); !errors.Is(err, store.ErrCursorMoved) {
		t.Fatalf("second first range: got %v, want ErrCursorMoved", err)
	}
	// The same events again in the next range are skipped.
	must(t, st.ApplyRange(ctx, chainID, &b2, b3, []store.Block{b3, b3}, evs))
	all, err := st.Events(ctx, chainID)
	must(t, err)
	if len(all) != 3 || all[0].Kind != store.EventChannelUpdated || all[1].LogIndex != 4 || all[2].Kind != store.EventSecretRegistered {
		t.Fatalf("events = %+v", all)
	}
	if sr := all[2]; sr.Hashlock != (common.Hash{0x41}) || sr.Secret != (common.Hash{0x5e}) || sr.Nonce != nil || sr.User != (common.Address{}) {
		t.Fatalf("SecretRegistered read back = %+v", sr)
	}
	if err := st.ApplyRange(ctx, chainID, &b3, block(4, 0), nil, []store.Event{{Contract: contract, BlockNumber: 4}}); !errors.Is(err, store.ErrUnknownEvent) {
		t.Fatalf("an event of no kind: got %v, want ErrUnknownEvent", err)
	}
	e := all[1]
	if e.User != u || e.Sender != hubAddr || e.Side != 0 || e.Nonce.Int64() != 2 || e.Deadline.Int64() != 5000 ||
		e.Digest != (common.Hash{0xdd}) || e.TxHash != evs[1].TxHash || e.BlockHash != b2.Hash || e.Confirmed {
		t.Fatalf("event read back = %+v", e)
	}
	ch, err := st.Channel(ctx, contract, u)
	must(t, err)
	want, _ := store.Fold(all)
	if ch.Status != store.StatusDisputed || ch.Nonce.Int64() != 2 || ch.OnchainNonce.Int64() != 1 || ch.Deadline.Int64() != 5000 ||
		ch.LastBlock != 2 || ch.Status != want.Status || ch.Nonce.Cmp(want.Nonce) != 0 {
		t.Fatalf("channel = %+v, fold = %+v", ch, want)
	}
	known, err := st.KnownBlocks(ctx, chainID, 2)
	must(t, err)
	if len(known) != 2 || known[0].Number != 3 || known[1].Number != 2 || known[1].Parent != b2.Parent || known[1].Time != b2.Time {
		t.Fatalf("known blocks = %+v", known)
	}
}

func testRollback(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(4)
	b1, b2, b3 := block(1, 0), block(2, 0), block(3, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b3, []store.Block{b1, b2, b3}, []store.Event{
		event(b1, 0, store.EventChannelUpdated, u, 3, 0),
		event(b2, 0, store.EventExitStarted, u, 2, 5000),
		event(b3, 1, store.EventChallenged, u, 3, 5000),
		event(b3, 0, store.EventSettled, user(5), 1, 0),
	}))
	removed, err := st.Rollback(ctx, chainID, b1)
	must(t, err)
	if len(removed) != 3 || removed[0].BlockNumber != 2 || removed[1].LogIndex != 0 || removed[2].LogIndex != 1 {
		t.Fatalf("removed = %+v, want blocks 2, 3/0, 3/1 in chain order", removed)
	}
	ch, err := st.Channel(ctx, contract, u)
	must(t, err)
	if ch.Status != store.StatusOpen || ch.Nonce.Int64() != 3 || ch.Deadline.Sign() != 0 || ch.LastBlock != 1 {
		t.Fatalf("channel after rollback = %+v, want open at nonce 3", ch)
	}
	if _, err := st.Channel(ctx, contract, user(5)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a channel left without events: got %v, want ErrNotFound", err)
	}
	cur, _, err := st.Cursor(ctx, chainID)
	must(t, err)
	if cur.Number != 1 || cur.Hash != b1.Hash {
		t.Fatalf("cursor after rollback = %+v", cur)
	}
	if known, _ := st.KnownBlocks(ctx, chainID, 0); len(known) != 1 {
		t.Fatalf("blocks after rollback = %+v", known)
	}
	// The other fork is applied on top.
	f2 := block(2, 1)
	f2.Parent = b1.Hash
	must(t, st.ApplyRange(ctx, chainID, &b1, f2, []store.Block{f2}, []store.Event{event(f2, 0, store.EventExitStarted, u, 3, 7000)}))
	if ch, _ := st.Channel(ctx, contract, u); ch.Status != store.StatusDisputed || ch.Deadline.Int64() != 7000 {
		t.Fatalf("channel on the new fork = %+v", ch)
	}
}

func testConfirm(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	b1, b2 := block(1, 0), block(2, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b2, []store.Block{b1, b2}, []store.Event{
		event(b2, 0, store.EventChannelUpdated, user(6), 1, 0), event(b1, 0, store.EventChannelUpdated, user(7), 1, 0)}))
	got, err := st.ConfirmUpTo(ctx, chainID, 1)
	must(t, err)
	if len(got) != 1 || got[0].BlockNumber != 1 || !got[0].Confirmed {
		t.Fatalf("confirmed up to 1 = %+v", got)
	}
	if again, _ := st.ConfirmUpTo(ctx, chainID, 1); len(again) != 0 {
		t.Fatalf("confirming again returned %d events", len(again))
	}
	if got, _ := st.ConfirmUpTo(ctx, chainID, 5); len(got) != 1 || got[0].BlockNumber != 2 {
		t.Fatalf("confirmed up to 5 = %+v", got)
	}
}

func testDisputed(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	b1 := block(1, 0)
	// Deadlines 100, 9 and 10: numeric order is 9, 10, 100.
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{
		event(b1, 0, store.EventExitStarted, user(10), 1, 100),
		event(b1, 1, store.EventExitStarted, user(11), 1, 9),
		event(b1, 2, store.EventExitStarted, user(12), 1, 10),
		event(b1, 3, store.EventChannelUpdated, user(13), 1, 0),
	}))
	ds, err := st.DisputedChannels(ctx)
	must(t, err)
	if len(ds) != 3 || ds[0].Deadline.Int64() != 9 || ds[1].Deadline.Int64() != 10 || ds[2].Deadline.Int64() != 100 {
		t.Fatalf("disputed = %+v, want deadlines 9, 10, 100", ds)
	}
}
