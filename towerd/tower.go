package towerd

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/watcher"
)

// Deps are what a tower runs on. `watchtower run` opens them from its configuration
// (Run); the demo and the bench pass their own.
type Deps struct {
	// Config is the tower's configuration, filled (Config.Fill); its database and RPC
	// sections are not read: Store and Node are what they name.
	Config  *Config
	Key     *ecdsa.PrivateKey
	Store   Store
	Node    daemon.Node
	ChainID *big.Int
	// Endpoints are the RPC endpoints the health check watches; none: no check.
	Endpoints []watcher.Endpoint
	// Alerts, when set, receives every alert besides the configured sinks (the demo
	// tells them).
	Alerts alert.Sink
	// Metrics is where the tower counts (nil: NewMetrics()).
	Metrics *daemon.Metrics
	Log     *slog.Logger
}

// NewMetrics returns the tower's metrics registry.
func NewMetrics() *daemon.Metrics { return daemon.NewMetrics("watchtower") }

// Tower is a watchtower built and listening, ready to Run: the contracts registered, the
// alert sinks, the indexer, dispute engine and sender (run on the leader, with the lock
// duties and the scheduled jobs), the deposit API and the operations listener.
type Tower struct {
	d       Deps
	heads   *watcher.Heads
	alerts  *daemon.Alerts
	sender  *disputes.Sender
	replica *Replica
	room    *Storage
	api     *http.Server
	apiLn   net.Listener
	opsLn   net.Listener
}

