package contracts_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
)

func milli(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e15)) }

func secret(b byte) common.Hash { return common.BytesToHash([]byte{b, 0x5e, 0xc7}) }

// TestLockResolution disputes a state with five locks and resolves each on-chain: before
// and after expiry, with a secret registered in time, too late, or never.
func TestLockResolution(t *testing.T) {
	e := newEnv(t)
	s2 := e.open(e.alice, 10, 5, 10, 5)
	expiry := new(big.Int).SetUint64(e.c.Now() + 2*challengePeriod)
	lock := func(sender uint8, wei, tok *big.Int, sec byte) channel.Lock {
		return channel.Lock{Sender: sender, AmountWei: wei, AmountToken: tok, Hashlock: channel.HashSecret(secret(sec)), Expiry: expiry}
	}
	zero := new(big.Int)
	locks := []channel.Lock{
		lock(channel.User, eth(1), zero, 'A'),    // secret registered too late: refunded to the user
		lock(channel.Hub, eth(2), zero, 'B'),     // secret in time, resolved before expiry: to the user
		lock(channel.User, zero, eth(1), 'C'),    // no secret: refunded to the user after expiry
		lock(channel.Hub, milli(500), zero, 'D'), // no secret: back to the hub's reserve
		lock(channel.User, eth(1), zero, 'E'),    // secret in time, resolved after expiry: to the hub
	}
	tree, err := channel.NewLockTree(locks)
	if err != nil {
		t.Fatal(err)
	}
	s3 := s2.Clone()
	s3.Nonce.SetInt64(3)
	s3.LocksRoot = tree.Root()
	s3.LockedWei = [2]*big.Int{milli(2500), eth(2)}
	s3.LockedToken = [2]*big.Int{zero, eth(1)}
	s3.WeiBalances = [2]*big.Int{milli(7500), eth(8)}
	s3.TokenBalances = [2]*big.Int{eth(5), eth(4)}
	if err := channel.ValidateTransition(s2, s3, locks); err != nil {
		t.Fatalf("test state is invalid: %v", err)
	}

	userWei, userTok := e.c.Balance(e.alice.Addr), e.c.TokenBalance(e.alice.Addr)
	reserveWei, reserveTok := e.reserve()
	if err := e.exitWithUpdate(e.bob, s3); err == nil {
		t.Fatal("a non-party started an exit")
	}
	if err := e.exitWithUpdate(e.hub, s3); err != nil {
		t.Fatal(err)
	}
	register := func(b byte) {
		t.Helper()
		e.must(e.send(e.carol, e.c.Manager, nil, e.m.PackRegisterSecret(secret(b))))
	}
	resolve := func(i int, proofOf int) error {
		p, err := tree.Proof(proofOf)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.send(e.carol, e.c.Manager, nil, e.m.PackResolveLock(e.alice.Addr, big.NewInt(3), contracts.Lock(&locks[i]), contracts.Proof(p)))
		return err
	}
	register('B')
	register('E')
	e.expectRevert(resolve(1, 1), "NoLockPool") // not settled yet
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.carol, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	pools := map[common.Address][]*big.Int{e.alice.Addr: {big.NewInt(3)}}
	e.checkConservation([]common.Address{e.alice.Addr}, pools)

	e.expectRevert(resolve(0, 0), "LockNotExpired") // no secret yet, not expired
	e.expectRevert(resolve(2, 0), "InvalidLockProof")
	if err := resolve(1, 1); err != nil { // secret in time, before expiry
		t.Fatal(err)
	}
	ev := lastEvent(t, e, e.m.UnpackLockResolvedEvent)
	if !ev.ToReceiver || ev.AmountWei.Cmp(eth(2)) != 0 {
		t.Errorf("LockResolved %+v, want 2 ether to the receiver", ev)
	}
	e.expectRevert(resolve(1, 1), "LockAlreadyResolved")

	e.advance(2 * challengePeriod * time.Second)
	register('A') // after expiry: too late
	for _, i := range []int{0, 2, 3, 4} {
		if err := resolve(i, i); err != nil {
			t.Fatalf("lock %d: %v", i, err)
		}
		e.expectRevert(resolve(i, i), "LockAlreadyResolved")
	}
	e.checkConservation([]common.Address{e.alice.Addr}, pools)

	// User: 8 ether balance + B 2 + A 1 refunded; 4 tokens + C 1 refunded.
	if got := new(big.Int).Sub(e.c.Balance(e.alice.Addr), userWei); got.Cmp(eth(11)) != 0 {
		t.Errorf("user received %s wei, want 11 ether", got)
	}
	if got := new(big.Int).Sub(e.c.TokenBalance(e.alice.Addr), userTok); got.Cmp(eth(5)) != 0 {
		t.Errorf("user received %s tokens, want 5 ether", got)
	}
	// Hub: 7.5 ether balance + D 0.5 back + E 1 claimed; 5 tokens.
	w, k := e.reserve()
	if got := new(big.Int).Sub(w, reserveWei); got.Cmp(eth(9)) != 0 {
		t.Errorf("reserve grew by %s wei, want 9 ether", got)
	}
	if got := new(big.Int).Sub(k, reserveTok); got.Cmp(eth(5)) != 0 {
		t.Errorf("reserve grew by %s tokens, want 5 ether", got)
	}
	if e.c.Balance(e.c.ManagerAddr).Cmp(w) != 0 {
		t.Errorf("contract holds %s wei beyond its reserve %s", e.c.Balance(e.c.ManagerAddr), w)
	}
}

func TestRegisterSecretKeepsFirstTime(t *testing.T) {
	e := newEnv(t)
	e.must(e.send(e.carol, e.c.Manager, nil, e.m.PackRegisterSecret(secret('X'))))
	h := channel.HashSecret(secret('X'))
	first, err := callUint(e, e.m.PackSecretRegisteredAt(h), e.m.UnpackSecretRegisteredAt)
	if err != nil || first.Sign() == 0 {
		t.Fatalf("registered at %v, %v", first, err)
	}
	e.advance(time.Hour)
	e.must(e.send(e.bob, e.c.Manager, nil, e.m.PackRegisterSecret(secret('X'))))
	again, _ := callUint(e, e.m.PackSecretRegisteredAt(h), e.m.UnpackSecretRegisteredAt)
	if again.Cmp(first) != 0 {
		t.Errorf("second registration moved the time from %s to %s", first, again)
	}
}
