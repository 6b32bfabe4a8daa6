package storetest

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// lockedState is user u's state at nonce n holding locks, with its locks root.
func lockedState(t *testing.T, u common.Address, n int64, locks []channel.Lock) store.StoredState {
	s := state(u, n, n)
	root, err := channel.LocksRoot(locks)
	must(t, err)
	s.LocksRoot = root
	st := stored(s)
	st.Locks = locks
	return st
}

func testLock(i uint32, sender uint8, hashlock byte) channel.Lock {
	return channel.Lock{Index: i, Sender: sender, AmountWei: big.NewInt(int64(1000 + i)), AmountToken: big.NewInt(int64(i)),
		Hashlock: common.Hash{hashlock}, Expiry: new(big.Int).Lsh(big.NewInt(1), 200)}
}

func sealed(h byte, v byte) store.SealedSecret {
	return store.SealedSecret{Hashlock: common.Hash{h}, Sealed: bytes.Repeat([]byte{v}, 60), Expiry: 5000 + uint64(h)}
}

func secretsOf(t *testing.T, st Store, u common.Address) map[common.Hash][]byte {
	got, err := st.HeldSecrets(context.Background(), contract, u)
	must(t, err)
	out := map[common.Hash][]byte{}
	for _, s := range got {
		out[s.Hashlock] = s.Sealed
	}
	return out
}

// testHeldLocks: a state's locks and its secrets are kept with it; the same state
// deposited again without them (by the hub, which holds it too) erases nothing, and with
// them fills in what was missing, adding secrets and never overwriting one; a newer state
// with its locks drops the secrets of locks it no longer holds; a refused deposit keeps
// nothing it carried.
func testHeldLocks(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	u := user(700)
	locks := []channel.Lock{testLock(0, channel.Hub, 0xa1), testLock(1, channel.User, 0xa2), testLock(2, channel.Hub, 0xa3)}
	s5 := lockedState(t, u, 5, locks)
	// The hub deposits the state first, without its locks.
	bare := s5
	bare.Locks = nil
	if _, created, err := putOne(ctx, st, dep(t, bare, 100)); err != nil || !created {
		t.Fatalf("state without its locks: created %v, %v", created, err)
	}
	if got, err := st.State(ctx, contract, u); err != nil || got.Locks != nil {
		t.Fatalf("locks of a state deposited without them: %v, %v", got.Locks, err)
	}
	// The user deposits the same state with its locks and one secret: both are kept.
	d := dep(t, s5, 101)
	d.Secrets = []store.SealedSecret{sealed(0xa1, 1)}
	if _, created, err := putOne(ctx, st, d); err != nil || created {
		t.Fatalf("the same state with its locks: created %v, %v", created, err)
	}
	got, err := st.State(ctx, contract, u)
	must(t, err)
	if len(got.Locks) != 3 {
		t.Fatalf("locks after the user's deposit: %+v", got.Locks)
	}
	for i, l := range got.Locks {
		if l.Leaf() != locks[i].Leaf() {
			t.Fatalf("lock %d read back as %+v, stored %+v", i, l, locks[i])
		}
	}
	// Again without locks or secrets (the hub), then with another secret and a different
	// sealing of the first: nothing is erased or overwritten, the new one is added.
	if _, _, err := putOne(ctx, st, dep(t, bare, 102)); err != nil {
		t.Fatal(err)
	}
	d = dep(t, s5, 103)
	d.Secrets = []store.SealedSecret{sealed(0xa1, 9), sealed(0xa3, 3)}
	if _, _, err := putOne(ctx, st, d); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.State(ctx, contract, u); len(got.Locks) != 3 {
		t.Fatalf("locks after a deposit without them: %+v", got.Locks)
	}
	sec := secretsOf(t, st, u)
	if len(sec) != 2 || sec[common.Hash{0xa1}][0] != 1 || sec[common.Hash{0xa3}][0] != 3 {
		t.Fatalf("secrets after three deposits of one state: %v", sec)
	}
	// A refused deposit (a different state at the nonce) keeps nothing it carried.
	other := lockedState(t, u, 5, locks[:1])
	other.Digest = common.Hash{0x0f}
	d = dep(t, other, 104)
	d.Secrets = []store.SealedSecret{sealed(0xa4, 4)}
	if _, _, err := putOne(ctx, st, d); err == nil {
		t.Fatal("a different state at the stored nonce was taken")
	}
	if sec := secretsOf(t, st, u); len(sec) != 2 {
		t.Fatalf("secrets after a refused deposit: %v", sec)
	}
	// A newer state with the same locks root deposited without its locks (by the hub)
	// keeps the list, which it commits to too.
	if _, _, err := putOne(ctx, st, dep(t, lockedStateBare(t, u, 6, locks), 105)); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.State(ctx, contract, u); len(got.Locks) != 3 || got.State.Nonce.Int64() != 6 {
		t.Fatalf("a newer state of the same locks root, deposited without them: nonce %s, locks %+v", got.State.Nonce, got.Locks)
	}
	// A newer state without locks given keeps the secrets; one with its locks keeps only
	// theirs.
	if _, _, err := putOne(ctx, st, dep(t, stored(state(u, 7, 7)), 105)); err != nil {
		t.Fatal(err)
	}
	if sec := secretsOf(t, st, u); len(sec) != 2 {
		t.Fatalf("secrets after a newer state without locks given: %v", sec)
	}
	if got, _ := st.State(ctx, contract, u); got.Locks != nil {
		t.Fatalf("a newer state without locks kept the older state's: %+v", got.Locks)
	}
	s7 := lockedState(t, u, 8, []channel.Lock{testLock(0, channel.Hub, 0xa3), testLock(1, channel.Hub, 0xa5)})
	d = dep(t, s7, 106)
	d.Secrets = []store.SealedSecret{sealed(0xa5, 5)}
	if _, created, err := putOne(ctx, st, d); err != nil || !created {
		t.Fatalf("newer state with locks: %v %v", created, err)
	}
	sec = secretsOf(t, st, u)
	if len(sec) != 2 || sec[common.Hash{0xa3}] == nil || sec[common.Hash{0xa5}] == nil {
		t.Fatalf("secrets after a newer state with locks 0xa3, 0xa5: %v", sec)
	}
	if sec := secretsOf(t, st, user(701)); len(sec) != 0 {
		t.Fatalf("secrets of another channel: %v", sec)
	}
}

