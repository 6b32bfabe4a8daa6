package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/gofrs/flock"
	"github.com/lib/pq"

	"github.com/vigil-hub/vigil/store"
)

// pgLease is leadership held through a PostgreSQL session advisory lock on a dedicated
// connection. PostgreSQL releases the lock when that session ends. A session also ends,
// whatever TCP says, once it has been idle for the lease's TTL (idle_session_timeout):
// the leader renews it by checking its lock every cfg.Check, so a leader that stops
// renewing — its host gone, its process frozen, its packets dropped, a middlebox stalled
// without a FIN — loses the lock within the bound, where TCP keepalives on either side
// would not notice a frozen peer whose kernel still acknowledges.
type pgLease struct {
	conn   *sql.Conn
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

// Context is cancelled when leadership is lost: a renewal failed or is overdue, the
// lease was released, or the parent context ended.
func (l *pgLease) Context() context.Context { return l.ctx }

// Release gives leadership up: it unlocks and closes the lock connection.
func (l *pgLease) Release() {
	l.cancel()
	<-l.done
}

// Lead blocks until this process leads, trying every cfg.Retry, or ctx ends. On
// PostgreSQL leading is holding the advisory lock key on a session that PostgreSQL ends
// after cfg.Failover−cfg.Retry without a renewal (see store.LeadConfig); database errors
// while trying are retried too (a replica waits out an outage), and a server that cannot
// bound the session (before PostgreSQL 14) fails with store.ErrLeaseUnsupported. An
// SQLite store has a single node, which leads once it holds the lock file beside the
// database, so two processes never both send.
func (s *Store) Lead(ctx context.Context, key int64, cfg store.LeadConfig) (store.Lease, error) {
	if cfg.Retry <= 0 {
		cfg.Retry = 500 * time.Millisecond
	}
	if cfg.Check <= 0 {
		cfg.Check = time.Second
	}
	if cfg.Failover > 0 && cfg.Failover <= 2*cfg.Retry {
		return nil, fmt.Errorf("lead: failover bound %v must be above twice the retry interval %v", cfg.Failover, cfg.Retry)
	}
	var conn *sql.Conn // a follower keeps one connection across tries
	defer func() {
		if conn != nil {
			discard(conn)
		}
	}()
	for {
		if s.d.name == sqlite.name {
			if l, ok := s.tryLeadFile(ctx); ok {
				return l, nil
			}
		} else {
			got, err := s.tryLock(ctx, &conn, key, cfg)
			if err != nil {
				return nil, err
			}
			if got {
				if cfg.Failover > 0 {
					s.endStuckTransactions(ctx, conn, cfg.Failover/2)
				}
				lctx, cancel := context.WithCancel(ctx)
				l := &pgLease{conn: conn, ctx: lctx, cancel: cancel, done: make(chan struct{})}
				conn = nil
				go l.hold(key, cfg)
				return l, nil
			}
		}
		if cfg.Tried != nil {
			cfg.Tried()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(cfg.Retry):
		}
	}
}

// tryLock tries the advisory lock on *conn, opening it (with the lease's idle timeout)
// when there is none; a connection that fails is discarded for the next try. Only an
// unsupported server is an error.
func (s *Store) tryLock(ctx context.Context, conn **sql.Conn, key int64, cfg store.LeadConfig) (bool, error) {
	if *conn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return false, nil
		}
		if cfg.Failover > 0 {
			ttl := (cfg.Failover - cfg.Retry).Milliseconds()
			if _, err := c.ExecContext(ctx, fmt.Sprintf(`SET idle_session_timeout = %d`, ttl)); err != nil {
				discard(c)
				var pe *pq.Error
				if errors.As(err, &pe) && pe.Code == "42704" { // undefined_object: no such setting
					return false, fmt.Errorf("lead: PostgreSQL 14 or later is needed to bound failover (idle_session_timeout): %w",
						store.ErrLeaseUnsupported)
				}
				return false, nil
			}
		}
		*conn = c
	}
	var got bool
	if err := (*conn).QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
		discard(*conn)
		*conn = nil
		return false, nil
	}
	return got, nil
}

