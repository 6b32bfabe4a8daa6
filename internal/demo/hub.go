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

	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/watcher"
)

// Tuning shared by the hub and the tower: one confirmation, and indexers that poll often,
// so that the story moves at the pace of the in-process chain.
const (
	confirmations = 1
	pollInterval  = 50 * time.Millisecond
	sweepInterval = 250 * time.Millisecond
)

// hubProc is the hub running in-process: its API, its indexer (which confirms executed
// deposits), its sweeper and the sender of its transactions, over its own store.
type hubProc struct {
	h   *hub.Hub
	st  Store
	url string
}

// startHub wires the hub as hubd does, with one difference: the hub is the cheater of the
// story, so it runs without its own dispute engine, which would otherwise answer the
// stale close it is about to make.
func startHub(ctx context.Context, g *errgroup.Group, c *chain, st Store, log *slog.Logger) (*hubProc, error) {
	hubAcct := c.Accounts[0]
	n := c.client()
	if err := c.register(ctx, st); err != nil {
		return nil, fmt.Errorf("hub: %w", err)
	}
	clock := func() uint64 {
		t, err := c.now(ctx)
		if err != nil {
			return 0
		}
		return t
	}
	// The hub's own transactions (its collateral top-ups) go through its outbox and the
	// sender of its account, as in hubd.
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: c.ChainID, Key: hubAcct.Key, MaxFeePerGas: big.NewInt(500e9),
		Confirmations: confirmations, Interval: 100 * time.Millisecond, Account: "Hub account", Logger: log}, n, st)
	if err != nil {
		return nil, fmt.Errorf("hub sender: %w", err)
	}
	h, err := hub.New(hub.Config{ChainID: c.ChainID, Contract: c.ManagerAddr, Key: hubAcct.Key, Now: clock,
		CollateralTarget: collateral, Logger: log},
		st, &hub.OutboxExecutor{Chain: n, Outbox: st, ChainID: c.ChainID, Contract: c.ManagerAddr, Hub: snd.Address(), Wake: snd.Wake})
	if err != nil {
		return nil, fmt.Errorf("hub: %w", err)
	}
	snd.OnRevert(h.Reverted)
	ix, err := watcher.New(watcher.Config{ChainID: c.ChainID, Contracts: []common.Address{c.ManagerAddr}, StartBlock: c.DeployBlock,
		Confirmations: confirmations, PollInterval: pollInterval, Logger: log}, n, st, h.Consume)
	if err != nil {
		return nil, fmt.Errorf("hub indexer: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("hub API: listen: %w", err)
	}
	srv := &http.Server{Handler: hubapi.NewServer(h, st, log).Handler(), ReadHeaderTimeout: 10 * time.Second}
	g.Go(func() error { return serve.HTTP(ctx, srv, ln) })
	g.Go(func() error { return ix.Run(ctx) })
	g.Go(func() error { return snd.Run(ctx) })
	g.Go(func() error { // the sweeper
		t := time.NewTicker(sweepInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
				if err := h.Sweep(ctx); err != nil && ctx.Err() == nil {
					log.Warn("sweep incomplete", "err", err)
				}
			}
		}
	})
	return &hubProc{h: h, st: st, url: "http://" + ln.Addr().String()}, nil
}
