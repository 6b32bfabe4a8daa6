package store

import (
	"errors"

	"github.com/vigil-hub/vigil/channel"
)

// ErrBelowOnchain reports a state whose nonce is below the nonce the chain already holds
// for its channel: it could never win a dispute, so it is not stored.
var ErrBelowOnchain = errors.New("nonce below the channel's on-chain nonce")

// ErrUnseenQuota reports a state for a channel the store neither holds nor has seen
// on-chain, refused because its contract already holds as many such channels as the
// deposit allows (Deposit.MaxUnseen).
var ErrUnseenQuota = errors.New("too many channels not seen on-chain")

// Deposit is a co-signed state to store as its channel's latest, with the receipt the
// tower signed for it.
type Deposit struct {
	State   StoredState
	Receipt channel.Receipt
	// MaxUnseen, when above zero, bounds the channels of the state's contract that are
	// held without having been seen on-chain (no event of the user on the contract is
	// indexed): a state for a channel neither held nor seen is refused with
	// ErrUnseenQuota once the contract holds MaxUnseen of them. Zero admits every
	// channel.
	MaxUnseen int64
	// Secrets are kept for the channel once the deposit is stored or found already
	// stored: added beside those a deposit of the same state brought before, never
	// replacing one. A newer state that carries its locks drops the secrets of locks it
	// no longer holds.
	Secrets []SealedSecret
}

// DepositResult is what became of one Deposit: stored (Created), already stored (the
// receipt issued the first time, Created false), or refused (Err: ErrStaleNonce,
// ErrNonceConflict, ErrBelowOnchain or ErrUnseenQuota, wrapped), in which case nothing
// changed.
type DepositResult struct {
	Receipt channel.Receipt
	Created bool
	Err     error
}
