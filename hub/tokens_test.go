package hub_test

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// tok is n whole TestTokens (18 decimals) in base units.
func tok(n int64) *big.Int { return eth(n) }

func addrs(as []simchain.Account) []common.Address {
	out := make([]common.Address, len(as))
	for i, a := range as {
		out[i] = a.Addr
	}
	return out
}

// depositTokens puts amount token units into w's channel and waits for the hub's
// confirmation.
func (e *env) depositTokens(w *client.Wallet, amount *big.Int) {
	e.t.Helper()
	if _, err := w.Deposit(e.t.Context(), client.Tokens, amount); err != nil {
		e.t.Fatal(err)
	}
	e.eventually("the token deposit to be confirmed", func() bool { return e.settled(w) }, w)
}

// payTokens pays amount token units from a to b, asking again while the hub tops up b's
// token collateral (b co-signs the top-up and its confirmation meanwhile).
func (e *env) payTokens(a, b *client.Wallet, amount *big.Int) common.Hash {
	e.t.Helper()
	var hl common.Hash
	e.eventually("the token payment to be accepted", func() bool {
		var err error
		hl, err = a.Pay(e.t.Context(), b.Address(), client.Tokens, amount)
		if he := (*client.HubError)(nil); errors.As(err, &he) && he.Code == wire.CodeCollateral {
			return false
		}
		if err != nil {
			e.t.Fatalf("token payment: %v", err)
		}
		return true
	}, b)
	return hl
}

func (e *env) tokenReserve() *big.Int {
	e.t.Helper()
	v, err := bind.Call(e.c.Manager, nil, e.c.ManagerABI.PackHubReserveTokens(), e.c.ManagerABI.UnpackHubReserveTokens)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

// TestTokenPayment: alice deposits tokens (the wallet approves the contract first), pays
// bob in tokens through the hub, which first tops up its token collateral toward bob
// from its token reserve (to the token target, ether untouched) in one hubAuthorizedUpdate
// through its outbox; bob claims, both co-sign, and every balance is right to the base
// unit, on- and off-chain, through bob's token withdrawal.
func TestTokenPayment(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: func(c *hub.Config) { c.TokenCollateralTarget = tok(5) }})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	ctx := t.Context()
	deposit := new(big.Int).Add(tok(10), big.NewInt(7))
	before := e.c.TokenBalance(a.Address())
	approvals := 0
	traced := client.WithTxTrace(ctx, &client.TxTrace{Approve: func(tk client.Token, spender common.Address, amount *big.Int) {
		approvals++
		if tk.Address != e.c.TokenAddr || spender != e.c.ManagerAddr || amount.Cmp(deposit) != 0 {
			t.Errorf("approve %s to %s of %s, want %s to %s of %s", amount, spender, tk.Address, deposit, e.c.ManagerAddr, e.c.TokenAddr)
		}
	}})
	if _, err := a.Deposit(traced, client.Tokens, deposit); err != nil {
		t.Fatal(err)
	}
	e.eventually("alice's token deposit to be confirmed", func() bool { return e.settled(a) }, a)
	if approvals != 1 {
		t.Errorf("%d approvals told to the trace, want 1", approvals)
	}
	if got := new(big.Int).Sub(before, e.c.TokenBalance(a.Address())); got.Cmp(deposit) != 0 {
		t.Errorf("alice's account paid %s token units, want %s", got, deposit)
	}
	e.deposit(b, eth(1)) // bob's channel holds ether only
	reserve, reserveWei := e.tokenReserve(), e.reserve()

	amount := new(big.Int).Add(tok(3), big.NewInt(1))
	hl := e.payTokens(a, b, amount)
	e.eventually("the payment to complete", func() bool {
		return e.paymentStatus(hl) == store.PayCompleted && e.settled(a) && e.settled(b)
	}, a, b)

	sa, _ := a.Latest()
	sb, lb := b.Latest()
	want := map[string][2]*big.Int{ // [hub, user]
		"alice tokens": {amount, new(big.Int).Sub(deposit, amount)},
		"bob tokens":   {new(big.Int).Sub(tok(5), amount), amount},
		"alice wei":    {big.NewInt(0), big.NewInt(0)},
		"bob wei":      {big.NewInt(0), eth(1)},
	}
	got := map[string][2]*big.Int{"alice tokens": sa.TokenBalances, "bob tokens": sb.TokenBalances, "alice wei": sa.WeiBalances, "bob wei": sb.WeiBalances}
	for k, w := range want {
		if got[k][0].Cmp(w[0]) != 0 || got[k][1].Cmp(w[1]) != 0 {
			t.Errorf("%s [hub, user] = %v, want %v", k, got[k], w)
		}
	}
	if len(lb) != 0 || sa.LockedToken[1].Sign() != 0 || sb.LockedToken[0].Sign() != 0 {
		t.Errorf("locks left: bob %d, alice locked %v, bob locked %v", len(lb), sa.LockedToken, sb.LockedToken)
	}
	// The top-up came from the token reserve, to the token target; the ether reserve was
	// not touched.
	if d := new(big.Int).Sub(reserve, e.tokenReserve()); d.Cmp(tok(5)) != 0 {
		t.Errorf("the token reserve fell by %s, want the 5-token target", d)
	}
	if e.reserve().Cmp(reserveWei) != 0 {
		t.Errorf("the ether reserve moved: %s, was %s", e.reserve(), reserveWei)
	}
	if ch := e.onchain(b.Address()); ch.TokenBalances[0].Cmp(tok(5)) != 0 {
		t.Errorf("on-chain, the hub holds %s token units toward bob, want the 5-token top-up", ch.TokenBalances[0])
	}

	// Bob takes his tokens out, to the unit.
	bobBefore := e.c.TokenBalance(b.Address())
	if _, err := b.Withdraw(ctx, client.Tokens, amount, common.Address{}); err != nil {
		t.Fatal(err)
	}
	if d := new(big.Int).Sub(e.c.TokenBalance(b.Address()), bobBefore); d.Cmp(amount) != 0 {
		t.Errorf("bob's account received %s token units, want %s", d, amount)
	}
	e.eventually("bob's withdrawal to be confirmed", func() bool { return e.settled(b) }, b)
	if s, _ := b.Latest(); s.TokenBalances[1].Sign() != 0 || s.WeiBalances[1].Cmp(eth(1)) != 0 {
		t.Errorf("bob after withdrawing: tokens %v, wei %v", s.TokenBalances, s.WeiBalances)
	}
}

