package hub_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// TestUserStaleCloseChallengedByHub: a user who paid 3 ether closes its channel with the
// state from before the payment. The hub's own dispute engine challenges with the newest
// co-signed state and settles: the user gets 7 ether, not 10.
func TestUserStaleCloseChallengedByHub(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, defend: true})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	old, _ := a.Latest() // [0, 10], co-signed
	e.pay(a, b, eth(3))
	latest, _ := a.Latest()

	var stale store.HubState
	if err := e.st.HubChannel(t.Context(), e.c.ManagerAddr, a.Address(), func(tx store.HubTx) error {
		var err error
		stale, err = tx.State(t.Context(), old.Nonce)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	e.chainMu.Lock()
	_, err := e.c.Transact(e.users[0], e.c.Manager, nil, e.c.ManagerABI.PackStartExitWithUpdate(contracts.State(stale.State), stale.SigHub, stale.SigUser))
	e.chainMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	before := e.c.Balance(a.Address())
	e.eventually("the hub to challenge", func() bool {
		ch := e.onchain(a.Address())
		return ch.Nonce.Cmp(latest.Nonce) == 0
	})
	e.advance(11 * time.Minute)
	e.eventually("the hub to settle", func() bool { return e.onchain(a.Address()).Status == contracts.StatusOpen })
	if got := new(big.Int).Sub(e.c.Balance(a.Address()), before); got.Cmp(eth(7)) != 0 {
		t.Errorf("the cheating user received %s, want 7 ether (its latest balance)", got)
	}
}
