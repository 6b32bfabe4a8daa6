package sqlstore

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// LatestTx returns the newest entry (the highest arm) queued with a key, with its
// attempts, or store.ErrNotFound when the key has none.
func (s *Store) LatestTx(ctx context.Context, contract, user common.Address, key store.TxKey) (store.OutboxTx, error) {
	txs, err := s.outboxQuery(ctx, `SELECT `+outboxColumns+` FROM outbox
		WHERE contract = $1 AND user_addr = $2 AND nonce = $3 AND kind = $4 ORDER BY arm DESC LIMIT 1`,
		contract[:], user[:], s.num(key.Encode()), key.Kind())
	if err != nil {
		return store.OutboxTx{}, fmt.Errorf("outbox entry %s %s/%s (%s): %w", key.Kind(), contract, user, key, err)
	}
	if len(txs) == 0 {
		return store.OutboxTx{}, fmt.Errorf("outbox entry %s %s/%s (%s): %w", key.Kind(), contract, user, key, store.ErrNotFound)
	}
	return txs[0], nil
}

// CancelTx cancels entry id if it is still queued and holds no account nonce (cancelling
// one that does would leave a gap in the account's nonces); it reports whether it did.
func (s *Store) CancelTx(ctx context.Context, id int64, reason string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE outbox SET status = 'cancelled', last_error = $2, updated_at = CURRENT_TIMESTAMP
		WHERE id = $1 AND status = 'queued' AND account_nonce IS NULL`, id, reason)
	if err != nil {
		return false, fmt.Errorf("cancel outbox entry %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
