package hub_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/watcher"
	"github.com/vigil-hub/vigil/wire"
)

func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), simchain.Ether) }

// env is a simulated chain mined every 50ms, a hub over PostgreSQL serving HTTP on
// loopback with its indexer and sweeper running, and users' wallets.
type env struct {
	t       testing.TB
	c       *simchain.Chain
	st      *sqlstore.Store
	h       *hub.Hub
	snd     *disputes.Sender // the hub's account's one sender
	srv     *httptest.Server
	users   []simchain.Account
	chainMu sync.Mutex // held while moving the clock
	// blockEvery is the miner's interval in nanoseconds (0: 50ms). Chain time moves a
	// second a block while blocks come faster than one a second.
	blockEvery atomic.Int64
	// sweeps counts the sweeper's completed passes (afterSweeps), passes the sender's
	// (afterPasses).
	sweeps, passes atomic.Int64
	cancel         context.CancelFunc
	wg             sync.WaitGroup
	// routes counts the HTTP requests the hub's API served, by method and path.
	routes sync.Map // string → *atomic.Int64
}

// served returns how many HTTP requests the API served on route ("POST /v1/requests").
func (e *env) served(route string) int64 {
	if n, ok := e.routes.Load(route); ok {
		return n.(*atomic.Int64).Load()
	}
	return 0
}

type envConfig struct {
	users     int
	configure func(*hub.Config)
	defend    bool // run the dispute engine for the hub's own channels
	// chain, when set, wraps the chain the hub's sender sends through (a node that
	// misbehaves, or a crash at a chosen call).
	chain  func(disputes.Chain) disputes.Chain
	alerts alert.Sink // the hub's and its sender's alerts (default: discarded)
	// sender, when set, adjusts the sender's configuration; exec, the hub's executor.
	sender func(*disputes.SenderConfig)
	exec   func(*hub.OutboxExecutor)
	// noToken deploys the ChannelManager with an address that holds no code as its
	// token: a contract without a token.
	noToken bool
	// noStream serves the API as an older hub did, without its stream (404): wallets
	// long-poll.
	noStream bool
	// indexed, when set, wraps the chain the hub's indexer reads (a node that stalls).
	indexed func(watcher.Chain) watcher.Chain
	// noSweep runs no sweeper: a test sweeps itself (e.h.Sweep), or shows what a user's
	// request does before a sweep would.
	noSweep bool
}

func newEnv(t testing.TB, cfg envConfig) *env {
	t.Helper()
	c, err := simchain.New(simchain.Config{Accounts: 1 + cfg.users, ChallengePeriod: 600})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	e := &env{t: t, c: c, st: pgtest.NewStore(t), users: c.Accounts[1:]}
	if cfg.noToken {
		if err := c.DeployManager(600, c.Accounts[0].Addr); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Transact(c.Accounts[0], c.Manager, eth(5000), nil); err != nil { // the reserve
		t.Fatal(err)
	}
	// The token reserve, funded as the hub funds it: a plain ERC-20 transfer to the
	// contract (here minted to it); and tokens for every user's account.
	for _, to := range append([]common.Address{c.ManagerAddr}, addrs(e.users)...) {
		if _, err := c.Transact(c.Accounts[0], c.Token, nil, c.TokenABI.PackMint(to, tok(5000))); err != nil {
			t.Fatal(err)
		}
	}
	e.start(cfg)
	return e
}

func (e *env) now() uint64 {
	h, err := e.c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		return 0
	}
	return h.Time
}