// lockedStateBare is lockedState deposited without its locks.
func lockedStateBare(t *testing.T, u common.Address, n int64, locks []channel.Lock) store.StoredState {
	s := lockedState(t, u, n, locks)
	s.Locks = nil
	return s
}

// testSecretsDue: channels holding secrets whose locks expire by a time are listed,
// nearest first, each once; dropped secrets are gone.
func testSecretsDue(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	a, b := user(720), user(721)
	for i, u := range []common.Address{a, b} {
		d := dep(t, lockedState(t, u, 4, []channel.Lock{testLock(0, channel.Hub, 0xc0), testLock(1, channel.Hub, 0xc1)}), 100)
		d.Secrets = []store.SealedSecret{sealed(0xc0, 1), sealed(0xc1, 1)}
		d.Secrets[0].Expiry, d.Secrets[1].Expiry = uint64(2000-500*i), 3000
		if _, _, err := putOne(ctx, st, d); err != nil {
			t.Fatal(err)
		}
	}
	due := func(until uint64) []common.Address {
		chs, err := st.SecretsDue(ctx, until)
		must(t, err)
		var out []common.Address
		for _, c := range chs {
			out = append(out, c.User)
		}
		return out
	}
	if got := due(1000); len(got) != 0 {
		t.Fatalf("due by 1000: %v", got)
	}
	if got := due(1600); len(got) != 1 || got[0] != b {
		t.Fatalf("due by 1600: %v, want %s", got, b)
	}
	if got := due(3000); len(got) != 2 || got[0] != b || got[1] != a {
		t.Fatalf("due by 3000: %v, want %s then %s", got, b, a)
	}
	must(t, st.DropSecrets(ctx, contract, b, []common.Hash{{0xc0}}))
	if sec := secretsOf(t, st, b); len(sec) != 1 || sec[common.Hash{0xc1}] == nil {
		t.Fatalf("secrets of %s after dropping one: %v", b, sec)
	}
	if got := due(2500); len(got) != 1 || got[0] != a {
		t.Fatalf("due by 2500 after the drop: %v, want %s", got, a)
	}
	held, err := st.HeldSecrets(ctx, contract, a)
	must(t, err)
	if len(held) != 2 || held[0].Expiry != 2000 || held[1].Expiry != 3000 {
		t.Fatalf("held secrets of %s with their expiries: %+v", a, held)
	}
}

