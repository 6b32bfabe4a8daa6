package hub

import "errors"

// Errors the hub answers requests with (wrapped with details); hubapi maps them to HTTP
// status codes and wire error codes.
var (
	ErrSyncFirst     = errors.New("co-sign the hub's pending proposals first")
	ErrNotAllowed    = errors.New("update not allowed")
	ErrBadSignature  = errors.New("bad signature")
	ErrUnknownPayee  = errors.New("unknown payee")
	ErrCollateral    = errors.New("not enough hub collateral toward the payee")
	ErrPaymentExists = errors.New("hashlock already used")
	ErrExpiry        = errors.New("lock expiry out of range")
	ErrNoToken       = errors.New("the contract has no token")
	// ErrFrozen is an update of a channel the hub's reconciler froze: its books and the
	// chain disagree.
	ErrFrozen = errors.New("channel frozen: the hub's state and the chain disagree")
	// ErrUncollectedCap is a payment refused because the payer's payments the hub has
	// taken and not collected would hold more than Config.MaxUncollectedPerPayer.
	ErrUncollectedCap = errors.New("the hub's cap on a payer's uncollected payments")
	// ErrCatchingUp is a request refused, or a sweep skipped, while the hub's indexer
	// catches up with the chain.
	ErrCatchingUp = errors.New("the hub is catching up with the chain; retry shortly")

	// ErrReserveEmpty is a top-up the hub's reserve cannot cover; errors wrapping it wrap
	// ErrCollateral too when they refuse a payment.
	ErrReserveEmpty = errors.New("the hub's reserve cannot cover the top-up")
)

// errStatusMoved aborts an update whose payment another actor already moved on.
var errStatusMoved = errors.New("payment status moved")
