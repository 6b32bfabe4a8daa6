package store

import "math/big"

// foldEvents says, for every kind, whether it changes a channel's on-chain view; an event
// added to the contract is a decision made here (a test checks).
var foldEvents = map[EventKind]bool{
	EventChannelUpdated:      true,
	EventExitStarted:         true,
	EventChallenged:          true,
	EventSettled:             true,
	EventHubReserveFunded:    false,
	EventHubReserveWithdrawn: false,
	EventSecretRegistered:    false,
	EventLockResolved:        false, // lock pools are not part of the channel's view
	EventLockPoolClosed:      false,
	EventPayoutDeferred:      false,
	EventOwedWithdrawn:       false,
}

// Fold derives a channel's on-chain view from its events in chain order; ok is false
// when no event describes the channel. Every store implementation keeps the view it
// returns from Channel equal to Fold over the channel's stored events.
func Fold(evs []Event) (ch Channel, ok bool) {
	ch = Channel{Status: StatusOpen, Nonce: new(big.Int), OnchainNonce: new(big.Int), Deadline: new(big.Int)}
	for _, e := range evs {
		if !foldEvents[e.Kind] {
			continue
		}
		switch e.Kind {
		case EventChannelUpdated:
			ch.Status, ch.Deadline = StatusOpen, new(big.Int)
			ch.Nonce, ch.OnchainNonce = e.Nonce, e.OnchainNonce
		case EventExitStarted, EventChallenged:
			ch.Status, ch.Deadline, ch.Nonce = StatusDisputed, e.Deadline, e.Nonce
		case EventSettled:
			ch.Status, ch.Deadline, ch.Nonce = StatusSettled, new(big.Int), e.Nonce
		default:
			continue
		}
		ch.Contract, ch.User, ch.LastBlock = e.Contract, e.User, e.BlockNumber
		ok = true
	}
	return ch, ok
}
