package monitor

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/vigil-hub/vigil/store"
)

// DefaultFailover is how long, at most, replicas sharing a database go without a leader
// when the leader dies, freezes or is cut off (leader.failover).
const DefaultFailover = 10 * time.Second

// Replica contends for leadership of the replicas sharing one database and runs its
// duties while it leads. Every replica serves the API whether it leads or not.
type Replica struct {
	Store   store.Leader
	LockKey int64
	Duties  func(ctx context.Context) error
	Log     *slog.Logger
	// Retry is how often a follower tries to take the lock (default 500ms); Check how
	// often the leader renews its lease (default 1s, and at most a fifth of Failover).
	Retry, Check time.Duration
	// Failover bounds how long a leader that stops renewing keeps leadership (default
	// DefaultFailover): the database ends its session after Failover−Retry without a
	// renewal, so another replica leads within Failover, and the leader stops its duties
	// once it has not renewed for Failover/2 (see store.LeadConfig).
	Failover time.Duration

	leading atomic.Bool
	tries   atomic.Int64
}

// Leading reports whether the replica leads now.
func (r *Replica) Leading() bool { return r.leading.Load() }

// Tries reports how many times the replica has tried to lead without taking the lock: a
// follower's sign of life, which tests wait on.
func (r *Replica) Tries() int64 { return r.tries.Load() }

// Run contends and leads until ctx ends. It fails only when the store cannot bound
// failover (store.ErrLeaseUnsupported).
func (r *Replica) Run(ctx context.Context) error {
	log := r.Log
	if log == nil {
		log = slog.Default()
	}
	cfg := store.LeadConfig{Retry: r.Retry, Check: r.Check, Failover: r.Failover, Tried: func() { r.tries.Add(1) }}
	if cfg.Retry <= 0 {
		cfg.Retry = 500 * time.Millisecond
	}
	if cfg.Failover <= 0 {
		cfg.Failover = DefaultFailover
	}
	if cfg.Check <= 0 {
		cfg.Check = min(time.Second, cfg.Failover/5)
	}
	for {
		lease, err := r.Store.Lead(ctx, r.LockKey, cfg)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("contend for leadership: %w", err)
		}
		log.Info("leading", "failover", cfg.Failover)
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
