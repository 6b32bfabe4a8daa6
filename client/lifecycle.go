package client

// The channel's lifecycle on the wallet's side (channel/lifecycle.go): once the chain has
// settled the channel, the hub restarts it from what the chain holds, and the wallet
// co-signs that restart only after reading the same from its own node.

import (
	"context"
	"fmt"
	"math/big"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/wire"
)

// fromRestart drops the proposals a restart supersedes: the hub's proposals signed before
// the settlement, which the chain has overtaken; none of them is ever co-signed.
func fromRestart(ps []wire.HubState) []wire.HubState {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Role == wire.RoleRestart {
			return ps[i:]
		}
	}
	return ps
}

// checkRestart decides whether to co-sign the hub's restart of the channel: only when the
// wallet's own node shows the channel holding nothing (settled, no dispute open), the
// restart at the contract's on-chain nonce, and above every nonce the wallet signed and
// the chain's. A restart while the chain still holds the channel's funds would have the
// user sign away its balance.
func (w *Wallet) checkRestart(ctx context.Context, p wire.HubState, d wire.Detail, prev cosigned) error {
	if d.Update.Kind != channel.KindRestart {
		return fmt.Errorf("%w: proposal %s (%s, %s)", ErrUnfair, p.State.Nonce, p.Role, d.Update.Kind)
	}
	if w.cfg.Chain == nil {
		return fmt.Errorf("%w: cannot check a restart without a node", ErrUnfair)
	}
	ch, err := w.onchainAt(ctx, nil)
	if err != nil {
		return err
	}
	switch {
	case ch.Status == contracts.StatusDisputed:
		return fmt.Errorf("%w: the hub restarts the channel while a dispute is open on-chain (deadline %s)", ErrNotYet, ch.Deadline)
	case ch.TotalWei.Sign() != 0 || ch.TotalToken.Sign() != 0:
		return fmt.Errorf("%w: the hub restarts the channel from nothing, the contract holds %s wei and %s token units for it",
			ErrUnfair, ch.TotalWei, ch.TotalToken)
	case !channel.IsRestartOf(p.State, ch.OnchainNonce):
		return fmt.Errorf("%w: the restart is not the empty state at on-chain nonce %s", ErrUnfair, ch.OnchainNonce)
	case p.State.Nonce.Cmp(prev.State.Nonce) <= 0 || p.State.Nonce.Cmp(ch.Nonce) <= 0:
		return fmt.Errorf("%w: the restart's nonce %s is not above the wallet's %s and the chain's %s", ErrUnfair, p.State.Nonce,
			prev.State.Nonce, ch.Nonce)
	}
	if w.ls.Signed != nil && w.ls.Signed.State.Nonce.Cmp(p.State.Nonce) >= 0 {
		return fmt.Errorf("%w: the restart's nonce %s is not above the wallet's signed request's %s", ErrUnfair, p.State.Nonce, w.ls.Signed.State.Nonce)
	}
	return nil
}

// Lifecycle is where the channel stands, as the wallet's own node shows it now.
type Lifecycle struct {
	// Phase is open, disputed (an exit is open until Deadline) or settled (the chain paid
	// the channel out and holds nothing for it; the hub restarts it).
	Phase channel.Phase
	// Nonce is the state the chain holds (the disputed one during a dispute).
	Nonce *big.Int
	// Deadline is the dispute's end, a block time; 0 outside a dispute.
	Deadline uint64
	// TotalWei and TotalToken are what the contract holds for the channel.
	TotalWei, TotalToken *big.Int
}

// Lifecycle reads the channel from the wallet's node: its phase, the dispute's deadline.
// A channel the chain holds nothing for while the wallet's newest state gives someone a
// balance or a lock was settled; the hub's restart makes it open again.
func (w *Wallet) Lifecycle(ctx context.Context) (Lifecycle, error) {
	if w.cfg.Chain == nil {
		return Lifecycle{}, ErrNoChain
	}
	ch, err := w.onchainAt(ctx, nil)
	if err != nil {
		return Lifecycle{}, fmt.Errorf("read the channel on-chain: %w", err)
	}
	o := Lifecycle{Phase: channel.PhaseOpen, Nonce: ch.Nonce, TotalWei: ch.TotalWei, TotalToken: ch.TotalToken}
	s, _ := w.Latest()
	switch {
	case ch.Status == contracts.StatusDisputed:
		o.Phase, o.Deadline = channel.PhaseDisputed, ch.Deadline.Uint64()
	case ch.TotalWei.Sign() == 0 && ch.TotalToken.Sign() == 0 && ch.Nonce.Sign() > 0 && !channel.IsRestartOf(s, ch.OnchainNonce) && !s.HasPending():
		o.Phase = channel.PhaseSettled
	}
	return o, nil
}

// checkOpen refuses to ask for an update while the wallet's node shows the channel
// disputed or settled and not restarted (the hub refuses too, but the user learns why, with
// the deadline). Without a node the hub's refusal says it.
func (w *Wallet) checkOpen(ctx context.Context) error {
	if w.cfg.Chain == nil {
		return nil
	}
	l, err := w.Lifecycle(ctx)
	if err != nil {
		return err
	}
	switch l.Phase {
	case channel.PhaseDisputed:
		return fmt.Errorf("%w: the channel is in dispute on-chain at nonce %s until block time %d; it takes no update until it settles",
			channel.ErrDisputed, l.Nonce, l.Deadline)
	case channel.PhaseSettled:
		return fmt.Errorf("%w: the chain paid the channel out at nonce %s; sync to co-sign the hub's restart, then deposit to use it again",
			channel.ErrSettled, l.Nonce)
	}
	return nil
}
