package hub

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	amount "github.com/vigil-hub/vigil/internal/wei" // wei is the amount below
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// topUp proposes to raise the hub's balance in a user's channel, in each asset a payment
// lacks, to that asset's collateral target (or to the need, if larger), from the reserve.
// A zero ether target disables ether top-ups. It returns the payment's refusal, refused
// saying what comes of it: a top-up proposed to the payee (the payment goes through once
// it is confirmed), a reserve that cannot cover one (ErrReserveEmpty: nothing comes until
// the operator funds it), or no top-up and why.
func (h *Hub) topUp(ctx context.Context, user common.Address, n need, refusal error) error {
	if h.cfg.CollateralTarget.Sign() == 0 {
		n.wei = nil
	}
	if n.wei == nil && n.token == nil {
		return fmt.Errorf("%w; the hub does not top up ether collateral", refusal)
	}
	_, err := h.proposeCollateral(ctx, user, n)
	switch {
	case err == nil:
		return fmt.Errorf("%w; a top-up was proposed to the payee, retry when it is confirmed", refusal)
	case errors.Is(err, ErrReserveEmpty):
		return fmt.Errorf("%w: %w", refusal, err)
	default:
		h.log.Info("no collateral top-up", "user", user, "err", err)
		return fmt.Errorf("%w; no top-up was proposed (%v): retry shortly", refusal, err)
	}
}

// proposeCollateral proposes a hub deposit bringing its balance toward user, in each
// asset n names, up to that asset's target (at least n's amount), computed from the
// latest state (the hub's own proposals included), so that top-ups never pile up. Ether
// and tokens go in one proposal, executed by one hubAuthorizedUpdate: pendingWei and
// pendingToken[HubDeposit], both taken from the hub's reserve in the contract.
func (h *Hub) proposeCollateral(ctx context.Context, user common.Address, n need) (store.HubState, error) {
	var reserveWei, reserveTokens *big.Int
	if h.exec != nil {
		var err error
		if reserveWei, reserveTokens, err = h.exec.Reserve(ctx); err != nil {
			return store.HubState{}, fmt.Errorf("read the reserve: %w", err)
		}
	}
	if err := h.checkTokens(ctx, "a token top-up", n.token); err != nil {
		return store.HubState{}, err
	}
	return h.proposeFrom(ctx, user, wire.RoleCollateral, func(latest store.HubState) (wire.Detail, error) {
		if latest.State.Nonce.Sign() == 0 {
			return wire.Detail{}, fmt.Errorf("%w: %s has no channel yet", ErrNotAllowed, user)
		}
		if latest.State.HasPending() {
			return wire.Detail{}, fmt.Errorf("%w: an on-chain operation is pending", channel.ErrPending)
		}
		ops := channel.NewOps()
		if n.wei != nil {
			ops.Wei[channel.HubDeposit] = shortOf(h.cfg.CollateralTarget, n.wei, latest.State.WeiBalances[channel.Hub])
		}
		if n.token != nil {
			ops.Token[channel.HubDeposit] = shortOf(h.cfg.TokenCollateralTarget, n.token, latest.State.TokenBalances[channel.Hub])
		}
		wei, tok := ops.Wei[channel.HubDeposit], ops.Token[channel.HubDeposit]
		if wei.Sign() == 0 && tok.Sign() == 0 {
			return wire.Detail{}, fmt.Errorf("%w: the hub already has %s wei and %s token units toward the user", ErrNotAllowed,
				latest.State.WeiBalances[channel.Hub], latest.State.TokenBalances[channel.Hub])
		}
		if reserveWei != nil && reserveWei.Cmp(wei) < 0 {
			h.log.Error("reserve too low for a collateral top-up", "user", user, amount.Attrs("needed", wei), amount.Attrs("reserve", reserveWei))
			return wire.Detail{}, fmt.Errorf("%w: it holds %s, the top-up toward %s is %s; the hub's operator must fund it",
				ErrReserveEmpty, etherText(reserveWei), user, etherText(wei))
		}
		if reserveTokens != nil && reserveTokens.Cmp(tok) < 0 {
			h.log.Error("token reserve too low for a collateral top-up", "user", user, "needed", tok, "reserve", reserveTokens)
			return wire.Detail{}, fmt.Errorf("%w: its tokens (%s base units) fall short of the top-up toward %s (%s base units); the hub's operator must fund it",
				ErrReserveEmpty, reserveTokens, user, tok)
		}
		recipient := user // no user withdrawal: the recipient is the user itself
		return wire.Detail{Update: channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &recipient,
			Timeout: h.cfg.Now() + h.cfg.ProposalTimeout}}, nil
	}, nil)
}

// shortOf is how much a balance lacks to reach target, or need if larger (never below 0).
func shortOf(target, need, balance *big.Int) *big.Int {
	t := target
	if need.Cmp(t) > 0 {
		t = need
	}
	d := new(big.Int).Sub(t, balance)
	if d.Sign() < 0 {
		d.SetInt64(0)
	}
	return d
}

// RequestCollateral proposes a top-up of the hub's ether side of user's channel to the
// collateral target.
func (h *Hub) RequestCollateral(ctx context.Context, user common.Address) (store.HubState, error) {
	return h.proposeCollateral(ctx, user, need{wei: new(big.Int)})
}