// TestNoTokenRefused: on a contract whose token address holds no code, the hub refuses a
// token payment and a token deposit with ErrNoToken (no_token) before anything else, and
// the wallet refuses a token deposit before sending anything and names ether as the only
// asset. (Such a contract takes no deposit at all: every update reads the token's
// balance. So nothing here needs a channel.)
func TestNoTokenRefused(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, noToken: true})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	ctx := t.Context()

	_, err := a.Deposit(ctx, client.Tokens, tok(1))
	if !errors.Is(err, client.ErrNoToken) {
		t.Errorf("token deposit: %v, want ErrNoToken", err)
	}
	if _, _, err := a.ResolveAsset(ctx, "VTT"); !errors.Is(err, client.ErrUnknownAsset) || !strings.Contains(err.Error(), `"VTT"`) ||
		!strings.Contains(err.Error(), "ether only") {
		t.Errorf("resolve VTT: %v, want an unknown asset naming it and saying ether only", err)
	}

	s, _ := a.Latest()
	now := e.now()
	lock := channel.Lock{Sender: channel.User, AmountWei: new(big.Int), AmountToken: big.NewInt(1), Hashlock: common.Hash{1},
		Expiry: new(big.Int).SetUint64(now + 3600)}
	next := new(big.Int).Add(s.Nonce, big.NewInt(1))
	if _, err := e.h.Request(ctx, a.Address(), hub.Request{Update: channel.Update{Kind: channel.KindLock, Lock: &lock}, Nonce: next,
		Payee: b.Address(), SealedSecret: []byte{1}}); !errors.Is(err, hub.ErrNoToken) {
		t.Errorf("token payment: %v, want ErrNoToken", err)
	}
	ops := channel.NewOps()
	ops.Token[channel.UserDeposit].SetInt64(1)
	me := a.Address()
	if _, err := e.h.Request(ctx, a.Address(), hub.Request{Update: channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &me,
		Timeout: now + 600}, Nonce: next}); !errors.Is(err, hub.ErrNoToken) {
		t.Errorf("token deposit proposal: %v, want ErrNoToken", err)
	}
}

