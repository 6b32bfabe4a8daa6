package hub_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// TestWithdrawToAContractWallet: the contract gives a withdrawal's recipient only the
// stipend of a value call; a recipient that needs more (a contract wallet booking it in
// storage) has the payout owed to the user, and the wallet sends it on with all gas. The
// recipient ends with the withdrawal, nothing stays owed, and the next state names the
// user as recipient again.
func TestWithdrawToAContractWallet(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	ctx := t.Context()
	a := e.wallet(e.users[0])
	e.deposit(a, eth(5))
	addr, tx, err := bind.DeployContract(e.c.Opts(e.users[0]), common.FromHex(bindings.TallyMetaData.Bin), e.c.Client, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitDeployed(ctx, e.c.Client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	r, err := a.Withdraw(ctx, client.Ether, eth(2), addr)
	if err != nil {
		t.Fatal(err)
	}
	deferred := false
	for _, l := range r.Logs {
		if _, err := e.c.ManagerABI.UnpackPayoutDeferredEvent(l); err == nil {
			deferred = true
		}
	}
	if !deferred {
		t.Fatal("the withdrawal was not deferred: the test's recipient takes the stipend")
	}
	if got := e.c.Balance(addr); got.Cmp(eth(2)) != 0 {
		t.Errorf("the contract wallet holds %s, want the 2 ether withdrawal", got)
	}
	if w, k, err := a.Owed(ctx); err != nil || w.Sign() != 0 || k.Sign() != 0 {
		t.Errorf("still owed %v wei, %v tokens (%v)", w, k, err)
	}
	e.eventually("the withdrawal to be confirmed", func() bool { return e.settled(a) }, a)
	if s, _ := a.Latest(); s.Recipient != a.Address() {
		t.Errorf("the confirmed state names recipient %s, want the user", s.Recipient)
	}
}
