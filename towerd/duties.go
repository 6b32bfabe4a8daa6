package towerd

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"

	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/watcher"
)

// Schedules are cron specs (robfig/cron, with descriptors such as "@every 15s").
type Schedules struct {
	Reconcile    string `yaml:"reconcile"`     // re-examine every disputed channel; default @every 15s
	BalanceCheck string `yaml:"balance_check"` // alert on a low gas balance; default @every 5m
}

// Duties are what only the leader does: index, decide, send, and run the scheduled jobs.
type Duties struct {
	Indexer      *watcher.Indexer
	Engine       *disputes.Engine
	Sender       *disputes.Sender
	Schedules    Schedules
	BalanceFloor *big.Int // wei; no balance check when nil
	Log          *slog.Logger
}

// Run works until ctx ends or a part fails. It first re-examines every disputed channel,
// so that a close indexed just before a crash or a failover is answered.
func (d *Duties) Run(ctx context.Context) error {
	log := d.Log
	if log == nil {
		log = slog.Default()
	}
	if err := d.Engine.Reconcile(ctx); err != nil {
		log.Warn("reconciling disputes at start failed; retried on schedule", "err", err)
	}
	c := daemon.NewCron(log)
	reconcile := d.Schedules.Reconcile
	if reconcile == "" {
		reconcile = "@every 15s"
	}
	if _, err := c.AddFunc(reconcile, func() {
		if err := d.Engine.Reconcile(ctx); err != nil && ctx.Err() == nil {
			log.Warn("reconciling disputes failed", "err", err)
		}
		d.Sender.Wake()
	}); err != nil {
		return fmt.Errorf("schedule reconcile %q: %w", reconcile, err)
	}
	if d.BalanceFloor != nil {
		check := d.Schedules.BalanceCheck
		if check == "" {
			check = "@every 5m"
		}
		if _, err := c.AddFunc(check, func() {
			if err := d.Sender.CheckBalance(ctx, d.BalanceFloor); err != nil && ctx.Err() == nil {
				log.Warn("balance check failed", "err", err)
			}
		}); err != nil {
			return fmt.Errorf("schedule balance check %q: %w", check, err)
		}
	}
	c.Start()
	defer func() { <-c.Stop().Done() }()
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return d.Indexer.Run(gctx) })
	g.Go(func() error { return d.Sender.Run(gctx) })
	return g.Wait()
}
