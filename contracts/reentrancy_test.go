package contracts_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// settleableBob leaves bob's channel disputed past its deadline, so that settle(bob) would
// succeed for anyone: the call a re-entering contract tries.
func settleableBob(t *testing.T, e *env) {
	t.Helper()
	e.open(e.bob, 1, 1, 1, 1)
	if err := e.startExit(e.bob, e.bob.Addr); err != nil {
		t.Fatal(err)
	}
	e.advance(challengePeriod * time.Second)
}

func bobStillDisputed(t *testing.T, e *env) {
	t.Helper()
	if ch := e.channel(e.bob.Addr); ch.Status != 1 {
		t.Errorf("bob's channel was settled by a re-entrant call")
	}
}

var reentrancySelector = bindings.ChannelManagerReentrancyErrorID().Bytes()[:4]

func TestReenteringTokenIsStopped(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 1, 10, 1, 1)
	settleableBob(t, e)
	e.must(e.send(e.hub, e.c.Token, nil, e.tok.PackSetReenter(e.c.ManagerAddr, e.m.PackSettle(e.bob.Addr))))

	// The token calls back into the manager while paying the user's withdrawal.
	s := conf.Clone()
	s.Nonce.SetInt64(3)
	s.OnchainNonce.SetInt64(2)
	s.TokenBalances[channel.User] = eth(7)
	s.PendingToken[channel.UserWithdrawal] = eth(3)
	s.Timeout.SetUint64(e.c.Now() + 600)
	if err := e.hubUpdate(s); err != nil {
		t.Fatal(err)
	}
	ok, _ := bind.Call(e.c.Token, nil, e.tok.PackLastReenterOk(), e.tok.UnpackLastReenterOk)
	res, _ := bind.Call(e.c.Token, nil, e.tok.PackLastReenterResult(), e.tok.UnpackLastReenterResult)
	if ok || !bytes.HasPrefix(res, reentrancySelector) {
		t.Errorf("re-entrant settle: ok=%v result=%x, want a Reentrancy revert", ok, res)
	}
	bobStillDisputed(t, e)
	e.checkConservation()
}

func deployReceiver(t *testing.T, e *env) (common.Address, *bind.BoundContract, *bindings.Receiver) {
	t.Helper()
	r := bindings.NewReceiver()
	addr, tx, err := bind.DeployContract(e.c.Opts(e.carol), common.FromHex(bindings.ReceiverMetaData.Bin), e.c.Client, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.Mine(tx); err != nil {
		t.Fatal(err)
	}
	return addr, r.Instance(e.c.Client, addr), r
}

// TestReenteringReceiverIsStopped: a withdrawal recipient that tries to re-enter gets only
// the stipend of a value call, too little to try; its payout is owed to the user, who has
// it sent on with all gas, where the re-entry is refused.
func TestReenteringReceiverIsStopped(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 5, 0, 1, 0)
	settleableBob(t, e)
	addr, rc, r := deployReceiver(t, e)
	e.must(e.send(e.carol, rc, nil, r.PackSetReenter(e.c.ManagerAddr, e.m.PackSettle(e.bob.Addr))))

	s := conf.Clone()
	s.Nonce.SetInt64(3)
	s.OnchainNonce.SetInt64(2)
	s.Recipient = addr
	s.WeiBalances[channel.User] = eth(3)
	s.PendingWei[channel.UserWithdrawal] = eth(2)
	s.Timeout.SetUint64(e.c.Now() + 600)
	if err := e.userUpdate(e.alice, s, nil); err != nil {
		t.Fatal(err)
	}
	if attempted, _ := bind.Call(rc, nil, r.PackReenterAttempted(), r.UnpackReenterAttempted); attempted {
		t.Error("the recipient had gas to re-enter with")
	}
	if w, _ := e.owed(e.alice.Addr); w.Cmp(eth(2)) != 0 {
		t.Errorf("owed to the user %s, want the 2 ether withdrawal", w)
	}
	e.must(e.send(e.alice, e.c.Manager, nil, e.m.PackWithdrawOwed(channel.AssetWei, addr)))
	attempted, _ := bind.Call(rc, nil, r.PackReenterAttempted(), r.UnpackReenterAttempted)
	ok, _ := bind.Call(rc, nil, r.PackLastReenterOk(), r.UnpackLastReenterOk)
	res, _ := bind.Call(rc, nil, r.PackLastReenterResult(), r.UnpackLastReenterResult)
	if !attempted || ok || !bytes.HasPrefix(res, reentrancySelector) {
		t.Errorf("re-entrant settle: attempted=%v ok=%v result=%x, want a Reentrancy revert", attempted, ok, res)
	}
	if got := e.c.Balance(addr); got.Cmp(eth(2)) != 0 {
		t.Errorf("receiver holds %s, want its 2 ether withdrawal", got)
	}
	bobStillDisputed(t, e)
	e.checkConservation()
}
