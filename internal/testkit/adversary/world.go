package adversary

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/watcher"
)

// The world's timing: chain seconds for the protocol, wall-clock for the processes.
const (
	challengePeriod = 60  // seconds of chain time a dispute stays open
	proposalTimeout = 120 // the hub's advertised maximum for a proposal's timeout
	minLock         = 30  // a payment's lock expiry, from now, at least
	maxLock         = 130 // and at most
	lockMargin      = 10  // the payee's lock expires this much before the payer's
	blockEvery      = 20 * time.Millisecond
	pollEvery       = 20 * time.Millisecond
)

var ether = simchain.Ether

func eth(milli int64) *big.Int { // thousandths of an ether
	return new(big.Int).Mul(big.NewInt(milli), big.NewInt(1e15))
}

// reserveFunded is what the hub puts in its reserve at the start.
var reserveFunded = new(big.Int).Mul(big.NewInt(1000), ether)

// stallable is the node the hub's indexer reads: FilterLogs fails while stalled, as a
// lagging or failed-over node's would.
type stallable struct {
	watcher.Chain
	stalled atomic.Bool
}

func (c *stallable) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if c.stalled.Load() {
		return nil, errors.New("adversary: the indexer's node is stalled")
	}
	return c.Chain.FilterLogs(ctx, q)
}

// mutable is the node the hub's sender sends through: while muted it sends nothing, as
// a hub that chooses not to (a registration, a challenge) would.
type mutable struct {
	disputes.Chain
	muted atomic.Bool
}

func (c *mutable) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if c.muted.Load() {
		return errors.New("adversary: the hub sends nothing")
	}
	return c.Chain.SendTransaction(ctx, tx)
}

// world is one schedule's chain, hub process and users.
type world struct {
	dsn     string
	dir     string
	c       *simchain.Chain
	chainMu sync.Mutex // held while mining or moving the clock
	node    *stallable
	sends   *mutable

	// The hub process, nil while crashed.
	proc    *hubProc
	hubAddr string       // the hub's address, the same across restarts, as a deployment's
	ln      net.Listener // the listener kept for the hub's first start
	procMu  sync.Mutex   // guards proc for the miner (the rest runs on the runner's goroutine)

	users []*user
	third simchain.Account // an account of no party: settles and resolves as anyone may

	mine   context.CancelFunc
	mineWG sync.WaitGroup
}

// hubProc is one run of the hub: store, sender, engine, indexer, sweeper, API.
type hubProc struct {
	st     *sqlstore.Store
	h      *hub.Hub
	ix     *watcher.Indexer
	srv    *http.Server
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newWorld(ctx context.Context, dsn, dir string, users int) (*world, error) {
	c, err := simchain.New(simchain.Config{Accounts: 2 + users, ChallengePeriod: challengePeriod})
	if err != nil {
		return nil, err
	}
	w := &world{dsn: dsn, dir: dir, c: c, node: &stallable{Chain: c.Client}, sends: &mutable{Chain: c.Client}, third: c.Accounts[1+users]}
	if _, err := c.Transact(c.Accounts[0], c.Manager, reserveFunded, nil); err != nil {
		c.Close()
		return nil, fmt.Errorf("fund the reserve: %w", err)
	}
	st, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		c.Close()
		return nil, err
	}
	if err = st.Migrate(ctx); err == nil {
		err = st.AddContract(ctx, store.Contract{ChainID: c.ChainID, Address: c.ManagerAddr, Hub: c.Accounts[0].Addr,
			DeployBlock: c.DeployBlock, ChallengePeriod: challengePeriod})
	}
	st.Close()
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("prepare the store: %w", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		c.Close()
		return nil, err
	}
	w.hubAddr = l.Addr().String()
	w.ln = l // kept for the hub's first start: another test cannot take its port meanwhile
	for i := range users {
		px, err := newProxy(w, "http://"+w.hubAddr)
		if err != nil {
			w.close()
			return nil, err
		}
		w.users = append(w.users, &user{i: i, acct: c.Accounts[1+i], path: w.walletPath(i), px: px, online: true})
	}
	mctx, cancel := context.WithCancel(context.Background())
	w.mine = cancel
	w.mineWG.Add(1)
	go func() { // a block every blockEvery
		defer w.mineWG.Done()
		t := time.NewTicker(blockEvery)
		defer t.Stop()
		for {
			select {
			case <-mctx.Done():
				return
			case <-t.C:
				// The chain waits for a running hub to index what it has: its clock
				// stands for time the hub lives through, and a machine busy with other
				// schedules must not let it run past windows the hub would meet.
				if !w.behind() {
					w.chainMu.Lock()
					w.c.Backend.Commit()
					w.chainMu.Unlock()
				}
			}
		}
	}()
	return w, nil
}

