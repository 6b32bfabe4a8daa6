package sqlstore

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// HubFinalStates returns every channel's newest state that is co-signed, the hub's latest
// and final (no proposal pending): what the hub would put on-chain in a dispute.
func (s *Store) HubFinalStates(ctx context.Context, contract common.Address) ([]store.HubState, error) {
	return s.newestCosigned(ctx, contract, true, "final states")
}

// newestCosigned returns the channels' newest states that are co-signed and the hub's
// latest, final (a timeout of zero) or not. A state written before version 24 has no
// final column and says it in its JSON.
func (s *Store) newestCosigned(ctx context.Context, contract common.Address, final bool, what string) ([]store.HubState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.nonce, s.user_addr FROM hub_states s
		JOIN hub_channels c ON c.contract = s.contract AND c.user_addr = s.user_addr AND c.cosigned_nonce = s.nonce
			AND c.latest_nonce = s.nonce
		WHERE s.contract = $1 AND COALESCE(s.final, s.state_json->>'timeout' = '0') = $2`, contract[:], final)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	type key struct {
		nonce *big.Int
		user  common.Address
	}
	var keys []key
	for rows.Next() {
		var n string
		var u []byte
		if err := rows.Scan(&n, &u); err != nil {
			rows.Close()
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		keys = append(keys, key{parseNum(n), common.BytesToAddress(u)})
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make([]store.HubState, 0, len(keys))
	for _, k := range keys {
		hs, err := s.readHubState(ctx, nil, contract, k.user, k.nonce)
		if err != nil {
			return nil, err
		}
		out = append(out, hs)
	}
	return out, nil
}

// SetHubFrozen freezes user's channel with reason, or thaws it when reason is empty. A
// channel the hub has no row of yet is frozen all the same (its row is made).
func (s *Store) SetHubFrozen(ctx context.Context, contract, user common.Address, reason string) error {
	var v any
	if reason != "" {
		v = reason
	}
	zero := s.num(new(big.Int))
	if _, err := s.w.ExecContext(ctx, `INSERT INTO hub_channels (contract, user_addr, latest_nonce, cosigned_nonce, frozen)
		VALUES ($1, $2, $3, $3, $4) ON CONFLICT (contract, user_addr) DO UPDATE SET frozen = $4`, contract[:], user[:], zero, v); err != nil {
		return fmt.Errorf("freeze channel %s: %w", user, err)
	}
	return nil
}

// HubFrozen returns the frozen channels and why each is.
func (s *Store) HubFrozen(ctx context.Context, contract common.Address) (map[common.Address]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT user_addr, frozen FROM hub_channels WHERE contract = $1 AND frozen IS NOT NULL`, contract[:])
	if err != nil {
		return nil, fmt.Errorf("frozen channels: %w", err)
	}
	defer rows.Close()
	out := map[common.Address]string{}
	for rows.Next() {
		var u []byte
		var reason string
		if err := rows.Scan(&u, &reason); err != nil {
			return nil, fmt.Errorf("frozen channels: %w", err)
		}
		out[common.BytesToAddress(u)] = reason
	}
	return out, rows.Err()
}
