package hub

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// DisputeStates gives the dispute engine (disputes.States) the hub's newest co-signed
// final state of each channel, so the hub answers a user's stale close with the same
// engine a watchtower runs.
type DisputeStates struct {
	Store interface {
		HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error)
		HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error
	}
}

// State returns the newest co-signed state that can be used in a dispute (timeout 0): the
// co-signed one, or the one before it when that is a proposal.
func (d DisputeStates) State(ctx context.Context, contract, user common.Address) (store.StoredState, error) {
	hs, err := d.Store.HubCosigned(ctx, contract, user)
	if err != nil {
		return store.StoredState{}, err
	}
	if hs.State.Timeout.Sign() != 0 {
		prev := new(big.Int).Sub(hs.State.Nonce, big.NewInt(1))
		err = d.Store.HubChannel(ctx, contract, user, func(tx store.HubTx) error {
			hs, err = tx.State(ctx, prev)
			return err
		})
		if err != nil {
			return store.StoredState{}, err
		}
		if hs.SigUser == nil {
			return store.StoredState{}, fmt.Errorf("channel %s: %w", user, store.ErrNotFound)
		}
	}
	if hs.SigUser == nil {
		return store.StoredState{}, errors.New("newest co-signed state lacks the user's signature")
	}
	return store.StoredState{Contract: contract, State: hs.State, SigHub: hs.SigHub, SigUser: hs.SigUser}, nil
}

// MarkSuperseded does nothing: the hub keeps every state it signed.
func (DisputeStates) MarkSuperseded(context.Context, common.Address, common.Address, *big.Int) (bool, error) {
	return false, nil
}
