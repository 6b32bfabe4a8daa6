package contracts_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// pay returns the state after s in which the user paid amount wei to the hub.
func pay(s *channel.State, amount int64) *channel.State {
	n := s.Clone()
	n.Nonce.Add(n.Nonce, big.NewInt(1))
	n.WeiBalances[channel.User] = new(big.Int).Sub(n.WeiBalances[channel.User], eth(amount))
	n.WeiBalances[channel.Hub] = new(big.Int).Add(n.WeiBalances[channel.Hub], eth(amount))
	return n
}

// TestStaleCloseAnsweredByThirdParty is the whole dispute story: the hub closes with a
// stale state, a watchtower that is neither hub nor user answers with the newer co-signed
// state, and settle pays exactly the newer state's balances with every wei accounted for.
func TestStaleCloseAnsweredByThirdParty(t *testing.T) {
	e := newEnv(t)
	s2 := e.open(e.alice, 10, 0, 10, 0) // [hub 10, user 10]
	s3 := pay(s2, 3)                    // [13, 7]: the hub would rather have this
	s4 := pay(s3, -5)                   // [8, 12]: the latest, held by the watchtower
	s4.TokenBalances = s3.TokenBalances

	contractBefore := e.c.Balance(e.c.ManagerAddr)
	reserveBefore, _ := e.reserve()
	userBefore := e.c.Balance(e.alice.Addr)

	if err := e.exitWithUpdate(e.hub, s3); err != nil {
		t.Fatal(err)
	}
	ch := e.channel(e.alice.Addr)
	if ch.Status != contracts.StatusDisputed || ch.Nonce.Int64() != 3 {
		t.Fatalf("after stale exit: status %d nonce %s, want disputed at 3", ch.Status, ch.Nonce)
	}
	deadline := ch.Deadline
	if err := e.challenge(e.carol, s4); err != nil {
		t.Fatal(err)
	}
	ev := lastEvent(t, e, e.m.UnpackChallengedEvent)
	digest, _ := e.c.Domain.Digest(s4)
	if ev.User != e.alice.Addr || ev.Sender != e.carol.Addr || ev.Side != contracts.SideOther ||
		ev.Nonce.Int64() != 4 || ev.Deadline.Cmp(deadline) != 0 || ev.Digest != digest {
		t.Errorf("Challenged event %+v does not describe the watchtower's answer", ev)
	}
	e.expectRevert(e.settle(e.carol, e.alice.Addr), "DeadlineNotReached")
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.carol, e.alice.Addr); err != nil {
		t.Fatal(err)
	}

	userGot := new(big.Int).Sub(e.c.Balance(e.alice.Addr), userBefore)
	if userGot.Cmp(eth(12)) != 0 {
		t.Errorf("user received %s wei, want the newer state's 12 ether", userGot)
	}
	reserveAfter, _ := e.reserve()
	if d := new(big.Int).Sub(reserveAfter, reserveBefore); d.Cmp(eth(8)) != 0 {
		t.Errorf("hub reserve grew by %s, want the newer state's 8 ether", d)
	}
	// Every wei the contract held is now paid out or in the reserve.
	contractAfter := e.c.Balance(e.c.ManagerAddr)
	if paid := new(big.Int).Sub(contractBefore, contractAfter); paid.Cmp(userGot) != 0 {
		t.Errorf("contract paid out %s, user received %s", paid, userGot)
	}
	if contractAfter.Cmp(reserveAfter) != 0 {
		t.Errorf("contract holds %s after settle, reserve is %s", contractAfter, reserveAfter)
	}
	ch = e.channel(e.alice.Addr)
	if ch.Status != contracts.StatusOpen || ch.Nonce.Int64() != 4 || ch.OnchainNonce.Int64() != 1 {
		t.Errorf("after settle: status %d nonces %s/%s, want open 4/1", ch.Status, ch.Nonce, ch.OnchainNonce)
	}
	// Old states can never be replayed into the reopened channel.
	e.expectRevert(e.exitWithUpdate(e.hub, s3), "StaleNonce")
	e.checkConservation()
}

func lastEvent[T any](t *testing.T, e *env, unpack func(*types.Log) (*T, error)) *T {
	t.Helper()
	logs, err := e.c.Client.FilterLogs(t.Context(), filterLatest(e))
	if err != nil {
		t.Fatal(err)
	}
	for i := len(logs) - 1; i >= 0; i-- {
		if v, err := unpack(&logs[i]); err == nil {
			return v
		}
	}
	t.Fatalf("no matching event in the latest block")
	return nil
}

