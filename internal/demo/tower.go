package demo

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/watcher"
)

// towerProc is the watchtower running in-process: its deposit API, and its indexer,
// dispute engine and sender over its own store and key.
type towerProc struct {
	url  string
	addr common.Address // the account it signs receipts and sends transactions with
}

// startTower wires the tower as tower.Run does for a single replica (which leads at
// once): the contract registered from what the chain says, the deposit API over HTTP, and
// the duties — a reconcile at start, the indexer feeding the engine, the sender — with
// auto-settle on. Alerts go to sink.
func startTower(ctx context.Context, g *errgroup.Group, c *chain, st Store, sink alert.Sink, log *slog.Logger) (*towerProc, error) {
	acct := c.Accounts[3]
	n := c.client()
	if err := c.register(ctx, st); err != nil {
		return nil, fmt.Errorf("tower: %w", err)
	}
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: c.ChainID, Key: acct.Key, MaxFeePerGas: big.NewInt(500e9),
		Confirmations: confirmations, Interval: 100 * time.Millisecond, Logger: log, Alerts: sink}, n, st)
	if err != nil {
		return nil, fmt.Errorf("tower sender: %w", err)
	}
	eng := disputes.NewEngine(disputes.EngineConfig{ChainID: c.ChainID, Sender: snd.Address(), AutoSettle: true,
		Logger: log, Alerts: sink, Wake: snd.Wake}, st, st, st)
	snd.OnRevert(eng.Reverted) // a reverted transaction is decided again at once, as towerd wires it
	ix, err := watcher.New(watcher.Config{ChainID: c.ChainID, Contracts: []common.Address{c.ManagerAddr}, StartBlock: c.DeployBlock,
		Confirmations: confirmations, PollInterval: pollInterval, Logger: log}, n, st, eng.Consume)
	if err != nil {
		return nil, fmt.Errorf("tower indexer: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("tower API: listen: %w", err)
	}
	srv := &http.Server{Handler: towerapi.NewServer(st, towerapi.NewKeySigner(acct.Key), log).WithInfo(c.ChainID, []common.Address{c.ManagerAddr}).Handler(),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	g.Go(func() error { return serve.HTTP(ctx, srv, ln) })
	g.Go(func() error {
		if err := eng.Reconcile(ctx); err != nil && ctx.Err() == nil {
			log.Warn("reconciling disputes at start failed", "err", err)
		}
		return nil
	})
	g.Go(func() error { return ix.Run(ctx) })
	g.Go(func() error { return snd.Run(ctx) })
	return &towerProc{url: "http://" + ln.Addr().String(), addr: snd.Address()}, nil
}
