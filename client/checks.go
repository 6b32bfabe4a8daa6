package client

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/wire"
)

// check recomputes a hub proposal on top of prev and decides whether the user signs it.
// It returns the secret of an incoming payment when the sealed secret opens its lock.
func (w *Wallet) check(ctx context.Context, prev cosigned, p wire.HubState) (*common.Hash, []channel.Lock, error) {
	var d wire.Detail
	if err := json.Unmarshal(p.Detail, &d); err != nil {
		return nil, nil, fmt.Errorf("%w: proposal %s: %w", ErrUnfair, p.State.Nonce, err)
	}
	next, locks, err := d.Update.Apply(prev.State, prev.Locks)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: proposal %s does not apply: %w", ErrUnfair, p.State.Nonce, err)
	}
	want, _ := w.domain.Digest(next)
	got, err := w.domain.Digest(p.State)
	if err != nil || want != got {
		return nil, nil, fmt.Errorf("%w: proposal %s is not what its update gives", ErrUnfair, p.State.Nonce)
	}
	if err := channel.VerifySigner(got, p.SigHub, w.cfg.Hub); err != nil {
		return nil, nil, fmt.Errorf("%w: proposal %s not signed by the hub", ErrUnfair, p.State.Nonce)
	}
	if p.Role == wire.RoleRestart || d.Update.Kind == channel.KindRestart {
		return nil, locks, w.checkRestart(ctx, p, d, prev) // follows the chain, not prev
	}
	if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrUnfair, err)
	}
	if next.Timeout.Sign() != 0 {
		if err := w.checkTimeout(ctx, next.Timeout); err != nil {
			return nil, nil, fmt.Errorf("proposal %s: %w", p.State.Nonce, err)
		}
	}
	secret, err := w.checkRole(ctx, p, d, prev)
	return secret, locks, err
}

