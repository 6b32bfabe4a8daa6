package hub

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	amount "github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// checkRequest says which updates a user may ask for, before anything is locked.
func (h *Hub) checkRequest(ctx context.Context, user common.Address, r *Request, now uint64) (string, error) {
	u := &r.Update
	switch u.Kind {
	case channel.KindLock:
		if u.Lock == nil || u.Lock.Sender != channel.User {
			return "", fmt.Errorf("%w: a payment locks the user's funds (sender 1)", ErrNotAllowed)
		}
		if err := u.Lock.CheckFields(); err != nil {
			return "", err
		}
		if err := h.checkTokens(ctx, "the payment", u.Lock.AmountToken); err != nil {
			return "", err
		}
		if r.Payee == user || r.Payee == (common.Address{}) {
			return "", fmt.Errorf("%w: payee %s", ErrUnknownPayee, r.Payee)
		}
		exp := u.Lock.Expiry
		if exp.Cmp(new(big.Int).SetUint64(now+h.cfg.MinLockTime)) < 0 || exp.Cmp(new(big.Int).SetUint64(now+h.cfg.MaxLockTime)) > 0 {
			return "", fmt.Errorf("%w: expiry %s, allowed between %d and %d", ErrExpiry, exp, now+h.cfg.MinLockTime, now+h.cfg.MaxLockTime)
		}
		if len(r.SealedSecret) == 0 || len(r.SealedSecret) > 1024 {
			return "", fmt.Errorf("%w: the secret sealed to the payee is missing or too long", ErrNotAllowed)
		}
		return wire.RolePay, nil
	case channel.KindClaim:
		if u.Secret == nil {
			return "", fmt.Errorf("%w: a claim needs the secret", ErrNotAllowed)
		}
		return wire.RoleClaim, nil
	case channel.KindRefund:
		if u.Hashlock == nil || u.Now > now {
			return "", fmt.Errorf("%w: a refund needs a hashlock and a time not in the future (chain time %d)", ErrNotAllowed, now)
		}
		// A payment whose secret the payee revealed (to the hub, or on-chain in time) is
		// the hub's: it paid the payee, so the payer's lock is not refunded.
		p, err := h.st.Payment(ctx, h.cfg.Contract, *u.Hashlock)
		switch {
		case err == nil && p.Secret != nil:
			return "", fmt.Errorf("%w: the payee claimed this payment; its lock belongs to the hub", ErrNotAllowed)
		case err == nil:
			if revealed, err := h.revealedInTime(ctx, p); err != nil {
				return "", err
			} else if revealed {
				return "", fmt.Errorf("%w: the payee registered this payment's secret on-chain in time; its lock belongs to the hub", ErrNotAllowed)
			}
		case !errors.Is(err, store.ErrNotFound):
			return "", err
		}
		return wire.RoleRefund, nil
	case channel.KindPropose:
		if u.Ops == nil || u.Recipient == nil {
			return "", fmt.Errorf("%w: a proposal needs ops and a recipient", ErrNotAllowed)
		}
		if u.Timeout <= now+60 || u.Timeout > now+h.cfg.ProposalTimeout {
			return "", fmt.Errorf("%w: timeout %d, allowed between %d and %d", ErrNotAllowed, u.Timeout, now+61, now+h.cfg.ProposalTimeout)
		}
		o := u.Ops
		if err := h.checkTokens(ctx, "the proposal", o.Token[:]...); err != nil {
			return "", err
		}
		for _, v := range []*big.Int{o.Wei[channel.HubDeposit], o.Token[channel.HubDeposit]} {
			if v == nil || v.Sign() != 0 {
				return "", fmt.Errorf("%w: the hub deposits collateral through its own proposals", ErrNotAllowed)
			}
		}
		if o.Wei[channel.UserDeposit].Sign() > 0 || o.Token[channel.UserDeposit].Sign() > 0 {
			return wire.RoleDeposit, nil
		}
		return wire.RoleWithdraw, nil
	}
	return "", fmt.Errorf("%w: users may ask for lock, claim, refund and propose updates, not %q", ErrNotAllowed, u.Kind)
}

// shortfall is a payment the payee's channel lacks the hub's collateral for: the
// request's refusal, and the top-up to propose to the payee.
type shortfall struct {
	payee common.Address
	need  need
	err   error
}

