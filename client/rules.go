package client

import (
	"context"
	"fmt"

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
