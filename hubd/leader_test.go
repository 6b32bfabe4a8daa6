package hubd

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
)

// TestFencedExLeader is the old leader that wakes up after a takeover and tries to write
// the state its successor also writes at the same nonce: its write is refused, and the
// one state at that nonce is the new leader's.
func TestFencedExLeader(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDatabase(t)
	oldSt, newSt := pgtest.OpenStore(t, dsn), pgtest.OpenStore(t, dsn)
	contract, user := common.HexToAddress("0xc0ffee"), common.HexToAddress("0x1234")
	name := termName(contract)
	oldLead, newLead := new(leadership), new(leadership)
	oldHub, newHub := fencedStore{Store: oldSt, lead: oldLead}, fencedStore{Store: newSt, lead: newLead}
	state := func(n int64, hub int64) store.HubState {
		s := channel.NewState(user)
		s.Nonce, s.WeiBalances = big.NewInt(n), [2]*big.Int{big.NewInt(hub), big.NewInt(100 - hub)}
		return store.HubState{Kind: "pay", Detail: json.RawMessage(`{}`), State: s, SigHub: []byte{byte(hub)}, SigUser: []byte{1}}
	}
	write := func(st fencedStore, hs store.HubState) error {
		return st.HubChannel(ctx, contract, user, func(tx store.HubTx) error { return tx.Append(ctx, hs) })
	}
	if err := write(oldHub, state(1, 50)); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("a process that never led wrote: %v", err)
	}
	t1, err := oldSt.BeginTerm(ctx, name, "http://old")
	if err != nil {
		t.Fatal(err)
	}
	oldLead.set(t1)
	if err := write(oldHub, state(1, 50)); err != nil {
		t.Fatal(err)
	}
	// The old leader freezes with its term; the new one takes over and writes nonce 2.
	t2, err := newSt.BeginTerm(ctx, name, "http://new")
	if err != nil {
		t.Fatal(err)
	}
	newLead.set(t2)
	if err := write(newHub, state(2, 60)); err != nil {
		t.Fatal(err)
	}
	// The old leader wakes up believing it leads, and writes its own nonce 2, then 3.
	if err := write(oldHub, state(2, 40)); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("the ex-leader's state at nonce 2: got %v, want ErrFenced", err)
	}
	if err := write(oldHub, state(3, 40)); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("the ex-leader's state at nonce 3: got %v, want ErrFenced", err)
	}
	hs, err := newSt.HubLatest(ctx, contract, user)
	if err != nil || hs.State.Nonce.Int64() != 2 || hs.State.WeiBalances[0].Int64() != 60 {
		t.Fatalf("newest state %+v (%v): want the new leader's nonce 2", hs.State, err)
	}
	// A follower (the lease ended: no term) writes nothing either.
	newLead.end()
	if err := write(newHub, state(3, 70)); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("a follower wrote: %v", err)
	}
}
