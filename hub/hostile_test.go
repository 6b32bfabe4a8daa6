package hub_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/wire"
)

// hubSigned is a proposal of update u after the wallet's co-signed state, as the hub
// would make it (signed with its key), in role.
func (e *env) hubSigned(t *testing.T, w *client.Wallet, role string, u channel.Update) wire.HubState {
	t.Helper()
	return e.hubSignedDetail(t, w, role, wire.Detail{Update: u})
}

// hubSignedDetail is hubSigned with the proposal's whole detail.
func (e *env) hubSignedDetail(t *testing.T, w *client.Wallet, role string, detail wire.Detail) wire.HubState {
	t.Helper()
	u := detail.Update
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
	b, _ := json.Marshal(detail)
	return wire.HubState{Role: role, Detail: b, State: next, Locks: nextLocks, SigHub: sig}
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

// TestHostileOnchainProposalsRefused: a hostile hub gets Bob to co-sign a top-up it never
// executes (the proposal is fair; the hub keeps his co-signature, refusing it), then
// proposes to confirm it — as if executed — and to invalidate it before its timeout,
// while it could still execute it. Bob's wallet checks both against its own node and
// refuses both: either would leave his later states unusable on-chain.
func TestHostileOnchainProposalsRefused(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	hh := newHostileHub(t, e)
	bob := e.wallet(e.users[0], hh.via)
	e.deposit(bob, eth(5))
	ops := channel.NewOps()
	ops.Wei[channel.HubDeposit] = eth(1)
	me := bob.Address()
	topUp := e.hubSigned(t, bob, wire.RoleCollateral, channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &me, Timeout: e.now() + 3600})
	hh.mu.Lock()
	hh.rewrite = func(ch *wire.HubChannel) { ch.Proposals = append(ch.Proposals, topUp) }
	hh.refuseCosignIf = func(c wire.HubCosign) bool { return c.Nonce.V.Cmp(topUp.State.Nonce) == 0 }
	hh.mu.Unlock()
	_ = bob.Sync(t.Context()) // co-signs the top-up; the hub refuses the co-signature, keeping it
	if s, _ := bob.Latest(); s.Nonce.Cmp(topUp.State.Nonce) != 0 || !s.HasPending() {
		t.Fatalf("bob's wallet at nonce %s, want the top-up's %s co-signed", s.Nonce, topUp.State.Nonce)
	}

	for _, u := range []channel.Update{{Kind: channel.KindConfirm}, {Kind: channel.KindInvalidate}} {
		role := map[string]string{channel.KindConfirm: wire.RoleConfirm, channel.KindInvalidate: wire.RoleInvalidate}[u.Kind]
		p := e.hubSigned(t, bob, role, u)
		hh.mu.Lock()
		hh.rewrite = func(ch *wire.HubChannel) { ch.Proposals = []wire.HubState{p} }
		hh.mu.Unlock()
		if err := bob.Sync(t.Context()); !errors.Is(err, client.ErrUnfair) {
			t.Errorf("the hub proposing to %s a top-up it never executed, whose timeout is ahead: %v, want ErrUnfair", u.Kind, err)
		}
		if s, _ := bob.Latest(); s.Nonce.Cmp(topUp.State.Nonce) != 0 {
			t.Fatalf("bob's wallet signed the %s: at nonce %s", u.Kind, s.Nonce)
		}
	}
}

// TestHostileForwardRefused: a hostile hub takes Alice's payment to Bob and forwards it
// shaved to 1 wei, then with a lock already expired (the claim would reveal the secret,
// with which the hub collects Alice's lock, and the hub need not pay an expired one). The
// payer sealed the amounts with the secret, which the hub cannot read or remake: Bob's
// wallet refuses both forwards, signing nothing; the true forward it takes, and is paid.
func TestHostileForwardRefused(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], hh.via)
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	before, _ := bob.Latest()
	for _, forge := range []struct {
		name   string
		change func(*channel.Lock)
	}{
		{"shaved to 1 wei", func(l *channel.Lock) { l.AmountWei = big.NewInt(1) }},
		{"already expired", func(l *channel.Lock) { l.Expiry = new(big.Int).SetUint64(e.now() - 1) }},
	} {
		var forged []wire.HubState
		hh.mu.Lock()
		hh.rewrite = func(ch *wire.HubChannel) {
			for i, p := range ch.Proposals {
				var d wire.Detail
				if p.Role != wire.RoleForward || json.Unmarshal(p.Detail, &d) != nil {
					continue
				}
				l := *d.Update.Lock
				forge.change(&l)
				d.Update.Lock = &l
				ch.Proposals[i] = e.hubSignedDetail(t, bob, wire.RoleForward, d)
				forged = append(forged, ch.Proposals[i])
			}
		}
		hh.mu.Unlock()
		if forge.name == "shaved to 1 wei" {
			if _, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1)); err != nil {
				t.Fatal(err)
			}
		}
		err := bob.Sync(t.Context())
		hh.mu.Lock()
		n := len(forged)
		hh.mu.Unlock()
		if n == 0 {
			t.Fatalf("%s: no forward to forge: the test proves nothing", forge.name)
		}
		if !errors.Is(err, client.ErrUnfair) {
			t.Errorf("a forward %s: %v, want ErrUnfair", forge.name, err)
		}
		if s, _ := bob.Latest(); s.Nonce.Cmp(before.Nonce) != 0 {
			t.Fatalf("a forward %s: bob's wallet signed it (nonce %s, was %s)", forge.name, s.Nonce, before.Nonce)
		}
	}
	hh.mu.Lock()
	hh.rewrite = nil
	hh.mu.Unlock()
	e.eventually("bob to be paid", func() bool { _, u := balance(bob); return u.Cmp(eth(6)) == 0 }, bob, alice)
}