func TestDisputeRejections(t *testing.T) {
	e := newEnv(t)
	s2 := e.open(e.alice, 10, 0, 10, 0)
	s3 := pay(s2, 1)
	s4 := pay(s3, 1)

	e.expectRevert(e.startExit(e.carol, e.alice.Addr), "NotParty")
	e.expectRevert(e.startExit(e.hub, e.bob.Addr), "ChannelNotOpened")
	e.expectRevert(e.challenge(e.carol, s4), "ChannelNotDisputed")
	e.expectRevert(e.settle(e.carol, e.alice.Addr), "ChannelNotDisputed")

	withTimeout := s3.Clone()
	withTimeout.Timeout.SetUint64(e.c.Now() + 1000)
	e.expectRevert(e.exitWithUpdate(e.hub, withTimeout), "NonZeroTimeout")

	if err := e.exitWithUpdate(e.alice, s3); err != nil {
		t.Fatal(err)
	}
	e.expectRevert(e.startExit(e.hub, e.alice.Addr), "ChannelDisputed")
	e.expectRevert(e.challenge(e.carol, s3), "StaleNonce") // equal nonce
	e.expectRevert(e.challenge(e.carol, s2), "StaleNonce") // lower nonce
	timeoutChallenge := s4.Clone()
	timeoutChallenge.Timeout.SetUint64(e.c.Now() + 1000)
	e.expectRevert(e.challenge(e.carol, timeoutChallenge), "NonZeroTimeout")
	lowOnchain := s4.Clone()
	lowOnchain.OnchainNonce.SetInt64(0)
	e.expectRevert(e.challenge(e.carol, lowOnchain), "OnchainNonceTooLow")
	creates := s4.Clone()
	creates.WeiBalances[channel.User] = eth(100)
	e.expectRevert(e.challenge(e.carol, creates), "BalanceMismatch")

	forged := s4.Clone()
	h, _ := e.sigs(forged)
	_, err := e.send(e.carol, e.c.Manager, nil, e.m.PackChallenge(contracts.State(forged), h, e.signWith(e.c.Domain, forged, e.bob.Addr)))
	e.expectRevert(err, "InvalidSignature")
	_, err = e.send(e.carol, e.c.Manager, nil, e.m.PackChallenge(contracts.State(forged),
		e.signWith(channel.Domain{ChainID: big.NewInt(5), Contract: e.c.ManagerAddr}, forged, e.hub.Addr),
		e.signWith(e.c.Domain, forged, e.alice.Addr)))
	e.expectRevert(err, "InvalidSignature")

	// Newer states keep replacing the disputed one until the deadline.
	if err := e.challenge(e.carol, s4); err != nil {
		t.Fatal(err)
	}
	s5 := pay(s4, 1)
	if err := e.challenge(e.hub, s5); err != nil {
		t.Fatal(err)
	}
	e.advance(challengePeriod * time.Second)
	e.expectRevert(e.challenge(e.carol, pay(s5, 1)), "DeadlinePassed")
	if err := e.settle(e.bob, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	e.expectRevert(e.settle(e.bob, e.alice.Addr), "ChannelNotDisputed")
}

// TestStartExitWithOnchainState closes with the last executed state: its deposits count.
func TestStartExitWithOnchainState(t *testing.T) {
	e := newEnv(t)
	e.open(e.alice, 10, 4, 3, 2)
	userBefore, userTokBefore := e.c.Balance(e.alice.Addr), e.c.TokenBalance(e.alice.Addr)
	if err := e.startExit(e.hub, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	ev := lastEvent(t, e, e.m.UnpackExitStartedEvent)
	if ev.Side != contracts.SideHub || ev.Nonce.Int64() != 1 || ev.OnchainNonce.Int64() != 1 {
		t.Errorf("ExitStarted %+v, want hub side at nonces 1/1", ev)
	}
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.carol, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	if got := new(big.Int).Sub(e.c.Balance(e.alice.Addr), userBefore); got.Cmp(eth(10)) != 0 {
		t.Errorf("user received %s wei, want 10 ether", got)
	}
	if got := new(big.Int).Sub(e.c.TokenBalance(e.alice.Addr), userTokBefore); got.Cmp(eth(4)) != 0 {
		t.Errorf("user received %s tokens, want 4 ether", got)
	}
	e.checkConservation()
}

// TestUnexecutedWithdrawalRestored disputes with a proposal that was never executed: its
// pending withdrawals go back to the balances and its deposits are ignored.
func TestUnexecutedWithdrawalRestored(t *testing.T) {
	e := newEnv(t)
	s2 := e.open(e.alice, 10, 0, 10, 0)
	// Proposal: the user withdraws 4 ether and the hub deposits 5; never executed.
	p := s2.Clone()
	p.Nonce.SetInt64(3)
	p.OnchainNonce.SetInt64(2)
	p.WeiBalances[channel.User] = eth(6)
	p.PendingWei[channel.UserWithdrawal] = eth(4)
	p.PendingWei[channel.HubDeposit] = eth(5)
	// The final state that disputes it keeps the same pending fields (timeout 0).
	final := p.Clone()
	final.Nonce.SetInt64(4)
	userBefore := e.c.Balance(e.alice.Addr)
	if err := e.exitWithUpdate(e.hub, final); err != nil {
		t.Fatal(err)
	}
	ch := e.channel(e.alice.Addr)
	if ch.WeiBalances[0].Cmp(eth(10)) != 0 || ch.WeiBalances[1].Cmp(eth(10)) != 0 {
		t.Errorf("disputed balances %v, want [10 10]: withdrawal restored, deposit ignored", ch.WeiBalances)
	}
	if ch.OnchainNonce.Int64() != 1 || ch.DisputeOnchainNonce.Int64() != 2 {
		t.Errorf("onchain nonce %s (dispute %s), want 1 (2)", ch.OnchainNonce, ch.DisputeOnchainNonce)
	}
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.alice, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	// The user paid gas for settle; it received 10 ether.
	got := new(big.Int).Sub(e.c.Balance(e.alice.Addr), userBefore)
	if got.Cmp(eth(10)) >= 0 || got.Cmp(eth(9)) <= 0 {
		t.Errorf("user balance changed by %s, want 10 ether minus gas", got)
	}
	e.checkConservation()
}

// TestExecutedDepositCounts disputes with a later state that still carries the executed
// proposal's pending deposit: it is added to the balance.
func TestExecutedDepositCounts(t *testing.T) {
	e := newEnv(t)
	e.open(e.alice, 10, 0, 0, 0)
	s := state(e.alice, 2, 1) // carries the executed deposit of nonce 1, balances exclude it
	s.PendingWei[channel.UserDeposit] = eth(10)
	if err := e.exitWithUpdate(e.alice, s); err != nil {
		t.Fatal(err)
	}
	if ch := e.channel(e.alice.Addr); ch.WeiBalances[1].Cmp(eth(10)) != 0 {
		t.Errorf("disputed user balance %s, want 10 ether", ch.WeiBalances[1])
	}
}

// TestNoncesNeverDecrease walks a channel through updates, a dispute and a settlement and
// checks both on-chain nonces after every step.
func TestNoncesNeverDecrease(t *testing.T) {
	e := newEnv(t)
	var last bindings.ChannelManagerChannel
	last.Nonce, last.OnchainNonce = new(big.Int), new(big.Int)
	check := func(step string) {
		t.Helper()
		ch := e.channel(e.alice.Addr)
		if ch.Nonce.Cmp(last.Nonce) < 0 || ch.OnchainNonce.Cmp(last.OnchainNonce) < 0 {
			t.Fatalf("%s: nonces went from %s/%s to %s/%s", step, last.Nonce, last.OnchainNonce, ch.Nonce, ch.OnchainNonce)
		}
		last = ch
	}
	s2 := e.open(e.alice, 5, 0, 5, 0)
	check("open")
	s3 := pay(s2, 1)
	if err := e.exitWithUpdate(e.alice, s3); err != nil {
		t.Fatal(err)
	}
	check("exit")
	if err := e.challenge(e.hub, pay(s3, 1)); err != nil {
		t.Fatal(err)
	}
	check("challenge")
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.hub, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	check("settle")
	// A fresh deposit after settlement continues from the kept nonces.
	d := state(e.alice, 5, 2)
	d.PendingWei[channel.UserDeposit] = eth(1)
	d.Timeout.SetUint64(e.c.Now() + 600)
	e.expectRevert(e.userUpdate(e.alice, state(e.alice, 4, 2), nil), "StaleNonce")
	if err := e.userUpdate(e.alice, d, eth(1)); err != nil {
		t.Fatal(err)
	}
	check("deposit after settle")
}
