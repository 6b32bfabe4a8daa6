package hub

import (
	"context"
	"errors"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
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
	store.EventPayoutDeferred:      false,
	store.EventOwedWithdrawn:       false,
}

// Consume is the hub's watcher.Consumer. A confirmed ChannelUpdated means a proposal was
// executed on-chain: the hub proposes its confirmation. A SecretRegistered means a payee
// revealed a secret on-chain instead of to the hub: the hub collects from the payer.
func (h *Hub) Consume(ctx context.Context, u watcher.Update) {
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
	_, err = h.propose(ctx, user, RoleConfirm, Detail{Update: channel.Update{Kind: channel.KindConfirm}}, nil)
	return err
}

// invalidateExpired voids co-signed proposals whose timeout passed without the chain
// executing them (the on-chain view is behind the proposal's on-chain nonce).
func (h *Hub) invalidateExpired(ctx context.Context, now uint64) error {
	open, err := h.st.HubOpenProposals(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range open {
		if p.State.Timeout.Cmp(new(big.Int).SetUint64(now)) >= 0 {
			continue
		}
		ch, err := h.st.Channel(ctx, h.cfg.Contract, p.State.User)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			errs = append(errs, err)
			continue
		}
		if err == nil && ch.OnchainNonce != nil && ch.OnchainNonce.Cmp(p.State.OnchainNonce) >= 0 {
			continue // executed: the confirmation comes with the event
		}
		if _, err := h.propose(ctx, p.State.User, RoleInvalidate, Detail{Update: channel.Update{Kind: channel.KindInvalidate}}, nil); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// secretRevealed collects a forwarded payment whose secret became public on-chain.
func (h *Hub) secretRevealed(ctx context.Context, secret common.Hash) {
	p, err := h.st.Payment(ctx, h.cfg.Contract, channel.HashSecret(secret))
	if err != nil || (p.Status != store.PayForwarded && p.Status != store.PayClaimed) {
		return
	}
	err = h.st.HubChannel(ctx, h.cfg.Contract, p.Payee, func(tx store.HubTx) error {
		_, err := tx.SetPayment(ctx, h.cfg.Contract, p.Hashlock, store.PayClaimed, &secret, store.PayForwarded)
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
	tree, err := channel.NewLockTree(hs.Locks)
	if err != nil {
		return err
	}
	rs := make([]store.LockResolution, len(hs.Locks))
	for i, l := range hs.Locks {
		proof, err := tree.Proof(i)
		if err != nil {
			return err
		}
		rs[i] = store.LockResolution{Contract: h.cfg.Contract, User: user, SettledNonce: nonce, Lock: l, Proof: proof}
	}
	return h.st.AddLockResolutions(ctx, rs)
}

// resolveLocks resolves on-chain the locks of settled states that pay the hub: a user's
// lock whose secret was registered in time, and the hub's own lock whose secret was not,
// once expired. Locks that pay the user are the user's to resolve.
func (h *Hub) resolveLocks(ctx context.Context, now uint64) error {
	if h.exec == nil {
		return nil
	}
	pending, err := h.st.PendingLockResolutions(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	var errs []error
	for _, r := range pending {
		at, err := h.exec.SecretRegisteredAt(ctx, r.Lock.Hashlock)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		inTime := at != 0 && new(big.Int).SetUint64(at).Cmp(r.Lock.Expiry) <= 0
		expired := new(big.Int).SetUint64(now).Cmp(r.Lock.Expiry) > 0
		paysHub := (r.Lock.Sender == channel.User && inTime) || (r.Lock.Sender == channel.Hub && !inTime && expired)
		paysUser := (r.Lock.Sender == channel.Hub && inTime) || (r.Lock.Sender == channel.User && !inTime && expired)
		switch {
		case paysHub:
			err := h.exec.ResolveLock(ctx, r)
			if err != nil && !strings.Contains(err.Error(), "LockAlreadyResolved") {
				errs = append(errs, err)
				continue
			}
			h.log.Info("resolved a settled lock to the hub", "user", r.User, "hashlock", r.Lock.Hashlock, "wei", r.Lock.AmountWei)
			errs = append(errs, h.st.LockResolved(ctx, r))
		case paysUser:
			errs = append(errs, h.st.LockResolved(ctx, r))
		}
	}
	return errors.Join(errs...)
}

// Sweep moves stuck payments on: forwards what a crash left unforwarded, collects what a
// crash left uncollected, and once a payee's lock has expired takes it back and returns
// the payer's lock. It runs at start-up and on a schedule.
func (h *Hub) Sweep(ctx context.Context) error {
	open, err := h.st.OpenPayments(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	now := h.cfg.Now()
	var errs []error
	for _, p := range open {
		switch {
		case p.Status == store.PayLocked && now+h.cfg.LockMargin < p.PayeeExpiry:
			h.forward(ctx, p)
		case p.Status == store.PayLocked:
			h.giveBack(ctx, p, store.PayLocked) // too late to forward safely
		case p.Status == store.PayForwarded && now > p.PayeeExpiry:
			hl := p.Hashlock
			if _, err := h.propose(ctx, p.Payee, RoleReclaim, Detail{Update: channel.Update{Kind: channel.KindRefund, Hashlock: &hl, Now: now}}, nil); err != nil && !errors.Is(err, channel.ErrNoLock) {
				errs = append(errs, err)
				continue
			}
			h.giveBack(ctx, p, store.PayForwarded)
		case p.Status == store.PayClaimed:
			h.collect(ctx, p)
			h.protect(ctx, p, now)
		}
	}
	if err := h.invalidateExpired(ctx, now); err != nil {
		errs = append(errs, err)
	}
	if err := h.resolveLocks(ctx, now); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Channel is what a user sees of its channel: the newest co-signed state and the hub's
// proposals after it.
type Channel struct {
	Cosigned  *store.HubState
	Proposals []store.HubState
}

// View returns user's channel from nonce from (0: everything kept).
func (h *Hub) View(ctx context.Context, user common.Address, from *big.Int) (Channel, error) {
	cosigned, states, err := h.st.HubStates(ctx, h.cfg.Contract, user, from)
	if err != nil {
		return Channel{}, err
	}
	var c Channel
	for i := range states {
		s := states[i]
		switch {
		case s.State.Nonce.Cmp(cosigned) == 0:
			c.Cosigned = &s
		case s.State.Nonce.Cmp(cosigned) > 0:
			c.Proposals = append(c.Proposals, s)
		}
	}
	return c, nil
}

// Wait returns a channel closed when the hub next proposes something to user, and a
// function to call when no longer waiting.
func (h *Hub) Wait(user common.Address) (<-chan struct{}, func()) { return h.notes.wait(user) }

// Payments returns user's payment history, newest first.
func (h *Hub) Payments(ctx context.Context, user common.Address, limit int) ([]store.Payment, error) {
	return h.st.Payments(ctx, h.cfg.Contract, user, limit)
}

// protect publishes the secret of a payment the hub already paid out when its payer has
// not co-signed the hub's claim and the payer's lock nears its expiry: should the payer
// close on-chain with the lock, it then resolves to the hub. registerSecret records only
// the first registration, so repeating it is harmless.
func (h *Hub) protect(ctx context.Context, p store.Payment, now uint64) {
	if h.exec == nil || p.Secret == nil || now+h.cfg.LockMargin < p.PayerExpiry || now > p.PayerExpiry {
		return
	}
	h.protected.Lock()
	done := h.registered[p.Hashlock]
	if !done {
		h.registered[p.Hashlock] = true
	}
	h.protected.Unlock()
	if done {
		return
	}
	h.log.Warn("payer has not co-signed the hub's claim; publishing the secret on-chain", "hashlock", p.Hashlock, "payer", p.Payer)
	if err := h.exec.RegisterSecret(ctx, *p.Secret); err != nil {
		h.log.Error("registering the secret failed; retried", "hashlock", p.Hashlock, "err", err)
		h.protected.Lock()
		delete(h.registered, p.Hashlock)
		h.protected.Unlock()
	}
}
