package hub_test

import (
	"errors"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// inject has the hostile hub show w the proposal p, alone, and take w's co-signature of
// it itself: the real hub never made it.
func (h *hostileHub) inject(p wire.HubState) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.rewrite = func(ch *wire.HubChannel) { ch.Proposals = []wire.HubState{p} }
	h.swallowCosign = func(c wire.HubCosign) bool { return c.Nonce.V.Cmp(p.State.Nonce) == 0 }
}

// syncInjected syncs w with the injected proposal p shown and reports whether w co-signed
// it; the error is Sync's.
func syncInjected(t *testing.T, w *client.Wallet, p wire.HubState) (bool, error) {
	t.Helper()
	err := w.Sync(t.Context())
	s, _ := w.Latest()
	return s.Nonce.Cmp(p.State.Nonce) == 0, err
}

// TestHostileReclaimOfRegisteredLockRefused: Bob holds an incoming payment and its secret
// is registered on-chain before the lock's expiry; he never claims it off-chain. Once the
// lock has expired, a hostile hub proposes to take it back (a reclaim, the refund of its
// own lock): on-chain the lock is Bob's, paid by the registration. His wallet reads the
// registration from the chain and refuses. Without a registration the same reclaim is
// fair, and co-signed.
func TestHostileReclaimOfRegisteredLockRefused(t *testing.T) {
	for _, tc := range []struct {
		name     string
		register bool
	}{
		{"secret registered in time", true},
		{"secret never registered", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 2, configure: shortLocks})
			hh := newHostileHub(t, e)
			alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], hh.via, manualClaim)
			hl, secret := e.heldPayment(alice, bob, eth(5))
			if tc.register {
				if _, err := bob.RegisterSecret(t.Context(), secret); err != nil {
					t.Fatal(err)
				}
			}
			e.advance(2 * time.Minute) // past both locks' expiry
			reclaim := e.hubSigned(t, bob, wire.RoleReclaim, channel.Update{Kind: channel.KindRefund, Hashlock: &hl, Now: e.now()})
			hh.inject(reclaim)
			signed, err := syncInjected(t, bob, reclaim)
			if !tc.register {
				if err != nil || !signed {
					t.Fatalf("the reclaim of an expired lock whose secret was never registered: co-signed %v, %v; want co-signed", signed, err)
				}
				return
			}
			if !errors.Is(err, client.ErrUnfair) || signed {
				t.Fatalf("the reclaim of a lock whose secret was registered in time: co-signed %v, %v; want refused with ErrUnfair", signed, err)
			}
			if _, locks := bob.Latest(); channel.FindLock(locks, hl) == nil {
				t.Fatal("bob's wallet no longer holds the lock")
			}
		})
	}
}

// TestHostileLateCollectRefused: Alice pays; the hub withholds the payment from the payee
// but learns the secret. After Alice's lock has expired it proposes to collect the lock
// with the secret. Unless the secret was registered on-chain by the lock's expiry, the
// contract would return the lock to Alice: her wallet refuses. Registered in time, the
// lock is the hub's and the collect is co-signed.
func TestHostileLateCollectRefused(t *testing.T) {
	for _, tc := range []struct {
		name     string
		register bool
	}{
		{"secret never registered", false},
		{"secret registered in time", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 2, configure: shortLocks})
			hub.SetWithhold(e.h, func(store.Payment) bool { return true })
			hh := newHostileHub(t, e)
			alice, bob := e.wallet(e.users[0], hh.via), e.wallet(e.users[1])
			e.deposit(alice, eth(5))
			e.deposit(bob, eth(5))
			e.collateral(bob)
			hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
			if err != nil {
				t.Fatal(err)
			}
			secret, ok := alice.Secret(hl)
			if !ok {
				t.Fatal("alice's wallet keeps no secret of its payment")
			}
			if tc.register {
				// Who sends the registration does not matter; it counts from its block.
				if _, err := bob.RegisterSecret(t.Context(), secret); err != nil {
					t.Fatal(err)
				}
			}
			e.advance(2 * time.Minute) // past the lock's expiry
			collect := e.hubSigned(t, alice, wire.RoleCollect, channel.Update{Kind: channel.KindClaim, Secret: &secret})
			hh.inject(collect)
			signed, err := syncInjected(t, alice, collect)
			if tc.register {
				if err != nil || !signed {
					t.Fatalf("the collect of a lock whose secret was registered in time: co-signed %v, %v; want co-signed", signed, err)
				}
				return
			}
			if !errors.Is(err, client.ErrUnfair) || signed {
				t.Fatalf("the collect of an expired lock whose secret was never registered: co-signed %v, %v; want refused with ErrUnfair", signed, err)
			}
			if _, locks := alice.Latest(); channel.FindLock(locks, hl) == nil {
				t.Fatal("alice's wallet no longer holds its lock")
			}
		})
	}
}

