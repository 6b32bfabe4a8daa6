package hub_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/store"
)

// TestDisputeResolvesLocks: the payee holds the hub's lock and its secret but closes
// on-chain instead of claiming from the hub. It registers the secret, exits with the
// state holding the lock, settles and resolves the lock: it receives its balance plus
// the lock. The hub sees the secret on-chain and collects the payer's lock with it, so
// each lock pays exactly one side, once.
func TestDisputeResolvesLocks(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1], manualClaim)
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(2))
	if err != nil {
		t.Fatal(err)
	}
	e.eventually("the payee to hold the lock", func() bool { _, l := b.Latest(); return len(l) == 1 }, b)
	secret, ok := b.Secret(hl)
	if !ok {
		t.Fatal("payee has no secret")
	}
	held, locks := b.Latest()
	ctx := t.Context()
	start := e.c.Balance(b.Address())
	gas := e.disputeAlone(b, secret)
	got := new(big.Int).Sub(e.c.Balance(b.Address()), start)
	got.Add(got, gas)
	want := new(big.Int).Add(held.WeiBalances[1], eth(2))
	if got.Cmp(want) != 0 {
		t.Errorf("payee received %s, want its balance %s plus the 2-ether lock", got, held.WeiBalances[1])
	}
	if _, err := b.ResolveLocks(ctx, held, locks); err == nil {
		t.Error("a lock resolved twice")
	}
	if w, k, err := b.Owed(ctx); err != nil || w.Sign() != 0 || k.Sign() != 0 {
		t.Errorf("owed to the payee: %v %v (%v), want nothing: it takes ether", w, k, err)
	}
	e.eventually("the hub to collect the payer's lock", func() bool {
		p, err := e.st.Payment(ctx, e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted && e.settled(a)
	}, a)
	checkBalances(t, "payer", a, eth(8))
}

// TestPayerWithholdsCollect: the payee claimed (the hub paid it) but the payer never
// co-signs the hub's claim and closes on-chain with the state that still holds its lock.
// The hub publishes the secret before the lock expires and, after the settlement,
// resolves the lock to itself: the payer does not get paid twice.
func TestPayerWithholdsCollect(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: shortLocks})
	// a goes silent; b claims; a closes with its lock; the hub's sweeper publishes the
	// secret before the payer's lock expires; a settles.
	a, held, locks, before := e.settleWithLock()
	// Settling returns the hub's side of a's channel to the reserve; the hub then resolves
	// the lock itself, to itself.
	want := new(big.Int).Add(held.WeiBalances[0], eth(1))
	e.eventually("the hub to resolve the lock", func() bool {
		return new(big.Int).Sub(e.reserve(), before).Cmp(want) == 0
	})
	if _, err := a.ResolveLocks(t.Context(), held, locks); err == nil {
		t.Error("the lock resolved a second time")
	}
}

// disputeAlone has the payee b settle its channel on its own: it registers its secret,
// exits with its latest state, waits out the challenge period, settles and resolves the
// locks. It returns the ether the four transactions cost it.
func (e *env) disputeAlone(b *client.Wallet, secret common.Hash) *big.Int {
	e.t.Helper()
	ctx := e.t.Context()
	held, locks := b.Latest()
	var receipts []*types.Receipt
	must := func(r *types.Receipt, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatal(err)
		}
		receipts = append(receipts, r)
	}
	must(b.RegisterSecret(ctx, secret))
	must(b.Exit(ctx))
	e.advance(11 * time.Minute)
	must(b.Settle(ctx))
	must(b.ResolveLocks(ctx, held, locks))
	gas := new(big.Int)
	for _, r := range receipts {
		gas.Add(gas, new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice))
	}
	return gas
}
