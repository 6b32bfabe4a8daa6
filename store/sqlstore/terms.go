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
// previous term finish first, and every later one reads the new term and is refused.
func (s *Store) BeginTerm(ctx context.Context, name, addr string) (store.Term, error) {
	t := store.Term{Name: name}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.queryRow(ctx, tx, `INSERT INTO leader_terms (name, term, addr, since_ms) VALUES ($1, 1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET term = leader_terms.term + 1, addr = excluded.addr, since_ms = excluded.since_ms
			RETURNING term`, name, addr, time.Now().UnixMilli()).Scan(&t.N)
	})
	if err != nil {
		return t, fmt.Errorf("begin term of %s: %w", name, err)
	}
	return t, nil
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
	if n != want.N {
		return fmt.Errorf("term %d of %s is over (term %d began): %w", want.N, want.Name, n, store.ErrFenced)
	}
	return nil
}
