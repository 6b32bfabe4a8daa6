package hub_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
	"github.com/vigil-hub/vigil/wire"
)

func (e *env) paymentStatus(hl common.Hash) string {
	p, err := e.st.Payment(e.t.Context(), e.c.ManagerAddr, hl)
	if err != nil {
		return err.Error()
	}
	return p.Status
}

// checkBalances asserts a wallet's user balance and that it holds no locks.
func checkBalances(t *testing.T, name string, w *client.Wallet, user *big.Int) {
	t.Helper()
	s, locks := w.Latest()
	if s.WeiBalances[1].Cmp(user) != 0 || len(locks) != 0 || s.LockedWei[0].Sign() != 0 || s.LockedWei[1].Sign() != 0 {
		t.Errorf("%s: user balance %s with %d locks (locked %v), want %s and none", name, s.WeiBalances[1], len(locks), s.LockedWei, user)
	}
}

// heldPayment deposits funds into a's and b's channels, has the hub top b up, has a pay b
// 1 ether and waits until b holds the incoming lock (b claims by hand); it returns the
// payment's hashlock and the secret b opened.
func (e *env) heldPayment(a, b *client.Wallet, funds *big.Int) (hashlock, secret common.Hash) {
	e.t.Helper()
	e.deposit(a, funds)
	e.deposit(b, funds)
	e.collateral(b)
	hl, err := a.Pay(e.t.Context(), b.Address(), client.Ether, eth(1))
	if err != nil {
		e.t.Fatal(err)
	}
	e.eventually("the payee to hold the lock", func() bool {
		_, locks := b.Latest()
		l := channel.FindLock(locks, hl)
		return l != nil && l.Sender == channel.Hub
	}, b)
	s, ok := b.Secret(hl)
	if !ok {
		e.t.Fatal("the payee could not open the sealed secret")
	}
	return hl, s
}

// TestPayeeNeverReveals: the payee co-signs the incoming lock but never reveals the
// secret. After the locks expire the hub takes its lock back and returns the payer's:
// the payer has all its money, the payee what it had.
func TestPayeeNeverReveals(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: shortLocks})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1], manualClaim)
	hl, _ := e.heldPayment(a, b, eth(10))
	e.advance(2 * time.Minute)
	e.eventually("the payment to be refunded", func() bool { return e.paymentStatus(hl) == store.PayRefunded && e.settled(a) && e.settled(b) }, a, b)
	checkBalances(t, "payer", a, eth(10))
	checkBalances(t, "payee", b, eth(10))
}

// TestHubWithholdsPayeeLock: a cheating hub takes the payer's lock and never locks
// toward the payee (nor gives the lock back). After expiry the payer refunds itself.
func TestHubWithholdsPayeeLock(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: shortLocks})
	hub.SetWithhold(e.h, func(store.Payment) bool { return true })
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	e.afterSweeps(2) // the sweeper would have locked toward the payee; it withholds
	if _, l := b.Latest(); len(l) != 0 {
		t.Fatal("the payee got a lock: the hub did not withhold")
	}
	if n, err := a.RefundExpired(t.Context()); err != nil || n != 0 {
		t.Fatalf("refund before expiry: %d refunded, %v", n, err)
	}
	e.advance(2 * time.Minute)
	if n, err := a.RefundExpired(t.Context()); err != nil || n != 1 {
		t.Fatalf("refund after expiry: %d refunded, %v", n, err)
	}
	checkBalances(t, "payer", a, eth(10))
	if st := e.paymentStatus(hl); st != store.PayRefunded {
		t.Errorf("payment %s, want refunded", st)
	}
}

// TestHubCrashBetweenLockAndClaim: the hub dies right after storing the payer's lock,
// before locking toward the payee. A new hub process on the same database forwards it;
// the payee claims, the hub collects, and nobody lost anything.
func TestHubCrashBetweenLockAndClaim(t *testing.T) {
	cfg := envConfig{users: 2}
	e := newEnv(t, cfg)
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	hub.SetWithhold(e.h, func(store.Payment) bool { return true }) // dies before forwarding
	hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(3))
	if err != nil {
		t.Fatal(err)
	}
	e.stop()
	if st := e.paymentStatus(hl); st != store.PayLocked {
		t.Fatalf("payment %s at the crash, want locked", st)
	}
	e.start(cfg)
	e.eventually("the payment to complete after the restart", func() bool {
		return e.paymentStatus(hl) == store.PayCompleted && e.settled(a) && e.settled(b)
	}, b, a)
	checkBalances(t, "payer", a, eth(7))
	checkBalances(t, "payee", b, eth(13))
}

