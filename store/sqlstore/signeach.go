package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// SignEach records the first attempt of each queued entry of reqs, in order, in one
// transaction with the account nonces they are signed at: an entry holding no nonce
// takes the sender's next one — the higher of the next one the outbox knows and
// chainNonce, the account's pending nonce on the node — so that no nonce is ever held
// without a signed transaction. Sign is called with the nonce (and must not block: the
// sender's row lock is held); the entry records its gas limit and becomes sent. An entry
// no longer queued (cancelled, or signed by another sender meanwhile) is skipped: its
// attempt is the zero Attempt. An error from a Sign fails the call and changes nothing.
// Assignment is serialised per account by a row lock, so senders sharing the database
// never hand out one nonce twice; one commit covers the batch.
func (s *Store) SignEach(ctx context.Context, chainID *big.Int, sender common.Address, chainNonce uint64,
	reqs []store.SignRequest) ([]store.Attempt, error) {
	out := make([]store.Attempt, len(reqs))
	if len(reqs) == 0 {
		return out, nil
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		clear(out)
		held, err := s.lockQueued(ctx, tx, reqs)
		if err != nil {
			return err
		}
		next, took := int64(-1), false // the account's next nonce, read when first needed
		nonces := make([]int64, len(reqs))
		for i, r := range reqs {
			have, queued := held[r.ID]
			if !queued {
				continue
			}
			nonce := have.Int64
			if !have.Valid {
				if next < 0 {
					if next, err = s.nextNonce(ctx, tx, chainID, sender); err != nil {
						return err
					}
					next = max(next, int64(min(chainNonce, math.MaxInt64)))
				}
				nonce, took = next, true
				next++
			}
			if out[i], err = r.Sign(uint64(nonce)); err != nil {
				return fmt.Errorf("sign outbox entry %d: %w", r.ID, err)
			}
			nonces[i] = nonce
		}
		if err := s.recordSigned(ctx, tx, reqs, out, nonces); err != nil {
			return err
		}
		if took {
			if _, err := tx.ExecContext(ctx, `UPDATE sender_accounts SET next_nonce = $3 WHERE chain_id = $1 AND address = $2`,
				s.num(chainID), sender[:], next); err != nil {
				return fmt.Errorf("sender account: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sign outbox entries: %w", err)
	}
	return out, nil
}

// lockQueued locks the rows of reqs' entries and returns the account nonce of each that
// is queued (NULL when it holds none).
func (s *Store) lockQueued(ctx context.Context, tx *sql.Tx, reqs []store.SignRequest) (map[int64]sql.NullInt64, error) {
	ids, args := make([]string, len(reqs)), make([]any, len(reqs))
	for i, r := range reqs {
		ids[i], args[i] = fmt.Sprintf("$%d", i+1), r.ID
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, account_nonce, status FROM outbox WHERE id IN (`+strings.Join(ids, ", ")+`)
		ORDER BY id`+s.d.forUpdate, args...)
	if err != nil {
		return nil, fmt.Errorf("outbox entries to sign: %w", err)
	}
	defer rows.Close()
	held := map[int64]sql.NullInt64{}
	for rows.Next() {
		var id int64
		var have sql.NullInt64
		var status store.TxStatus
		if err := rows.Scan(&id, &have, &status); err != nil {
			return nil, fmt.Errorf("outbox entries to sign: %w", err)
		}
		if status == store.TxQueued {
			held[id] = have
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outbox entries to sign: %w", err)
	}
	return held, nil
}

// recordSigned records the attempts signed (those of out not zero) and makes their
// entries sent at their nonces, in two statements.
func (s *Store) recordSigned(ctx context.Context, tx *sql.Tx, reqs []store.SignRequest, out []store.Attempt, nonces []int64) error {
	var rows, cases, gases, ids []string
	var args, upd []any
	for i, a := range out {
		if a.Raw == nil {
			continue
		}
		n := len(args)
		rows = append(rows, fmt.Sprintf("($%d, $%d, $%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7))
		args = append(args, reqs[i].ID, a.Hash[:], s.num(a.FeeCap), s.num(a.TipCap), a.Raw, int64(a.HeadNumber), signedAt(a))
		m := len(upd)
		cases = append(cases, fmt.Sprintf("WHEN $%d THEN CAST($%d AS BIGINT)", m+1, m+2))
		gases = append(gases, fmt.Sprintf("WHEN $%d THEN CAST($%d AS BIGINT)", m+1, m+3))
		ids = append(ids, fmt.Sprintf("$%d", m+1))
		upd = append(upd, reqs[i].ID, nonces[i], int64(min(reqs[i].GasLimit, math.MaxInt64)))
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox_attempts (outbox_id, tx_hash, fee_cap, tip_cap, raw_tx, head_number, signed_at)
		VALUES `+strings.Join(rows, ", "), args...); err != nil {
		return fmt.Errorf("record %d attempts: %w", len(rows), err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET account_nonce = CASE id `+strings.Join(cases, " ")+` END,
		gas_limit = CASE id `+strings.Join(gases, " ")+` END, status = 'sent', last_error = '', updated_at = CURRENT_TIMESTAMP
		WHERE id IN (`+strings.Join(ids, ", ")+`)`, upd...); err != nil {
		return fmt.Errorf("assign %d nonces: %w", len(ids), err)
	}
	return nil
}

// nextNonce locks sender's account row, made if missing, and returns its next nonce.
func (s *Store) nextNonce(ctx context.Context, tx *sql.Tx, chainID *big.Int, sender common.Address) (int64, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO sender_accounts (chain_id, address, next_nonce) VALUES ($1, $2, 0)
		ON CONFLICT DO NOTHING`, s.num(chainID), sender[:]); err != nil {
		return 0, fmt.Errorf("sender account: %w", err)
	}
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT next_nonce FROM sender_accounts WHERE chain_id = $1 AND address = $2`+s.d.forUpdate,
		s.num(chainID), sender[:]).Scan(&next); err != nil {
		return 0, fmt.Errorf("sender account: %w", err)
	}
	return next, nil
}
