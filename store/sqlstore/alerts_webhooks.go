package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// PutUserWebhook records a channel user's webhook registration (an empty URL removes
// it), unless the stored one was signed at the same time or later: then it fails with
// store.ErrStaleRegistration and changes nothing.
func (s *Store) PutUserWebhook(ctx context.Context, w store.UserWebhook) error {
	var one int
	err := s.w.QueryRowContext(ctx, `
		INSERT INTO user_webhooks (contract, user_addr, url, format, signed_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (contract, user_addr) DO UPDATE
			SET url = EXCLUDED.url, format = EXCLUDED.format, signed_at = EXCLUDED.signed_at, updated_at = EXCLUDED.updated_at
			WHERE user_webhooks.signed_at < EXCLUDED.signed_at
		RETURNING 1`,
		w.Contract[:], w.User[:], w.URL, w.Format, int64(w.SignedAt), now()).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("webhook of %s/%s signed at %d: %w", w.Contract, w.User, w.SignedAt, store.ErrStaleRegistration)
	}
	if err != nil {
		return fmt.Errorf("store webhook of %s/%s: %w", w.Contract, w.User, err)
	}
	return nil
}

// UserWebhook returns a channel's webhook registration, or store.ErrNotFound when there
// is none or it was removed.
func (s *Store) UserWebhook(ctx context.Context, contract, user common.Address) (store.UserWebhook, error) {
	w := store.UserWebhook{Contract: contract, User: user}
	var signed int64
	err := s.db.QueryRowContext(ctx, `SELECT url, format, signed_at, updated_at FROM user_webhooks WHERE contract = $1 AND user_addr = $2`,
		contract[:], user[:]).Scan(&w.URL, &w.Format, &signed, &w.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && w.URL == "") {
		return store.UserWebhook{}, fmt.Errorf("webhook of %s/%s: %w", contract, user, store.ErrNotFound)
	}
	if err != nil {
		return store.UserWebhook{}, fmt.Errorf("read webhook of %s/%s: %w", contract, user, err)
	}
	w.SignedAt = uint64(signed)
	return w, nil
}
