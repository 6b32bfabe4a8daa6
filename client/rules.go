package client

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// The wallet's rules for proposals whose fairness is not in the update's arithmetic
// alone. An on-chain fact (a lock's secret registered by its expiry) is read from the
// wallet's own node, never taken from the hub.

// registeredInTime reads, at the latest block of the wallet's node, whether l's secret was
// registered on-chain at or before l's expiry (then the contract pays l to its receiver),
// and when (0: never).
func (w *Wallet) registeredInTime(ctx context.Context, l *channel.Lock) (inTime bool, at uint64, err error) {
	if w.cfg.Chain == nil {
		return false, 0, fmt.Errorf("%w: cannot check lock %s's secret on-chain without a node", ErrUnfair, l.Hashlock)
	}
	reg, err := bind.Call(w.m.Instance(w.cfg.Chain, w.cfg.Contract), &bind.CallOpts{Context: ctx},
		w.m.PackSecretRegisteredAt(l.Hashlock), w.m.UnpackSecretRegisteredAt)
	if err != nil {
		return false, 0, fmt.Errorf("lock %s: read its secret's registration: %w", l.Hashlock, err)
	}
	if !reg.IsUint64() {
		return false, 0, fmt.Errorf("lock %s: registration time %s out of range", l.Hashlock, reg)
	}
	at = reg.Uint64()
	// By the expiry: the lock had not expired at the registration's block time.
	return at != 0 && !l.ExpiredAt(at), at, nil
}

// checkReclaim refuses the hub's refund of its own lock toward the user once the lock's
// secret was registered on-chain by its expiry: the contract then pays the lock to the
// user, whatever the off-chain state says, and the refund would give it back to the hub.
func (w *Wallet) checkReclaim(ctx context.Context, prev cosigned, hashlock common.Hash) error {
	l := channel.FindLock(prev.Locks, hashlock)
	if l == nil || l.Sender != channel.Hub {
		return nil // the update does not apply, or gives the user's own lock back to it
	}
	inTime, at, err := w.registeredInTime(ctx, l)
	if err != nil {
		return err
	}
	if inTime {
		return fmt.Errorf("%w: the hub proposes to take back lock %s, whose secret was registered on-chain at %d, by its expiry %s: the lock is the user's",
			ErrUnfair, l.Hashlock, at, l.Expiry)
	}
	return nil
}

// checkCollect refuses the hub's claim of a lock the user sent once the lock has expired,
// unless its secret was registered on-chain by the expiry: otherwise the contract returns
// the lock to the user, and the claim would pay it to the hub. Before the expiry the
// secret pays the lock to the hub on-chain as well; the chain is read only after it.
func (w *Wallet) checkCollect(ctx context.Context, prev cosigned, secret common.Hash) error {
	l := channel.FindLock(prev.Locks, channel.HashSecret(secret))
	if l == nil || l.Sender != channel.User {
		return nil // the update does not apply, or pays a hub lock to the user
	}
	now, err := w.chainNow(ctx)
	if err != nil {
		return err
	}
	if !l.ExpiredAt(now) {
		return nil
	}
	inTime, at, err := w.registeredInTime(ctx, l)
	if err != nil {
		return err
	}
	if !inTime {
		return fmt.Errorf("%w: the hub proposes to collect lock %s, which expired at %s (chain time %d) without its secret registered on-chain by then "+
			"(registered at %d; 0: never): the contract returns it to the user", ErrUnfair, l.Hashlock, l.Expiry, now, at)
	}
	return nil
}

// DefaultMaxProposalTimeout is the furthest after chain time a proposal's timeout may be
// for a wallet to sign it, unless configured otherwise (Config.MaxProposalTimeout). No
// update may follow a proposal until it is confirmed or, after its timeout, invalidated:
// a timeout far away freezes the channel until then.
const DefaultMaxProposalTimeout = time.Hour

// proposalClockSlack is how far past its bound, in seconds, a proposal's timeout is taken
// for the wallet's node lagging the hub's (ErrNotYet: the next sync tries again) rather
// than for a hub asking too much (ErrUnfair).
const proposalClockSlack = 60

// maxProposalTimeout returns, in seconds, how far after chain time a proposal's timeout
// may be: the hub's advertised maximum, capped by the wallet's own.
func (w *Wallet) maxProposalTimeout(ctx context.Context) (uint64, error) {
	limit := uint64(DefaultMaxProposalTimeout / time.Second)
	if w.cfg.MaxProposalTimeout > 0 {
		limit = uint64(w.cfg.MaxProposalTimeout / time.Second)
	}
	info, err := w.hubParams(ctx)
	if err != nil {
		return 0, err
	}
	if info.MaxProposalTimeout != 0 {
		limit = min(limit, info.MaxProposalTimeout)
	}
	return limit, nil
}

// checkTimeout refuses a proposal whose timeout is further after chain time than
// maxProposalTimeout allows.
func (w *Wallet) checkTimeout(ctx context.Context, timeout *big.Int) error {
	limit, err := w.maxProposalTimeout(ctx)
	if err != nil {
		return err
	}
	now, err := w.chainNow(ctx)
	if err != nil {
		return err
	}
	bound := new(big.Int).SetUint64(now + limit)
	if timeout.Cmp(bound) <= 0 {
		return nil
	}
	if new(big.Int).Sub(timeout, bound).Cmp(big.NewInt(proposalClockSlack)) <= 0 {
		return fmt.Errorf("%w: proposal timeout %s is more than %d s after chain time %d", ErrNotYet, timeout, limit, now)
	}
	return fmt.Errorf("%w: proposal timeout %s is %s s after chain time %d, beyond the %d s the wallet allows: it would hold the channel until then",
		ErrUnfair, timeout, new(big.Int).Sub(timeout, new(big.Int).SetUint64(now)), now, limit)
}

// proposalTimeout returns the timeout of a proposal the wallet asks for: half an hour
// after chain time now, or less where maxProposalTimeout allows less.
func (w *Wallet) proposalTimeout(ctx context.Context, now uint64) (uint64, error) {
	limit, err := w.maxProposalTimeout(ctx)
	if err != nil {
		return 0, err
	}
	return now + min(1800, limit), nil
}