// close stops everything the world started.
func (w *world) close() {
	w.stopHub()
	if w.ln != nil {
		w.ln.Close()
	}
	for _, u := range w.users {
		u.px.close()
	}
	if w.mine != nil {
		w.mine()
	}
	w.mineWG.Wait()
	w.c.Close()
}

func (w *world) now() uint64 {
	h, err := w.c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		return 0
	}
	return h.Time
}

// startHub runs the hub as the hub tests and hubd wire it: one sender for the hub's
// account, the dispute engine defending the hub's channels, the indexer feeding both,
// the sweeper, and the API on the world's listener.
func (w *world) startHub() error {
	if w.proc != nil {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, err := sqlstore.Open(ctx, w.dsn)
	if err != nil {
		cancel()
		return err
	}
	quiet := slog.New(slog.DiscardHandler)
	alerts := alert.Log{Logger: quiet}
	p := &hubProc{st: st, cancel: cancel}
	waker := disputes.NewWaker()
	hubAddr := w.c.Accounts[0].Addr
	exec := &hub.OutboxExecutor{Chain: w.c.Client, Outbox: st, ChainID: w.c.ChainID, Contract: w.c.ManagerAddr, Hub: hubAddr, Wake: waker.Wake}
	h, err := hub.New(hub.Config{ChainID: w.c.ChainID, Contract: w.c.ManagerAddr, Key: w.c.Accounts[0].Key, Now: w.now,
		MinLockTime: minLock, MaxLockTime: maxLock, LockMargin: lockMargin, ProposalTimeout: proposalTimeout,
		CollateralTarget: new(big.Int).Mul(big.NewInt(20), ether), Logger: quiet, Alerts: alerts,
		CaughtUp: func() bool { return p.caughtUp() }}, st, exec)
	if err != nil {
		st.Close()
		cancel()
		return err
	}
	eng := disputes.NewEngine(disputes.EngineConfig{ChainID: w.c.ChainID, Sender: hubAddr, AutoSettle: true, Logger: quiet,
		Alerts: alerts, Wake: waker.Wake}, disputes.EngineStores{States: hub.DisputeStates{Store: st}, Channels: st, Intents: st})
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: w.c.ChainID, Key: w.c.Accounts[0].Key, MaxFeePerGas: big.NewInt(1000e9),
		Confirmations: 1, Interval: 50 * time.Millisecond, Logger: quiet, Alerts: alerts, Waker: waker,
		OnRevert: func(ctx context.Context, contract, user common.Address) error {
			return errors.Join(eng.Examine(ctx, contract, user), h.Reverted(ctx, contract, user))
		}}, w.sends, st)
	if err != nil {
		st.Close()
		cancel()
		return err
	}
	consume := func(ctx context.Context, u watcher.Update) { h.Consume(ctx, u); eng.Consume(ctx, u) }
	ix, err := watcher.New(watcher.Config{ChainID: w.c.ChainID, Contracts: []common.Address{w.c.ManagerAddr}, StartBlock: w.c.DeployBlock,
		Confirmations: 1, PollInterval: pollEvery, Logger: quiet}, w.node, st, consume)
	if err != nil {
		st.Close()
		cancel()
		return err
	}
	p.h, p.ix = h, ix
	l, err := w.listen()
	if err != nil {
		st.Close()
		cancel()
		return err
	}
	p.srv = &http.Server{Handler: hubapi.NewServer(h, st, quiet).Handler(), ReadHeaderTimeout: 5 * time.Second}
	p.wg.Add(4)
	go func() { defer p.wg.Done(); snd.Run(ctx) }()
	go func() { defer p.wg.Done(); ix.Run(ctx) }()
	go func() {
		defer p.wg.Done()
		for ctx.Err() == nil {
			// As hubd's sweep job: the hub's sweep, then the engine re-examines every
			// disputed channel (a state co-signed while an exit was being indexed is
			// answered here).
			h.Sweep(ctx)
			eng.Reconcile(ctx)
			select {
			case <-ctx.Done():
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	go func() { defer p.wg.Done(); p.srv.Serve(l) }()
	w.procMu.Lock()
	w.proc = p
	w.procMu.Unlock()
	return nil
}

// stopHub ends the hub process: a crash between any two of its steps, as far as the
// database and the chain are concerned (every write it made is durable or not made).
func (w *world) stopHub() {
	p := w.proc
	if p == nil {
		return
	}
	w.procMu.Lock()
	w.proc = nil
	w.procMu.Unlock()
	p.srv.Close()
	p.cancel()
	p.wg.Wait()
	p.st.Close()
}

func (p *hubProc) caughtUp() bool {
	head, indexed := p.ix.Progress()
	return head > 0 && indexed+1 >= head
}

// idle waits until the hub's indexer has caught up and its outbox holds nothing queued or
// in flight, or until limit passes; it reports whether it became idle.
func (w *world) idle(ctx context.Context, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		p := w.proc
		if p == nil {
			return false
		}
		if p.caughtUp() {
			// Busy while a transaction is in flight or due; one queued for later (a
			// settlement waiting for its deadline) waits for the clock, which the drain
			// moves itself.
			txs, err := p.st.ActiveTxs(ctx, w.c.ChainID, w.c.Accounts[0].Addr)
			busy := err != nil
			now := w.now()
			for _, t := range txs {
				if t.Status != store.TxQueued || t.NotBefore <= now {
					busy = true
				}
			}
			if !busy {
				return true
			}
		}
		time.Sleep(pollEvery)
	}
	return false
}

// advance moves the chain's clock forward and mines a block.
//
// A running hub whose indexer is not stalled first indexes the head: the jump stands for
// time passing, and in that time an online hub polls its node many times over (a jump
// the hub could not see coming is a lag, which the schedule injects on purpose).
func (w *world) advance(d time.Duration) error {
	w.seen()
	w.chainMu.Lock()
	defer w.chainMu.Unlock()
	return w.c.AdvanceTime(d)
}

// transact sends calldata from a to the manager and mines it.
func (w *world) transact(a simchain.Account, value *big.Int, calldata []byte) error {
	w.chainMu.Lock()
	defer w.chainMu.Unlock()
	_, err := w.c.Transact(a, w.c.Manager, value, calldata)
	return err
}

// channel is the contract's view of a user's channel.
func (w *world) channel(u common.Address) (chanView, error) {
	ch, err := bind.Call(w.c.Manager, nil, w.c.ManagerABI.PackGetChannel(u), w.c.ManagerABI.UnpackGetChannel)
	return chanView(ch), err
}

// openWallet opens u's wallet on its state file, talking to the hub through the proxy.
func (w *world) openWallet(u *user) error {
	cw, err := client.Open(client.Config{ReceiptPoll: 5 * time.Millisecond, HubURL: u.px.url, Key: u.acct.Key, ChainID: w.c.ChainID, Contract: w.c.ManagerAddr,
		Hub: w.c.Accounts[0].Addr, StatePath: u.path, Chain: w.c.Client, ManualClaim: true, Logger: slog.New(slog.DiscardHandler),
		HTTPClient: &http.Client{Timeout: 5 * time.Second}})
	if err != nil {
		return err
	}
	u.w = cw
	return nil
}

func (w *world) walletPath(i int) string { return filepath.Join(w.dir, fmt.Sprintf("user%d.json", i)) }

// seen waits, briefly, until a running hub's indexer has indexed the chain's head, unless
// its node is stalled.
func (w *world) seen() {
	p := w.proc
	if p == nil || w.node.stalled.Load() {
		return
	}
	head, err := w.c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		return
	}
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		if _, indexed := p.ix.Progress(); indexed >= head.Number.Uint64() {
			return
		}
		time.Sleep(pollEvery / 4)
	}
}

// listen returns the hub's listener: the one the world kept, on its first start, then the
// same address again (a restart), retried briefly while the closed one lets it go.
func (w *world) listen() (net.Listener, error) {
	if l := w.ln; l != nil {
		w.ln = nil
		return l, nil
	}
	var err error
	for range 50 {
		var l net.Listener
		if l, err = net.Listen("tcp", w.hubAddr); err == nil {
			return l, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil, err
}

// behind reports whether a running hub, whose node is not stalled, has not yet indexed
// the chain's head.
func (w *world) behind() bool {
	w.procMu.Lock()
	p := w.proc
	w.procMu.Unlock()
	if p == nil || w.node.stalled.Load() {
		return false
	}
	head, err := w.c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		return false
	}
	_, indexed := p.ix.Progress()
	return indexed < head.Number.Uint64()
}
