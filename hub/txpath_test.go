package hub_test

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// TestTopUpBesideChallenge: the hub tops up a payee's collateral while its dispute engine
// answers a payer's stale close, from the same account. The challenge is signed first and
// its broadcast is lost, so the node's pending nonce does not count it; the top-up still
// takes the next nonce from the outbox, not the node's. Both are mined, at distinct
// nonces, neither replaced by the other nor signed again at another nonce.
func TestTopUpBesideChallenge(t *testing.T) {
	challenge := selector(t, "challenge")
	var lost atomic.Bool
	rec := &alert.Recorder{}
	var e *env
	e = newEnv(t, envConfig{users: 2, defend: true, alerts: rec, chain: func(c disputes.Chain) disputes.Chain {
		return &node{Chain: c, send: func(tx *types.Transaction) (bool, error) {
			// The node loses the challenge's first broadcast.
			return calls(tx, e.c.ManagerAddr, challenge) && !lost.Swap(true), nil
		}}
	}})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	old, _ := a.Latest()
	e.pay(a, b, eth(3)) // the hub now holds 17 of its 20-ether target toward b
	latest, _ := a.Latest()
	var stale store.HubState
	if err := e.st.HubChannel(t.Context(), e.c.ManagerAddr, a.Address(), func(tx store.HubTx) error {
		var err error
		stale, err = tx.State(t.Context(), old.Nonce)
		return err
	}); err != nil {
		t.Fatal(err)
	}

	// No block is mined until both are signed.
	e.chainMu.Lock()
	locked := true
	defer func() {
		if locked {
			e.chainMu.Unlock()
		}
	}()
	if _, err := e.c.Transact(e.users[0], e.c.Manager, nil, e.c.ManagerABI.PackStartExitWithUpdate(contracts.State(stale.State), stale.SigHub, stale.SigUser)); err != nil {
		t.Fatal(err)
	}
	e.waitTx("the challenge to be signed", a.Address(), store.KindChallenge, func(tx store.OutboxTx) bool { return tx.Status == store.TxSent })
	if !lost.Load() {
		t.Fatal("the challenge's broadcast was not intercepted")
	}
	if err := b.RequestCollateral(t.Context()); err != nil {
		t.Fatal(err)
	}
	before := len(e.hubTxs(b.Address(), store.KindHubUpdate)) // the first top-up's
	if !wait.Poll(30*time.Second, func() bool {
		if txs := e.hubTxs(b.Address(), store.KindHubUpdate); len(txs) > before && txs[len(txs)-1].Status == store.TxSent {
			return true
		}
		if err := b.Sync(t.Context()); err != nil { // co-signs the top-up
			t.Logf("sync: %v", err)
		}
		return false
	}) {
		t.Fatalf("the top-up was not signed: %s", describe(e.hubTxs(b.Address(), store.KindHubUpdate)))
	}
	e.chainMu.Unlock()
	locked = false

	ch := e.waitTx("the challenge to be confirmed", a.Address(), store.KindChallenge, func(tx store.OutboxTx) bool { return tx.Status == store.TxConfirmed })
	up := e.waitTx("the top-up to be confirmed", b.Address(), store.KindHubUpdate, func(tx store.OutboxTx) bool { return tx.Status == store.TxConfirmed })
	for _, tx := range []store.OutboxTx{ch, up} {
		if !tx.Succeeded || tx.Arm != 0 {
			t.Errorf("%s: succeeded %v at arm %d, want its first entry mined and succeeded", tx.Kind, tx.Succeeded, tx.Arm)
		}
		mined := false
		for _, a := range tx.Attempts {
			if n := signedNonce(a); n != *tx.AccountNonce {
				t.Errorf("%s: attempt %s at account nonce %d, its entry's is %d: signed again elsewhere", tx.Kind, a.Hash, n, *tx.AccountNonce)
			}
			mined = mined || a.Hash == tx.TxHash
		}
		if !mined {
			t.Errorf("%s: mined %s is none of its attempts", tx.Kind, tx.TxHash)
		}
	}
	if *ch.AccountNonce == *up.AccountNonce {
		t.Fatalf("challenge and top-up share account nonce %d", *ch.AccountNonce)
	}
	if *up.AccountNonce != *ch.AccountNonce+1 {
		t.Errorf("top-up at account nonce %d, want the one after the challenge's %d", *up.AccountNonce, *ch.AccountNonce)
	}
	sentAlert := false
	for _, al := range rec.Alerts() {
		if strings.HasPrefix(al.Key, "nonce-taken/") {
			t.Errorf("alert %q: %s", al.Key, al.Text)
		}
		if al.Key == fmt.Sprintf("sent/%d", up.ID) {
			sentAlert = true
			if al.Kind != alert.HubTxSent {
				t.Errorf("the top-up's sent alert is %s, want %s", al.Kind, alert.HubTxSent)
			}
		}
	}
	if !sentAlert {
		t.Error("no alert said the top-up was sent")
	}
	if got := e.onchain(a.Address()).Nonce; got.Cmp(latest.Nonce) != 0 {
		t.Errorf("on-chain nonce of the stale channel %s, want the challenge's %s", got, latest.Nonce)
	}
	e.eventually("the top-up to be confirmed off-chain", func() bool {
		h, _ := balance(b)
		return e.settled(b) && h.Cmp(eth(20)) == 0
	}, b)
}