// start runs a hub process (again, after stop, for a restart) over the same database.
func (e *env) start(cfg envConfig) {
	t := e.t
	hcfg := hub.Config{ChainID: e.c.ChainID, Contract: e.c.ManagerAddr, Key: e.c.Accounts[0].Key, Now: e.now,
		CollateralTarget: eth(20), Logger: testLogger()}
	if cfg.configure != nil {
		cfg.configure(&hcfg)
	}
	// One account, one nonce manager: the hub's transactions and its dispute engine's go
	// through one outbox and one sender, as hubd wires them.
	quiet := slog.New(slog.DiscardHandler)
	alerts := cfg.alerts
	if alerts == nil {
		alerts = alert.Log{Logger: quiet}
	}
	hcfg.Alerts = alerts
	var sendChain disputes.Chain = e.c.Client
	if cfg.chain != nil {
		sendChain = cfg.chain(sendChain)
	}
	scfg := disputes.SenderConfig{ChainID: e.c.ChainID, Key: e.c.Accounts[0].Key, MaxFeePerGas: big.NewInt(1000e9),
		Confirmations: 1, Interval: 100 * time.Millisecond, Logger: testLogger(), Alerts: alerts, Passed: func() { e.passes.Add(1) }}
	if cfg.sender != nil {
		cfg.sender(&scfg)
	}
	// Wired as hubd wires them: a waker first, for the executor and the engine; the
	// sender last, telling the engine and the hub of reverts.
	waker := disputes.NewWaker()
	hubAddr := e.c.Accounts[0].Addr
	exec := &hub.OutboxExecutor{Chain: e.c.Client, Outbox: e.st, ChainID: e.c.ChainID, Contract: e.c.ManagerAddr,
		Hub: hubAddr, Wake: waker.Wake}
	if cfg.exec != nil {
		cfg.exec(exec)
	}
	h, err := hub.New(hcfg, e.st, exec)
	if err != nil {
		t.Fatal(err)
	}
	consume := h.Consume
	scfg.Waker, scfg.OnRevert = waker, h.Reverted
	if cfg.defend {
		if err := e.st.AddContract(t.Context(), store.Contract{ChainID: e.c.ChainID, Address: e.c.ManagerAddr, Hub: hubAddr,
			DeployBlock: e.c.DeployBlock, ChallengePeriod: 600}); err != nil {
			t.Fatal(err)
		}
		eng := disputes.NewEngine(disputes.EngineConfig{ChainID: e.c.ChainID, Sender: hubAddr, AutoSettle: true, Logger: quiet,
			Alerts: alerts, Wake: waker.Wake}, disputes.EngineStores{States: hub.DisputeStates{Store: e.st}, Channels: e.st, Intents: e.st})
		consume = func(ctx context.Context, u watcher.Update) { h.Consume(ctx, u); eng.Consume(ctx, u) }
		scfg.OnRevert = func(ctx context.Context, contract, user common.Address) error {
			return errors.Join(eng.Examine(ctx, contract, user), h.Reverted(ctx, contract, user))
		}
	}
	snd, err := disputes.NewSender(scfg, sendChain, e.st)
	if err != nil {
		t.Fatal(err)
	}
	e.h, e.snd = h, snd
	// The same loopback address across restarts, so wallets keep their hub URL.
	addr := "127.0.0.1:0"
	if e.srv != nil {
		addr = e.srv.Listener.Addr().String()
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	api := hubapi.NewServer(h, e.st, slog.New(slog.DiscardHandler)).Handler()
	e.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		route := r.Method + " " + r.URL.Path
		n, _ := e.routes.LoadOrStore(route, new(atomic.Int64))
		n.(*atomic.Int64).Add(1)
		if cfg.noStream && r.URL.Path == wire.StreamPath {
			http.NotFound(w, r)
			return
		}
		api.ServeHTTP(w, r)
	}))
	e.srv.Listener.Close()
	e.srv.Listener = l
	e.srv.Start()
	var indexed watcher.Chain = e.c.Client
	if cfg.indexed != nil {
		indexed = cfg.indexed(indexed)
	}
	ix, err := watcher.New(watcher.Config{ChainID: e.c.ChainID, Contracts: []common.Address{e.c.ManagerAddr}, StartBlock: e.c.DeployBlock,
		Confirmations: 1, PollInterval: 50 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)}, indexed, e.st, consume)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.wg.Add(4)
	go func() { defer e.wg.Done(); snd.Run(ctx) }()
	go func() { defer e.wg.Done(); ix.Run(ctx) }()
	go func() { // blocks every 50ms (blockEvery)
		defer e.wg.Done()
		for ctx.Err() == nil {
			e.chainMu.Lock()
			e.c.Backend.Commit()
			e.chainMu.Unlock()
			d := time.Duration(e.blockEvery.Load())
			if d == 0 {
				d = 50 * time.Millisecond
			}
			time.Sleep(d)
		}
	}()
	go func() { // the hub's sweeper
		defer e.wg.Done()
		for ctx.Err() == nil && !cfg.noSweep {
			h.Sweep(ctx)
			e.sweeps.Add(1)
			time.Sleep(100 * time.Millisecond)
		}
	}()
	t.Cleanup(e.stop)
}

// afterSweeps waits until the sweeper has completed n passes begun after the call: a
// test showing that the hub does not do something checks after the passes that would
// have done it, instead of sleeping.
func (e *env) afterSweeps(n int64) {
	e.t.Helper()
	target := e.sweeps.Load() + n + 1 // the pass under way began before the call
	wait.Until(e.t, time.Minute, fmt.Sprintf("%d sweeps", n), func() bool { return e.sweeps.Load() >= target })
}

// afterPasses waits until the sender has completed n passes begun after the call.
func (e *env) afterPasses(n int64) {
	e.t.Helper()
	target := e.passes.Load() + n + 1 // the pass under way began before the call
	wait.Until(e.t, time.Minute, fmt.Sprintf("%d sender passes", n), func() bool { return e.passes.Load() >= target })
}

