package hubd

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/watcher"
)

// Deps are what a hub runs on. `hub run` opens them from its configuration (Run); the
// demo and the bench pass their own.
type Deps struct {
	// Config is the hub's configuration, filled (Config.Fill); its database and RPC
	// sections are not read: Store and Node are what they name.
	Config  *Config
	Key     *ecdsa.PrivateKey
	Store   Store
	Node    daemon.Node
	ChainID *big.Int
	// Endpoints are the RPC endpoints the health check watches; none: no check.
	Endpoints []watcher.Endpoint
	// Alerts, when set, receives every alert besides the configured sinks.
	Alerts alert.Sink
	// Metrics is where the hub counts (nil: NewMetrics()).
	Metrics *daemon.Metrics
	Log     *slog.Logger
	// WithoutDisputes leaves out the dispute engine that defends the hub's channels: the
	// demo's hub cheats, and its own engine would answer the stale close it makes.
	WithoutDisputes bool
}

// NewMetrics returns the hub's metrics registry.
func NewMetrics() *daemon.Metrics { return daemon.NewMetrics("hub") }

// Hub is a hub process built and listening, ready to Run: the hub and its HTTP API, its
// indexer, the sender of its account, the dispute engine that defends its channels, the
// sweeper and reconciler, alerts, the watch on its account and chain link, and the
// operations listener.
type Hub struct {
	d       Deps
	h       *hub.Hub
	ix      *watcher.Indexer
	snd     *disputes.Sender
	eng     *disputes.Engine // nil WithoutDisputes
	alerts  *daemon.Alerts
	monitor *monitor.Duties
	heads   *watcher.Heads
	now     *atomic.Uint64
	// contract is the hub's; lead its leadership among the processes sharing the
	// database, which replica contends for.
	contract common.Address
	lead     *leadership
	replica  *monitor.Replica
	api      *http.Server
	apiLn    net.Listener
	opsLn    net.Listener
}

