package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Channels not seen on-chain: a state is held for a channel the indexer has not seen
// (no event of its user on its contract) only within a per-contract quota, which a
// deposit carries (store.Deposit.MaxUnseen), and such a state expires (PruneUnseen).
// channel_states.unseen_since marks these rows with the time the first of them was
// written; the indexer clears it when it sees the channel and sets it again when a reorg
// removes every event of the channel (recomputeChannels).

// unseenQuota hands out the places left in contracts' quotas while one layer of deposits
// is written: the single committer writes layers one after another, so the count read
// once per layer and contract is exact but for other processes writing meanwhile.
type unseenQuota struct {
	s     *Store
	count map[common.Address]int64 // channels held unseen, with the places handed out
}

// take reports whether contract has room for one more unseen channel under limit, taking
// the place if so; held is the count it compared.
func (q *unseenQuota) take(ctx context.Context, contract common.Address, limit int64) (room bool, held int64, err error) {
	n, ok := q.count[contract]
	if !ok {
		if n, err = q.s.UnseenChannels(ctx, contract); err != nil {
			return false, 0, err
		}
	}
	if n >= limit {
		q.count[contract] = n
		return false, n, nil
	}
	q.count[contract] = n + 1
	return true, n, nil
}

// UnseenChannels counts the channels of contract whose state is held although the
// indexer has not seen them on-chain.
func (s *Store) UnseenChannels(ctx context.Context, contract common.Address) (int64, error) {
	var n int64
	if err := s.w.QueryRowContext(ctx, `SELECT COUNT(*) FROM channel_states WHERE contract = $1 AND unseen_since IS NOT NULL`,
		contract[:]).Scan(&n); err != nil {
		return 0, fmt.Errorf("count unseen channels of %s: %w", contract, err)
	}
	return n, nil
}

// PruneUnseen deletes the states of channels not seen on-chain whose first state while
// unseen was stored before before, with the webhooks registered for them, and returns how
// many states it deleted. A channel the indexer has seen keeps its state whatever its mark
// says (a deposit racing the indexer's first event may have marked it); such marks are
// cleared. It runs in one transaction.
func (s *Store) PruneUnseen(ctx context.Context, before time.Time) (int64, error) {
	const expired = `unseen_since IS NOT NULL AND unseen_since < $1
		AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.contract = channel_states.contract AND c.user_addr = channel_states.user_addr)`
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE channel_states SET unseen_since = NULL WHERE unseen_since IS NOT NULL
			AND EXISTS (SELECT 1 FROM channels c WHERE c.contract = channel_states.contract AND c.user_addr = channel_states.user_addr)`); err != nil {
			return fmt.Errorf("prune unseen channels: clear the seen: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM user_webhooks WHERE EXISTS (SELECT 1 FROM channel_states
			WHERE channel_states.contract = user_webhooks.contract AND channel_states.user_addr = user_webhooks.user_addr AND `+expired+`)`,
			before.UTC()); err != nil {
			return fmt.Errorf("prune unseen channels' webhooks: %w", err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM channel_states WHERE `+expired, before.UTC())
		if err != nil {
			return fmt.Errorf("prune unseen channels: %w", err)
		}
		n, _ = res.RowsAffected()
		if n == 0 {
			return nil
		}
		for _, table := range []string{"held_secrets", "held_locks"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE NOT EXISTS (SELECT 1 FROM channel_states s
				WHERE s.contract = `+table+`.contract AND s.user_addr = `+table+`.user_addr)`); err != nil {
				return fmt.Errorf("prune unseen channels' %s: %w", table, err)
			}
		}
		return nil
	})
	return n, err
}
