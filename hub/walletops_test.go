package hub_test

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// dropOnce is the wallet's node losing the next transaction sent through it (a
// connection reset as it was sent), while everything else reaches the real chain.
type dropOnce struct {
	client.Chain
	drop atomic.Bool
}

func (c *dropOnce) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if c.drop.CompareAndSwap(true, false) {
		return errors.New("connection reset by peer (the test drops this transaction)")
	}
	return c.Chain.SendTransaction(ctx, tx)
}

// via makes a wallet send through the dropping node.
func (c *dropOnce) via(cfg *client.Config) { c.Chain = cfg.Chain; cfg.Chain = c }

// fund sends wei to addr from the funder's account and mines it.
func (e *env) fund(from simchain.Account, to common.Address, wei *big.Int) {
	e.t.Helper()
	e.chainMu.Lock()
	defer e.chainMu.Unlock()
	ctx := e.t.Context()
	nonce, err := e.c.Client.PendingNonceAt(ctx, from.Addr)
	if err != nil {
		e.t.Fatal(err)
	}
	price, err := e.c.Client.SuggestGasPrice(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	tx, err := types.SignNewTx(from.Key, types.LatestSignerForChainID(e.c.ChainID),
		&types.LegacyTx{Nonce: nonce, To: &to, Value: wei, Gas: 21_000, GasPrice: new(big.Int).Mul(price, big.NewInt(2))})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.c.Client.SendTransaction(ctx, tx); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.c.Mine(tx); err != nil {
		e.t.Fatal(err)
	}
}

// freshAccount is an account nobody has funded.
func freshAccount(t *testing.T) simchain.Account {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return simchain.Account{Key: k, Addr: crypto.PubkeyToAddress(k.PublicKey)}
}

// TestUnfundedDepositRefusedBeforeHub: a deposit of 1 ether from an account holding
// 0.01 is refused by the wallet, naming both figures in ether, and the hub is never
// asked: it holds no state of the channel, and nothing is pending. Funded, the same
// deposit goes through.
func TestUnfundedDepositRefusedBeforeHub(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	acct := freshAccount(t)
	e.fund(e.users[0], acct.Addr, new(big.Int).Div(simchain.Ether, big.NewInt(100)))
	w := e.wallet(acct)
	_, err := w.Deposit(t.Context(), client.Ether, eth(1))
	var sf *client.Shortfall
	if !errors.As(err, &sf) || !errors.Is(err, client.ErrCannotAfford) {
		t.Fatalf("deposit from an account of 0.01 ether: %v, want a shortfall", err)
	}
	for _, want := range []string{"holds 0.01 ether", "this deposit needs 1 ether plus about", "ether of gas", acct.Addr.Hex()} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err := e.st.HubLatest(t.Context(), e.c.ManagerAddr, acct.Addr); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the hub holds a state of the unfunded channel (%v): it was asked", err)
	}
	if p, err := w.Pending(t.Context()); err != nil || p != nil {
		t.Fatalf("pending after the refusal: %+v, %v", p, err)
	}
	e.fund(e.users[0], acct.Addr, eth(2))
	e.deposit(w, eth(1))
	checkBalances(t, "depositor", w, eth(1))
}

// TestPendingDepositRetried: the hub co-signs a deposit and the wallet's transaction is
// lost on its way. The channel waits on it: Pending names it with the action "retry",
// and another update is refused. Retry sends it again; the hub confirms it.
func TestPendingDepositRetried(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	node := &dropOnce{}
	w := e.wallet(e.users[0], node.via)
	node.drop.Store(true)
	_, err := w.Deposit(t.Context(), client.Ether, eth(3))
	if err == nil || !strings.Contains(err.Error(), "chanctl retry") {
		t.Fatalf("deposit whose transaction was lost: %v, want an error pointing to retry", err)
	}
	p, err := w.Pending(t.Context())
	if err != nil || p == nil {
		t.Fatalf("pending: %+v, %v", p, err)
	}
	if p.Kind != "deposit" || p.Action != client.ActionRetry || p.Executed || p.Expired() {
		t.Fatalf("pending %+v, want a deposit to retry", p)
	}
	if _, err := w.Deposit(t.Context(), client.Ether, eth(1)); !isCode(err, wire.CodePending) && !isCode(err, wire.CodeNotAllowed) && !errors.Is(err, channel.ErrPending) {
		t.Fatalf("a second deposit while one is pending: %v, want refused", err)
	}
	if err := w.Abandon(t.Context()); !errors.Is(err, client.ErrNotAbandonable) {
		t.Fatalf("abandon before the timeout: %v, want ErrNotAbandonable", err)
	}
	if _, err := w.Retry(t.Context()); err != nil {
		t.Fatal(err)
	}
	e.eventually("the retried deposit to be confirmed", func() bool { return e.settled(w) }, w)
	checkBalances(t, "depositor", w, eth(3))
	if _, err := w.Retry(t.Context()); !errors.Is(err, client.ErrNothingPending) {
		t.Fatalf("retry with nothing pending: %v", err)
	}
}

