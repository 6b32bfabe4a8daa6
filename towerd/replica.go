package towerd

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/store"
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
	c := cron.New()
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

// Replica contends for leadership of the replicas sharing one database and runs its
// duties while it leads. Every replica serves the API whether it leads or not.
type Replica struct {
	Store   store.Leader
	LockKey int64
	Duties  func(ctx context.Context) error
	Log     *slog.Logger
	// Retry is how often a follower tries to take the lock (default 500ms); Check how
	// often the leader verifies it still holds it (default 1s).
	Retry, Check time.Duration

	leading atomic.Bool
}

// Leading reports whether the replica leads now.
func (r *Replica) Leading() bool { return r.leading.Load() }

// Run contends and leads until ctx ends.
func (r *Replica) Run(ctx context.Context) error {
	log := r.Log
	if log == nil {
		log = slog.Default()
	}
	retry, check := r.Retry, r.Check
	if retry <= 0 {
		retry = 500 * time.Millisecond
	}
	if check <= 0 {
		check = time.Second
	}
	for {
		lease, err := r.Store.Lead(ctx, r.LockKey, retry, check)
		if err != nil {
			return nil // ctx ended
		}
		log.Info("leading: indexing and sending")
		r.leading.Store(true)
		err = r.Duties(lease.Context())
		r.leading.Store(false)
		lease.Release()
		if ctx.Err() != nil {
			return nil
		}
		log.Warn("leadership lost; following", "err", err)
	}
}
