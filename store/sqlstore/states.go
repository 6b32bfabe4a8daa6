package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// PutState stores st as the latest state of its channel together with the receipt the
// tower signed for it, if its nonce is above the stored one. Depositing the stored state
// again returns the receipt issued the first time (created is false). A lower nonce fails
// with store.ErrStaleNonce, a different state at the stored nonce with
// store.ErrNonceConflict; neither changes anything.
func (s *Store) PutState(ctx context.Context, st store.StoredState, r channel.Receipt) (out channel.Receipt, created bool, err error) {
	stateJSON, err := json.Marshal(st.State)
	if err != nil {
		return out, false, fmt.Errorf("encode state: %w", err)
	}
	u := st.State.User
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var nonce string
		err := tx.QueryRowContext(ctx, `
			INSERT INTO channel_states (contract, user_addr, nonce, digest, state, sig_hub, sig_user, received_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (contract, user_addr) DO UPDATE
				SET nonce = $3, digest = $4, state = $5, sig_hub = $6, sig_user = $7, received_at = $8, superseded = FALSE
				WHERE channel_states.nonce < EXCLUDED.nonce
			RETURNING nonce`,
			st.Contract[:], u[:], s.num(st.State.Nonce), st.Digest[:], string(stateJSON), st.SigHub, st.SigUser, now()).Scan(&nonce)
		if err == sql.ErrNoRows {
			// A state with an equal or higher nonce is stored: idempotent or rejected.
			var storedNonce string
			var storedDigest []byte
			if err := tx.QueryRowContext(ctx, `SELECT nonce, digest FROM channel_states WHERE contract = $1 AND user_addr = $2`,
				st.Contract[:], u[:]).Scan(&storedNonce, &storedDigest); err != nil {
				return fmt.Errorf("read stored state: %w", err)
			}
			n := parseNum(storedNonce)
			switch {
			case n.Cmp(st.State.Nonce) > 0:
				return fmt.Errorf("state nonce %s, stored %s: %w", st.State.Nonce, n, store.ErrStaleNonce)
			case common.BytesToHash(storedDigest) != st.Digest:
				return fmt.Errorf("state nonce %s: %w", n, store.ErrNonceConflict)
			}
			out, err = s.readReceipt(ctx, tx, st.Contract, u, n)
			return err
		}
		if err != nil {
			return fmt.Errorf("store state: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO receipts (contract, user_addr, nonce, digest, issued_at, tower, signature)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			r.Contract[:], r.User[:], s.num(r.Nonce.V), r.StateDigest[:], int64(r.IssuedAt), r.Tower[:], []byte(r.Signature)); err != nil {
			return fmt.Errorf("store receipt: %w", err)
		}
		out, created = r, true
		return nil
	})
	return out, created, err
}

func (s *Store) readReceipt(ctx context.Context, tx *sql.Tx, contract, user common.Address, nonce *big.Int) (channel.Receipt, error) {
	r := channel.Receipt{Contract: contract, User: user, Nonce: channel.Amount{V: nonce}}
	var digest, tower, sig []byte
	var issued int64
	err := tx.QueryRowContext(ctx, `SELECT digest, issued_at, tower, signature FROM receipts
		WHERE contract = $1 AND user_addr = $2 AND nonce = $3`, contract[:], user[:], s.num(nonce)).Scan(&digest, &issued, &tower, &sig)
	if err != nil {
		return r, fmt.Errorf("read receipt for nonce %s: %w", nonce, err)
	}
	r.StateDigest, r.IssuedAt, r.Tower, r.Signature = common.BytesToHash(digest), uint64(issued), common.BytesToAddress(tower), sig
	return r, nil
}

// State returns the latest deposited state of a channel, or store.ErrNotFound.
func (s *Store) State(ctx context.Context, contract, user common.Address) (store.StoredState, error) {
	st := store.StoredState{Contract: contract}
	var digest, stateJSON []byte
	err := s.db.QueryRowContext(ctx, `SELECT digest, state, sig_hub, sig_user, received_at, superseded FROM channel_states
		WHERE contract = $1 AND user_addr = $2`, contract[:], user[:]).Scan(&digest, &stateJSON, &st.SigHub, &st.SigUser, &st.ReceivedAt, &st.Superseded)
	if err == sql.ErrNoRows {
		return st, fmt.Errorf("state of %s/%s: %w", contract, user, store.ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("state of %s/%s: %w", contract, user, err)
	}
	st.Digest = common.BytesToHash(digest)
	st.State = new(channel.State)
	if err := json.Unmarshal(stateJSON, st.State); err != nil {
		return st, fmt.Errorf("decode stored state of %s/%s: %w", contract, user, err)
	}
	return st, nil
}
