package hub

// The channel's lifecycle as the hub applies it (channel/lifecycle.go): from the on-chain
// view its indexer keeps at the chain head, the hub signs nothing for a channel in
// dispute, and starts a settled channel again from what the chain paid out.

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// onchain returns user's channel as the hub's indexer saw it at the chain head: an exit
// in the newest block it indexed counts at once, with no RPC call. A channel the chain
// has no event of yet is open.
func (h *Hub) onchain(ctx context.Context, user common.Address) (store.Channel, error) {
	ch, err := h.st.Channel(ctx, h.cfg.Contract, user)
	if errors.Is(err, store.ErrNotFound) {
		return store.Channel{Contract: h.cfg.Contract, User: user, Status: store.StatusOpen, Nonce: new(big.Int),
			OnchainNonce: new(big.Int), Deadline: new(big.Int)}, nil
	}
	if err != nil {
		return store.Channel{}, fmt.Errorf("channel %s on-chain: %w", user, err)
	}
	return ch, nil
}

// phase returns where user's channel stands: disputed while an exit is open on-chain;
// settled from the settlement until the hub's states restart from it.
func (h *Hub) phase(ctx context.Context, tx store.HubTx, ch store.Channel) (channel.Phase, error) {
	switch ch.Status {
	case store.StatusDisputed:
		return channel.PhaseDisputed, nil
	case store.StatusSettled:
		ok, err := restarted(ctx, tx, ch)
		if err != nil || ok {
			return channel.PhaseOpen, err
		}
		return channel.PhaseSettled, nil
	}
	return channel.PhaseOpen, nil
}

// restarted reports whether the channel's states restart from its settlement. Until the
// channel's next executed update the chain holds nothing for it, so every state after its
// restart holds no balance and no lock (at most a proposal to deposit, or its
// invalidation): going back from the newest, the restart comes before any state that
// holds something.
func restarted(ctx context.Context, tx store.HubTx, ch store.Channel) (bool, error) {
	r := lastRestart(ctx, tx)
	if r == nil {
		return false, nil
	}
	hs, err := tx.State(ctx, r)
	if err != nil {
		return false, err
	}
	return hs.State.Nonce.Cmp(ch.Nonce) > 0 && channel.IsRestartOf(hs.State, ch.OnchainNonce), nil
}

// checkPhase refuses an update of kind on user's channel unless its phase allows it.
func (h *Hub) checkPhase(ctx context.Context, tx store.HubTx, ch store.Channel, kind string) error {
	if kind != channel.KindRestart { // a restart holds nothing: it is signed whatever the books say
		if err := h.checkFrozen(ctx, ch.User); err != nil {
			return err
		}
	}
	p, err := h.phase(ctx, tx, ch)
	if err != nil {
		return err
	}
	if err := channel.CheckPhase(p, kind); err != nil {
		return fmt.Errorf("channel %s (on-chain nonce %s, deadline %s): %w", ch.User, ch.Nonce, ch.Deadline, err)
	}
	return nil
}

// restart starts user's settled channel again from what the chain holds: the hub proposes
// the restart state, above every nonce it signed, for the user to co-sign. It does nothing
// when the channel is not settled or already restarted.
func (h *Hub) restart(ctx context.Context, user common.Address) error {
	ch, err := h.onchain(ctx, user)
	if err != nil || ch.Status != store.StatusSettled {
		return err
	}
	_, err = h.proposeIn(ctx, ch, user, wire.RoleRestart, func(prev store.HubState) (wire.Detail, error) {
		// Above every nonce the hub signed, and the chain's.
		n := new(big.Int).Add(prev.State.Nonce, big.NewInt(1))
		if n.Cmp(ch.Nonce) <= 0 {
			n.Add(ch.Nonce, big.NewInt(1))
		}
		return wire.Detail{Update: channel.Update{Kind: channel.KindRestart,
			Restart: &channel.RestartAt{Nonce: channel.Amount{V: n}, OnchainNonce: channel.Amount{V: ch.OnchainNonce}}}}, nil
	}, nil)
	if errors.Is(err, channel.ErrInvalidField) {
		return nil // restarted already: the channel is open again
	}
	if err == nil {
		h.log.Info("channel restarted after its settlement", "user", user, "settledNonce", ch.Nonce, "onchainNonce", ch.OnchainNonce)
	}
	return err
}

// lastRestart returns the nonce of the channel's restart when no state after it holds
// anything (the channel has not moved on from it), else nil.
func lastRestart(ctx context.Context, tx store.HubTx) *big.Int {
	for n := tx.LatestNonce(); n.Sign() > 0; n.Sub(n, big.NewInt(1)) {
		hs, err := tx.State(ctx, n)
		if err != nil {
			return nil
		}
		if hs.Kind == wire.RoleRestart {
			return n
		}
		if !channel.HoldsNothing(hs.State) {
			return nil
		}
	}
	return nil
}

// checkCaughtUp refuses to sign while the hub's indexer has not caught up with the chain:
// its view of every channel's phase is then behind, and an exit or a settlement it has not
// seen yet would have it sign for a channel the chain already decided.
func (h *Hub) checkCaughtUp() error {
	if h.cfg.CaughtUp != nil && !h.cfg.CaughtUp() {
		return ErrCatchingUp
	}
	return nil
}