// testSettledLockPools: a held state with locks is listed once a confirmed Settled event
// pays it out, not before, not for another nonce, and no longer once a confirmed
// LockPoolClosed closed its pool or it is marked done.
func testSettledLockPools(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	a, b, c := user(710), user(711), user(712)
	for _, u := range []common.Address{a, b, c} {
		if _, _, err := putOne(ctx, st, dep(t, lockedState(t, u, 4, []channel.Lock{testLock(0, channel.Hub, 0xb0)}), 100)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := putOne(ctx, st, dep(t, stored(state(user(713), 4, 4)), 100)); err != nil { // no locks
		t.Fatal(err)
	}
	pools := func() []common.Address {
		got, err := st.SettledLockPools(ctx)
		must(t, err)
		var out []common.Address
		for _, ch := range got {
			if ch.Nonce.Int64() != 4 {
				t.Fatalf("pool of %s at nonce %s, want 4", ch.User, ch.Nonce)
			}
			out = append(out, ch.User)
		}
		return out
	}
	b1, b2 := block(1, 0), block(2, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{
		event(b1, 0, store.EventSettled, a, 4, 0), event(b1, 1, store.EventSettled, b, 4, 0),
		event(b1, 2, store.EventSettled, c, 3, 0), event(b1, 3, store.EventSettled, user(713), 4, 0)}))
	if got := pools(); len(got) != 0 {
		t.Fatalf("pools before the settlements are confirmed: %v", got)
	}
	_, err := st.ConfirmUpTo(ctx, chainID, 1)
	must(t, err)
	if got := pools(); len(got) != 2 || got[0] != a || got[1] != b {
		t.Fatalf("pools once confirmed: %v, want %s and %s", got, a, b)
	}
	must(t, st.ApplyRange(ctx, chainID, &b1, b2, []store.Block{b2}, []store.Event{event(b2, 0, store.EventLockPoolClosed, a, 4, 0)}))
	_, err = st.ConfirmUpTo(ctx, chainID, 2)
	must(t, err)
	if got := pools(); len(got) != 1 || got[0] != b {
		t.Fatalf("pools after %s's closed: %v", a, got)
	}
	// Newer states deposited after the settlement — with other locks, or none — leave
	// the settled state's locks to resolve.
	if _, _, err := putOne(ctx, st, dep(t, lockedState(t, b, 5, []channel.Lock{testLock(0, channel.User, 0xb1)}), 101)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := putOne(ctx, st, dep(t, lockedState(t, b, 6, []channel.Lock{testLock(0, channel.User, 0xb2)}), 102)); err != nil {
		t.Fatal(err)
	}
	if got := pools(); len(got) != 1 || got[0] != b {
		t.Fatalf("pools after newer states of %s: %v", b, got)
	}
	// Pruning old events keeps the settlement whose locks are still to resolve, though
	// later events of the channel fold its on-chain view.
	b3, b4 := block(3, 0), block(4, 0)
	must(t, st.ApplyRange(ctx, chainID, &b2, b4, []store.Block{b3, b4}, []store.Event{
		event(b3, 0, store.EventChannelUpdated, b, 5, 0), event(b4, 0, store.EventChannelUpdated, b, 6, 0)}))
	_, err = st.ConfirmUpTo(ctx, chainID, 4)
	must(t, err)
	if _, err := st.Prune(ctx, store.Prune{Before: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if got := pools(); len(got) != 1 || got[0] != b {
		t.Fatalf("pools after pruning old events: %v", got)
	}
	settled, locks, err := st.LocksAt(ctx, contract, b, big.NewInt(4))
	must(t, err)
	if settled.Nonce.Int64() != 4 || len(locks) != 1 || locks[0].Hashlock != (common.Hash{0xb0}) {
		t.Fatalf("the settled state's locks after newer deposits: nonce %s, %+v", settled.Nonce, locks)
	}
	if _, _, err := st.LocksAt(ctx, contract, b, big.NewInt(5)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the locks of a state neither latest, on-chain nor settled: %v, want them dropped", err)
	}
	must(t, st.MarkLocksDone(ctx, contract, b, big.NewInt(3))) // another nonce: nothing
	if got := pools(); len(got) != 1 {
		t.Fatalf("pools after marking another nonce done: %v", got)
	}
	must(t, st.MarkLocksDone(ctx, contract, b, big.NewInt(4)))
	if got := pools(); len(got) != 0 {
		t.Fatalf("pools after marking %s done: %v", b, got)
	}
}