// lostWithdrawal deposits 10 ether into w's channel, then has it withdraw 4 with the
// transaction lost: the hub co-signed the withdrawal; the chain never saw it. It returns
// the co-signed proposal.
func (e *env) lostWithdrawal(w *client.Wallet, node *dropOnce) store.HubState {
	e.t.Helper()
	e.deposit(w, eth(10))
	node.drop.Store(true)
	if _, err := w.Withdraw(e.t.Context(), client.Ether, eth(4), common.Address{}); err == nil {
		e.t.Fatal("the withdrawal went through though its transaction was lost")
	}
	cs, err := e.st.HubCosigned(e.t.Context(), e.c.ManagerAddr, w.Address())
	if err != nil || cs.State.Timeout.Sign() == 0 {
		e.t.Fatalf("the hub's co-signed state %+v (%v), want the withdrawal's proposal", cs.State, err)
	}
	return cs
}

// abandoned waits until w has given its pending operation up (the hub voids it only
// once the timeout is behind a final block).
func (e *env) abandoned(w *client.Wallet) {
	e.t.Helper()
	var last error
	if !wait.Poll(60*time.Second, func() bool {
		last = w.Abandon(e.t.Context())
		return last == nil
	}) {
		e.t.Fatalf("abandon: %v", last)
	}
}

// TestPendingWithdrawalAbandoned: a withdrawal the hub co-signed never reaches the chain.
// Once its timeout passed (status says when), the user gives it up: the hub proposes the
// invalidation at once (no sweeper runs here), the wallet co-signs it and the channel
// takes a payment again, with the 4 ether back in the user's balance.
func TestPendingWithdrawalAbandoned(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, noSweep: true})
	node := &dropOnce{}
	a, b := e.wallet(e.users[0], node.via), e.wallet(e.users[1])
	e.lostWithdrawal(a, node)
	p, err := a.Pending(t.Context())
	if err != nil || p == nil || p.Kind != "withdrawal" || p.Action != client.ActionRetry {
		t.Fatalf("pending %+v, %v: want a withdrawal to retry", p, err)
	}
	if !strings.Contains(p.Advice, contracts.UTC(p.Timeout)) {
		t.Errorf("advice %q does not say when the operation times out", p.Advice)
	}
	e.advance(31 * time.Minute)
	if p, err = a.Pending(t.Context()); err != nil || p.Action != client.ActionAbandon {
		t.Fatalf("pending past the timeout %+v, %v: want abandon", p, err)
	}
	if _, err := a.Retry(t.Context()); err == nil {
		t.Fatal("retry past the timeout was sent")
	}
	e.abandoned(a)
	checkBalances(t, "abandoner", a, eth(10))
	if p, err := a.Pending(t.Context()); err != nil || p != nil {
		t.Fatalf("pending after abandon: %+v, %v", p, err)
	}
	e.deposit(b, eth(1))
	e.pay(a, b, eth(1))
	checkBalances(t, "abandoner after paying", a, eth(9))
}