// TestSecretThroughFeeSpike: the payer withholds its co-signature of the hub's claim, so
// the hub registers the secret before the payer's lock expires. While the transaction
// waits, blocks full of better-paying transactions push the base fee up tenfold: the
// sender replaces it at the same account nonce and it is mined before the lock expires.
// The settle gas cap and daily budget, set so low that no settlement could go, hold
// back none of the hub's transactions.
func TestSecretThroughFeeSpike(t *testing.T) {
	// The payee's lock expires 150 s of chain time before the payer's: the window in which
	// the hub must get the secret on-chain.
	// A grace past the lock's life: the registration falls due at the margin, in the spike.
	e := newEnv(t, envConfig{users: 3, configure: func(c *hub.Config) {
		c.MinLockTime, c.MaxLockTime, c.LockMargin, c.CollectGrace = 300, 600, 150, 3600
	},
		sender: func(c *disputes.SenderConfig) { c.MaxGasPerSettle, c.SettleBudget = 1, big.NewInt(1) }})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	spammer := e.users[2]
	burnerABI := bindings.NewGasBurner()
	e.chainMu.Lock()
	addr, tx, err := bind.DeployContract(e.c.Opts(spammer), common.FromHex(bindings.GasBurnerMetaData.Bin), e.c.Client, nil)
	if err == nil {
		_, err = e.c.Mine(tx)
	}
	e.chainMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	burner := burnerABI.Instance(e.c.Client, addr)
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	// a goes silent; b claims.
	e.eventually("the payee to claim", func() bool { return e.paymentStatus(hl) == store.PayClaimed }, b)
	p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
	if err != nil {
		t.Fatal(err)
	}

	// The miner stops; the chain moves to the payee's expiry, where the hub protects the
	// payer's lock.
	e.chainMu.Lock()
	defer e.chainMu.Unlock()
	if now := e.c.Now(); now < p.PayeeExpiry {
		if err := e.c.AdvanceTime(time.Duration(p.PayeeExpiry-now) * time.Second); err != nil {
			t.Fatal(err)
		}
	}
	reg := e.waitTx("the secret's registration to be signed", common.Address{}, store.KindRegisterSecrets,
		func(tx store.OutboxTx) bool { return tx.Status == store.TxSent })
	if reg.Deadline != p.PayerExpiry {
		t.Errorf("registration due %d, want the payer's lock expiry %d", reg.Deadline, p.PayerExpiry)
	}
	head, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	base0 := new(big.Int).Set(head.BaseFee)
	nonce, err := e.c.Client.PendingNonceAt(t.Context(), spammer.Addr)
	if err != nil {
		t.Fatal(err)
	}
	for new(big.Int).Div(head.BaseFee, base0).Cmp(big.NewInt(10)) < 0 {
		// Four transactions that each burn a quarter of the block and tip far more.
		for range 4 {
			opts := e.c.Opts(spammer)
			opts.Nonce = new(big.Int).SetUint64(nonce)
			nonce++
			opts.GasLimit = head.GasLimit / 4
			opts.GasTipCap = big.NewInt(40 * params.GWei)
			opts.GasFeeCap = big.NewInt(60 * params.GWei)
			if _, err := burner.RawTransact(opts, burnerABI.PackBurn()); err != nil {
				t.Fatal(err)
			}
		}
		if err := e.c.WaitPending(spammer.Addr, nonce); err != nil {
			t.Fatal(err)
		}
		e.c.Backend.Commit()
		e.afterSweeps(1) // the sweeper decides at the new head, then the sender acts on it
		e.afterPasses(1)
		if head, err = e.c.Client.HeaderByNumber(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		if at := e.secretRegisteredAt(hl); at != 0 {
			t.Fatalf("the secret was registered during the spike (block time %d, base fee %s)", at, head.BaseFee)
		}
		if head.Time > p.PayerExpiry {
			t.Fatalf("the spike outlasted the payer's lock (%d > %d): the test's margin is too small", head.Time, p.PayerExpiry)
		}
	}
	spiked := new(big.Int).Set(head.BaseFee)
	for range 100 {
		e.c.Backend.Commit()
		if e.secretRegisteredAt(hl) != 0 {
			break
		}
		e.afterSweeps(1)
		e.afterPasses(1)
	}
	at := e.secretRegisteredAt(hl)
	if at == 0 || at > p.PayerExpiry {
		t.Fatalf("secret registered at %d, want by the payer's lock expiry %d", at, p.PayerExpiry)
	}
	for range 3 { // to its depth
		e.c.Backend.Commit()
		e.afterPasses(1)
	}
	reg = e.waitTx("the registration to be confirmed", common.Address{}, store.KindRegisterSecrets,
		func(tx store.OutboxTx) bool { return tx.Status == store.TxConfirmed })
	if len(reg.Attempts) < 2 {
		t.Fatalf("%d attempts, want the first replaced", len(reg.Attempts))
	}
	if reg.TxHash == reg.Attempts[0].Hash {
		t.Errorf("the first attempt %s was mined, want a replacement", reg.TxHash)
	}
	for i, a := range reg.Attempts {
		if n := signedNonce(a); n != *reg.AccountNonce {
			t.Errorf("attempt %d at account nonce %d, want %d: a replacement reuses the nonce", i, n, *reg.AccountNonce)
		}
		if i > 0 && a.FeeCap.Cmp(reg.Attempts[i-1].FeeCap) <= 0 {
			t.Errorf("attempt %d fee cap %s not above the previous %s", i, a.FeeCap, reg.Attempts[i-1].FeeCap)
		}
	}
	t.Logf("base fee %s -> %s wei; %d attempts; registered at %d, lock expires %d", base0, spiked, len(reg.Attempts), at, p.PayerExpiry)
}

func (e *env) secretRegisteredAt(hl common.Hash) uint64 {
	e.t.Helper()
	at, err := bind.Call(e.c.Manager, nil, e.c.ManagerABI.PackSecretRegisteredAt(hl), e.c.ManagerABI.UnpackSecretRegisteredAt)
	if err != nil {
		e.t.Fatal(err)
	}
	return at.Uint64()
}

// crashAfterSigningTopUp runs a hub whose process dies after the top-up it co-signed
// with the user is signed and recorded, before it leaves for the node, and returns the
// stopped hub, the user's wallet, the signed transaction and the head before it.
func crashAfterSigningTopUp(t *testing.T) (*env, *client.Wallet, *types.Transaction, uint64) {
	update := selector(t, "hubAuthorizedUpdate")
	var crashed atomic.Pointer[types.Transaction]
	var e *env
	cfg := envConfig{users: 1}
	cfg.chain = func(c disputes.Chain) disputes.Chain {
		return &node{Chain: c, send: func(tx *types.Transaction) (bool, error) {
			if !calls(tx, e.c.ManagerAddr, update) || !crashed.CompareAndSwap(nil, tx) {
				return false, nil
			}
			e.cancel() // the process dies here
			return true, context.Canceled
		}}
	}
	e = newEnv(t, cfg)
	a := e.wallet(e.users[0])
	e.deposit(a, eth(10))
	head, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.RequestCollateral(t.Context()); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, 30*time.Second, "the top-up to be broadcast", func() bool {
		if crashed.Load() != nil {
			return true
		}
		if err := a.Sync(t.Context()); err != nil {
			t.Logf("sync: %v", err)
		}
		return false
	})
	e.stop()
	if n := len(e.minedTxs(e.c.Accounts[0].Addr, head.Number.Uint64()+1)); n != 0 {
		t.Fatalf("%d hub transactions mined before the restart, want none", n)
	}
	return e, a, crashed.Load(), head.Number.Uint64()
}

