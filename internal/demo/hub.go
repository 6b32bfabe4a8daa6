package demo

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubd"
)

// Tuning shared by the hub and the tower: one confirmation, and indexers that poll often,
// so that the story moves at the pace of the in-process chain.
const (
	confirmations = 1
	pollInterval  = 50 * time.Millisecond
)

// hubProc is the hub running in-process: its API, its indexer (which confirms executed
// deposits), its sweeper and the sender of its transactions, over its own store.
type hubProc struct {
	h   *hub.Hub
	st  Store
	url string
}

// startHub runs the production hub (hubd.New, as `hub run` builds it) on the in-process
// chain with its default settings but for the chain's pace (one confirmation, a fast
// poll, a sweep every second) and a payee's collateral, its API and operations
// listeners on free loopback ports — and with one difference: the hub is the cheater of
// the story, so it runs without its own dispute engine, which would otherwise answer the
// stale close it is about to make.
func startHub(ctx context.Context, g *errgroup.Group, c *chain, st Store, log *slog.Logger) (*hubProc, error) {
	cfg := &hubd.Config{Chain: daemon.ChainConfig{Confirmations: confirmations, PollInterval: pollInterval},
		Ops: daemon.OpsConfig{Listen: "127.0.0.1:0"}, Sweep: "@every 1s"}
	cfg.Contract.Address, cfg.Contract.DeployBlock = c.ManagerAddr.Hex(), c.DeployBlock
	cfg.API.Listen = "127.0.0.1:0"
	cfg.Collateral.Target = daemon.Wei{V: collateral}
	cfg.Fill()
	hp, err := hubd.New(ctx, hubd.Deps{Config: cfg, Key: c.Accounts[0].Key, Store: st, Node: c.client(), ChainID: c.ChainID,
		Log: log, WithoutDisputes: true})
	if err != nil {
		return nil, fmt.Errorf("hub: %w", err)
	}
	g.Go(func() error { return hp.Run(ctx) })
	return &hubProc{h: hp.Hub(), st: st, url: "http://" + hp.APIAddr().String()}, nil
}
