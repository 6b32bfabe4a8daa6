package hub

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// topUp proposes to raise the hub's balance in a user's channel to the collateral target
// (or to need, if larger), from the reserve.
func (h *Hub) topUp(ctx context.Context, user common.Address, need *big.Int) {
	if h.cfg.CollateralTarget.Sign() == 0 {
		return
	}
	_, err := h.proposeCollateral(ctx, user, need)
	if err != nil {
		h.log.Info("no collateral top-up", "user", user, "err", err)
	}
}

// proposeCollateral proposes a hub deposit bringing its balance toward user up to the
// target (at least need), computed from the latest state (the hub's own proposals
// included), so that top-ups never pile up.
func (h *Hub) proposeCollateral(ctx context.Context, user common.Address, need *big.Int) (store.HubState, error) {
	var reserve *big.Int
	if h.exec != nil {
		var err error
		if reserve, err = h.exec.Reserve(ctx); err != nil {
			return store.HubState{}, fmt.Errorf("read the reserve: %w", err)
		}
	}
	return h.proposeFrom(ctx, user, wire.RoleCollateral, func(latest store.HubState) (wire.Detail, error) {
		if latest.State.Nonce.Sign() == 0 {
			return wire.Detail{}, fmt.Errorf("%w: %s has no channel yet", ErrNotAllowed, user)
		}
		if latest.State.HasPending() {
			return wire.Detail{}, fmt.Errorf("%w: an on-chain operation is pending", channel.ErrPending)
		}
		target := h.cfg.CollateralTarget
		if need != nil && need.Cmp(target) > 0 {
			target = need
		}
		amount := new(big.Int).Sub(target, latest.State.WeiBalances[channel.Hub])
		if amount.Sign() <= 0 {
			return wire.Detail{}, fmt.Errorf("%w: the hub already has %s toward the user", ErrNotAllowed, latest.State.WeiBalances[channel.Hub])
		}
		if reserve != nil && reserve.Cmp(amount) < 0 {
			h.log.Error("reserve too low for a collateral top-up", "user", user, "needed", amount, "reserve", reserve)
			return wire.Detail{}, fmt.Errorf("%w: the hub's reserve (%s wei) cannot cover %s", ErrCollateral, reserve, amount)
		}
		ops := channel.NewOps()
		ops.Wei[channel.HubDeposit] = amount
		recipient := user // no user withdrawal: the recipient is the user itself
		return wire.Detail{Update: channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &recipient,
			Timeout: h.cfg.Now() + h.cfg.ProposalTimeout}}, nil
	}, nil)
}

// RequestCollateral proposes a top-up of the hub's side of user's channel.
func (h *Hub) RequestCollateral(ctx context.Context, user common.Address) (store.HubState, error) {
	return h.proposeCollateral(ctx, user, nil)
}
