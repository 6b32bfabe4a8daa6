package rpcclient

import "errors"

var (
	// ErrWrongChain reports an endpoint on another chain than the others.
	ErrWrongChain = errors.New("endpoint on another chain")
	// errNoHeads reports an endpoint that pushes no new heads (plain HTTP).
	errNoHeads = errors.New("endpoint offers no head subscriptions")
)
