package hub

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// errNotVoid is a co-signed proposal the hub does not void (yet): it can still execute
// on-chain, it did, or the chain does not show it final that it did not.
var errNotVoid = errors.New("the proposal is not void")

// Abandon gives up user's pending on-chain operation at the user's asking: the hub
// proposes its invalidation, which the wallet co-signs, and the channel takes updates
// again. Only an operation that can no longer execute is given up: its timeout passed at
// a final block (the contract refuses it after that; a final block's successors are no
// earlier) and the chain did not execute it, both read from the chain (invalidate). An
// operation the contract could still execute is never voided off-chain: a user who
// abandoned a withdrawal and then executed it would be paid twice. So Abandon before the
// timeout is refused, saying when it becomes possible; the sweeper voids an expired
// operation by itself too, Abandon only spares the user the wait for its next pass.
func (h *Hub) Abandon(ctx context.Context, user common.Address) error {
	if err := h.checkCaughtUp(); err != nil {
		return err
	}
	p, err := h.st.HubCosigned(ctx, h.cfg.Contract, user)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %s has no channel with this hub", ErrNotAllowed, user)
	} else if err != nil {
		return err
	}
	if p.State.Timeout.Sign() == 0 {
		return fmt.Errorf("%w: no on-chain operation is pending on the channel (nonce %s is final)", ErrNotAllowed, p.State.Nonce)
	}
	latest, err := h.st.HubLatest(ctx, h.cfg.Contract, user)
	if err != nil {
		return err
	}
	if latest.State.Nonce.Cmp(p.State.Nonce) > 0 {
		if latest.Kind == wire.RoleInvalidate || latest.Kind == wire.RoleConfirm {
			return nil // already proposed: the wallet co-signs it with its next sync
		}
		return fmt.Errorf("%w: proposals up to nonce %s await your signature", ErrSyncFirst, latest.State.Nonce)
	}
	if err := h.invalidate(ctx, p, h.cfg.Now()); err != nil {
		if errors.Is(err, errNotVoid) {
			return fmt.Errorf("%w: %w", ErrNotAllowed, err)
		}
		return err
	}
	h.log.Info("pending operation abandoned at the user's asking", "user", user, "nonce", p.State.Nonce, "kind", p.Kind, "timeout", p.State.Timeout)
	return nil
}

// invalidate proposes to void p, a co-signed proposal, once its timeout passed without the
// chain executing it; it answers errNotVoid, with the reason, when it does not. Both facts
// are read from the chain at a final block, never from the indexed view alone: an indexer
// behind (a restart, a failover to a lagging node) would not show an executed withdrawal,
// and its invalidation, co-signed by the user, would pay the amount twice.
func (h *Hub) invalidate(ctx context.Context, p store.HubState, now uint64) error {
	user := p.State.User
	if p.State.Timeout.Cmp(new(big.Int).SetUint64(now)) >= 0 {
		return fmt.Errorf("%w: nonce %s can execute on-chain until %s; it can be given up after that", errNotVoid, p.State.Nonce, contracts.UTC(p.State.Timeout))
	}
	ch, err := h.st.Channel(ctx, h.cfg.Contract, user)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err == nil && ch.OnchainNonce != nil && ch.OnchainNonce.Cmp(p.State.OnchainNonce) >= 0 {
		return fmt.Errorf("%w: nonce %s was executed on-chain; the hub confirms it", errNotVoid, p.State.Nonce)
	}
	if h.exec != nil {
		fin, err := h.exec.FinalChannel(ctx, user)
		if err != nil {
			return fmt.Errorf("proposal %s of %s: %w", p.State.Nonce, user, err)
		}
		if fin.OnchainNonce.Cmp(p.State.OnchainNonce) >= 0 {
			return fmt.Errorf("%w: nonce %s was executed on-chain; the hub confirms it once its indexer sees it", errNotVoid, p.State.Nonce)
		}
		if p.State.Timeout.Cmp(new(big.Int).SetUint64(fin.Time)) >= 0 {
			return fmt.Errorf("%w: nonce %s's timeout %s is not behind a final block yet (final block time %s); retry in a few blocks",
				errNotVoid, p.State.Nonce, contracts.UTC(p.State.Timeout), contracts.UTC(new(big.Int).SetUint64(fin.Time)))
		}
	}
	if p.Kind == wire.RoleCollateral && h.exec != nil {
		// The hub's own execution may still be on its way (the sender fills its nonce
		// once the timeout passed) or mined and not yet indexed: invalidate only once it
		// is over without success.
		t, err := h.exec.Outcome(ctx, user, store.HubUpdateKey{StateNonce: p.State.Nonce})
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if err == nil && (active(t) || t.Status == store.TxConfirmed) {
			return fmt.Errorf("%w: the hub's own execution of nonce %s is under way", errNotVoid, p.State.Nonce)
		}
	}
	_, err = h.propose(ctx, user, wire.RoleInvalidate, wire.Detail{Update: channel.Update{Kind: channel.KindInvalidate}}, nil)
	return err
}