// TestNoRefundOfClaimedPayment: the payee reveals the secret, but the payer never
// co-signs the hub's claim and, after expiry, asks for a refund instead. The hub refuses:
// it already paid the payee.
func TestNoRefundOfClaimedPayment(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: shortLocks})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	e.eventually("the payee to claim", func() bool { return e.paymentStatus(hl) == store.PayClaimed }, b)
	e.advance(2 * time.Minute)
	// The payer, cheating, asks for a refund on top of its last co-signed state instead
	// of co-signing the hub's claim.
	v, err := e.h.View(t.Context(), a.Address(), big.NewInt(0))
	if err != nil || v.Cosigned == nil {
		t.Fatal(err)
	}
	now := e.now()
	u := channel.Update{Kind: channel.KindRefund, Hashlock: &hl, Now: now}
	next, _, err := u.Apply(v.Cosigned.State, v.Cosigned.Locks)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := e.c.Domain.Digest(next)
	sig, _ := channel.Sign(d, e.users[0].Key)
	body, _ := json.Marshal(wire.HubRequest{Update: u, Nonce: channel.Amount{V: next.Nonce}, SigUser: sig})
	status, werr, _ := e.raw(rawCall{method: http.MethodPost, path: "/v1/requests", body: body, key: e.users[0].Key,
		user: a.Address(), nonceFor: a.Address()})
	if status/100 == 2 || (werr.Code != wire.CodeNotAllowed && werr.Code != wire.CodeSyncFirst) {
		t.Fatalf("refund of a claimed payment: %d %s %s, want it refused", status, werr.Code, werr.Message)
	}
	if st := e.paymentStatus(hl); st != store.PayClaimed && st != store.PayCompleted {
		t.Errorf("payment %s after the refused refund", st)
	}
}

// TestCollateralBeyondReserve: a top-up the reserve cannot cover is not proposed, and the
// refusal says the reserve is short.
func TestCollateralBeyondReserve(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, configure: func(c *hub.Config) { c.CollateralTarget = eth(1_000_000) }})
	a := e.wallet(e.users[0])
	e.deposit(a, eth(1))
	err := a.RequestCollateral(t.Context())
	if !isCode(err, wire.CodeReserveEmpty) {
		t.Fatalf("collateral beyond the reserve: %v, want reserve_empty", err)
	}
	if v, _ := e.h.View(t.Context(), a.Address(), big.NewInt(0)); len(v.Proposals) != 0 {
		t.Errorf("%d proposals made", len(v.Proposals))
	}
}

// stalling is a node the hub's indexer reads that, while stalled, has no logs to give.
type stalling struct {
	watcher.Chain
	stalled atomic.Bool
}

func (c *stalling) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if c.stalled.Load() {
		return nil, errors.New("stalled")
	}
	return c.Chain.FilterLogs(ctx, q)
}

// TestPayeeRegistersSecretInTime: the payee, holding an incoming payment, neither claims
// it from the hub nor answers its proposals, but registers the secret on-chain before its
// lock expires — it can take the lock there — while the hub's indexer lags, so the hub
// has not seen the registration when the locks expire. The hub reads the chain before it
// gives the payer's lock back, and does not (it would pay twice); once the indexer sees
// the registration the hub collects the payer's lock with the secret.
func TestPayeeRegistersSecretInTime(t *testing.T) {
	node := &stalling{}
	e := newEnv(t, envConfig{users: 2, configure: shortLocks, indexed: func(c watcher.Chain) watcher.Chain { node.Chain = c; return node }})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1], manualClaim)
	hl, secret := e.heldPayment(a, b, eth(10))
	node.stalled.Store(true)
	e.chainMu.Lock()
	_, err := e.c.Transact(e.users[1], e.c.Manager, nil, e.c.ManagerABI.PackRegisterSecret(secret))
	e.chainMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	e.advance(2 * time.Minute) // past both locks' expiry; b syncs no more
	for range 10 {             // a sweep, then a's sync, ten times
		e.afterSweeps(1)
		if err := a.Sync(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if s := e.paymentStatus(hl); s != store.PayForwarded {
		t.Fatalf("payment %s with its secret registered in time, want still forwarded: the payer's lock given back", s)
	}
	if _, locks := a.Latest(); channel.FindLock(locks, hl) == nil {
		t.Fatal("the payer's lock was given back")
	}
	node.stalled.Store(false)
	// Claimed once the registration is seen, completed once the payer co-signs the hub's
	// claim of its lock.
	e.eventually("the hub to collect the payer's lock", func() bool { return e.paymentStatus(hl) == store.PayCompleted && e.settled(a) }, a)
	checkBalances(t, "payer", a, eth(9))
}
