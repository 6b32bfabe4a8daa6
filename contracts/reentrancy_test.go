package contracts_test

import (
	"bytes"
	"math/big"
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
	e.checkConservation([]common.Address{e.alice.Addr, e.bob.Addr}, nil)
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
	e.checkConservation([]common.Address{e.alice.Addr, e.bob.Addr}, nil)
}

// TestRefusingReceiverDoesNotBlockSettlement settles a channel whose recipient refuses
// ether: the hub still gets its share, the payout waits in owedWei, and the recipient
// withdraws it later.
func TestRefusingReceiverDoesNotBlockSettlement(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 5, 0, 5, 0)
	addr, rc, r := deployReceiver(t, e)
	e.must(e.send(e.carol, rc, nil, r.PackSetReject(true)))
	s := pay(conf, 1)
	s.Recipient = addr
	reserveBefore, _ := e.reserve()
	if err := e.exitWithUpdate(e.alice, s); err != nil {
		t.Fatal(err)
	}
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.hub, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	owed, _ := bind.Call(e.c.Manager, nil, e.m.PackOwedWei(addr), e.m.UnpackOwedWei)
	if owed.Cmp(eth(4)) != 0 {
		t.Errorf("owed to refusing recipient %s, want 4 ether", owed)
	}
	if w, _ := e.reserve(); new(big.Int).Sub(w, reserveBefore).Cmp(eth(6)) != 0 {
		t.Errorf("hub reserve grew by %s, want 6 ether", new(big.Int).Sub(w, reserveBefore))
	}
	e.checkConservation([]common.Address{e.alice.Addr, addr}, nil)

	e.must(e.send(e.carol, rc, nil, r.PackSetReject(false)))
	e.must(e.send(e.carol, rc, nil, r.PackExecute(e.c.ManagerAddr, e.m.PackWithdrawOwed())))
	if got := e.c.Balance(addr); got.Cmp(eth(4)) != 0 {
		t.Errorf("recipient holds %s after withdrawOwed, want 4 ether", got)
	}
	_, err := e.send(e.carol, e.c.Manager, nil, e.m.PackWithdrawOwed())
	e.expectRevert(err, "NothingOwed")
	e.checkConservation([]common.Address{e.alice.Addr, addr}, nil)
}
