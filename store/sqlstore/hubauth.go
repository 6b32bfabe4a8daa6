package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// NewAuthNonce records a nonce a user may sign once before it expires.
func (s *Store) NewAuthNonce(ctx context.Context, nonce common.Hash, user common.Address, expires time.Time) error {
	_, err := s.exec(ctx, nil, `INSERT INTO hub_auth_nonces (nonce, user_addr, expires_at) VALUES ($1, $2, $3)`,
		nonce[:], user[:], expires.UTC())
	if err != nil {
		return fmt.Errorf("record auth nonce: %w", err)
	}
	return nil
}

// UseAuthNonce spends a nonce issued to user: it reports false if the nonce is unknown,
// issued to someone else, expired or already used.
func (s *Store) UseAuthNonce(ctx context.Context, nonce common.Hash, user common.Address) (bool, error) {
	res, err := s.exec(ctx, nil, `UPDATE hub_auth_nonces SET used = TRUE
		WHERE nonce = $1 AND user_addr = $2 AND NOT used AND expires_at > $3`, nonce[:], user[:], now())
	if err != nil {
		return false, fmt.Errorf("use auth nonce: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RotateAuthNonce spends a nonce issued to user, as UseAuthNonce does, by replacing it
// with next, issued to the same user until expires, in one statement: it reports false,
// and issues nothing, if nonce is unknown, issued to someone else, expired or used.
func (s *Store) RotateAuthNonce(ctx context.Context, nonce, next common.Hash, user common.Address, expires time.Time) (bool, error) {
	res, err := s.exec(ctx, nil, `UPDATE hub_auth_nonces SET nonce = $4, expires_at = $5
		WHERE nonce = $1 AND user_addr = $2 AND NOT used AND expires_at > $3`, nonce[:], user[:], now(), next[:], expires.UTC())
	if err != nil {
		return false, fmt.Errorf("rotate auth nonce: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// PutUserKey records a user's public key (uncompressed, 65 bytes). A user's key never
// changes (it is its address's), so a key this store has recorded or read is not written
// again: the hub records the key of every authenticated request.
func (s *Store) PutUserKey(ctx context.Context, user common.Address, pubkey []byte) error {
	if k, ok := s.userKeys.Load(user); ok && bytes.Equal(k.([]byte), pubkey) {
		return nil
	}
	if _, err := s.exec(ctx, nil, `INSERT INTO hub_user_keys (user_addr, pubkey) VALUES ($1, $2) ON CONFLICT DO NOTHING`, user[:], pubkey); err != nil {
		return err
	}
	s.userKeys.Store(user, bytes.Clone(pubkey))
	return nil
}

// UserKey returns a user's public key, or store.ErrNotFound.
func (s *Store) UserKey(ctx context.Context, user common.Address) ([]byte, error) {
	var k []byte
	err := s.queryRow(ctx, nil, `SELECT pubkey FROM hub_user_keys WHERE user_addr = $1`, user[:]).Scan(&k)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("key of %s: %w", user, store.ErrNotFound)
	}
	return k, err
}
