package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/gofrs/flock"

	"github.com/vigil-hub/vigil/store"
)

// pgLease is leadership held through a PostgreSQL session advisory lock on a dedicated
// connection. PostgreSQL releases the lock when that session ends, so a leader that dies
// (process killed, host gone) frees it as soon as the server notices the connection drop.
type pgLease struct {
	conn   *sql.Conn
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

// Context is cancelled when leadership is lost: the lock connection failed a health
// check, the lease was released, or the parent context ended.
func (l *pgLease) Context() context.Context { return l.ctx }

// Release gives leadership up: it unlocks and closes the lock connection.
func (l *pgLease) Release() {
	l.cancel()
	<-l.done
}

// Lead blocks until this process leads, trying every retry, or ctx ends. On PostgreSQL
// leading is holding the advisory lock key; database errors while trying are retried too
// (a replica waits out an outage), and the lock connection is checked every check:
// leadership ends when the check fails. An SQLite store has a single node, which leads
// once it holds the lock file beside the database, so two processes never both send.
func (s *Store) Lead(ctx context.Context, key int64, retry, check time.Duration) (store.Lease, error) {
	for {
		var l store.Lease
		var ok bool
		if s.d.name == sqlite.name {
			l, ok = s.tryLeadFile(ctx)
		} else {
			l, ok = s.tryLead(ctx, key, check)
		}
		if ok {
			return l, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(retry):
		}
	}
}

func (s *Store) tryLead(ctx context.Context, key int64, check time.Duration) (*pgLease, bool) {
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
	l := &pgLease{conn: conn, ctx: lctx, cancel: cancel, done: make(chan struct{})}
	go l.hold(key, check)
	return l, true
}

// hold checks the lock connection until the lease ends, then unlocks (if the session
// still lives) and closes it.
func (l *pgLease) hold(key int64, check time.Duration) {
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
