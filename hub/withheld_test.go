package hub_test

import (
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestWithheldClaimIsCollected: a payee asks to claim hub first and keeps the hub's
// signed claim without ever co-signing it through the API. Signing it, the payee holds a
// state that pays it the lock on-chain; the hub has given the payment away, so it must
// collect from the payer at once, with the secret the claim carried, not when (if ever)
// the payee co-signs.
func TestWithheldClaimIsCollected(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	// The payee's co-signature of its own claim never reaches the hub.
	hh.refuseCosignIf = func(c wire.HubCosign) bool {
		for _, r := range hh.requests {
			if r.Update.Kind == channel.KindClaim && r.Nonce.V.Cmp(c.Nonce.V) == 0 {
				return true
			}
		}
		return false
	}
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], hh.via)
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	e.eventually("the hub to collect the payment from its payer", func() bool {
		p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted
	}, bob, alice)
	hh.mu.Lock()
	defer hh.mu.Unlock()
	if len(hh.refusedCos) == 0 {
		t.Fatal("the payee's claim was never withheld: the test did not test")
	}
}
