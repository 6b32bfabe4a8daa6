package hub

// The sweeper: it finishes what a crash, an unresponsive user or the chain left open —
// expired proposals, locks of settled channels, payments to protect on-chain.

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/lockpool"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Sweep moves stuck payments on: forwards what a crash left unforwarded, collects what a
// crash left uncollected, and once a payee's lock has expired takes it back and returns
// the payer's lock. It runs at start-up and on a schedule.
func (h *Hub) Sweep(ctx context.Context) error {
	if err := h.checkCaughtUp(); err != nil {
		return err
	}
	open, err := h.st.OpenPayments(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	now := h.cfg.Now()
	var errs []error
	// The secrets first: they are due by the payers' expiries, the rest can wait a sweep.
	if err := h.protect(ctx, open, now, h.disputedPayers(ctx)); err != nil {
		errs = append(errs, err)
	}
	for _, p := range open {
		switch {
		case p.Status == store.PayLocked && now+h.cfg.LockMargin < p.PayeeExpiry:
			h.forward(ctx, p)
		case p.Status == store.PayLocked:
			h.giveBack(ctx, p, store.PayLocked) // too late to forward safely
		case p.Status == store.PayForwarded && now > p.PayeeExpiry:
			if revealed, err := h.revealedInTime(ctx, p); err != nil || revealed {
				// Registered on-chain in time, the secret pays the payee its lock there:
				// the payer's is the hub's, collected once the event is confirmed.
				if err != nil {
					errs = append(errs, err)
				}
				continue
			}
			hl := p.Hashlock
			if _, err := h.propose(ctx, p.Payee, wire.RoleReclaim, wire.Detail{Update: channel.Update{Kind: channel.KindRefund, Hashlock: &hl, Now: now}}, nil); err != nil && !errors.Is(err, channel.ErrNoLock) {
				errs = append(errs, err)
				continue
			}
			h.giveBack(ctx, p, store.PayForwarded)
		case p.Status == store.PayClaimed:
			h.collect(ctx, p)
		}
	}
	if err := h.invalidateExpired(ctx, now); err != nil {
		errs = append(errs, err)
	}
	if err := h.executeProposals(ctx, now); err != nil {
		errs = append(errs, err)
	}
	if err := h.resolveLocks(ctx, now); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// revealedInTime reports whether the secret of a forwarded payment was registered
// on-chain by the payee's expiry, read from the chain's head: then the payee can take its
// lock on-chain, and the payer's lock is the hub's, whatever the indexer has confirmed
// yet (a registration is seen confirmed only some blocks later). Without an executor (no
// chain) it reports false.
func (h *Hub) revealedInTime(ctx context.Context, p store.Payment) (bool, error) {
	if h.exec == nil {
		return false, nil
	}
	at, err := h.exec.SecretRegisteredAt(ctx, p.Hashlock)
	if err != nil {
		return false, fmt.Errorf("payment %s: read its secret's registration: %w", p.Hashlock, err)
	}
	if at != 0 && at <= p.PayeeExpiry {
		h.log.Warn("the payee registered the payment's secret on-chain in time; the payer's lock is not given back",
			"hashlock", p.Hashlock, "payee", p.Payee, "registeredAt", at, "payeeExpiry", p.PayeeExpiry)
		return true, nil
	}
	return false, nil
}

// invalidateExpired voids co-signed proposals whose timeout passed without the chain
// executing them (invalidate); a proposal that cannot be voided yet waits for a later
// sweep.
func (h *Hub) invalidateExpired(ctx context.Context, now uint64) error {
	open, err := h.st.HubOpenProposals(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range open {
		if err := h.invalidate(ctx, p, now); err != nil && !errors.Is(err, errNotVoid) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// resolveLocks resolves on-chain the locks of settled states once one that pays the hub is
// decided: a user's lock whose secret was registered in time, or the hub's own lock that
// expired without. The contract resolves a settled state's locks together, given the state
// and its whole lock list, so the same call pays the user what is decided for it; locks
// that only pay the user are the user's to resolve. A lock is marked resolved only once
// the contract says so — the hub's call confirmed at depth, or a simulation finding
// nothing left to resolve — never when a call is merely sent.
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
		if err := h.resolveSettlement(ctx, groups[k], now); err != nil {
			errs = append(errs, fmt.Errorf("locks of %s settled at %s: %w", k.user, k.nonce, err))
		}
	}
	return errors.Join(errs...)
}

// resolveSettlement moves the resolution of one settled state's pending locks on: the
// hub's side of the pool is decided (channel.DecidePool; the locks it no longer lists as
// pending are done), and a resolveLocks round is moved on (lockpool.Next) while a decided
// lock pays the hub. Decided locks that pay only the user are the user's to resolve:
// they need nothing more from the hub.
func (h *Hub) resolveSettlement(ctx context.Context, rows []store.LockResolution, now uint64) error {
	user, nonce := rows[0].User, rows[0].SettledNonce
	pending := map[uint32]bool{}
	for _, r := range rows {
		pending[r.Lock.Index] = true
	}
	hs, err := h.settledState(ctx, user, nonce)
	if err != nil {
		return err
	}
	facts := make([]channel.LockFacts, len(hs.Locks))
	for i, l := range hs.Locks {
		if !pending[l.Index] {
			facts[i].Done = true
			continue
		}
		if facts[i].RegisteredAt, err = h.exec.SecretRegisteredAt(ctx, l.Hashlock); err != nil {
			return err
		}
	}
	d := channel.DecidePool(hs.State, hs.Locks, facts, now, channel.Hub)
	var decided []store.LockResolution
	for _, r := range rows {
		if i := int(r.Lock.Index); i < len(d.Locks) && d.Locks[i].Decided {
			decided = append(decided, r)
		}
	}
	if d.Step != channel.PoolResolve {
		if len(decided) == 0 {
			return nil
		}
		return h.markResolved(ctx, user, nonce, decided, nil) // the user's to resolve
	}
	calldata := abi.PackResolveLocks(contracts.State(hs.State), contracts.Locks(hs.Locks))
	rounds := hubRounds{h: h, user: user, now: now}
	res, err := lockpool.Next(ctx, rounds, h.exec.Check, nonce, calldata)
	if err != nil {
		return err // the node did not answer: the next sweep asks again
	}
	what := fmt.Sprintf("resolution of the locks of channel %s settled at nonce %s", user, nonce)
	switch res.Step {
	case lockpool.NothingToResolve: // every decided lock is resolved: by the hub's last round, the user or a tower
		return h.markResolved(ctx, user, nonce, decided, res.Last)
	case lockpool.PoolClosed: // every lock is resolved: the pool is closed
		return h.markResolved(ctx, user, nonce, rows, res.Last)
	case lockpool.Refused:
		t := store.OutboxTx{Intent: store.Intent{Contract: h.cfg.Contract, User: user}}
		t.SetKey(store.ResolveKey{SettledNonce: nonce, Round: res.Round})
		if res.Last != nil {
			t = *res.Last
		}
		h.cannot(ctx, t, what, res.Err, "its locks stay pending and are checked again every sweep")
		return res.Err
	case lockpool.GaveUp:
		h.cannot(ctx, *res.Last, what, nil, "its locks stay pending")
	case lockpool.Queued:
		if res.Rearmed() && res.Last.Status == store.TxFailed {
			h.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Warning, Kind: alert.HubTxFailed,
				Key: fmt.Sprintf("resolve-failed/%s/%d", user, res.Last.ID), Contract: h.cfg.Contract, User: user, Account: res.Last.Sender,
				Text: fmt.Sprintf("The hub's %s was not included (%s); queued again, due in %ds.", what, res.Last.LastError, h.cfg.ResolveWindow)})
		} else if res.Rearmed() && reverted(*res.Last) {
			h.log.Warn("lock resolution reverted; sent again", "user", user, "settledNonce", nonce, "outbox", res.Last.ID, "arm", res.Last.Arm)
		}
		if res.Created {
			h.log.Info("lock resolution queued", "user", user, "settledNonce", nonce, "round", res.Round, "decided", len(decided),
				utc.Attrs("deadline", now+h.cfg.ResolveWindow))
		}
	}
	return nil
}

// hubRounds is the hub's outbox for the resolveLocks rounds of one settled state.
type hubRounds struct {
	h    *Hub
	user common.Address
	now  uint64
}

func (r hubRounds) Latest(ctx context.Context, key store.ResolveKey) (store.OutboxTx, error) {
	return r.h.exec.Outcome(ctx, r.user, key)
}

// Queue queues a round from the hub's account, due ResolveWindow from now (the contract
// sets no deadline).
func (r hubRounds) Queue(ctx context.Context, key store.ResolveKey, calldata []byte) (bool, error) {
	return r.h.exec.Send(ctx, Tx{User: r.user, Key: key, Calldata: calldata, Deadline: r.now + r.h.cfg.ResolveWindow, WindowStart: r.now})
}

func (r hubRounds) Cancel(ctx context.Context, id int64, reason string) (bool, error) {
	return r.h.exec.Cancel(ctx, id, reason)
}

// markResolved records locks as needing nothing more from the hub.
func (h *Hub) markResolved(ctx context.Context, user common.Address, nonce *big.Int, rs []store.LockResolution, last *store.OutboxTx) error {
	for _, r := range rs {
		if err := h.st.LockResolved(ctx, r); err != nil {
			return err
		}
	}
	args := []any{"user", user, "settledNonce", nonce, "locks", len(rs)}
	if last != nil {
		args = append(args, "lastOutbox", last.ID, "lastStatus", last.Status)
	}
	h.log.Info("locks of a settled state resolved", args...)
	return nil
}

// settledState returns the hub's record of user's state settled at nonce.
func (h *Hub) settledState(ctx context.Context, user common.Address, nonce *big.Int) (store.HubState, error) {
	var hs store.HubState
	err := h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		var err error
		hs, err = tx.State(ctx, nonce)
		return err
	})
	if err != nil {
		return store.HubState{}, fmt.Errorf("settled state %s of %s: %w", nonce, user, err)
	}
	return hs, nil
}
