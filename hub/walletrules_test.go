package hub_test

import (
	"errors"
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
