package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// HeldSecrets returns the sealed secrets kept for a channel (none: an empty list).
func (s *Store) HeldSecrets(ctx context.Context, contract, user common.Address) ([]store.SealedSecret, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT hashlock, sealed, expiry FROM held_secrets WHERE contract = $1 AND user_addr = $2
		ORDER BY expiry, hashlock`, contract[:], user[:])
	if err != nil {
		return nil, fmt.Errorf("secrets of %s/%s: %w", contract, user, err)
	}
	defer rows.Close()
	var out []store.SealedSecret
	for rows.Next() {
		var h, sealed []byte
		var expiry int64
		if err := rows.Scan(&h, &sealed, &expiry); err != nil {
			return nil, fmt.Errorf("secrets of %s/%s: %w", contract, user, err)
		}
		out = append(out, store.SealedSecret{Hashlock: common.BytesToHash(h), Sealed: sealed, Expiry: uint64(expiry)})
	}
	return out, rows.Err()
}

// SecretsDue returns the channels holding a secret whose lock expires at or before until,
// in the order of their nearest such expiry.
func (s *Store) SecretsDue(ctx context.Context, until uint64) ([]store.Channel, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT contract, user_addr, MIN(expiry) FROM held_secrets WHERE expiry <= $1
		GROUP BY contract, user_addr ORDER BY 3`, int64(min(until, 1<<62)))
	if err != nil {
		return nil, fmt.Errorf("secrets due: %w", err)
	}
	defer rows.Close()
	var out []store.Channel
	for rows.Next() {
		var c, u []byte
		var first int64
		if err := rows.Scan(&c, &u, &first); err != nil {
			return nil, fmt.Errorf("secrets due: %w", err)
		}
		out = append(out, store.Channel{Contract: common.BytesToAddress(c), User: common.BytesToAddress(u)})
	}
	return out, rows.Err()
}

// DropSecrets deletes a channel's secrets of the given hashlocks.
func (s *Store) DropSecrets(ctx context.Context, contract, user common.Address, hashlocks []common.Hash) error {
	for _, h := range hashlocks {
		if _, err := s.w.ExecContext(ctx, `DELETE FROM held_secrets WHERE contract = $1 AND user_addr = $2 AND hashlock = $3`,
			contract[:], user[:], h[:]); err != nil {
			return fmt.Errorf("drop a secret of %s/%s: %w", contract, user, err)
		}
	}
	return nil
}

// SettledLockPools returns the channels whose states, deposited with their lock lists, a
// confirmed Settled event paid out and whose lock pool no confirmed LockPoolClosed has
// closed, with the settled nonce: the settlements whose locks the tower still resolves,
// whatever was deposited since.
func (s *Store) SettledLockPools(ctx context.Context) ([]store.Channel, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT h.contract, h.user_addr, h.nonce FROM held_locks h
		WHERE h.locks IS NOT NULL
			AND EXISTS (SELECT 1 FROM chain_events e WHERE e.contract = h.contract AND e.user_addr = h.user_addr
				AND e.name = 'Settled' AND e.nonce = h.nonce AND e.confirmed)
			AND NOT EXISTS (SELECT 1 FROM chain_events e WHERE e.contract = h.contract AND e.user_addr = h.user_addr
				AND e.name = 'LockPoolClosed' AND e.nonce = h.nonce AND e.confirmed)
		ORDER BY h.contract, h.user_addr, h.nonce`)
	if err != nil {
		return nil, fmt.Errorf("settled lock pools: %w", err)
	}
	defer rows.Close()
	var out []store.Channel
	for rows.Next() {
		var c, u []byte
		var nonce string
		if err := rows.Scan(&c, &u, &nonce); err != nil {
			return nil, fmt.Errorf("settled lock pools: %w", err)
		}
		out = append(out, store.Channel{Contract: common.BytesToAddress(c), User: common.BytesToAddress(u), Status: store.StatusOpen,
			Nonce: parseNum(nonce)})
	}
	return out, rows.Err()
}

// LocksAt returns the state of a channel deposited at nonce with locks, and its lock
// list (nil when no deposit brought it), or store.ErrNotFound.
func (s *Store) LocksAt(ctx context.Context, contract, user common.Address, nonce *big.Int) (*channel.State, []channel.Lock, error) {
	var enc, locks []byte
	err := s.db.QueryRowContext(ctx, `SELECT state, locks FROM held_locks WHERE contract = $1 AND user_addr = $2 AND nonce = $3`,
		contract[:], user[:], s.num(nonce)).Scan(&enc, &locks)
	if err == sql.ErrNoRows {
		return nil, nil, fmt.Errorf("locks of %s/%s at %s: %w", contract, user, nonce, store.ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("locks of %s/%s at %s: %w", contract, user, nonce, err)
	}
	st, err := decodeState(user, nonce, enc)
	if err != nil {
		return nil, nil, fmt.Errorf("locks of %s/%s at %s: %w", contract, user, nonce, err)
	}
	l, err := decodeLocks(locks)
	if err != nil {
		return nil, nil, fmt.Errorf("locks of %s/%s at %s: %w", contract, user, nonce, err)
	}
	return st, l, nil
}

// MarkLocksDone records that the locks of a channel's state settled at nonce need nothing
// more from the tower: their row goes.
func (s *Store) MarkLocksDone(ctx context.Context, contract, user common.Address, nonce *big.Int) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM held_locks WHERE contract = $1 AND user_addr = $2 AND nonce = $3`,
		contract[:], user[:], s.num(nonce)); err != nil {
		return fmt.Errorf("mark the locks of %s/%s settled at %s done: %w", contract, user, nonce, err)
	}
	return nil
}
