package hub_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

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
	hl, err := a.Pay(t.Context(), b.Address(), eth(2))
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
	var receipts []*types.Receipt
	must := func(r *types.Receipt, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		receipts = append(receipts, r)
	}
	must(b.RegisterSecret(ctx, secret))
	must(b.Exit(ctx))
	e.advance(11 * time.Minute)
	must(b.Settle(ctx))
	rs, err := b.ResolveLocks(ctx, held, locks)
	if err != nil {
		t.Fatal(err)
	}
	receipts = append(receipts, rs...)
	gas := new(big.Int)
	for _, r := range receipts {
		gas.Add(gas, new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice))
	}
	got := new(big.Int).Sub(e.c.Balance(b.Address()), start)
	got.Add(got, gas)
	want := new(big.Int).Add(held.WeiBalances[1], eth(2))
	if got.Cmp(want) != 0 {
		t.Errorf("payee received %s, want its balance %s plus the 2-ether lock", got, held.WeiBalances[1])
	}
	if _, err := b.ResolveLocks(ctx, held, locks); err == nil {
		t.Error("a lock resolved twice")
	}
	e.eventually("the hub to collect the payer's lock", func() bool {
		p, err := e.st.Payment(ctx, e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted && e.settled(a)
	}, a)
	checkBalances(t, "payer", a, eth(8))
}
