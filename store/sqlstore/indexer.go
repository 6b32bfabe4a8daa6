package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/lib/pq"

	"github.com/vigil-hub/vigil/store"
)

// Cursor returns the last block the indexer covered on a chain; ok is false before the
// first range.
func (s *Store) Cursor(ctx context.Context, chainID *big.Int) (b store.Block, ok bool, err error) {
	var num int64
	var hash []byte
	err = s.db.QueryRowContext(ctx, `SELECT number, hash FROM indexer_cursor WHERE chain_id = $1`, s.num(chainID)).Scan(&num, &hash)
	if err == sql.ErrNoRows {
		return b, false, nil
	}
	if err != nil {
		return b, false, fmt.Errorf("read cursor: %w", err)
	}
	return store.Block{Number: uint64(num), Hash: common.BytesToHash(hash)}, true, nil
}

// ApplyRange stores the blocks and events of one indexed range and moves the cursor from
// prev (nil before the first range) to next, all in one transaction. It fails with
// store.ErrCursorMoved if the cursor is not at prev. Events already stored are skipped.
// An event marked Confirmed (already deep enough) is stored confirmed: ConfirmUpTo will
// not return it.
//
// On PostgreSQL the range commits without waiting for its WAL flush (synchronous_commit
// off for this transaction alone): everything it holds is read again from the chain when
// a server crash loses it, for the cursor is lost with it, and whatever is written later
// on its account — a challenge queued, a deposit acknowledged — commits synchronously and
// so flushes the WAL up to and past it. It takes a disk flush, the slowest step on this
// machine's disks (a p99 of 26 ms, tails of 0.4 s), off the path from a stale close to
// its challenge. A range that marks a held state seen commits synchronously all the
// same: were that mark lost, the pruning of states never seen on-chain (PruneUnseen)
// could delete the state before the range is read again.
func (s *Store) ApplyRange(ctx context.Context, chainID *big.Int, prev *store.Block, next store.Block,
	blocks []store.Block, events []store.Event) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.moveCursor(ctx, tx, chainID, prev, next); err != nil {
			return err
		}
		// One row per number (the last given wins): a statement may not update a row twice.
		seen := make(map[uint64]int, len(blocks))
		var blockRows [][]any
		for _, b := range blocks {
			row := []any{s.num(chainID), int64(b.Number), b.Hash[:], b.Parent[:], int64(b.Time)}
			if i, ok := seen[b.Number]; ok {
				blockRows[i] = row
				continue
			}
			seen[b.Number] = len(blockRows)
			blockRows = append(blockRows, row)
		}
		if err := s.insertRows(ctx, tx, `INSERT INTO indexed_blocks (chain_id, number, hash, parent_hash, time) VALUES `,
			` ON CONFLICT (chain_id, number) DO UPDATE SET hash = EXCLUDED.hash, parent_hash = EXCLUDED.parent_hash, time = EXCLUDED.time`,
			blockRows); err != nil {
			return fmt.Errorf("store blocks: %w", err)
		}
		touched := map[[2]common.Address]bool{}
		eventRows := make([][]any, len(events))
		for i, e := range events {
			var side any
			if e.Side >= 0 {
				side = e.Side
			}
			if e.Kind == store.EventUnknown {
				return fmt.Errorf("store event %s/%d: %w", e.TxHash, e.LogIndex, store.ErrUnknownEvent)
			}
			eventRows[i] = []any{s.num(chainID), e.Contract[:], int64(e.BlockNumber), e.BlockHash[:], e.TxHash[:], int(e.LogIndex), e.Kind.String(),
				nullAddr(e.User), nullAddr(e.Sender), side, s.num(e.Nonce), s.num(e.OnchainNonce), s.num(e.Deadline),
				nullHash(e.Digest), nullHash(e.Hashlock), nullHash(e.Secret), string(e.Fields), e.Confirmed}
			if e.User != (common.Address{}) {
				touched[[2]common.Address{e.Contract, e.User}] = true
			}
		}
		if err := s.insertEvents(ctx, tx, chainID, events, eventRows); err != nil {
			return fmt.Errorf("store events: %w", err)
		}
		markedSeen, err := s.recomputeChannels(ctx, tx, touched)
		if err != nil {
			return err
		}
		if !markedSeen && s.d.name == postgres.name {
			// Taken when the transaction commits: set last, it holds for this commit.
			if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
				return fmt.Errorf("commit without flush: %w", err)
			}
		}
		return nil
	})
}

