package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/vigil-hub/vigil/store"
)

// Stats counts the states held, the channels disputed on-chain and the outbox entries by
// kind and status.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	if err := s.db.QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM channel_states),
			(SELECT COUNT(*) FROM channels WHERE status = 'disputed')`).Scan(&st.StatesStored, &st.DisputesOpen); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, status, COUNT(*) FROM outbox GROUP BY kind, status ORDER BY kind, status`)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c store.OutboxCount
		if err := rows.Scan(&c.Kind, &c.Status, &c.N); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		st.Outbox = append(st.Outbox, c)
	}
	return st, rows.Err()
}

// foldKinds are the events a channel's on-chain view is folded from (store.Fold).
const foldKinds = `'ChannelUpdated', 'ExitStarted', 'Challenged', 'Settled'`

// Prune deletes what nothing needs any more: auth nonces expired before p.Before, outbox
// entries (and their attempts) that reached a final status before p.Before, and confirmed
// events and indexed blocks older than p.Before — except, per channel, the latest
// confirmed event the on-chain view folds from and the latest confirmed ChannelUpdated,
// so that the view folds the same from what is left, and still does once a reorg has
// rolled back the unconfirmed events after them (a channel idle past the retention whose
// newest event is rolled back keeps its view, and its held state stays seen); and the
// Settled events of states whose locks the tower still resolves (held_locks; those of a
// closed pool go first). It runs in one transaction.
func (s *Store) Prune(ctx context.Context, p store.Prune) (store.Pruned, error) {
	var out store.Pruned
	before := p.Before.UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		steps := []struct {
			n    *int64
			what string
			q    string
			args []any
		}{
			{&out.AuthNonces, "auth nonces", `DELETE FROM hub_auth_nonces WHERE expires_at < $1`, []any{before}},
			{nil, "outbox attempts", `DELETE FROM outbox_attempts WHERE outbox_id IN (SELECT id FROM outbox
				WHERE status IN ('confirmed', 'reverted', 'cancelled', 'failed') AND updated_at < $1)`, []any{before}},
			{&out.OutboxEntries, "outbox entries", `DELETE FROM outbox
				WHERE status IN ('confirmed', 'reverted', 'cancelled', 'failed') AND updated_at < $1`, []any{before}},
			{nil, "closed lock pools", `DELETE FROM held_locks WHERE EXISTS (SELECT 1 FROM chain_events e
				WHERE e.contract = held_locks.contract AND e.user_addr = held_locks.user_addr AND e.name = 'LockPoolClosed'
					AND e.nonce = held_locks.nonce AND e.confirmed)`, nil},
			{&out.Events, "events", `DELETE FROM chain_events WHERE confirmed
				AND block_number < COALESCE((SELECT MAX(b.number) FROM indexed_blocks b
					WHERE b.chain_id = chain_events.chain_id AND b.time < $1), 0)
				AND id NOT IN (SELECT MAX(id) FROM chain_events WHERE confirmed AND name IN (` + foldKinds + `) GROUP BY contract, user_addr)
				AND id NOT IN (SELECT MAX(id) FROM chain_events WHERE confirmed AND name = 'ChannelUpdated' GROUP BY contract, user_addr)
				AND NOT (name = 'Settled' AND EXISTS (SELECT 1 FROM held_locks h WHERE h.contract = chain_events.contract
					AND h.user_addr = chain_events.user_addr AND h.nonce = chain_events.nonce))`,
				[]any{before.Unix()}},
			{&out.Blocks, "blocks", `DELETE FROM indexed_blocks WHERE time < $1
				AND number < (SELECT COALESCE(MIN(c.number), 0) FROM indexer_cursor c WHERE c.chain_id = indexed_blocks.chain_id)
				AND number NOT IN (SELECT DISTINCT e.block_number FROM chain_events e WHERE e.chain_id = indexed_blocks.chain_id)`,
				[]any{before.Unix()}},
		}
		for _, st := range steps {
			res, err := tx.ExecContext(ctx, st.q, st.args...)
			if err != nil {
				return fmt.Errorf("prune %s: %w", st.what, err)
			}
			if st.n != nil {
				*st.n, _ = res.RowsAffected()
			}
		}
		return nil
	})
	return out, err
}
