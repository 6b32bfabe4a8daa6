package channel

import "errors"

// Sentinel errors returned (wrapped, with details) by this package.
var (
	// ErrInvalidField reports a state or lock field that is missing or out of range.
	ErrInvalidField = errors.New("invalid field")
	// ErrOverflow reports amounts whose sum does not fit in a uint256.
	ErrOverflow = errors.New("amount overflow")
	// ErrNonce reports a nonce or on-chain nonce that does not follow the previous state.
	ErrNonce = errors.New("wrong nonce")
	// ErrNotConserved reports a transition that creates or destroys funds.
	ErrNotConserved = errors.New("funds not conserved")
	// ErrLocks reports locked amounts or a locks root inconsistent with the lock set.
	ErrLocks = errors.New("locks inconsistent")
	// ErrTimeout reports a timeout on a state without pending operations, or none on one with.
	ErrTimeout = errors.New("wrong timeout")
	// ErrSignature reports a malformed signature or one from the wrong signer.
	ErrSignature = errors.New("bad signature")
	// ErrRecipient reports a recipient other than the user on a state that withdraws
	// nothing to it.
	ErrRecipient = errors.New("recipient without a withdrawal")
)