// TestHostileAbandon: a user whose withdrawal of 4 ether the hub co-signed tries to have
// it voided off-chain and still executed on-chain, to be paid twice.
//   - Voided before its timeout: the hub refuses (the contract could still execute it),
//     whatever the wallet says; the user's own execution then is confirmed, not voided.
//   - Voided after its timeout: the contract refuses to execute it then.
//   - Executed at the last moment, then asked to be voided: the hub reads the execution
//     from the chain and refuses.
func TestHostileAbandon(t *testing.T) {
	t.Run("before the timeout", func(t *testing.T) {
		e := newEnv(t, envConfig{users: 1, noSweep: true})
		node := &dropOnce{}
		a := e.wallet(e.users[0], node.via)
		cs := e.lostWithdrawal(a, node)
		// The hostile wallet skips its own check and asks the hub directly.
		if err := e.h.Abandon(t.Context(), a.Address()); !errors.Is(err, hub.ErrNotAllowed) || !strings.Contains(err.Error(), "can execute on-chain until") {
			t.Fatalf("abandon before the timeout: %v, want refused saying until when", err)
		}
		if latest, _ := e.st.HubLatest(t.Context(), e.c.ManagerAddr, a.Address()); latest.Kind == wire.RoleInvalidate {
			t.Fatal("the hub proposed to void a withdrawal the contract can still execute")
		}
		e.execute(a, cs)
		e.eventually("the hub to confirm the executed withdrawal", func() bool { return e.settled(a) }, a)
		checkBalances(t, "hostile user", a, eth(6))
	})
	t.Run("executed after abandon", func(t *testing.T) {
		e := newEnv(t, envConfig{users: 1, noSweep: true})
		node := &dropOnce{}
		a := e.wallet(e.users[0], node.via)
		cs := e.lostWithdrawal(a, node)
		e.advance(31 * time.Minute)
		e.abandoned(a)
		checkBalances(t, "hostile user", a, eth(10))
		before := e.c.Balance(a.Address())
		_, err := e.transactAs(a, cs)
		if err == nil {
			t.Fatal("the contract executed a withdrawal past its timeout, after the hub voided it")
		}
		if name := simchain.RevertName(err); name == "" {
			t.Logf("refused without a decoded reason: %v", err)
		}
		if after := e.c.Balance(a.Address()); after.Cmp(before) > 0 {
			t.Fatalf("the user's account grew from %s to %s", before, after)
		}
		if ch := e.onchain(a.Address()); ch.TotalWei.Cmp(eth(10)) != 0 {
			t.Fatalf("the contract holds %s for the channel, want 10 ether", ch.TotalWei)
		}
	})
	t.Run("executed then abandoned", func(t *testing.T) {
		e := newEnv(t, envConfig{users: 1, noSweep: true})
		node := &dropOnce{}
		a := e.wallet(e.users[0], node.via)
		cs := e.lostWithdrawal(a, node)
		e.execute(a, cs)
		e.advance(31 * time.Minute)
		err := e.h.Abandon(t.Context(), a.Address())
		if latest, _ := e.st.HubLatest(t.Context(), e.c.ManagerAddr, a.Address()); latest.Kind == wire.RoleInvalidate {
			t.Fatalf("the hub proposed to void an executed withdrawal (abandon: %v)", err)
		}
		e.eventually("the hub to confirm the executed withdrawal", func() bool { return e.settled(a) }, a)
		checkBalances(t, "hostile user", a, eth(6))
	})
}

// transactAs sends the user-authorized update of the co-signed proposal cs from w's
// account, as a hostile user would with the hub's signature it holds.
func (e *env) transactAs(w *client.Wallet, cs store.HubState) (*types.Receipt, error) {
	var acct simchain.Account
	for _, u := range e.users {
		if u.Addr == w.Address() {
			acct = u
		}
	}
	e.chainMu.Lock()
	defer e.chainMu.Unlock()
	return e.c.Transact(acct, e.c.Manager, nil, e.c.ManagerABI.PackUserAuthorizedUpdate(contracts.State(cs.State), cs.SigHub))
}

// execute executes the co-signed proposal cs on-chain, bypassing the wallet.
func (e *env) execute(w *client.Wallet, cs store.HubState) {
	e.t.Helper()
	if _, err := e.transactAs(w, cs); err != nil {
		e.t.Fatal(err)
	}
}