// TestCrashBeforeBroadcast: the hub's process dies after the top-up it co-signed with the
// user is signed and recorded, before it leaves for the node. After the restart the same
// transaction — same hash, same nonce — is sent, once, and the proposal is confirmed.
func TestCrashBeforeBroadcast(t *testing.T) {
	update := selector(t, "hubAuthorizedUpdate")
	e, a, signed, headNumber := crashAfterSigningTopUp(t)
	e.start(envConfig{users: 1}) // the same database, a healthy node
	from := headNumber + 1
	// The hub's books follow the chain through its indexer, the outbox through the
	// sender's receipt lookups: both are waited for.
	e.eventually("the top-up to be confirmed after the restart, and its transaction recorded as included", func() bool {
		h, _ := balance(a)
		txs := e.hubTxs(a.Address(), store.KindHubUpdate)
		return e.settled(a) && h.Cmp(eth(20)) == 0 && len(txs) > 0 && txs[0].TxHash != (common.Hash{})
	}, a)
	txs := e.hubTxs(a.Address(), store.KindHubUpdate)
	if len(txs) != 1 || len(txs[0].Attempts) != 1 {
		t.Fatalf("outbox entries %s, want one with its one attempt", describe(txs))
	}
	if txs[0].TxHash != signed.Hash() {
		t.Errorf("mined %s, want the transaction signed before the crash %s", txs[0].TxHash, signed.Hash())
	}
	var updates int
	for _, tx := range e.minedTxs(e.c.Accounts[0].Addr, from) {
		if calls(tx, e.c.ManagerAddr, update) {
			updates++
			if tx.Hash() != signed.Hash() || tx.Nonce() != signed.Nonce() {
				t.Errorf("mined update %s at nonce %d, want %s at %d", tx.Hash(), tx.Nonce(), signed.Hash(), signed.Nonce())
			}
		}
	}
	if updates != 1 {
		t.Errorf("%d hubAuthorizedUpdate transactions mined, want 1", updates)
	}
}

