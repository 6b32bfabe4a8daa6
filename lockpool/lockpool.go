// Package lockpool drives the on-chain resolution of a settled state's locks in numbered
// rounds, for whichever side a caller defends: the watchtower resolves the locks of the
// states users deposited with it, the hub those of its own settled channels. The decision
// per lock and per side is channel.DecidePool's; this package turns a decision to resolve
// into at most one resolveLocks call on its way at a time, through the outbox.
//
// It does no I/O of its own: the caller hands it the outbox and a simulation of the call
// (Outbox, Simulator), and acts on the Step it returns (alerts, marking locks done).
package lockpool

import (
	"context"
	"errors"
	"math/big"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// MaxArms bounds the entries of one round: after a revert the round is sent again while a
// simulation says it would succeed, at most MaxArms-1 times.
const MaxArms = 4

// Outbox is the outbox as a round driver uses it, for one settled state's locks.
type Outbox interface {
	// Latest returns the newest entry queued with key, or store.ErrNotFound.
	Latest(ctx context.Context, key store.ResolveKey) (store.OutboxTx, error)
	// Queue queues calldata under key unless an entry with the key stands
	// (store.Intent); it reports whether it queued a new entry.
	Queue(ctx context.Context, key store.ResolveKey, calldata []byte) (created bool, err error)
	// Cancel cancels a queued entry that holds no account nonce yet; it reports whether
	// it did (false: signed meanwhile).
	Cancel(ctx context.Context, id int64, reason string) (bool, error)
}

// Simulator simulates calldata from the sending account: nil when it would succeed, the
// contract's error (contracts.RevertError) when it refuses, another error when the node
// did not answer.
type Simulator func(ctx context.Context, calldata []byte) error

// Step is what a round driver did.
type Step uint8

// The steps of a round.
const (
	// OnItsWay: the newest round is queued, sent, or included and succeeded; what it
	// resolves is known once it is confirmed. Nothing was queued.
	OnItsWay Step = iota
	// Queued: a round was queued (Result.Created says whether a new entry), the next
	// one after a confirmed round, or the same one armed again after a revert or a
	// failure (Result.Last says which).
	Queued
	// NothingToResolve: the contract finds no decided lock left to resolve (resolved
	// meanwhile, by a round, the user, the hub or a tower).
	NothingToResolve
	// PoolClosed: the contract has no pool for the state any more: every lock is resolved.
	PoolClosed
	// Refused: the contract refuses the call now (Result.Err); nothing was queued.
	Refused
	// GaveUp: the round reverted MaxArms times (Result.Last); nothing was queued.
	GaveUp
)

// Result is what a round driver did, with what it read.
type Result struct {
	Step    Step
	Round   uint32          // the round queued, or the newest one
	Created bool            // Queued: a new entry
	Last    *store.OutboxTx // the newest entry before this step, nil if none
	Err     error           // Refused: the contract's error
}

// Rearmed reports whether a queued round sends again a round that did not succeed.
func (r Result) Rearmed() bool {
	return r.Step == Queued && r.Last != nil && r.Last.Status != store.TxConfirmed
}

// Next moves on the resolution of the locks of the state settled at settledNonce, whose
// resolveLocks call is calldata, once a side decided to resolve them
// (channel.PoolResolve): unless a round is on its way, it simulates the call and queues
// the next round (after a confirmed one) or the same round again (after a revert, at
// most MaxArms entries). A queued round the sender's gas estimate failed on is cancelled
// when the contract now refuses it. The error is the outbox's or the node's: then
// nothing is decided, and the caller asks again later.
func Next(ctx context.Context, box Outbox, simulate Simulator, settledNonce *big.Int, calldata []byte) (Result, error) {
	round, last, err := lastRound(ctx, box, settledNonce)
	if err != nil {
		return Result{}, err
	}
	res := Result{Round: round, Last: last}
	refusedQueued := last != nil && last.Status == store.TxQueued && last.EstimateFailures > 0
	if last != nil && onItsWay(last) && !refusedQueued {
		return res, nil
	}
	check := simulate(ctx, calldata)
	name := contracts.RevertName(check)
	if refusedQueued {
		// Left as it is while it would succeed (the node the sender estimates on may
		// lag) or while the node does not answer; cancelled when the contract refuses it.
		if name == "" {
			return res, nil
		}
		if ok, err := box.Cancel(ctx, last.ID, store.CannotSucceed+check.Error()); err != nil || !ok {
			return res, err // signed meanwhile: followed to its end
		}
	}
	switch {
	case name == "NothingToResolve":
		res.Step = NothingToResolve
		return res, nil
	case name == "NoLockPool":
		res.Step = PoolClosed
		return res, nil
	case check != nil && name == "":
		return Result{}, check
	case check != nil:
		res.Step, res.Err = Refused, check
		return res, nil
	}
	if last != nil {
		switch {
		case last.Status == store.TxConfirmed:
			round++ // resolved what was decided then; more is decided since
		case reverted(last) && last.Arm+1 >= MaxArms:
			res.Step = GaveUp
			return res, nil
		}
	}
	created, err := box.Queue(ctx, store.ResolveKey{SettledNonce: settledNonce, Round: round}, calldata)
	if err != nil {
		return Result{}, err
	}
	res.Step, res.Round, res.Created = Queued, round, created
	return res, nil
}

// lastRound returns the newest round of a settled state's lock resolution and its newest
// entry (round 0 and nil: none yet).
func lastRound(ctx context.Context, box Outbox, settledNonce *big.Int) (uint32, *store.OutboxTx, error) {
	var last *store.OutboxTx
	round := uint32(0)
	for r := uint32(0); ; r++ {
		t, err := box.Latest(ctx, store.ResolveKey{SettledNonce: settledNonce, Round: r})
		if errors.Is(err, store.ErrNotFound) {
			return round, last, nil
		}
		if err != nil {
			return 0, nil, err
		}
		round, last = r, &t
	}
}

// onItsWay reports whether an entry is queued, sent, or included and succeeded.
func onItsWay(t *store.OutboxTx) bool {
	return t.Status == store.TxQueued || t.Status == store.TxSent || (t.Status == store.TxIncluded && t.Succeeded)
}

// reverted reports whether an entry was included and reverted (deep enough or not).
func reverted(t *store.OutboxTx) bool {
	return t.Status == store.TxReverted || (t.Status == store.TxIncluded && !t.Succeeded)
}
