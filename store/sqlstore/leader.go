package sqlstore

import (
	"context"
	"database/sql"
	"time"
)

// Lease is leadership held through a PostgreSQL session advisory lock on a dedicated
// connection. PostgreSQL releases the lock when that session ends, so a leader that dies
// (process killed, host gone) frees it as soon as the server notices the connection drop.
type Lease struct {
	conn   *sql.Conn
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

// Context is cancelled when leadership is lost: the lock connection failed a health
// check, the lease was released, or the parent context ended.
func (l *Lease) Context() context.Context { return l.ctx }

// Release gives leadership up: it unlocks and closes the lock connection.
func (l *Lease) Release() {
	l.cancel()
	<-l.done
}

// Lead blocks until this process holds the advisory lock key, trying every retry, or ctx
// ends. Database errors while trying are retried too (a replica waits out an outage).
// The lock connection is checked every check; leadership ends when the check fails.
func (s *Store) Lead(ctx context.Context, key int64, retry, check time.Duration) (*Lease, error) {
	for {
		if l, ok := s.tryLead(ctx, key, check); ok {
			return l, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(retry):
		}
	}
}

func (s *Store) tryLead(ctx context.Context, key int64, check time.Duration) (*Lease, bool) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, false
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil || !got {
		conn.Close()
		return nil, false
	}
	lctx, cancel := context.WithCancel(ctx)
	l := &Lease{conn: conn, ctx: lctx, cancel: cancel, done: make(chan struct{})}
	go l.hold(key, check)
	return l, true
}

// hold checks the lock connection until the lease ends, then unlocks (if the session
// still lives) and closes it.
func (l *Lease) hold(key int64, check time.Duration) {
	defer close(l.done)
	defer l.conn.Close()
	t := time.NewTicker(check)
	defer t.Stop()
	for {
		select {
		case <-l.ctx.Done():
			uctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_, _ = l.conn.ExecContext(uctx, `SELECT pg_advisory_unlock($1)`, key)
			cancel()
			return
		case <-t.C:
			cctx, cancel := context.WithTimeout(l.ctx, check)
			var held bool
			err := l.conn.QueryRowContext(cctx, `SELECT EXISTS (SELECT 1 FROM pg_locks
				WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted)`).Scan(&held)
			cancel()
			if (err != nil || !held) && l.ctx.Err() == nil {
				l.cancel()
				return
			}
		}
	}
}