// stop ends the hub process (its server, indexer, sweeper) and the miner.
func (e *env) stop() {
	if e.cancel == nil {
		return
	}
	e.cancel()
	e.wg.Wait()
	e.srv.Close()
	e.cancel = nil
}

func (e *env) wallet(a simchain.Account, opts ...func(*client.Config)) *client.Wallet {
	e.t.Helper()
	cfg := client.Config{HubURL: e.srv.URL, Key: a.Key, ChainID: e.c.ChainID, Contract: e.c.ManagerAddr,
		Hub: e.c.Accounts[0].Addr, StatePath: filepath.Join(e.t.TempDir(), "wallet.json"), Chain: e.c.Client,
		Logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(&cfg)
	}
	w, err := client.Open(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// eventually waits, boundedly, for cond, syncing the wallets while it waits.
func (e *env) eventually(what string, cond func() bool, ws ...*client.Wallet) {
	e.t.Helper()
	if !wait.Poll(60*time.Second, func() bool {
		for _, w := range ws {
			if err := w.Sync(e.t.Context()); err != nil {
				e.t.Logf("sync %s: %v", w.Address(), err)
			}
		}
		return cond()
	}) {
		e.dump()
		e.t.Fatalf("timed out waiting for %s", what)
	}
}

// settled reports whether w's channel has no proposals waiting and no pending operation.
func (e *env) settled(w *client.Wallet) bool {
	v, err := e.h.View(e.t.Context(), w.Address(), big.NewInt(0))
	if err != nil || len(v.Proposals) > 0 || v.Cosigned == nil {
		return false
	}
	s, _ := w.Latest()
	return !s.HasPending() && s.Nonce.Cmp(v.Cosigned.State.Nonce) == 0
}

// deposit puts wei into w's channel and waits for the hub's confirmation.
func (e *env) deposit(w *client.Wallet, wei *big.Int) {
	e.t.Helper()
	if _, err := w.Deposit(e.t.Context(), client.Ether, wei); err != nil {
		e.t.Fatal(err)
	}
	e.eventually("the deposit to be confirmed", func() bool { return e.settled(w) }, w)
}

func balance(w *client.Wallet) (hubSide, userSide *big.Int) {
	s, _ := w.Latest()
	return s.WeiBalances[0], s.WeiBalances[1]
}

// reserve returns the hub's ether reserve in the contract.
func (e *env) reserve() *big.Int {
	e.t.Helper()
	w, err := bind.Call(e.c.Manager, nil, e.c.ManagerABI.PackHubReserveWei(), e.c.ManagerABI.UnpackHubReserveWei)
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// advance moves the chain's clock forward by d and mines a block.
func (e *env) advance(d time.Duration) {
	e.t.Helper()
	e.chainMu.Lock()
	defer e.chainMu.Unlock()
	if err := e.c.AdvanceTime(d); err != nil {
		e.t.Fatal(err)
	}
}

// collateral has the hub top up w's channel and waits until it is confirmed.
func (e *env) collateral(w *client.Wallet) {
	e.t.Helper()
	if err := w.RequestCollateral(e.t.Context()); err != nil {
		e.t.Fatal(err)
	}
	e.eventually("collateral to be confirmed", func() bool {
		h, _ := balance(w)
		return e.settled(w) && h.Sign() > 0
	}, w)
}

func manualClaim(c *client.Config) { c.ManualClaim = true }

// shortLocks makes payments expire within a minute of chain time.
func shortLocks(c *hub.Config) { c.MinLockTime, c.MaxLockTime, c.LockMargin = 30, 130, 10 }

// onchain returns the contract's view of u's channel.
func (e *env) onchain(u common.Address) bindings.ChannelManagerChannel {
	e.t.Helper()
	ch, err := bind.Call(e.c.Manager, nil, e.c.ManagerABI.PackGetChannel(u), e.c.ManagerABI.UnpackGetChannel)
	if err != nil {
		e.t.Fatal(err)
	}
	return ch
}

func hexHash(s string) common.Hash { return common.HexToHash(s) }

func testLogger() *slog.Logger {
	if os.Getenv("VIGIL_HUB_LOG") != "" {
		return slog.Default()
	}
	return slog.New(slog.DiscardHandler)
}

// dump logs the hub's open payments and pending proposals, to explain a timeout.
func (e *env) dump() {
	open, _ := e.st.OpenPayments(context.Background(), e.c.ManagerAddr)
	for _, p := range open {
		e.t.Logf("open payment %s %s -> %s: %s", p.Hashlock, p.Payer, p.Payee, p.Status)
	}
	for _, u := range e.users {
		v, err := e.h.View(context.Background(), u.Addr, big.NewInt(0))
		if err != nil || len(v.Proposals) == 0 {
			continue
		}
		for _, p := range v.Proposals {
			e.t.Logf("user %s: proposal %s %s", u.Addr, p.State.Nonce, p.Kind)
		}
	}
}