// TestHostileProposalTimeoutBounded: no update may follow a proposal until it is
// confirmed or invalidated, and it may be invalidated only after its timeout: a timeout
// far away freezes the channel. A wallet co-signs a top-up only when its timeout is
// within the hub's advertised maximum, capped by the wallet's own (an hour by default);
// a minute past the bound is taken for its node lagging the hub's (not yet). The wallet's
// own deposit stays within a hub's shorter maximum.
func TestHostileProposalTimeoutBounded(t *testing.T) {
	topUp := func(e *env, w *client.Wallet, timeout uint64) wire.HubState {
		ops := channel.NewOps()
		ops.Wei[channel.HubDeposit] = eth(1)
		me := w.Address()
		return e.hubSigned(t, w, wire.RoleCollateral, channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &me, Timeout: timeout})
	}
	const year = 365 * 24 * 3600
	for _, tc := range []struct {
		name      string
		hubMax    uint64        // the hub's ProposalTimeout (0: its default, an hour)
		walletMax time.Duration // the wallet's cap (0: its default, an hour)
		deposit   bool          // the wallet deposits first, through its own proposal
		after     uint64        // the top-up's timeout, seconds after chain now
		want      error         // nil: co-signed
	}{
		{name: "years away", after: 10 * year, want: client.ErrUnfair},
		{name: "beyond the hub's advertised maximum", hubMax: 600, after: 1800, want: client.ErrUnfair},
		{name: "beyond the wallet's default cap", hubMax: 3 * 3600, after: 2 * 3600, want: client.ErrUnfair},
		{name: "beyond the wallet's configured cap", walletMax: 10 * time.Minute, after: 1200, want: client.ErrUnfair},
		{name: "just past the bound", hubMax: 600, after: 630, want: client.ErrNotYet},
		{name: "within both", hubMax: 600, deposit: true, after: 600},
		{name: "within a larger configured cap", hubMax: 3 * 3600, walletMax: 3 * time.Hour, after: 2 * 3600},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 1, configure: func(c *hub.Config) { c.ProposalTimeout = tc.hubMax }})
			hh := newHostileHub(t, e)
			bob := e.wallet(e.users[0], hh.via, func(c *client.Config) { c.MaxProposalTimeout = tc.walletMax })
			if tc.deposit {
				e.deposit(bob, eth(5))
			}
			p := topUp(e, bob, e.now()+tc.after)
			hh.inject(p)
			signed, err := syncInjected(t, bob, p)
			if tc.want == nil {
				if err != nil || !signed {
					t.Fatalf("a top-up %ds away: co-signed %v, %v; want co-signed", tc.after, signed, err)
				}
				return
			}
			if !errors.Is(err, tc.want) || signed {
				t.Fatalf("a top-up %ds away: co-signed %v, %v; want refused with %v", tc.after, signed, err, tc.want)
			}
		})
	}
}

