package store

import (
	"errors"

	"github.com/vigil-hub/vigil/channel"
)

// ErrBelowOnchain reports a state whose nonce is below the nonce the chain already holds
// for its channel: it could never win a dispute, so it is not stored.
var ErrBelowOnchain = errors.New("nonce below the channel's on-chain nonce")

// Deposit is a co-signed state to store as its channel's latest, with the receipt the
// tower signed for it.
type Deposit struct {
	State   StoredState
	Receipt channel.Receipt
}

// DepositResult is what became of one Deposit: stored (Created), already stored (the
// receipt issued the first time, Created false), or refused (Err: ErrStaleNonce,
// ErrNonceConflict or ErrBelowOnchain, wrapped), in which case nothing changed.
type DepositResult struct {
	Receipt channel.Receipt
	Created bool
	Err     error
}
