package storetest

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

func testStates(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(1)
	if _, err := st.State(ctx, contract, u); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no state yet: got %v", err)
	}
	s5 := stored(state(u, 5, 50))
	r, created, err := st.PutState(ctx, s5, receipt(s5))
	must(t, err)
	if !created || r.Nonce.V.Int64() != 5 {
		t.Fatalf("first deposit: created %v receipt nonce %v", created, r.Nonce.V)
	}
	// The same state again: the first receipt, not a new one.
	again := receipt(s5)
	again.IssuedAt++
	r2, created, err := st.PutState(ctx, s5, again)
	must(t, err)
	if created || r2.IssuedAt != r.IssuedAt || string(r2.Signature) != string(r.Signature) {
		t.Fatalf("re-deposit: created %v, receipt %+v, want the first %+v", created, r2, r)
	}
	// A different state at the same nonce, and an older one, change nothing.
	twin := stored(state(u, 5, 51))
	twin.Digest = common.HexToHash("0xbad")
	if _, _, err := st.PutState(ctx, twin, receipt(twin)); !errors.Is(err, store.ErrNonceConflict) {
		t.Fatalf("twin: got %v, want ErrNonceConflict", err)
	}
	s4 := stored(state(u, 4, 40))
	if _, _, err := st.PutState(ctx, s4, receipt(s4)); !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("older: got %v, want ErrStaleNonce", err)
	}
	got, err := st.State(ctx, contract, u)
	must(t, err)
	if got.State.Nonce.Int64() != 5 || got.State.WeiBalances[channel.User].Int64() != 50 || got.Digest != s5.Digest ||
		string(got.SigHub) != "\x01\x02" || string(got.SigUser) != "\x03\x04" || got.Superseded || got.ReceivedAt.IsZero() {
		t.Fatalf("stored state = %+v", got)
	}
	s6 := stored(state(u, 6, 60))
	_, created, err = st.PutState(ctx, s6, receipt(s6))
	must(t, err)
	if got, _ := st.State(ctx, contract, u); !created || got.State.Nonce.Int64() != 6 {
		t.Fatalf("newer: created %v, stored nonce %v", created, got.State.Nonce)
	}
}

// testNumericNonces catches a backend that compares numbers as text: 9 < 10, and
// numbers beyond 64 bits.
func testNumericNonces(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(2)
	for _, n := range []int64{9, 10, 99, 100} {
		s := stored(state(u, n, n))
		if _, _, err := st.PutState(ctx, s, receipt(s)); err != nil {
			t.Fatalf("nonce %d after a lower one: %v", n, err)
		}
	}
	huge := new(big.Int).Lsh(big.NewInt(1), 200)
	s := stored(state(u, 0, 1))
	s.State.Nonce = huge
	if _, _, err := st.PutState(ctx, s, receipt(s)); err != nil {
		t.Fatalf("nonce 2^200: %v", err)
	}
	s = stored(state(u, 101, 1))
	if _, _, err := st.PutState(ctx, s, receipt(s)); !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("nonce 101 after 2^200: got %v, want ErrStaleNonce", err)
	}
	got, err := st.State(ctx, contract, u)
	must(t, err)
	if got.State.Nonce.Cmp(huge) != 0 {
		t.Fatalf("stored nonce %s, want 2^200", got.State.Nonce)
	}
	// MarkSuperseded compares numerically too.
	if ok, err := st.MarkSuperseded(ctx, contract, u, new(big.Int).Sub(huge, big.NewInt(1))); err != nil || ok {
		t.Fatalf("superseded below its own nonce: %v %v", ok, err)
	}
	if ok, err := st.MarkSuperseded(ctx, contract, u, new(big.Int).Add(huge, big.NewInt(1))); err != nil || !ok {
		t.Fatalf("superseded above its nonce: %v %v", ok, err)
	}
}

func testSettlePolicy(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(30)
	if _, ok, err := st.SettlePolicy(ctx, contract, u); err != nil || ok {
		t.Fatalf("no override: ok %v err %v", ok, err)
	}
	must(t, st.SetSettlePolicy(ctx, contract, u, false))
	must(t, st.SetSettlePolicy(ctx, contract, u, true))
	if auto, ok, err := st.SettlePolicy(ctx, contract, u); err != nil || !ok || !auto {
		t.Fatalf("override: auto %v ok %v err %v", auto, ok, err)
	}
	s := stored(state(u, 4, 1))
	_, _, err := st.PutState(ctx, s, receipt(s))
	must(t, err)
	if ok, _ := st.MarkSuperseded(ctx, contract, u, big.NewInt(4)); ok {
		t.Fatal("a state at the on-chain nonce is not superseded")
	}
	if ok, _ := st.MarkSuperseded(ctx, contract, u, big.NewInt(5)); !ok {
		t.Fatal("a state below the on-chain nonce is superseded")
	}
	if ok, _ := st.MarkSuperseded(ctx, contract, u, big.NewInt(6)); ok {
		t.Fatal("marking twice reported a change")
	}
	if got, _ := st.State(ctx, contract, u); !got.Superseded {
		t.Fatal("state not flagged superseded")
	}
	// A newer deposit clears the flag.
	s = stored(state(u, 7, 1))
	_, _, err = st.PutState(ctx, s, receipt(s))
	must(t, err)
	if got, _ := st.State(ctx, contract, u); got.Superseded {
		t.Fatal("a newer state inherited the superseded flag")
	}
}