// Rollback removes every block and event above to and sets the cursor to to, for a reorg.
// It returns the removed events, in chain order.
func (s *Store) Rollback(ctx context.Context, chainID *big.Int, to store.Block) ([]store.Event, error) {
	var removed []store.Event
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		removed, err = queryEvents(ctx, tx, `DELETE FROM chain_events WHERE chain_id = $1 AND block_number > $2 RETURNING `+eventColumns,
			s.num(chainID), int64(to.Number))
		if err != nil {
			return fmt.Errorf("roll back events above %d: %w", to.Number, err)
		}
		sortEvents(removed)
		if _, err := tx.ExecContext(ctx, `DELETE FROM indexed_blocks WHERE chain_id = $1 AND number > $2`,
			s.num(chainID), int64(to.Number)); err != nil {
			return fmt.Errorf("roll back blocks above %d: %w", to.Number, err)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO indexer_cursor (chain_id, number, hash) VALUES ($1, $2, $3)
			ON CONFLICT (chain_id) DO UPDATE SET number = $2, hash = $3, updated_at = CURRENT_TIMESTAMP`,
			s.num(chainID), int64(to.Number), to.Hash[:]); err != nil {
			return fmt.Errorf("reset cursor to %d: %w", to.Number, err)
		}
		touched := map[[2]common.Address]bool{}
		for _, e := range removed {
			if e.User != (common.Address{}) {
				touched[[2]common.Address{e.Contract, e.User}] = true
			}
		}
		_, err = s.recomputeChannels(ctx, tx, touched)
		return err
	})
	return removed, err
}

// KnownBlocks returns the stored blocks numbered from and above, highest first.
func (s *Store) KnownBlocks(ctx context.Context, chainID *big.Int, from uint64) ([]store.Block, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT number, hash, parent_hash, time FROM indexed_blocks WHERE chain_id = $1 AND number >= $2 ORDER BY number DESC`,
		s.num(chainID), int64(from))
	if err != nil {
		return nil, fmt.Errorf("known blocks from %d: %w", from, err)
	}
	defer rows.Close()
	var out []store.Block
	for rows.Next() {
		var n, t int64
		var h, p []byte
		if err := rows.Scan(&n, &h, &p, &t); err != nil {
			return nil, err
		}
		out = append(out, store.Block{Number: uint64(n), Hash: common.BytesToHash(h), Parent: common.BytesToHash(p), Time: uint64(t)})
	}
	return out, rows.Err()
}

// ConfirmUpTo marks every unconfirmed event at or below block n as confirmed and returns
// them in chain order.
func (s *Store) ConfirmUpTo(ctx context.Context, chainID *big.Int, n uint64) ([]store.Event, error) {
	evs, err := queryEvents(ctx, s.w, `
		UPDATE chain_events SET confirmed = TRUE WHERE chain_id = $1 AND NOT confirmed AND block_number <= $2
		RETURNING `+eventColumns, s.num(chainID), int64(n))
	if err != nil {
		return nil, fmt.Errorf("confirm events up to %d: %w", n, err)
	}
	sortEvents(evs)
	return evs, nil
}

// Events returns every stored event of a chain in chain order.
func (s *Store) Events(ctx context.Context, chainID *big.Int) ([]store.Event, error) {
	return queryEvents(ctx, s.db, `SELECT `+eventColumns+` FROM chain_events WHERE chain_id = $1
		ORDER BY block_number, log_index`, s.num(chainID))
}

