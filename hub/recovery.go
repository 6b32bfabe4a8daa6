package hub

// The sweeper: it finishes what a crash, an unresponsive user or the chain left open —
// expired proposals, locks of settled channels, payments to protect on-chain.

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
			if _, err := h.propose(ctx, p.Payee, wire.RoleReclaim, wire.Detail{Update: channel.Update{Kind: channel.KindRefund, Hashlock: &hl, Now: now}}, nil); err != nil && !errors.Is(err, channel.ErrNoLock) {
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
		if _, err := h.propose(ctx, p.State.User, wire.RoleInvalidate, wire.Detail{Update: channel.Update{Kind: channel.KindInvalidate}}, nil); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// resolveLocks resolves on-chain the locks of settled states once one that pays the hub is
// decided: a user's lock whose secret was registered in time, or the hub's own lock that
// expired without. The contract resolves a settled state's locks together, given the state
// and its whole lock list, so the same call pays the user what is decided for it; locks
// that only pay the user are the user's to resolve.
func (h *Hub) resolveLocks(ctx context.Context, now uint64) error {
	if h.exec == nil {
		return nil
	}
	pending, err := h.st.PendingLockResolutions(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	type settlement struct {
		user  common.Address
		nonce string
	}
	var order []settlement
	groups := map[settlement][]store.LockResolution{}
	for _, r := range pending {
		k := settlement{r.User, r.SettledNonce.String()}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	var errs []error
	for _, k := range order {
		var decided []store.LockResolution
		paysHub := false
		for _, r := range groups[k] {
			at, err := h.exec.SecretRegisteredAt(ctx, r.Lock.Hashlock)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			inTime := at != 0 && new(big.Int).SetUint64(at).Cmp(r.Lock.Expiry) <= 0
			expired := new(big.Int).SetUint64(now).Cmp(r.Lock.Expiry) > 0
			if !inTime && !expired {
				continue
			}
			decided = append(decided, r)
			paysHub = paysHub || (r.Lock.Sender == channel.User) == inTime
		}
		if len(decided) == 0 {
			continue
		}
		if paysHub {
			err := h.resolveSettled(ctx, decided[0])
			if n := contracts.RevertName(err); err != nil && n != "NothingToResolve" && n != "NoLockPool" {
				errs = append(errs, err)
				continue
			}
			h.log.Info("resolved the locks of a settled state", "user", k.user, "settledNonce", k.nonce, "decided", len(decided))
		}
		for _, r := range decided {
			errs = append(errs, h.st.LockResolved(ctx, r))
		}
	}
	return errors.Join(errs...)
}

// resolveSettled resolves the decided locks of the state r was settled with, read from the
// hub's own record of it.
func (h *Hub) resolveSettled(ctx context.Context, r store.LockResolution) error {
	var hs store.HubState
	err := h.st.HubChannel(ctx, h.cfg.Contract, r.User, func(tx store.HubTx) error {
		var err error
		hs, err = tx.State(ctx, r.SettledNonce)
		return err
	})
	if err != nil {
		return fmt.Errorf("settled state %s of %s: %w", r.SettledNonce, r.User, err)
	}
	return h.exec.ResolveLocks(ctx, hs.State, hs.Locks)
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
