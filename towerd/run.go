package towerd

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/watcher"
)

// LoadKey decrypts the tower's keystore file.
func LoadKey(cfg *Config) (*ecdsa.PrivateKey, error) {
	return cfg.Keystore.Load()
}

// Run starts the watchtower — store, RPC endpoints, indexer, dispute engine and sender
// (on the leader), deposit API, operations listener — and runs it until ctx ends, then
// shuts the servers down gracefully.
func Run(ctx context.Context, cfg *Config, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	key, err := LoadKey(cfg)
	if err != nil {
		return err
	}
	st, err := OpenStore(ctx, cfg.Database.URL)
	if err != nil {
		return err
	}
	defer st.Close()
	m := daemon.NewMetrics("watchtower")
	chain, err := daemon.Dial(ctx, cfg.Chain, m, log)
	if err != nil {
		return err
	}
	defer chain.Close()
	chainID := chain.ID()
	var addrs []common.Address
	start := uint64(0)
	settle := map[common.Address]bool{}
	for i, ct := range cfg.Contracts {
		addr := common.HexToAddress(ct.Address)
		if _, err := daemon.RegisterContract(ctx, st, chain, chainID, addr, ct.DeployBlock); err != nil {
			return err
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
		return err
	}
	alerts := al.Sink
	snd, eng, err := daemon.NewDisputes("Tower account", cfg.Disputes, cfg.Chain.Confirmations, chainID, key, chain, st, st, settle, alerts, log)
	if err != nil {
		return err
	}
	signer := towerapi.NewKeySigner(key)
	eng.WithLocks(chain, signer.Secrets())
	ix, err := watcher.New(watcher.Config{ChainID: chainID, Contracts: addrs, StartBlock: start,
		Confirmations: cfg.Chain.Confirmations, PollInterval: cfg.Chain.PollInterval, Logger: log,
		OnSkip: func(l types.Log, err error) {
			alerts.Send(ctx, alert.LogSkippedAlert(l.Address, l.BlockNumber, l.TxHash, err))
		}}, chain, st, eng.Consume)
	if err != nil {
		return err
	}
	// The database's room is measured before the API serves, then on a schedule: by the
	// leader's storage check, which alerts, and by every follower for its own API.
	room := NewStorage(st, cfg.Database)
	if r, err := room.Check(ctx); err != nil {
		log.Warn("storage check failed; deposits are accepted until one succeeds", "err", err)
	} else if r.Full {
		log.Warn("database at its high-water mark: deposits stop", "why", r.Why)
	}
	duties := &Duties{Indexer: ix, Engine: eng, Sender: snd, Schedules: cfg.Schedules, BalanceFloor: cfg.Disputes.BalanceFloor.V, Log: log,
		Store: st, Endpoints: chain.Endpoints(), Balance: func(ctx context.Context, a common.Address) (*big.Int, error) {
			return chain.BalanceAt(ctx, a, nil)
		}, Alerts: alerts, Metrics: m, UnseenTTL: cfg.API.UnseenTTL, AlertRetention: cfg.Alerts.Retention, Storage: room}
	replica := &Replica{Store: st, LockKey: cfg.Leader.LockKey, Failover: cfg.Leader.Failover, Duties: duties.Run, Log: log}
	registerMetrics(m, ix, replica, room)
	m.Register(daemon.StoreCollector(st))
	apiSrv := towerapi.NewServer(st, signer, log).WithInfo(chainID, addrs).
		WithLimits(cfg.API.Limits()).WithRoom(room)
	if al.Users != nil {
		apiSrv = apiSrv.WithUserAlerts(towerapi.UserAlerts{Webhooks: st, Allow: al.Allow, Sink: al.Users})
	}
	api := apiSrv.Handler()
	srv := &http.Server{Handler: daemon.WithHealth(m.Instrument("watchtower", api), st.Ping),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	ln, err := daemon.Listen("api", cfg.API.Listen)
	if err != nil {
		return err
	}
	opsLn, err := daemon.Listen("ops", cfg.Ops.Listen)
	if err != nil {
		ln.Close()
		return err
	}
	log.Info("watchtower started", "chain", chainID, "contracts", len(addrs), "api", ln.Addr().String(),
		"ops", opsLn.Addr().String(), "account", snd.Address(), "store", st.Backend())
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return replica.Run(gctx) })
	g.Go(func() error { return room.Follow(gctx, cfg.Schedules.StorageCheck, replica.Leading, log) })
	g.Go(func() error { return al.Run(gctx) })
	g.Go(func() error { return serve.HTTP(gctx, srv, ln) })
	g.Go(func() error { return daemon.ServeOps(gctx, opsLn, m, st.Ping) })
	if err := g.Wait(); err != nil {
		return fmt.Errorf("watchtower: %w", err)
	}
	return nil
}
