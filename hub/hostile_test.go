package hub_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/wire"
)

// hubSigned is a proposal of update u after the wallet's co-signed state, as the hub
// would make it (signed with its key), in role.
func (e *env) hubSigned(t *testing.T, w *client.Wallet, role string, u channel.Update) wire.HubState {
	t.Helper()
	prev, locks := w.Latest()
	next, nextLocks, err := u.Apply(prev, locks)
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.c.Domain.Digest(next)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := channel.Sign(d, e.c.Accounts[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	detail, _ := json.Marshal(wire.Detail{Update: u})
	return wire.HubState{Role: role, Detail: detail, State: next, Locks: nextLocks, SigHub: sig}
}

// TestHostileProposalsRefused: Bob holds an incoming payment, unclaimed, and a hub that
// means him harm proposes, signed with its key: to cancel that payment (a cancel gives a
// lock back to its sender, here the hub), and a fair top-up sent with an empty lock list
// beside it. His wallet refuses the cancel, and keeps the lock list the top-up gives, not
// the one sent: the payment stays his, its secret kept.
func TestHostileProposalsRefused(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], hh.via, manualClaim)
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	e.eventually("the payment to reach bob", func() bool {
		_, locks := bob.Latest()
		l := channel.FindLock(locks, hl)
		return l != nil && l.Sender == channel.Hub
	}, bob, alice)
	before, _ := bob.Latest()

	cancel := e.hubSigned(t, bob, wire.RoleReturn, channel.Update{Kind: channel.KindCancel, Hashlock: &hl})
	hh.mu.Lock()
	hh.rewrite = func(ch *wire.HubChannel) { ch.Proposals = append(ch.Proposals, cancel) }
	hh.mu.Unlock()
	if err := bob.Sync(t.Context()); !errors.Is(err, client.ErrUnfair) {
		t.Fatalf("sync with the hub proposing to cancel bob's incoming payment: %v, want ErrUnfair", err)
	}
	if s, locks := bob.Latest(); s.Nonce.Cmp(before.Nonce) != 0 || channel.FindLock(locks, hl) == nil {
		t.Fatalf("bob's wallet moved to nonce %s (from %s) or lost the payment's lock", s.Nonce, before.Nonce)
	}

	hh.mu.Lock()
	hh.rewrite = func(ch *wire.HubChannel) {
		for i := range ch.Proposals {
			ch.Proposals[i].Locks = []channel.Lock{}
		}
	}
	hh.mu.Unlock()
	if err := bob.RequestCollateral(t.Context()); err != nil {
		t.Fatal(err)
	}
	e.eventually("the top-up to be co-signed", func() bool {
		s, _ := bob.Latest()
		return s.Nonce.Cmp(before.Nonce) > 0
	}, bob)
	if _, locks := bob.Latest(); channel.FindLock(locks, hl) == nil {
		t.Fatalf("bob's wallet keeps %d locks after a proposal sent with none: it took the hub's list, not the state's", len(locks))
	}
	hh.mu.Lock()
	hh.rewrite = nil
	hh.mu.Unlock()
}
