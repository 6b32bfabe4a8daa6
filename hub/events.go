package hub

import (
	"context"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
	"github.com/vigil-hub/vigil/wire"
)

// hubEvents says, for every kind, whether the hub acts on it; an event added to the
// contract is a decision made here, not a silent skip (a test checks).
var hubEvents = map[store.EventKind]bool{
	store.EventChannelUpdated:      true,
	store.EventSettled:             true,
	store.EventSecretRegistered:    true,
	store.EventExitStarted:         false, // the hub's dispute engine answers these
	store.EventChallenged:          false,
	store.EventHubReserveFunded:    false,
	store.EventHubReserveWithdrawn: false,
	store.EventLockResolved:        false, // resolutions are followed by their receipts
	store.EventLockPoolClosed:      false, // so is the resolution that closes a pool
	store.EventPayoutDeferred:      false,
	store.EventOwedWithdrawn:       false,
}

// Consume is the hub's watcher.Consumer. A confirmed ChannelUpdated means a proposal was
// executed on-chain: the hub proposes its confirmation. A SecretRegistered means a payee
// revealed a secret on-chain instead of to the hub: the hub collects from the payer.
func (h *Hub) Consume(ctx context.Context, u watcher.Update) {
	if u.Kind == watcher.Seen {
		h.exitsSeen(ctx, u.Events)
	}
	if u.Kind != watcher.Confirmed {
		return
	}
	for _, ev := range u.Events {
		if ev.Contract != h.cfg.Contract || !hubEvents[ev.Kind] {
			continue
		}
		switch ev.Kind {
		case store.EventChannelUpdated:
			if err := h.confirmExecuted(ctx, ev.User, ev.OnchainNonce); err != nil {
				h.log.Error("confirming an executed proposal failed", "user", ev.User, "onchainNonce", ev.OnchainNonce, "err", err)
			}
		case store.EventSettled:
			if err := h.settled(ctx, ev.User, ev.Nonce); err != nil {
				h.log.Error("recording the locks of a settled channel failed", "user", ev.User, "nonce", ev.Nonce, "err", err)
			}
			if err := h.restart(ctx, ev.User); err != nil {
				h.log.Error("restarting a settled channel failed; the reconciler and the user's next request retry", "user", ev.User, "nonce", ev.Nonce, "err", err)
			}
		case store.EventSecretRegistered:
			h.secretRevealed(ctx, ev.Secret)
		}
	}
}

// confirmExecuted proposes the confirmation of user's proposal executed at onchainNonce.
func (h *Hub) confirmExecuted(ctx context.Context, user common.Address, onchainNonce *big.Int) error {
	var latest store.HubState
	var cosigned *big.Int
	err := h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		var err error
		cosigned = tx.CosignedNonce()
		latest, err = tx.State(ctx, tx.LatestNonce())
		return err
	})
	if err != nil {
		return err
	}
	if !latest.State.HasPending() || latest.State.OnchainNonce.Cmp(onchainNonce) != 0 || latest.State.Nonce.Cmp(cosigned) != 0 {
		return nil // already confirmed, or not this proposal
	}
	_, err = h.propose(ctx, user, wire.RoleConfirm, wire.Detail{Update: channel.Update{Kind: channel.KindConfirm}}, nil)
	return err
}

// secretRevealed collects a forwarded payment whose secret became public on-chain.
func (h *Hub) secretRevealed(ctx context.Context, secret common.Hash) {
	p, err := h.st.Payment(ctx, h.cfg.Contract, channel.HashSecret(secret))
	if err != nil || (p.Status != store.PayForwarded && p.Status != store.PayClaimed) {
		return
	}
	err = h.st.HubChannel(ctx, h.cfg.Contract, p.Payee, func(tx store.HubTx) error {
		_, err := tx.ClaimPayment(ctx, h.cfg.Contract, p.Hashlock, secret, h.cfg.Now())
		return err
	})
	if err == nil {
		p.Status, p.Secret = store.PayClaimed, &secret
		h.collect(ctx, p)
	}
}

// settled records the locks of user's state settled at nonce, for the hub to resolve
// those that pay it.
func (h *Hub) settled(ctx context.Context, user common.Address, nonce *big.Int) error {
	if nonce == nil || nonce.Sign() == 0 {
		return nil
	}
	var hs store.HubState
	err := h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		var err error
		hs, err = tx.State(ctx, nonce)
		return err
	})
	if errors.Is(err, store.ErrNotFound) || (err == nil && len(hs.Locks) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	rs := make([]store.LockResolution, len(hs.Locks))
	for i, l := range hs.Locks {
		rs[i] = store.LockResolution{Contract: h.cfg.Contract, User: user, SettledNonce: nonce, Lock: l}
	}
	return h.st.AddLockResolutions(ctx, rs)
}

// Channel is what a user sees of its channel: the newest co-signed state and the hub's
// proposals after it.
type Channel struct {
	Cosigned  *store.HubState
	Proposals []store.HubState
}

// exitsSeen publishes at once, on an exit seen at the chain head, the secrets of payments
// the hub paid out and has not collected from the exiting payer: no off-chain update can
// collect them any more, and on-chain the payer's lock pays the hub only if its secret is
// registered by the lock's expiry.
func (h *Hub) exitsSeen(ctx context.Context, evs []store.Event) {
	exiting := map[common.Address]bool{}
	for _, ev := range evs {
		if ev.Contract == h.cfg.Contract && ev.Kind == store.EventExitStarted {
			exiting[ev.User] = true
		}
	}
	if len(exiting) == 0 {
		return
	}
	open, err := h.st.OpenPayments(ctx, h.cfg.Contract)
	if err != nil {
		h.log.Warn("reading open payments on an exit failed; the sweep publishes their secrets", "err", err)
		return
	}
	var claimed []store.Payment
	for _, p := range open {
		if p.Status == store.PayClaimed && exiting[p.Payer] {
			claimed = append(claimed, p)
		}
	}
	if err := h.protect(ctx, claimed, h.cfg.Now(), func(common.Address) bool { return true }); err != nil {
		h.log.Warn("publishing the secrets of an exiting payer failed; the sweep retries", "err", err)
	}
}