// TestCrashPastTheProposalTimeout: the hub dies after signing the top-up, and comes back
// only after the proposal's timeout. The signed transaction can no longer execute: the
// proposal is invalidated (the co-signed state returns to what it was, the hub's side
// still empty), no collateral arrives, and the account's nonce is not left stuck — the
// next top-up is sent and confirmed.
func TestCrashPastTheProposalTimeout(t *testing.T) {
	e, a, signed, _ := crashAfterSigningTopUp(t)
	e.advance(2 * time.Hour) // past the proposal's timeout (ProposalTimeout, 3600 s)
	e.start(envConfig{users: 1})
	e.eventually("the proposal to be invalidated", func() bool {
		s, _ := a.Latest()
		return e.settled(a) && !s.HasPending()
	}, a)
	if h, _ := balance(a); h.Sign() != 0 {
		t.Fatalf("the hub's side is %s after an invalidated top-up, want 0", h)
	}
	if ch := e.onchain(a.Address()); ch.WeiBalances[channel.Hub].Sign() != 0 || ch.TotalWei.Cmp(eth(10)) != 0 {
		t.Fatalf("the contract holds %s wei for the hub and %s in all, want none and the user's 10 ether", ch.WeiBalances[channel.Hub], ch.TotalWei)
	}
	if tx, _, err := e.c.Client.TransactionByHash(t.Context(), signed.Hash()); err == nil && tx != nil {
		if r, err := e.c.Client.TransactionReceipt(t.Context(), signed.Hash()); err == nil && r.Status == types.ReceiptStatusSuccessful {
			t.Fatal("the update signed before the crash executed after its timeout")
		}
	}
	txs := e.hubTxs(a.Address(), store.KindHubUpdate)
	if len(txs) != 1 || txs[0].Status == store.TxConfirmed {
		t.Fatalf("outbox entries %s, want the timed-out update ended without success", describe(txs))
	}
	// The nonce the crashed update held is used (by it, reverted, or by a fill): the
	// next top-up goes through.
	if err := a.RequestCollateral(t.Context()); err != nil {
		t.Fatal(err)
	}
	e.eventually("a new top-up to be confirmed", func() bool {
		h, _ := balance(a)
		return e.settled(a) && h.Cmp(eth(20)) == 0
	}, a)
}
