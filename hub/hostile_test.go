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
	p, err := e.hubSignedDetail(w, role, wire.Detail{Update: u})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// hubSignedDetail is hubSigned with the proposal's whole detail, for use off the test's
// goroutine.
func (e *env) hubSignedDetail(w *client.Wallet, role string, detail wire.Detail) (wire.HubState, error) {
	prev, locks := w.Latest()
	return e.hubSignedOn(prev, locks, role, detail)
}

// hubSignedOn is the hub's proposal of detail's update on top of prev and its locks,
// signed with the hub's key.
func (e *env) hubSignedOn(prev *channel.State, locks []channel.Lock, role string, detail wire.Detail) (wire.HubState, error) {
	next, nextLocks, err := detail.Update.Apply(prev, locks)
	if err != nil {
		return wire.HubState{}, err
	}
	d, err := e.c.Domain.Digest(next)
	if err != nil {
		return wire.HubState{}, err
	}
	sig, err := channel.Sign(d, e.c.Accounts[0].Key)
	if err != nil {
		return wire.HubState{}, err
	}
	b, _ := json.Marshal(detail)
	return wire.HubState{Role: role, Detail: b, State: next, Locks: nextLocks, SigHub: sig}, nil
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
	hl, _ := e.heldPayment(alice, bob, eth(5))
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
// refuses both, until its node shows them due: either would leave his later states
// unusable on-chain.
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
		if err := bob.Sync(t.Context()); !errors.Is(err, client.ErrNotYet) {
			t.Errorf("the hub proposing to %s a top-up it never executed, whose timeout is ahead: %v, want ErrNotYet", u.Kind, err)
		}
		if s, _ := bob.Latest(); s.Nonce.Cmp(topUp.State.Nonce) != 0 {
			t.Fatalf("bob's wallet signed the %s: at nonce %s", u.Kind, s.Nonce)
		}
	}
}

// TestShortForwardNotClaimed: a hostile hub takes Alice's payment to Bob and forwards it
// shaved to 1 wei, or with a lock already expired, and takes Bob's co-signature. A lock
// toward Bob is safe to co-sign (refusing it would stall his channel: the hub's later
// proposals follow it); what matters is the claim, which hands the hub the secret to
// collect Alice's whole lock with. The payer sealed the amounts with the secret, which the
// hub can neither read nor remake: Bob's wallet keeps no secret of either forward and sends
// no claim; each lock expires back to the hub.
func TestShortForwardNotClaimed(t *testing.T) {
	for _, forge := range []struct {
		name   string
		change func(e *env, l *channel.Lock)
	}{
		{"shaved to 1 wei", func(_ *env, l *channel.Lock) { l.AmountWei = big.NewInt(1) }},
		{"already expired", func(e *env, l *channel.Lock) { l.Expiry = new(big.Int).SetUint64(e.now() - 1) }},
	} {
		t.Run(forge.name, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 2})
			hh := newHostileHub(t, e)
			alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], hh.via)
			e.deposit(alice, eth(5))
			e.deposit(bob, eth(5))
			e.collateral(bob)
			var forged []wire.HubState
			var forgeErr error
			hh.mu.Lock()
			hh.rewrite = func(ch *wire.HubChannel) {
				if len(forged) > 0 { // Bob holds the forged forward; the real one stays unseen
					ch.Proposals = nil
					return
				}
				for i, p := range ch.Proposals {
					var d wire.Detail
					if p.Role != wire.RoleForward || json.Unmarshal(p.Detail, &d) != nil {
						continue
					}
					l := *d.Update.Lock
					forge.change(e, &l)
					d.Update.Lock = &l
					f, err := e.hubSignedDetail(bob, wire.RoleForward, d)
					if err != nil {
						forgeErr = err
						continue
					}
					ch.Proposals[i] = f
					forged = append(forged, f)
				}
			}
			hh.swallowCosign = func(c wire.HubCosign) bool {
				for _, f := range forged {
					if f.State.Nonce.Cmp(c.Nonce.V) == 0 {
						return true
					}
				}
				return false
			}
			hh.mu.Unlock()
			hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
			if err != nil {
				t.Fatal(err)
			}
			e.eventually("bob to co-sign the forged forward", func() bool {
				_, locks := bob.Latest()
				return channel.FindLock(locks, hl) != nil
			}, bob)
			if err := bob.Sync(t.Context()); err != nil { // and claim what it would claim
				t.Logf("sync: %v", err)
			}
			hh.mu.Lock()
			defer hh.mu.Unlock()
			if forgeErr != nil || len(forged) == 0 {
				t.Fatalf("no forward forged (%v): the test proves nothing", forgeErr)
			}
			if _, kept := bob.Secret(hl); kept {
				t.Error("bob's wallet kept the secret of a forward " + forge.name)
			}
			for _, r := range hh.requests {
				if r.Update.Kind == channel.KindClaim {
					t.Errorf("bob's wallet sent a claim of a forward %s: the hub holds the secret", forge.name)
				}
			}
		})
	}
}