// TestExitWithNewestFinalState: Bob is paid, then a hostile hub gets him to co-sign a
// top-up it never executes. His newest co-signed state is that proposal, which the
// contract refuses in a dispute; his wallet, reopened from its file, exits with the
// newest final state — the one holding the payment — not with the older on-chain state.
func TestExitWithNewestFinalState(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	path := filepath.Join(t.TempDir(), "bob.json")
	at := func(c *client.Config) { c.StatePath = path }
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], hh.via, at)
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	e.pay(alice, bob, eth(2))
	e.eventually("bob's state to settle", func() bool { return e.settled(bob) }, bob)
	final, _ := bob.Latest()
	if final.WeiBalances[channel.User].Cmp(eth(7)) != 0 {
		t.Fatalf("bob holds %s wei after the payment, want 7 ether", final.WeiBalances[channel.User])
	}

	ops := channel.NewOps()
	ops.Wei[channel.HubDeposit] = eth(1)
	me := bob.Address()
	topUp := e.hubSigned(t, bob, wire.RoleCollateral, channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &me, Timeout: e.now() + 1800})
	hh.inject(topUp)
	if signed, err := syncInjected(t, bob, topUp); err != nil || !signed {
		t.Fatalf("the fair top-up: co-signed %v, %v", signed, err)
	}

	bob = e.wallet(e.users[1], hh.via, at) // the newest final state comes from the file
	if s, _ := bob.Latest(); s.Timeout.Sign() == 0 {
		t.Fatal("bob's newest state is not the proposal")
	}
	r, err := bob.Exit(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ch := e.onchain(bob.Address())
	if ch.Nonce.Cmp(final.Nonce) != 0 || ch.WeiBalances[channel.User].Cmp(final.WeiBalances[channel.User]) < 0 {
		t.Fatalf("bob exited with nonce %s giving him %s wei; want nonce %s and at least %s", ch.Nonce, ch.WeiBalances[channel.User],
			final.Nonce, final.WeiBalances[channel.User])
	}
	deadline, err := bob.ExitDeadline(r)
	if err != nil {
		t.Fatal(err)
	}
	e.advance(time.Duration(deadline-e.now()+1) * time.Second)
	before := e.c.Balance(bob.Address())
	r, err = bob.Settle(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	got := new(big.Int).Sub(e.c.Balance(bob.Address()), before)
	got.Add(got, new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice))
	if got.Cmp(final.WeiBalances[channel.User]) < 0 {
		t.Fatalf("bob's settlement paid him %s wei, want at least %s", got, final.WeiBalances[channel.User])
	}
}

// TestHostileForwardUnderPayersSecretNotClaimed: Alice pays and the answer is lost (her
// request is kept, with its secret). The hub then proposes to her a lock of its own of one
// wei under her payment's hashlock. Co-signing a lock toward her is safe; claiming it would
// hand the hub the secret of her own payment, with which it collects her lock once she
// co-signs it, paying Bob nothing. Her wallet co-signs it and does not claim it.
func TestHostileForwardUnderPayersSecretNotClaimed(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	alice, bob := e.wallet(e.users[0], hh.via), e.wallet(e.users[1])
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(alice)
	e.collateral(bob)
	hh.mu.Lock()
	hh.loseAnswer = 1
	hh.mu.Unlock()
	hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
	if err == nil {
		t.Fatal("a payment whose answer was lost reported success")
	}
	secret, ok := alice.Secret(hl)
	if !ok {
		t.Fatal("alice's wallet keeps no secret of its unanswered payment")
	}
	trap := e.hubSigned(t, alice, wire.RoleForward, channel.Update{Kind: channel.KindLock, Lock: &channel.Lock{Sender: channel.Hub,
		AmountWei: big.NewInt(1), AmountToken: new(big.Int), Hashlock: hl, Expiry: new(big.Int).SetUint64(e.now() + 600)}})
	hh.inject(trap)
	hh.mu.Lock()
	hh.requests = nil
	hh.mu.Unlock()
	if signed, err := syncInjected(t, alice, trap); err != nil || !signed {
		t.Fatalf("a lock toward alice: co-signed %v, %v; want co-signed", signed, err)
	}
	hh.mu.Lock()
	defer hh.mu.Unlock()
	for _, r := range hh.requests {
		if r.Update.Secret != nil && *r.Update.Secret == secret {
			t.Fatal("alice's wallet sent the secret of her own payment to claim the hub's lock under it")
		}
	}
}
