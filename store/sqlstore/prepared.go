package sqlstore

import (
	"context"
	"database/sql"
	"time"
)

// Statements on the hot paths are prepared once per connection and kept: lib/pq then
// sends each execution in one round trip instead of two, and PostgreSQL parses and plans
// it once. SQLite's one writer connection is held by a transaction while it runs, so
// there statements are prepared as they run.

// prepared returns the statement q prepared on the writer pool and kept, on PostgreSQL;
// nil on SQLite, or when q is not prepared yet and inTx: a caller in a transaction holds
// a connection and must not wait for another (with every connection held by such callers
// the pool would be stuck), so q is prepared in the background for the next time and this
// time runs as it is. No lock is held while a statement is prepared.
func (s *Store) prepared(ctx context.Context, q string, inTx bool) (*sql.Stmt, error) {
	if s.d.name != postgres.name {
		return nil, nil
	}
	s.stmtMu.Lock()
	st, busy := s.stmts[q], s.preparing[q]
	if st == nil && inTx && !busy {
		if s.preparing == nil {
			s.preparing = map[string]bool{}
		}
		s.preparing[q] = true
		s.bg.Add(1)
		go func() {
			defer s.bg.Done()
			pctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			_, _ = s.prepare(pctx, q)
		}()
	}
	s.stmtMu.Unlock()
	if st != nil || inTx {
		return st, nil
	}
	return s.prepare(ctx, q)
}

// prepare prepares q on the writer pool and keeps it (or the one another caller kept
// first).
func (s *Store) prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	st, err := s.w.PrepareContext(ctx, q)
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	delete(s.preparing, q)
	if err != nil {
		return nil, err
	}
	if kept := s.stmts[q]; kept != nil {
		st.Close()
		return kept, nil
	}
	if s.stmts == nil {
		s.stmts = map[string]*sql.Stmt{}
	}
	s.stmts[q] = st
	return st, nil
}

// exec runs the write q in tx, or on the writer pool when tx is nil.
func (s *Store) exec(ctx context.Context, tx *sql.Tx, q string, args ...any) (sql.Result, error) {
	st, err := s.prepared(ctx, q, tx != nil)
	switch {
	case err != nil:
		return nil, err
	case st != nil && tx != nil:
		return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	case st != nil:
		return st.ExecContext(ctx, args...)
	case tx != nil:
		return tx.ExecContext(ctx, q, args...)
	}
	return s.w.ExecContext(ctx, q, args...)
}

// query runs q in tx, or on the reader pool when tx is nil.
func (s *Store) query(ctx context.Context, tx *sql.Tx, q string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, q, tx != nil)
	switch {
	case err != nil:
		return nil, err
	case st != nil && tx != nil:
		return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	case st != nil:
		return st.QueryContext(ctx, args...)
	case tx != nil:
		return tx.QueryContext(ctx, q, args...)
	}
	return s.db.QueryContext(ctx, q, args...)
}

// row is one row of a query, or the error that kept it from being read.
type row struct {
	rows *sql.Rows
	err  error
}

// Scan reads the row into dest, like sql.Row.Scan: sql.ErrNoRows when there is none.
func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := r.rows.Scan(dest...); err != nil {
		return err
	}
	return r.rows.Close()
}

// queryRow runs q expecting at most one row, in tx or on the reader pool.
func (s *Store) queryRow(ctx context.Context, tx *sql.Tx, q string, args ...any) row {
	rows, err := s.query(ctx, tx, q, args...)
	return row{rows: rows, err: err}
}