// checkRole says whether the hub may propose the proposal's update in its role, and opens
// the secret of an incoming payment.
func (w *Wallet) checkRole(ctx context.Context, p wire.HubState, d wire.Detail, prev cosigned) (*common.Hash, error) {
	u := d.Update
	switch {
	case p.Role == wire.RoleForward && u.Kind == channel.KindLock && u.Lock.Sender == channel.Hub:
		// An incoming payment: a lock toward the user, always safe to co-sign (refusing it
		// would stall the channel: the hub's later proposals follow it). What is checked
		// is whether to keep its secret, and so claim it — the claim reveals the secret,
		// with which the hub collects the payer's lock whether or not it pays this one:
		// not when the lock carries less than the payer sealed with the secret, or has
		// expired by the wallet's clock. Such a lock expires back to the hub unclaimed.
		l := u.Lock
		op, ok := openPayment(w.cfg.Key, d.SealedSecret)
		if !ok || channel.HashSecret(op.secret) != l.Hashlock {
			w.log.Warn("incoming payment whose secret does not open; it will expire back to the hub", "hashlock", l.Hashlock)
			return nil, nil
		}
		if op.amountWei != nil && (l.AmountWei.Cmp(op.amountWei) < 0 || l.AmountToken.Cmp(op.amountToken) < 0) {
			w.log.Warn("the hub forwards a payment short of what the payer locked; not claimed: it will expire back to the hub",
				"hashlock", l.Hashlock, "wei", l.AmountWei, "tokenUnits", l.AmountToken, "paidWei", op.amountWei, "paidTokenUnits", op.amountToken)
			return nil, nil
		}
		now, err := w.chainNow(ctx)
		if err != nil {
			return nil, err
		}
		if l.ExpiredAt(now) {
			w.log.Warn("the hub forwards a payment whose lock has expired; not claimed", "hashlock", l.Hashlock, "expiry", l.Expiry, "chainTime", now)
			return nil, nil
		}
		return &op.secret, nil
	case p.Role == wire.RoleReturn && u.Kind == channel.KindCancel:
		// The hub, as a lock's receiver, gives it back: only a lock the user sent. A
		// cancel of a lock toward the user would hand the hub back a payment it owes.
		if l := channel.FindLock(prev.Locks, *u.Hashlock); l == nil || l.Sender != channel.User {
			return nil, fmt.Errorf("%w: the hub proposes to cancel lock %s, which is not the user's to get back", ErrUnfair, *u.Hashlock)
		}
		return nil, nil
	case p.Role == wire.RoleCollect && u.Kind == channel.KindClaim:
		// Pays our lock to the hub with its secret: before its expiry, or after it only
		// if the secret was registered on-chain by then.
		return nil, w.checkCollect(ctx, prev, *u.Secret)
	case p.Role == wire.RoleConfirm && u.Kind == channel.KindConfirm:
		// Only once the proposal was executed on-chain: confirming one that was not would
		// leave every later state an on-chain nonce ahead of the contract, and its
		// deposits counted that were never made — unusable in a dispute.
		if w.cfg.Chain == nil {
			return nil, fmt.Errorf("%w: cannot check a confirmation without a node", ErrUnfair)
		}
		ch, err := w.onchainAt(ctx, nil)
		if err != nil {
			return nil, err
		}
		if ch.OnchainNonce.Cmp(prev.State.OnchainNonce) < 0 {
			return nil, fmt.Errorf("%w: the hub proposes to confirm on-chain nonce %s, the contract is at %s: not executed",
				ErrNotYet, prev.State.OnchainNonce, ch.OnchainNonce)
		}
		return nil, nil
	case p.Role == wire.RoleReclaim && u.Kind == channel.KindRefund:
		now, err := w.chainNow(ctx)
		if err != nil || u.Now > now {
			return nil, fmt.Errorf("%w: reclaim dated %d, chain time %d", ErrUnfair, u.Now, now)
		}
		return nil, w.checkReclaim(ctx, prev, *u.Hashlock)
	case p.Role == wire.RoleCollateral && u.Kind == channel.KindPropose:
		o := u.Ops
		for i := range 4 {
			if i != channel.HubDeposit && (o.Wei[i].Sign() != 0 || o.Token[i].Sign() != 0) {
				return nil, fmt.Errorf("%w: a collateral proposal may only deposit the hub's funds", ErrUnfair)
			}
		}
		if *u.Recipient != w.addr {
			return nil, fmt.Errorf("%w: a collateral proposal names recipient %s: it withdraws nothing to anyone", ErrUnfair, *u.Recipient)
		}
		return nil, nil
	case p.Role == wire.RoleInvalidate && u.Kind == channel.KindInvalidate:
		// Only if the proposal was never executed, else our deposit would vanish, and can
		// no longer be: the contract executes it up to its timeout, and a proposal
		// executed after its invalidation was signed would make every later state's
		// on-chain nonce too low.
		// Both read at one block: the head past the timeout, and the channel at it.
		if w.cfg.Chain == nil {
			return nil, fmt.Errorf("%w: cannot check an invalidation without a node", ErrUnfair)
		}
		head, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
		if err != nil {
			return nil, err
		}
		if prev.State.Timeout.Cmp(new(big.Int).SetUint64(head.Time)) >= 0 {
			return nil, fmt.Errorf("%w: the proposal can be executed until %s, chain time %d: too early to invalidate it",
				ErrNotYet, prev.State.Timeout, head.Time)
		}
		ch, err := w.onchainAt(ctx, head.Number)
		if err != nil {
			return nil, err
		}
		if ch.OnchainNonce.Cmp(prev.State.OnchainNonce) >= 0 {
			return nil, fmt.Errorf("%w: the proposal was executed on-chain; it cannot be invalidated", ErrUnfair)
		}
		return nil, nil
	}
	return nil, fmt.Errorf("%w: proposal %s (%s, %s)", ErrUnfair, p.State.Nonce, p.Role, u.Kind)
}

// onchainAt reads the user's channel from the wallet's own node at block (nil: the
// latest), to check what the hub says of it before signing.
func (w *Wallet) onchainAt(ctx context.Context, block *big.Int) (bindings.ChannelManagerChannel, error) {
	return bind.Call(w.m.Instance(w.cfg.Chain, w.cfg.Contract), &bind.CallOpts{Context: ctx, BlockNumber: block},
		w.m.PackGetChannel(w.addr), w.m.UnpackGetChannel)
}
