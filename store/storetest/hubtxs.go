package storetest

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// testHubTxs: the hub's kinds are queued like the engine's, keys as large as a hashlock
// read as a number included; LatestTx finds a key's newest arm; CancelTx cancels only a
// queued entry without an account nonce; the deadline-critical kinds come first, the
// hub's others before settlements.
func testHubTxs(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	kinds := []struct {
		key, other store.TxKey // other: the same kind, another key
	}{
		{store.HubUpdateKey{StateNonce: big.NewInt(7)}, store.HubUpdateKey{StateNonce: big.NewInt(8)}},
		{store.SecretKey{Hashlock: common.MaxHash}, store.SecretKey{Hashlock: common.Hash{1}}}, // 2^256 - 1 read as a number
		{store.SecretsKey{Batch: common.MaxHash}, store.SecretsKey{Batch: common.Hash{1}}},
		{store.ResolveKey{SettledNonce: big.NewInt(1 << 62), Round: 3}, store.ResolveKey{SettledNonce: big.NewInt(1 << 62), Round: 4}},
	}
	for i, k := range kinds {
		in := intent(user(600+i), 0, k.key.Kind(), 100)
		in.SetKey(k.key)
		id, created, err := st.Enqueue(ctx, in)
		must(t, err)
		if !created {
			t.Fatalf("%s: not created", k.key.Kind())
		}
		got, err := st.LatestTx(ctx, contract, in.User, k.key)
		must(t, err)
		if got.ID != id || got.Kind != k.key.Kind() || got.Nonce.Cmp(k.key.Encode()) != 0 || got.Status != store.TxQueued {
			t.Fatalf("%s: latest %+v, want entry %d with key %s", k.key.Kind(), got, id, k.key)
		}
		if back, err := got.Key(); err != nil || back.Encode().Cmp(k.key.Encode()) != 0 || back.String() != k.key.String() {
			t.Fatalf("%s: key read back %v (%v), want %s", k.key.Kind(), back, err, k.key)
		}
		if _, err := st.LatestTx(ctx, contract, in.User, k.other); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("%s: another key: %v, want ErrNotFound", k.key.Kind(), err)
		}
	}

	// The newest arm, with its attempts.
	u := user(610)
	in := intent(u, 9, store.KindHubUpdate, 100)
	first, _, err := st.Enqueue(ctx, in)
	must(t, err)
	_, err = signNext(ctx, st, first, chainID, sender, 0, 21000, attemptAt(0x61))
	must(t, err)
	must(t, st.MarkIncluded(ctx, first, attempt(0x61, 0).Hash, 5, common.Hash{5}, false))
	if got, err := st.LatestTx(ctx, contract, u, store.HubUpdateKey{StateNonce: big.NewInt(9)}); err != nil || got.ID != first ||
		got.Status != store.TxIncluded || got.Succeeded || len(got.Attempts) != 1 {
		t.Fatalf("included reverted: %+v %v", got, err)
	}
	second, created, err := st.Enqueue(ctx, in)
	must(t, err)
	if !created {
		t.Fatal("a reverted hub update was not armed again")
	}
	if got, err := st.LatestTx(ctx, contract, u, store.HubUpdateKey{StateNonce: big.NewInt(9)}); err != nil || got.ID != second || got.Arm != 1 {
		t.Fatalf("latest after re-arming: %+v %v, want entry %d at arm 1", got, err, second)
	}

	// CancelTx: a queued entry without a nonce only.
	if ok, err := st.CancelTx(ctx, first, "too late"); err != nil || ok {
		t.Fatalf("cancel an included entry: %v %v", ok, err)
	}
	if ok, err := st.CancelTx(ctx, second, "nothing left to do"); err != nil || !ok {
		t.Fatalf("cancel a queued entry: %v %v", ok, err)
	}
	if got := find(t, st, u, second); got.Status != store.TxCancelled || got.LastError != "nothing left to do" {
		t.Fatalf("cancelled entry: %+v", got)
	}
	if ok, err := st.CancelTx(ctx, second, "again"); err != nil || ok {
		t.Fatalf("cancel twice: %v %v", ok, err)
	}

	// Order: challenges and secrets by deadline, then the hub's others, then settlements.
	st2 := f.New(t)
	enqueue := func(i int, kind store.TxKind, deadline uint64) int64 {
		id, _, err := st2.Enqueue(ctx, intent(user(620+i), 1, kind, deadline))
		must(t, err)
		return id
	}
	settle := enqueue(0, store.KindSettle, 10)
	update := enqueue(1, store.KindHubUpdate, 20)
	resolve := enqueue(2, store.KindResolveLocks, 15)
	secret := enqueue(3, store.KindRegisterSecret, 900)
	challenge := enqueue(4, store.KindChallenge, 500)
	batch := enqueue(5, store.KindRegisterSecrets, 950)
	active, err := st2.ActiveTxs(ctx, chainID, sender)
	must(t, err)
	var order []int64
	for _, tx := range active {
		order = append(order, tx.ID)
	}
	want := []int64{challenge, secret, batch, resolve, update, settle}
	if len(order) != len(want) {
		t.Fatalf("active %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("active order %v, want challenge, secret, batch of secrets, resolution, update, settle %v", order, want)
		}
	}
}
