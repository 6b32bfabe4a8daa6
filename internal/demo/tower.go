package demo

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/towerd"
)

// towerProc is the watchtower running in-process: its deposit API, and its indexer,
// dispute engine, lock duties and sender over its own store and key.
type towerProc struct {
	url  string
	addr common.Address // the account it signs receipts and sends transactions with
}

// startTower runs the production watchtower (towerd.New, as `watchtower run` builds it)
// on the in-process chain, a single replica that leads at once: its default settings
// but for the chain's pace (one confirmation, a fast poll, a reconcile every second),
// auto-settle on, and its API and operations listeners on free loopback ports. Alerts
// also go to sink.
func startTower(ctx context.Context, g *errgroup.Group, c *chain, st Store, sink alert.Sink, log *slog.Logger) (*towerProc, error) {
	acct := c.Accounts[3]
	cfg := &towerd.Config{
		Contracts: []towerd.ContractConfig{{Address: c.ManagerAddr.Hex(), DeployBlock: c.DeployBlock}},
		Chain:     daemon.ChainConfig{Confirmations: confirmations, PollInterval: pollInterval},
		API:       towerd.APIConfig{Listen: "127.0.0.1:0"},
		Ops:       daemon.OpsConfig{Listen: "127.0.0.1:0"},
		Disputes:  daemon.DisputesConfig{AutoSettle: true},
		Schedules: monitor.Schedules{Reconcile: "@every 1s"},
	}
	cfg.Fill()
	t, err := towerd.New(ctx, towerd.Deps{Config: cfg, Key: acct.Key, Store: st, Node: c.client(), ChainID: c.ChainID,
		Alerts: sink, Log: log})
	if err != nil {
		return nil, fmt.Errorf("tower: %w", err)
	}
	g.Go(func() error { return t.Run(ctx) })
	return &towerProc{url: "http://" + t.APIAddr().String(), addr: t.Account()}, nil
}