// TestDisputeResolvesTokenLocks is TestDisputeResolvesLocks in tokens: the payee holds
// the hub's token lock and its secret and closes on-chain instead of claiming. It
// registers the secret, exits with the state holding the lock, settles and resolves the
// lock: its account receives its token balance plus the lock, to the unit, and its ether
// balance. The hub sees the secret on-chain and collects the payer's token lock.
func TestDisputeResolvesTokenLocks(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1], manualClaim)
	e.depositTokens(a, tok(10))
	e.deposit(b, eth(1))
	e.depositTokens(b, tok(1))
	amount := new(big.Int).Add(tok(2), big.NewInt(3))
	hl := e.payTokens(a, b, amount)
	e.eventually("the payee to hold the lock", func() bool { _, l := b.Latest(); return len(l) == 1 }, b)
	secret, ok := b.Secret(hl)
	if !ok {
		t.Fatal("payee has no secret")
	}
	held, locks := b.Latest()
	if locks[0].AmountToken.Cmp(amount) != 0 || locks[0].AmountWei.Sign() != 0 || held.LockedToken[channel.Hub].Cmp(amount) != 0 {
		t.Fatalf("the payee's lock: %+v, locked %v; want %s token units", locks[0], held.LockedToken, amount)
	}
	ctx := t.Context()
	startTok, startWei := e.c.TokenBalance(b.Address()), e.c.Balance(b.Address())
	gas := e.disputeAlone(b, secret)
	gotTok := new(big.Int).Sub(e.c.TokenBalance(b.Address()), startTok)
	if want := new(big.Int).Add(held.TokenBalances[channel.User], amount); gotTok.Cmp(want) != 0 {
		t.Errorf("payee received %s token units, want its balance %s plus the lock %s", gotTok, held.TokenBalances[channel.User], amount)
	}
	gotWei := new(big.Int).Sub(e.c.Balance(b.Address()), startWei)
	if gotWei.Add(gotWei, gas).Cmp(held.WeiBalances[channel.User]) != 0 {
		t.Errorf("payee received %s wei, want its ether balance %s", gotWei, held.WeiBalances[channel.User])
	}
	if _, err := b.ResolveLocks(ctx, held, locks); err == nil {
		t.Error("a lock resolved twice")
	}
	e.eventually("the hub to collect the payer's token lock", func() bool {
		p, err := e.st.Payment(ctx, e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted && e.settled(a)
	}, a)
	if s, l := a.Latest(); len(l) != 0 || s.TokenBalances[channel.User].Cmp(new(big.Int).Sub(tok(10), amount)) != 0 ||
		s.TokenBalances[channel.Hub].Cmp(amount) != 0 {
		t.Errorf("payer after the collect: tokens [hub, user] %v with %d locks, want [%s, 10 tokens less it]", s.TokenBalances, len(l), amount)
	}
}

// TestPayerWithholdsTokenCollect is TestPayerWithholdsCollect in tokens: the payer never
// co-signs the hub's claim of its token lock and closes on-chain with the state holding
// it. The hub publishes the secret before the lock expires and, after the settlement,
// resolves the lock itself through its outbox: its token reserve gains its token side of
// the channel plus the lock, to the unit, and the payer is not paid twice.
func TestPayerWithholdsTokenCollect(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: shortLocks})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.depositTokens(a, tok(10))
	e.deposit(b, eth(1))
	amount := new(big.Int).Add(tok(1), big.NewInt(9))
	hl := e.payTokens(a, b, amount)
	// a goes silent; b claims.
	e.eventually("the payee to claim", func() bool { return e.paymentStatus(hl) == store.PayClaimed }, b)
	held, locks := a.Latest()
	if len(locks) != 1 || locks[0].AmountToken.Cmp(amount) != 0 {
		t.Fatalf("payer holds %+v, want its token payment's lock", locks)
	}
	if _, err := a.Exit(t.Context()); err != nil {
		t.Fatal(err)
	}
	e.eventually("the secret to be registered on-chain", func() bool {
		at, err := bind.Call(e.c.Manager, nil, e.c.ManagerABI.PackSecretRegisteredAt(hl), e.c.ManagerABI.UnpackSecretRegisteredAt)
		return err == nil && at.Sign() > 0 && at.Cmp(locks[0].Expiry) <= 0
	})
	e.advance(11 * time.Minute)
	before, payer := e.tokenReserve(), e.c.TokenBalance(a.Address())
	if _, err := a.Settle(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := new(big.Int).Add(held.TokenBalances[channel.Hub], amount)
	e.eventually("the hub to resolve the token lock", func() bool {
		return new(big.Int).Sub(e.tokenReserve(), before).Cmp(want) == 0
	})
	if d := new(big.Int).Sub(e.c.TokenBalance(a.Address()), payer); d.Cmp(held.TokenBalances[channel.User]) != 0 {
		t.Errorf("the payer's account received %s token units, want its balance %s and not the lock", d, held.TokenBalances[channel.User])
	}
	if _, err := a.ResolveLocks(t.Context(), held, locks); err == nil {
		t.Error("the lock resolved a second time")
	}
}