// checkPayee checks a payment's payee, before anything is locked: it must have a channel
// with no on-chain operation pending. A payee lacking the hub's collateral for the payment
// is a shortfall, which Request refuses, and tops up, only once the payer's side has
// passed every check (its balance, the nonce, the transition, the signature): a request
// the hub would refuse anyway moves nothing of the reserve.
func (h *Hub) checkPayee(ctx context.Context, r *Request) (*shortfall, error) {
	l := r.Update.Lock
	// The payee's newest state, the hub's proposals included, is what the hub's lock
	// would follow. It is read without locking the payee's channel: the lock toward the
	// payee is checked again, under that lock, when it is proposed.
	payee, err := h.st.HubLatest(ctx, h.cfg.Contract, r.Payee)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fmt.Errorf("%w: %s has no channel with this hub", ErrUnknownPayee, r.Payee)
	} else if err != nil {
		return nil, err
	}
	if ch, err := h.onchain(ctx, r.Payee); err != nil {
		return nil, err
	} else if ch.Status == store.StatusDisputed {
		return nil, fmt.Errorf("%w: %s's channel is in dispute on-chain (deadline %s); it takes no payment until it settles", ErrNotAllowed, r.Payee, ch.Deadline)
	}
	if payee.State.HasPending() {
		return nil, fmt.Errorf("%w: an on-chain operation on the payee's channel (a top-up, perhaps) awaits the payee's co-signature or its execution; retry shortly", ErrCollateral)
	}
	if n := locksFrom(payee.Locks, channel.Hub); n >= maxLocksEachWay {
		return nil, fmt.Errorf("%w: %s has %d incoming payments in flight, the most a channel takes; retry when some have completed",
			ErrNotAllowed, r.Payee, n)
	}
	n, lacks := short(payee.State, l.AmountWei, l.AmountToken)
	if !lacks {
		return nil, nil
	}
	return &shortfall{payee: r.Payee, need: n, err: fmt.Errorf("%w: %s wei and %s token units available toward %s, the payment locks %s wei and %s token units",
		ErrCollateral, payee.State.WeiBalances[channel.Hub],
		payee.State.TokenBalances[channel.Hub], r.Payee, l.AmountWei, l.AmountToken)}, nil
}

// maxLocksEachWay is how many of a channel's locks may go each way — half of what a state
// holds (channel.MaxLocks) — so that payments toward a user, which anyone can send it, can
// fill at most its incoming half and never stop its own payments.
const maxLocksEachWay = channel.MaxLocks / 2

// locksFrom counts the locks sent by side.
func locksFrom(locks []channel.Lock, side uint8) int {
	n := 0
	for _, l := range locks {
		if l.Sender == side {
			n++
		}
	}
	return n
}

// checkLocks applies the rules that need the channel's locks.
func (h *Hub) checkLocks(role string, locks []channel.Lock, r *Request, now uint64) error {
	switch role {
	case wire.RolePay:
		if n := locksFrom(locks, channel.User); n >= maxLocksEachWay {
			return fmt.Errorf("%w: %d of your payments are in flight, the most a channel holds; retry when some have completed", ErrNotAllowed, n)
		}
	case wire.RoleClaim:
		l := channel.FindLock(locks, channel.HashSecret(*r.Update.Secret))
		if l == nil || l.Sender != channel.Hub {
			return fmt.Errorf("%w: no lock from the hub opens with that secret", ErrNotAllowed)
		}
		if l.ExpiredAt(now) {
			return fmt.Errorf("%w: the lock expired at %s (chain time %d)", ErrExpiry, l.Expiry, now)
		}
	case wire.RoleRefund:
		if l := channel.FindLock(locks, *r.Update.Hashlock); l == nil || l.Sender != channel.User {
			return fmt.Errorf("%w: a user refunds only its own locks", ErrNotAllowed)
		}
	case wire.RoleWithdraw:
		o := r.Update.Ops
		if o.Wei[channel.HubWithdrawal].Sign() != 0 || o.Token[channel.HubWithdrawal].Sign() != 0 {
			// Only a full close takes the hub's side out, back to its reserve.
			if len(locks) != 0 {
				return fmt.Errorf("%w: a close must wait for open locks to settle", ErrNotAllowed)
			}
		}
	}
	return nil
}

// checkUncollected refuses a payment of wei from the channel's user that would take what
// the hub has taken for the user's payments and not collected past the cap. It reads in
// the payer's channel transaction, so two payments of one payer are counted one after
// the other.
func (h *Hub) checkUncollected(ctx context.Context, tx store.HubTx, wei *big.Int) error {
	held, _, err := tx.Uncollected(ctx)
	if err != nil {
		return err
	}
	if total := new(big.Int).Add(held, wei); total.Cmp(h.cfg.MaxUncollectedPerPayer) > 0 {
		return fmt.Errorf("%w: %s of your payments are not collected yet and %s more would pass the cap of %s (%s wei); "+
			"co-sign the hub's pending collections, or wait for your payments to complete",
			ErrUncollectedCap, etherText(held), etherText(wei), etherText(h.cfg.MaxUncollectedPerPayer), h.cfg.MaxUncollectedPerPayer)
	}
	return nil
}

// etherText writes wei in ether, exactly: "2 ether", "0.015 ether".
func etherText(v *big.Int) string { return amount.Ether(v) + " ether" }
