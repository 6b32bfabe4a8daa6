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