func (s *Store) moveCursor(ctx context.Context, tx *sql.Tx, chainID *big.Int, prev *store.Block, next store.Block) error {
	var res sql.Result
	var err error
	if prev == nil {
		res, err = tx.ExecContext(ctx, `INSERT INTO indexer_cursor (chain_id, number, hash) VALUES ($1, $2, $3)
			ON CONFLICT (chain_id) DO NOTHING`, s.num(chainID), int64(next.Number), next.Hash[:])
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE indexer_cursor SET number = $2, hash = $3, updated_at = CURRENT_TIMESTAMP
			WHERE chain_id = $1 AND number = $4 AND hash = $5`,
			s.num(chainID), int64(next.Number), next.Hash[:], int64(prev.Number), prev.Hash[:])
	}
	if err != nil {
		return fmt.Errorf("move cursor to %d: %w", next.Number, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("move cursor to %d: %w", next.Number, store.ErrCursorMoved)
	}
	return nil
}

func nullAddr(a common.Address) any {
	if a == (common.Address{}) {
		return nil
	}
	return a[:]
}

func nullHash(h common.Hash) any {
	if h == (common.Hash{}) {
		return nil
	}
	return h[:]
}

func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// eventInsertColumns are the columns of an event row, in the order ApplyRange builds them.
var eventInsertColumns = []string{"chain_id", "contract", "block_number", "block_hash", "tx_hash", "log_index", "name",
	"user_addr", "sender", "side", "nonce", "onchain_nonce", "deadline", "digest", "hashlock", "secret", "fields", "confirmed"}

// copyMinRows is the fewest events a range must hold for PostgreSQL to take them with
// COPY rather than multi-row INSERTs.
const copyMinRows = 500

// insertEvents stores the event rows of a range, skipping events already stored. On
// PostgreSQL a range of many events none of whose blocks holds a stored event — a
// backfill — goes through COPY, which takes rows without binding and parsing thousands of
// statement parameters; otherwise multi-row INSERTs skip what is stored.
func (s *Store) insertEvents(ctx context.Context, tx *sql.Tx, chainID *big.Int, events []store.Event, rows [][]any) error {
	if s.d.name == postgres.name && len(rows) >= copyMinRows {
		lo, hi := events[0].BlockNumber, events[0].BlockNumber
		for _, e := range events {
			lo, hi = min(lo, e.BlockNumber), max(hi, e.BlockNumber)
		}
		var stored bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM chain_events WHERE chain_id = $1 AND block_number BETWEEN $2 AND $3)`,
			s.num(chainID), int64(lo), int64(hi)).Scan(&stored); err != nil {
			return err
		}
		if !stored {
			return copyRows(ctx, tx, "chain_events", eventInsertColumns, rows)
		}
	}
	return s.insertRows(ctx, tx, `INSERT INTO chain_events (`+strings.Join(eventInsertColumns, ", ")+`) VALUES `,
		` ON CONFLICT (chain_id, block_hash, log_index) DO NOTHING`, rows)
}

// copyRows writes rows into table with PostgreSQL's COPY, within tx.
func copyRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = pq.QuoteIdentifier(c)
	}
	st, err := tx.PrepareContext(ctx, fmt.Sprintf("COPY %s (%s) FROM STDIN", pq.QuoteIdentifier(table), strings.Join(quoted, ", ")))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := st.ExecContext(ctx, r...); err != nil {
			st.Close()
			return err
		}
	}
	if _, err := st.ExecContext(ctx); err != nil {
		st.Close()
		return err
	}
	return st.Close()
}

// insertChunkRows bounds the rows of one statement of insertRows.
const insertChunkRows = 250

// insertRows runs head + "($1, ...), (...)" + tail over rows in multi-row statements of
// up to insertChunkRows rows. Every row has the same columns. On PostgreSQL each shape of
// statement is prepared once and kept (see prepared), so that a range of many events is
// not parsed and planned again with tens of thousands of parameters.
func (s *Store) insertRows(ctx context.Context, tx *sql.Tx, head, tail string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	cols := len(rows[0])
	per := min(insertChunkRows, s.d.maxParams/cols)
	for len(rows) > 0 {
		chunk := rows[:min(per, len(rows))]
		rows = rows[len(chunk):]
		var q strings.Builder
		q.WriteString(head)
		args := make([]any, 0, len(chunk)*cols)
		for i, r := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteByte('(')
			for j := range r {
				if j > 0 {
					q.WriteString(", ")
				}
				fmt.Fprintf(&q, "$%d", len(args)+j+1)
			}
			q.WriteByte(')')
			args = append(args, r...)
		}
		q.WriteString(tail)
		st, err := s.prepared(ctx, q.String(), true)
		if err != nil {
			return err
		}
		if st == nil {
			_, err = tx.ExecContext(ctx, q.String(), args...)
		} else {
			_, err = tx.StmtContext(ctx, st).ExecContext(ctx, args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
