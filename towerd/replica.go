package towerd

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/vigil-hub/vigil/store"
)

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
