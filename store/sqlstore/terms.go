package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/vigil-hub/vigil/store"
)

// BeginTerm starts name's next term. The upsert takes the term's row lock, which waits
// for every channel transaction still holding it shared (checkTerm): those of the
// previous term finish first, and every later one reads the new term and is refused. On
// PostgreSQL, one still open after termGrace is ended (endBlockers): it belongs to a
// leader that froze or died inside it, whose session would otherwise hold the lock, and
// keep every later term from beginning, until TCP gave up on it.
func (s *Store) BeginTerm(ctx context.Context, name, addr string) (store.Term, error) {
	t := store.Term{Name: name}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if s.d.name == postgres.name {
			var pid int
			if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
				return err
			}
			defer s.endBlockers(ctx, pid)()
		}
		return s.queryRow(ctx, tx, `INSERT INTO leader_terms (name, term, addr, since_ms) VALUES ($1, 1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET term = leader_terms.term + 1, addr = excluded.addr, since_ms = excluded.since_ms
			RETURNING term`, name, addr, time.Now().UnixMilli()).Scan(&t.N)
	})
	if err != nil {
		return t, fmt.Errorf("begin term of %s: %w", name, err)
	}
	return t, nil
}

// termGrace is how long BeginTerm waits for a channel transaction of an earlier term
// before ending it. The leader it belongs to stepped down at least failover/2 before the
// next one could take the lock (see store.LeadConfig): a transaction of a leader that
// is alive has long finished by then.
const termGrace = time.Second

// endBlockers ends, every termGrace until the returned stop is called, the sessions that
// hold a row lock session pid waits for: the transactions of an earlier term that hold
// the term's row shared (checkTerm), or an ex-leader's BeginTerm queued before it. Their
// work rolls back: a write of an earlier term is refused, as the fence promises, and
// never released (the hub answers only after its transaction committed). A session pid
// waits for on anything but a row (a migration's table lock) is left alone.
func (s *Store) endBlockers(ctx context.Context, pid int) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(termGrace)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			qctx, qcancel := context.WithTimeout(ctx, termGrace)
			_, _ = s.db.ExecContext(qctx, `SELECT pg_terminate_backend(b) FROM unnest(pg_blocking_pids($1)) AS b
				WHERE EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted AND locktype IN ('tuple', 'transactionid'))`, pid)
			qcancel()
		}
	}()
	return func() { cancel(); <-done }
}

// CurrentTerm returns name's newest term and its leader's address.
func (s *Store) CurrentTerm(ctx context.Context, name string) (store.Term, string, error) {
	t := store.Term{Name: name}
	var addr string
	err := s.queryRow(ctx, nil, `SELECT term, addr FROM leader_terms WHERE name = $1`, name).Scan(&t.N, &addr)
	if errors.Is(err, sql.ErrNoRows) {
		return t, "", fmt.Errorf("term of %s: %w", name, store.ErrNotFound)
	}
	if err != nil {
		return t, "", fmt.Errorf("term of %s: %w", name, err)
	}
	return t, addr, nil
}

// checkTerm refuses, with store.ErrFenced, a transaction made under a term (ctx's) that is
// no longer name's newest. On PostgreSQL it holds the term's row shared until tx ends, so
// a BeginTerm waits for tx: a write is either committed before the next leader starts or
// refused. SQLite serialises its writers, which does the same.
func (s *Store) checkTerm(ctx context.Context, tx *sql.Tx) error {
	want, ok := store.TermFrom(ctx)
	if !ok {
		return nil
	}
	q := `SELECT term FROM leader_terms WHERE name = $1`
	if s.d.name == postgres.name {
		q += ` FOR SHARE`
	}
	var n int64
	err := s.queryRow(ctx, tx, q, want.Name).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("term %d of %s never began: %w", want.N, want.Name, store.ErrFenced)
	}
	if err != nil {
		return fmt.Errorf("check term of %s: %w", want.Name, err)
	}
	return termCurrent(want, n)
}

// termCurrent refuses, with store.ErrFenced, a write under want when term n is name's
// newest.
func termCurrent(want store.Term, n int64) error {
	if n != want.N {
		return fmt.Errorf("term %d of %s is over (term %d began): %w", want.N, want.Name, n, store.ErrFenced)
	}
	return nil
}
