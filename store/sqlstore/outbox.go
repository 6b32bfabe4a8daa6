package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// Enqueue records an intent unless the newest entry with its key (contract, user, nonce,
// kind) still stands (see store.Intent and OutboxTx.Stands): queued, sent, included and
// succeeded, confirmed, or failed or cancelled as unable to succeed in the same dispute
// (the same deadline); a standing challenge not yet included takes the intent's deadline
// and window (the exit it answers was mined again elsewhere). Otherwise — no entry yet,
// or the newest was cancelled, reverted, included reverted, or failed in an earlier
// dispute — it arms the key again with a new entry: queued, or, for an intent the
// contract refuses (Intent.Refused), cancelled with that reason. It returns the standing
// or new entry's id and whether it was created; concurrent callers create one entry
// between them.
func (s *Store) Enqueue(ctx context.Context, in store.Intent) (id int64, created bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var arm int
		var status store.TxStatus
		var refused, lastError string
		var succeeded sql.NullBool
		var deadline int64
		err := tx.QueryRowContext(ctx, `SELECT id, arm, status, succeeded, deadline, refused FROM outbox
			WHERE contract = $1 AND user_addr = $2 AND nonce = $3 AND kind = $4 ORDER BY arm DESC LIMIT 1`,
			in.Contract[:], in.User[:], s.num(in.Nonce), in.Kind).Scan(&id, &arm, &status, &succeeded, &deadline, &refused)
		newest := store.OutboxTx{Intent: store.Intent{Deadline: uint64(deadline), Refused: refused}, Status: status, Succeeded: succeeded.Bool}
		switch {
		case err == sql.ErrNoRows:
			arm = 0
		case err != nil:
			return err
		case newest.Stands(in.Deadline):
			if in.Kind == store.KindChallenge && deadline != int64(in.Deadline) && (status == store.TxQueued || status == store.TxSent) {
				// The dispute's deadline moved: its exit was mined again, in another block,
				// after a reorg. The challenge in flight answers it, until that deadline.
				_, err := tx.ExecContext(ctx, `UPDATE outbox SET deadline = $2, window_start = $3, updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
					id, int64(in.Deadline), int64(in.WindowStart))
				return err
			}
			return nil
		default:
			arm++
		}
		status, lastError = store.TxQueued, ""
		if in.Refused != "" {
			status, lastError = store.TxCancelled, store.CannotSucceed+in.Refused
		}
		err = tx.QueryRowContext(ctx, `
			INSERT INTO outbox (chain_id, contract, user_addr, nonce, kind, arm, sender, calldata, deadline, window_start, not_before,
				status, last_error, refused)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
			ON CONFLICT (contract, user_addr, nonce, kind, arm) DO NOTHING
			RETURNING id`,
			s.num(in.ChainID), in.Contract[:], in.User[:], s.num(in.Nonce), in.Kind, arm, in.Sender[:], in.Calldata,
			int64(in.Deadline), int64(in.WindowStart), int64(in.NotBefore), status, lastError, in.Refused).Scan(&id)
		if err == nil {
			created = true
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
		// Another writer armed the key first.
		return tx.QueryRowContext(ctx, `SELECT id FROM outbox WHERE contract = $1 AND user_addr = $2 AND nonce = $3 AND kind = $4 AND arm = $5`,
			in.Contract[:], in.User[:], s.num(in.Nonce), in.Kind, arm).Scan(&id)
	})
	if err != nil {
		return 0, false, fmt.Errorf("enqueue %s %s/%s@%s: %w", in.Kind, in.Contract, in.User, in.Nonce, err)
	}
	return id, created, nil
}

// standingChallenge is store.OutboxTx.Stands in SQL for the challenge entries o of a
// channel c, in c's dispute.
const standingChallenge = `(o.status IN ('queued', 'sent', 'confirmed') OR (o.status = 'included' AND o.succeeded)
	OR ((o.status = 'failed' OR (o.status = 'cancelled' AND o.refused <> ''))
		AND o.deadline = CAST(c.deadline AS BIGINT)))`

// CancelQueued cancels a channel's entries of one kind that hold no account nonce yet
// (cancelling one that does would leave a gap in the account's nonces) and whose key
// nonce is at most nonceAtMost (nil: any). It returns how many it cancelled.
func (s *Store) CancelQueued(ctx context.Context, contract, user common.Address, kind store.TxKind, nonceAtMost *big.Int, reason string) (int, error) {
	q := `UPDATE outbox SET status = 'cancelled', last_error = $3, updated_at = CURRENT_TIMESTAMP
		WHERE contract = $1 AND user_addr = $2 AND status = 'queued' AND account_nonce IS NULL AND kind = $4`
	args := []any{contract[:], user[:], reason, kind}
	if nonceAtMost != nil {
		q += ` AND nonce <= $5`
		args = append(args, s.num(nonceAtMost))
	}
	res, err := s.w.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("cancel queued %s for %s/%s: %w", kind, contract, user, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

const outboxColumns = `id, chain_id, contract, user_addr, nonce, kind, arm, sender, calldata, deadline, window_start, not_before,
	status, account_nonce, gas_limit, tx_hash, block_number, block_hash, succeeded, last_error, estimate_failures, refused`

// ActiveTxs returns a sender's queued, sent and included entries with their attempts:
// the deadline-critical kinds (challenges, secrets to register; store.DeadlineCritical)
// before the hub's other transactions, and those before every settlement, whatever their
// deadlines, and within each group nearest deadline first.
func (s *Store) ActiveTxs(ctx context.Context, chainID *big.Int, sender common.Address) ([]store.OutboxTx, error) {
	return s.outboxQuery(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE chain_id = $1 AND sender = $2 AND status IN ('queued', 'sent', 'included')
		`+activeOrder, s.num(chainID), sender[:])
}

// activeOrder is ActiveTxs's order.
const activeOrder = `ORDER BY (kind NOT IN ('challenge', 'register_secret', 'register_secrets')), (kind = 'settle'), deadline, id`

// DueTxs returns what ActiveTxs does, in its order, less the queued entries not to be
// sent before a time after at (their NotBefore) and, unless included is set, less the
// included ones: a dispute's settlement waits queued for the challenge period, and an
// included entry changes only with the chain's head, so a sender's pass at a head it has
// seen need read neither.
func (s *Store) DueTxs(ctx context.Context, chainID *big.Int, sender common.Address, at uint64, included bool) ([]store.OutboxTx, error) {
	return s.outboxQuery(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE chain_id = $1 AND sender = $2 AND status IN ('queued', 'sent', 'included')
		AND (status = 'sent' OR (status = 'queued' AND not_before <= $3) OR (status = 'included' AND $4))
		`+activeOrder, s.num(chainID), sender[:], int64(min(at, math.MaxInt64)), included)
}

// ChannelTxs returns every outbox entry of a channel, oldest first, with attempts.
func (s *Store) ChannelTxs(ctx context.Context, contract, user common.Address) ([]store.OutboxTx, error) {
	return s.outboxQuery(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE contract = $1 AND user_addr = $2 ORDER BY id`,
		contract[:], user[:])
}

func (s *Store) outboxQuery(ctx context.Context, q string, args ...any) ([]store.OutboxTx, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	defer rows.Close()
	var out []store.OutboxTx
	index := map[int64]int{}
	for rows.Next() {
		var t store.OutboxTx
		var chain, nonce string
		var contract, user, sender, txHash, blockHash []byte
		var deadline, windowStart, notBefore int64
		var accNonce, gasLimit, blockNum sql.NullInt64
		var succeeded sql.NullBool
		if err := rows.Scan(&t.ID, &chain, &contract, &user, &nonce, &t.Kind, &t.Arm, &sender, &t.Calldata, &deadline, &windowStart, &notBefore,
			&t.Status, &accNonce, &gasLimit, &txHash, &blockNum, &blockHash, &succeeded, &t.LastError, &t.EstimateFailures, &t.Refused); err != nil {
			return nil, fmt.Errorf("read outbox: %w", err)
		}
		t.ChainID, t.Nonce = parseNum(chain), parseNum(nonce)
		t.Contract, t.User, t.Sender = common.BytesToAddress(contract), common.BytesToAddress(user), common.BytesToAddress(sender)
		t.Deadline, t.WindowStart, t.NotBefore = uint64(deadline), uint64(windowStart), uint64(notBefore)
		if accNonce.Valid {
			n := uint64(accNonce.Int64)
			t.AccountNonce = &n
		}
		t.GasLimit, t.BlockNumber = uint64(gasLimit.Int64), uint64(blockNum.Int64)
		t.TxHash, t.BlockHash, t.Succeeded = common.BytesToHash(txHash), common.BytesToHash(blockHash), succeeded.Bool
		index[t.ID] = len(out)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, len(out))
	for i, t := range out {
		ids[i] = t.ID
	}
	arows, err := s.db.QueryContext(ctx, `SELECT outbox_id, tx_hash, fee_cap, tip_cap, raw_tx, head_number, signed_at
		FROM outbox_attempts WHERE outbox_id IN (`+placeholders(1, len(ids))+`) ORDER BY signed_at, tx_hash`, ids...)
	if err != nil {
		return nil, fmt.Errorf("read attempts: %w", err)
	}
	defer arows.Close()
	for arows.Next() {
		var id, head int64
		var a store.Attempt
		var hash []byte
		var feeCap, tipCap string
		if err := arows.Scan(&id, &hash, &feeCap, &tipCap, &a.Raw, &head, &a.SignedAt); err != nil {
			return nil, fmt.Errorf("read attempts: %w", err)
		}
		a.Hash, a.HeadNumber = common.BytesToHash(hash), uint64(head)
		a.FeeCap, a.TipCap = parseNum(feeCap), parseNum(tipCap)
		i := index[id]
		out[i].Attempts = append(out[i].Attempts, a)
	}
	return out, arows.Err()
}

// DropNonce takes a queued or sent entry's account nonce away because another
// transaction used it, and queues the entry again with its attempts kept, so that it is
// signed at a fresh nonce (SignEach). reason is recorded as its last error, and its
// count of failed estimates starts again from 0, as the entry's queueing does.
func (s *Store) DropNonce(ctx context.Context, id int64, reason string) error {
	return s.outboxUpdate(ctx, id, `account_nonce = NULL, status = 'queued', last_error = $2, estimate_failures = 0, refused = ''`,
		`status IN ('queued', 'sent')`, reason)
}

// Unanswered returns the disputed channels, nearest deadline first, whose stored state is
// newer than the on-chain nonce and that no standing challenge from sender at that state's
// nonce answers (see store.Intent): what the engine must queue a challenge for, whether the
// state arrived after the close, the close was re-included after a reorg, or the last
// challenge reverted.
func (s *Store) Unanswered(ctx context.Context, sender common.Address) ([]store.Channel, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+channelColumns+` FROM channels c WHERE status = 'disputed' AND EXISTS (
		SELECT 1 FROM channel_states s WHERE s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce > c.nonce
		AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.contract = c.contract AND o.user_addr = c.user_addr
			AND o.nonce = s.nonce AND o.kind = 'challenge' AND o.sender = $1 AND `+standingChallenge+`))
		ORDER BY deadline`, sender[:])
	if err != nil {
		return nil, fmt.Errorf("unanswered disputes: %w", err)
	}
	defer rows.Close()
	var out []store.Channel
	for rows.Next() {
		c, err := scanChannel(rows)
		if err != nil {
			return nil, fmt.Errorf("unanswered disputes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddAttempt records a further signed transaction for entry id — a replacement at its
// account nonce, or the transfer that fills it. It is written before the transaction is
// broadcast.
func (s *Store) AddAttempt(ctx context.Context, id int64, a store.Attempt) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO outbox_attempts (outbox_id, tx_hash, fee_cap, tip_cap, raw_tx, head_number, signed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tx_hash) DO NOTHING`,
		id, a.Hash[:], s.num(a.FeeCap), s.num(a.TipCap), a.Raw, int64(a.HeadNumber), signedAt(a))
	if err != nil {
		return fmt.Errorf("record attempt %s of entry %d: %w", a.Hash, id, err)
	}
	return nil
}

// MarkSent moves a queued entry to sent.
func (s *Store) MarkSent(ctx context.Context, id int64) error {
	return s.outboxUpdate(ctx, id, `status = 'sent', last_error = ''`, `status = 'queued'`)
}

// MarkIncluded records the attempt found in a block.
func (s *Store) MarkIncluded(ctx context.Context, id int64, hash common.Hash, block uint64, blockHash common.Hash, succeeded bool) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET status = 'included', tx_hash = $2, block_number = $3, block_hash = $4,
		succeeded = $5, updated_at = CURRENT_TIMESTAMP WHERE id = $1 AND status IN ('queued', 'sent', 'included')`,
		id, hash[:], int64(block), blockHash[:], succeeded)
	if err != nil {
		return fmt.Errorf("mark entry %d included: %w", id, err)
	}
	return nil
}

// MarkUnincluded puts an included entry whose block a reorg orphaned back to sent.
func (s *Store) MarkUnincluded(ctx context.Context, id int64) error {
	return s.outboxUpdate(ctx, id, `status = 'sent', tx_hash = NULL, block_number = NULL, block_hash = NULL, succeeded = NULL`,
		`status = 'included'`)
}

// Finish gives an entry a final status (confirmed, reverted, cancelled or failed).
func (s *Store) Finish(ctx context.Context, id int64, status store.TxStatus, reason string) error {
	return s.outboxUpdate(ctx, id, `status = '`+map[store.TxStatus]string{
		store.TxConfirmed: string(store.TxConfirmed), store.TxReverted: string(store.TxReverted),
		store.TxCancelled: string(store.TxCancelled), store.TxFailed: string(store.TxFailed)}[status]+`', last_error = $2`,
		`status IN ('queued', 'sent', 'included')`, reason)
}

// Refuse records that the contract refuses an entry's call for good, with the
// contract's error (refusal): an entry that holds no account nonce yet is cancelled, and
// one that does keeps its status, its nonce to be filled (it ends failed). Either way it
// stands for the rest of its dispute (store.OutboxTx.Stands). A finished entry is left as
// it is.
func (s *Store) Refuse(ctx context.Context, id int64, refusal string) error {
	if refusal == "" {
		return fmt.Errorf("refuse outbox entry %d: no contract error given", id)
	}
	return s.outboxUpdate(ctx, id, `refused = $2, last_error = $3,
		status = CASE WHEN account_nonce IS NULL THEN 'cancelled' ELSE status END`,
		`status IN ('queued', 'sent', 'included')`, refusal, store.CannotSucceed+refusal)
}

// NoteError records the last error of an entry without changing its status.
func (s *Store) NoteError(ctx context.Context, id int64, reason string) error {
	return s.outboxUpdate(ctx, id, `last_error = $2`, `TRUE`, reason)
}

// NoteEstimateFailure records that the gas estimate of a queued entry failed, with the
// estimate's error as its last error: its EstimateFailures counts one more. An entry no
// longer queued is left as it is.
func (s *Store) NoteEstimateFailure(ctx context.Context, id int64, reason string) error {
	return s.outboxUpdate(ctx, id, `estimate_failures = estimate_failures + 1, last_error = $2`, `status = 'queued'`, reason)
}

func (s *Store) outboxUpdate(ctx context.Context, id int64, set, where string, args ...any) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET `+set+`, updated_at = CURRENT_TIMESTAMP WHERE id = $1 AND `+where,
		append([]any{id}, args...)...)
	if err != nil {
		return fmt.Errorf("update outbox entry %d: %w", id, err)
	}
	return nil
}

// SettlePolicy returns a channel's settle-after-deadline override; ok is false when the
// deployment's setting applies.
func (s *Store) SettlePolicy(ctx context.Context, contract, user common.Address) (auto, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT auto_settle FROM settle_policy WHERE contract = $1 AND user_addr = $2`,
		contract[:], user[:]).Scan(&auto)
	if err == sql.ErrNoRows {
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("settle policy of %s/%s: %w", contract, user, err)
	}
	return auto, true, nil
}

// SetSettlePolicy sets a channel's settle-after-deadline override.
func (s *Store) SetSettlePolicy(ctx context.Context, contract, user common.Address, auto bool) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO settle_policy (contract, user_addr, auto_settle) VALUES ($1, $2, $3)
		ON CONFLICT (contract, user_addr) DO UPDATE SET auto_settle = $3`, contract[:], user[:], auto)
	if err != nil {
		return fmt.Errorf("set settle policy of %s/%s: %w", contract, user, err)
	}
	return nil
}

// MarkSuperseded flags a channel's stored state as superseded when its nonce is below
// onchainNonce: the chain already holds something newer, so it will never be submitted.
func (s *Store) MarkSuperseded(ctx context.Context, contract, user common.Address, onchainNonce *big.Int) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE channel_states SET superseded = TRUE
		WHERE contract = $1 AND user_addr = $2 AND nonce < $3 AND NOT superseded`, contract[:], user[:], s.num(onchainNonce))
	if err != nil {
		return false, fmt.Errorf("mark state of %s/%s superseded: %w", contract, user, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DisputedChannels returns every channel whose on-chain view is disputed.
func (s *Store) DisputedChannels(ctx context.Context) ([]store.Channel, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE status = 'disputed' ORDER BY deadline`)
	if err != nil {
		return nil, fmt.Errorf("disputed channels: %w", err)
	}
	defer rows.Close()
	var out []store.Channel
	for rows.Next() {
		c, err := scanChannel(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// placeholders returns "$first, $first+1, …" for n parameters.
func placeholders(first, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", first+i)
	}
	return b.String()
}

// signedAt is when an attempt was signed: its own time, or now.
func signedAt(a store.Attempt) time.Time {
	if a.SignedAt.IsZero() {
		return now()
	}
	return a.SignedAt.UTC()
}