// New builds the hub on d and opens its listeners; Run runs it. On an error nothing is
// left open.
func New(ctx context.Context, d Deps) (*Hub, error) {
	cfg, st := d.Config, d.Store
	if cfg == nil || d.Key == nil || st == nil || d.Node == nil || d.ChainID == nil {
		return nil, errors.New("hubd: a configuration, a key, a store, a node and a chain id are required")
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Metrics == nil {
		d.Metrics = NewMetrics()
	}
	log, mx, chainID := d.Log, d.Metrics, d.ChainID
	heads := daemon.NewHeads(d.Node, cfg.Chain, log) // the process's one head source
	chain := daemon.WithHeads(d.Node, heads)
	contract := common.HexToAddress(cfg.Contract.Address)
	ct, err := daemon.RegisterContract(ctx, st, chain, chainID, contract, cfg.Contract.DeployBlock)
	if err != nil {
		return nil, err
	}
	if me := crypto.PubkeyToAddress(d.Key.PublicKey); me != ct.Hub {
		return nil, fmt.Errorf("the keystore holds %s, the contract's hub is %s", me, ct.Hub)
	}
	al, err := daemon.NewAlerts(cfg.Alerts, st, false, mx, log)
	if err != nil {
		return nil, err
	}
	var alerts alert.Sink = al.Sink
	if d.Alerts != nil {
		alerts = alert.Fanout{al.Sink, d.Alerts}
	}
	now := new(atomic.Uint64)
	head, err := chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, err
	}
	now.Store(head.Time)
	// One account, one nonce manager: the hub's own transactions (collateral updates,
	// secrets, lock resolutions) are queued in the outbox its dispute sender works through.
	waker := disputes.NewWaker()
	exec := &hub.OutboxExecutor{Chain: chain, Outbox: st, ChainID: chainID, Contract: contract, Hub: ct.Hub, Wake: waker.Wake,
		Confirmations: cfg.Chain.Confirmations}
	tokenTarget, err := cfg.Collateral.TokenTarget.Units(ctx, chain, exec, "collateral.token_target")
	if err != nil {
		return nil, err
	}
	var ix *watcher.Indexer // the sweep waits for it (caughtUp)
	lead := new(leadership)
	h, err := hub.New(hub.Config{ChainID: chainID, Contract: contract, Key: d.Key, Now: now.Load,
		MinLockTime: uint64(cfg.Payments.MinLockTime.Seconds()), MaxLockTime: uint64(cfg.Payments.MaxLockTime.Seconds()),
		LockMargin: uint64(cfg.Payments.LockMargin.Seconds()), ProposalTimeout: uint64(cfg.ProposalTimeout.Seconds()),
		CollectGrace: uint64(cfg.Payments.CollectGrace.Seconds()), MaxUncollectedPerPayer: cfg.Payments.MaxUncollectedPerPayer.V,
		CollateralTarget: cfg.Collateral.Target.V, TokenCollateralTarget: tokenTarget, Logger: log, Alerts: alerts,
		CaughtUp: func() bool { return caughtUp(ix) }}, fencedStore{Store: st, lead: lead}, exec)
	if err != nil {
		return nil, err
	}
	// A reverted transaction is decided again at once: a challenge or settlement by the
	// engine, the hub's own by the hub.
	snd, eng, err := daemon.NewDisputes(daemon.DisputeParts{Account: "Hub account", Config: cfg.Disputes, Confirmations: cfg.Chain.Confirmations,
		ChainID: chainID, Key: d.Key, Chain: chain, Store: st, States: hub.DisputeStates{Store: st}, Reverted: h.Reverted,
		WithoutEngine: d.WithoutDisputes, Waker: waker, Alerts: alerts, Log: log})
	if err != nil {
		return nil, err
	}
	ix, err = watcher.New(watcher.Config{ChainID: chainID, Contracts: []common.Address{contract}, StartBlock: cfg.Contract.DeployBlock,
		Confirmations: cfg.Chain.Confirmations, PollInterval: cfg.Chain.PollInterval, Logger: log,
		OnSkip: func(l types.Log, err error) {
			alerts.Send(ctx, alert.LogSkippedAlert(l.Address, l.BlockNumber, l.TxHash, err))
		}}, chain, st,
		func(ctx context.Context, u watcher.Update) {
			// The events may be newer than the clock's last tick: read the head (Heads').
			if hd, err := chain.HeaderByNumber(ctx, nil); err == nil && hd.Time > now.Load() {
				now.Store(hd.Time)
			}
			h.Consume(ctx, u)
			if eng != nil {
				eng.Consume(ctx, u)
			}
		})
	if err != nil {
		return nil, err
	}
	mx.Register(daemon.StoreCollector(st))
	mx.Gauge("vigil_leader", "1 while this hub process leads: it owns the channels, indexes and sends.", func() float64 {
		if _, ok := lead.current(); ok {
			return 1
		}
		return 0
	})
	mx.Gauge("vigil_indexer_head_block", "Latest chain head the indexer saw.", func() float64 { hd, _ := ix.Progress(); return float64(hd) })
	mx.Gauge("vigil_indexer_indexed_block", "Last block indexed.", func() float64 { _, i := ix.Progress(); return float64(i) })
	mx.Gauge("vigil_indexer_skipped_logs", "Logs of watched contracts that did not decode and were skipped.", func() float64 { return float64(ix.Skipped()) })
	hp := &Hub{d: d, heads: heads, h: h, ix: ix, snd: snd, eng: eng, alerts: al, now: now, contract: contract, lead: lead}
	api := hubapi.NewServerWith(h, st, log, hubapi.Limits{MaxPollsPerUser: cfg.API.MaxPollsPerUser, MaxPolls: cfg.API.MaxPolls,
		NonceRate: cfg.API.NonceRate}).WithLeader(hp.Leader)
	mx.Register(api.Collectors()...)
	srv := hubapi.HTTPServer(daemon.WithHealth(mx.Instrument("hub", api.Handler()), st.Ping),
		hubapi.Timeouts{Read: cfg.API.ReadTimeout, Write: cfg.API.WriteTimeout, Idle: cfg.API.IdleTimeout})
	srv.RegisterOnShutdown(api.Close) // a stopping process ends its streams: the wallets move on
	// The hub's account pays for its channels' defence and its own transactions: its gas,
	// its indexer's lag and its RPC endpoints are watched as a tower's are, with alerts.
	m := cfg.Monitor
	watch := &monitor.Duties{Indexer: ix, Sender: snd, BalanceFloor: cfg.Disputes.BalanceFloor.V, Endpoints: d.Endpoints,
		Balance: func(ctx context.Context, a common.Address) (*big.Int, error) { return chain.BalanceAt(ctx, a, nil) },
		Alerts:  alerts, Metrics: mx, Log: log,
		Schedules: monitor.Schedules{BalanceCheck: m.BalanceCheck, LagCheck: m.LagCheck, RPCHealth: m.RPCHealth,
			MaxLagBlocks: m.MaxLagBlocks, StallAfter: m.StallAfter}}
	ln, err := daemon.Listen("api", cfg.API.Listen)
	if err != nil {
		return nil, err
	}
	opsLn, err := daemon.Listen("ops", cfg.Ops.Listen)
	if err != nil {
		ln.Close()
		return nil, err
	}
	log.Info("hub started", "chain", chainID, "contract", contract, "hub", ct.Hub, "api", ln.Addr().String(),
		"ops", opsLn.Addr().String(), "store", st.Backend())
	hp.monitor, hp.api, hp.apiLn, hp.opsLn = watch, srv, ln, opsLn
	hp.replica = &monitor.Replica{Store: st, LockKey: cfg.Leader.LockKey, Failover: cfg.Leader.Failover, Duties: hp.duties, Log: log}
	return hp, nil
}

