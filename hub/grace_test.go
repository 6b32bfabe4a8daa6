package hub_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
)

// TestWithheldCollectRegisteredAfterGrace: the payee claims early in a payment's life and
// the payer never co-signs the hub's claim of its lock. The hub registers the secret once
// the grace has passed, not lock_margin before the payer's lock expires: a payer that
// withholds many collections does not get them all published in the last minutes.
func TestWithheldCollectRegisteredAfterGrace(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: func(c *hub.Config) { c.CollectGrace = 40 }})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(5))
	e.deposit(b, eth(5))
	e.collateral(b)
	hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	// Only the payee syncs: it co-signs the lock and claims; the payer withholds.
	e.eventually("the payee to claim", func() bool { return e.paymentStatus(hl) == store.PayClaimed }, b)
	var at uint64
	e.eventually("the secret to be registered", func() bool {
		v, err := bind.Call(e.c.Manager, nil, e.c.ManagerABI.PackSecretRegisteredAt(hl), e.c.ManagerABI.UnpackSecretRegisteredAt)
		at = v.Uint64()
		return err == nil && at != 0
	}, b)
	p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
	if err != nil {
		t.Fatal(err)
	}
	if p.ClaimedAt == 0 || at < p.ClaimedAt+40 {
		t.Errorf("registered at %d, claimed at %d: want it after the 40s grace", at, p.ClaimedAt)
	}
	if at+hub.DefaultLockMargin >= p.PayerExpiry {
		t.Errorf("registered at %d, within lock_margin of the payer's expiry %d: want it soon after the grace (claimed at %d)",
			at, p.PayerExpiry, p.ClaimedAt)
	}
	if p.Status != store.PayClaimed {
		t.Errorf("payment %s, want still claimed: the payer withholds", p.Status)
	}
}