// endStuckTransactions ends this role's sessions that have sat in an open transaction for
// longer than idle: a leader that froze inside one still holds its row locks (the next
// account nonce, the indexer cursor), which would keep the new leader from signing until
// TCP gave up. Nothing of ours stays idle in a transaction that long; its work rolls back.
// It is best effort: a role that may not end them leaves them to the server.
func (s *Store) endStuckTransactions(ctx context.Context, conn *sql.Conn, idle time.Duration) {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, _ = conn.ExecContext(cctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()
		AND state IN ('idle in transaction', 'idle in transaction (aborted)')
		AND state_change < now() - make_interval(secs => $1)`, idle.Seconds())
}

// hold renews the lease every check until it ends, then unlocks and closes the lock
// connection. A renewal runs on its own goroutine, because a query on a connection whose
// peer froze does not return on cancellation: leadership ends when a renewal fails, or
// when none has succeeded for half the failover bound — before the server ends the
// session and a follower can lead.
func (l *pgLease) hold(key int64, cfg store.LeadConfig) {
	defer close(l.done)
	t := time.NewTicker(cfg.Check)
	defer t.Stop()
	results := make(chan error, 1)
	inflight := false
	renewed := time.Now()
	for {
		select {
		case <-l.ctx.Done():
			if inflight {
				// Closed only once the renewal returns (its context is cancelled; a frozen
				// peer's session ends by its idle timeout): database/sql panics when a Conn
				// is closed under a query still running on it.
				go func() { <-results; discard(l.conn) }()
				return
			}
			within(time.Second, func() {
				uctx, cancel := context.WithTimeout(context.Background(), time.Second)
				_, _ = l.conn.ExecContext(uctx, `SELECT pg_advisory_unlock($1)`, key)
				cancel()
			})
			go discard(l.conn)
			return
		case err := <-results:
			inflight = false
			if err != nil {
				l.cancel()
				continue
			}
			renewed = time.Now()
		case <-t.C:
			if cfg.Failover > 0 && time.Since(renewed) > cfg.Failover/2 {
				l.cancel() // overdue: step down before anyone else may lead
				continue
			}
			if !inflight {
				inflight = true
				go func() { results <- l.renew(cfg.Check) }()
			}
		}
	}
}

// renew checks that the session still holds an advisory lock; the query itself resets
// the session's idle timer.
func (l *pgLease) renew(timeout time.Duration) error {
	cctx, cancel := context.WithTimeout(l.ctx, timeout)
	defer cancel()
	var held bool
	if err := l.conn.QueryRowContext(cctx, `SELECT EXISTS (SELECT 1 FROM pg_locks
		WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted)`).Scan(&held); err != nil {
		return err
	}
	if !held {
		return errors.New("advisory lock no longer held")
	}
	return nil
}

// discard closes a dedicated connection for good rather than returning it to the pool,
// where its session settings (the idle timeout) would reach other queries.
func discard(c *sql.Conn) {
	_ = c.Raw(func(any) error { return driver.ErrBadConn })
	_ = c.Close()
}

// within runs f, waiting for it at most d.
func within(d time.Duration, f func()) {
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// fileLease is an SQLite store's leadership: an exclusive lock on a file beside the
// database, which the operating system releases when the process dies.
type fileLease struct {
	lock   *flock.Flock
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *Store) tryLeadFile(ctx context.Context) (*fileLease, bool) {
	fl := flock.New(s.lockPath)
	if ok, err := fl.TryLock(); err != nil || !ok {
		return nil, false
	}
	lctx, cancel := context.WithCancel(ctx)
	return &fileLease{lock: fl, ctx: lctx, cancel: cancel}, true
}

// Context is cancelled when the lease is released or the parent context ends.
func (l *fileLease) Context() context.Context { return l.ctx }

// Release gives leadership up and unlocks the file.
func (l *fileLease) Release() {
	l.cancel()
	_ = l.lock.Unlock()
}