// New builds the tower on d and opens its listeners; Run runs it. On an error nothing is
// left open.
func New(ctx context.Context, d Deps) (*Tower, error) {
	cfg, log, st := d.Config, d.Log, d.Store
	if cfg == nil || d.Key == nil || st == nil || d.Node == nil || d.ChainID == nil {
		return nil, errors.New("towerd: a configuration, a key, a store, a node and a chain id are required")
	}
	if log == nil {
		log = slog.Default()
		d.Log = log
	}
	if d.Metrics == nil {
		d.Metrics = NewMetrics()
	}
	m := d.Metrics
	var addrs []common.Address
	start := uint64(0)
	settle := map[common.Address]bool{}
	for i, ct := range cfg.Contracts {
		addr := common.HexToAddress(ct.Address)
		if _, err := daemon.RegisterContract(ctx, st, d.Node, d.ChainID, addr, ct.DeployBlock); err != nil {
			return nil, err
		}
		if i == 0 || ct.DeployBlock < start {
			start = ct.DeployBlock
		}
		if ct.AutoSettle != nil {
			settle[addr] = *ct.AutoSettle
		}
		addrs = append(addrs, addr)
	}
	al, err := daemon.NewAlerts(cfg.Alerts, st, true, m, log)
	if err != nil {
		return nil, err
	}
	alerts := al.Sink
	if d.Alerts != nil {
		alerts = alert.Fanout{al.Sink, d.Alerts}
	}
	signer := towerapi.NewKeySigner(d.Key)
	// One head source for the indexer, the engine and the sender (watcher.Heads).
	heads := daemon.NewHeads(d.Node, cfg.Chain, log)
	node := daemon.WithHeads(d.Node, heads)
	snd, eng, err := daemon.NewDisputes(daemon.DisputeParts{Account: "Tower account", Config: cfg.Disputes, Confirmations: cfg.Chain.Confirmations,
		ChainID: d.ChainID, Key: d.Key, Chain: node, Store: st, States: st, Unanswered: st, Held: st, Secrets: signer.Secrets(),
		Settle: settle, Alerts: alerts, Log: log})
	if err != nil {
		return nil, err
	}
	ix, err := watcher.New(watcher.Config{ChainID: d.ChainID, Contracts: addrs, StartBlock: start,
		Confirmations: cfg.Chain.Confirmations, PollInterval: cfg.Chain.PollInterval, Logger: log,
		OnSkip: func(l types.Log, err error) {
			alerts.Send(ctx, alert.LogSkippedAlert(l.Address, l.BlockNumber, l.TxHash, err))
		}}, node, st, eng.Consume)
	if err != nil {
		return nil, err
	}
	// The database's room is measured before the API serves, then on a schedule: by the
	// leader's storage check, which alerts, and by every follower for its own API.
	room := NewStorage(st, cfg.Database)
	if r, err := room.Check(ctx); err != nil {
		log.Warn("storage check failed; deposits are accepted until one succeeds", "err", err)
	} else if r.Full {
		log.Warn("database at its high-water mark: deposits stop", "why", r.Why)
	}
	duties := &monitor.Duties{Indexer: ix, Engine: eng, Sender: snd, Schedules: cfg.Schedules, BalanceFloor: cfg.Disputes.BalanceFloor.V, Log: log,
		Store: st, Endpoints: d.Endpoints, Balance: func(ctx context.Context, a common.Address) (*big.Int, error) {
			return d.Node.BalanceAt(ctx, a, nil)
		}, Alerts: alerts, Metrics: m, UnseenTTL: cfg.API.UnseenTTL, AlertRetention: cfg.Alerts.Retention}
	duties.Jobs = []monitor.Job{room.Job(cfg.Schedules.StorageCheck, duties)}
	replica := &Replica{Store: st, LockKey: cfg.Leader.LockKey, Failover: cfg.Leader.Failover, Duties: duties.Run, Log: log}
	registerMetrics(m, ix, replica, room)
	m.Register(daemon.StoreCollector(st))
	apiSrv := towerapi.NewServer(st, signer, log).WithInfo(d.ChainID, addrs).
		WithLimits(cfg.API.Limits()).WithRoom(room)
	if al.Users != nil {
		apiSrv = apiSrv.WithUserAlerts(towerapi.UserAlerts{Webhooks: st, Allow: al.Allow, Sink: al.Users})
	}
	srv := &http.Server{Handler: daemon.WithHealth(m.Instrument("watchtower", apiSrv.Handler()), st.Ping),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := daemon.Listen("api", cfg.API.Listen)
	if err != nil {
		return nil, err
	}
	opsLn, err := daemon.Listen("ops", cfg.Ops.Listen)
	if err != nil {
		ln.Close()
		return nil, err
	}
	log.Info("watchtower started", "chain", d.ChainID, "contracts", len(addrs), "api", ln.Addr().String(),
		"ops", opsLn.Addr().String(), "account", snd.Address(), "store", st.Backend())
	return &Tower{d: d, heads: heads, alerts: al, sender: snd, replica: replica, room: room, api: srv, apiLn: ln, opsLn: opsLn}, nil
}

// APIAddr is the address the deposit API listens on.
func (t *Tower) APIAddr() net.Addr { return t.apiLn.Addr() }

// Account is the account the tower signs receipts and sends transactions with.
func (t *Tower) Account() common.Address { return t.sender.Address() }

// Run runs the tower until ctx ends or a part fails, then shuts its servers down
// gracefully and closes its listeners.
func (t *Tower) Run(ctx context.Context) error {
	cfg, st, log := t.d.Config, t.d.Store, t.d.Log
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return t.heads.Run(gctx) })
	g.Go(func() error { return t.replica.Run(gctx) })
	g.Go(func() error { return t.room.Follow(gctx, cfg.Schedules.StorageCheck, t.replica.Leading, log) })
	g.Go(func() error { return t.alerts.Run(gctx) })
	g.Go(func() error { return serve.HTTP(gctx, t.api, t.apiLn) })
	g.Go(func() error { return daemon.ServeOps(gctx, t.opsLn, cfg.Ops, t.d.Metrics, st.Ping) })
	if err := g.Wait(); err != nil {
		return fmt.Errorf("watchtower: %w", err)
	}
	return nil
}