// APIAddr is the address the hub's API listens on.
func (hp *Hub) APIAddr() net.Addr { return hp.apiLn.Addr() }

// Hub is the hub itself, for what the demo reads of its books.
func (hp *Hub) Hub() *hub.Hub { return hp.h }

// Run runs the hub until ctx ends or a part fails, then shuts its servers down gracefully
// and closes its listeners. Every process serves the API and keeps the chain clock; the
// one that leads (Replica) also runs the duties that write: the indexer feeding the hub
// and its dispute engine, the sender, the sweeps and reconciles, and the account's watch.
func (hp *Hub) Run(ctx context.Context) error {
	st, mx := hp.d.Store, hp.d.Metrics
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return hp.replica.Run(gctx) })
	g.Go(func() error { return hp.alerts.Run(gctx) })
	g.Go(func() error { return hp.heads.Run(gctx) })
	g.Go(func() error { return followClock(gctx, hp.heads, hp.now) })
	g.Go(func() error { return serve.HTTP(gctx, hp.api, hp.apiLn) })
	g.Go(func() error { return daemon.ServeOps(gctx, hp.opsLn, hp.d.Config.Ops, mx, st.Ping) })
	return g.Wait()
}

// duties runs the leader's duties under a new term until the lease (ctx) ends or one
// fails.
func (hp *Hub) duties(ctx context.Context) error {
	return hp.leadTerm(ctx, func(ctx context.Context) error {
		cfg, st, log, mx, h := hp.d.Config, hp.d.Store, hp.d.Log, hp.d.Metrics, hp.h
		stopMonitor, err := hp.monitor.Monitor(ctx)
		if err != nil {
			return err
		}
		defer stopMonitor()
		g, gctx := errgroup.WithContext(ctx)
		g.Go(func() error { return hp.ix.Run(gctx) })
		g.Go(func() error { return hp.snd.Run(gctx) })
		sweeper := daemon.NewCron(log)
		for _, j := range []struct {
			spec string
			run  func()
		}{
			{cfg.Sweep, func() {
				err := h.Sweep(gctx)
				if errors.Is(err, hub.ErrCatchingUp) {
					log.Info("sweep waits for the indexer to catch up")
					err = nil
				} else if err != nil && gctx.Err() == nil {
					log.Warn("sweep incomplete", "err", err)
				}
				if hp.eng != nil {
					if rerr := hp.eng.Reconcile(gctx); rerr != nil && gctx.Err() == nil {
						log.Warn("dispute reconcile incomplete", "err", rerr)
						err = rerr
					}
				}
				mx.JobDone("sweep", err)
			}},
			{cfg.Reconcile, func() {
				err := h.Reconcile(gctx)
				if errors.Is(err, hub.ErrCatchingUp) {
					err = nil
				} else if err != nil && gctx.Err() == nil {
					log.Warn("reconcile incomplete", "err", err)
				}
				mx.JobDone("reconcile", err)
			}},
			{"@every 1h", func() {
				err := prune(gctx, st, time.Now(), cfg.Alerts.Retention)
				mx.JobDone("prune", err)
				if err != nil && gctx.Err() == nil {
					log.Warn("prune failed", "err", err)
				}
			}},
		} {
			if _, err := sweeper.AddFunc(j.spec, j.run); err != nil {
				return err
			}
		}
		sweeper.Start()
		defer func() { <-sweeper.Stop().Done() }()
		return g.Wait()
	})
}
