package client

import (
	"errors"
	"fmt"
	"time"
)

// Errors a wallet reports.
var (
	ErrHub    = errors.New("hub refused")
	ErrUnfair = errors.New("hub proposed an update the wallet will not sign")
	// ErrNotYet is a proposal the wallet's own node does not show due yet — a proposal
	// confirmed before its execution, or invalidated before its timeout. An honest hub's
	// proposal comes early only if the wallet's node lags: the next sync tries it again. So
	// is a proposal whose timeout is at most a minute past the furthest the wallet allows.
	ErrNotYet = errors.New("hub proposed an update the wallet's node does not show due yet")
	// ErrLockExpired is a claim of an incoming lock past its expiry, not sent.
	ErrLockExpired = errors.New("incoming lock expired")
	ErrTower       = errors.New("watchtower backup failed")
	ErrBadReceipt  = errors.New("watchtower returned a bad receipt")
	// ErrPending is a state the wallet signed and sent with its request (as wallets did
	// before requests were asked hub first) that the hub has not co-signed: the wallet
	// signs no other state at its nonce, and sends it again with the next request.
	ErrPending = errors.New("a state the wallet signed awaits the hub's signature")
	// ErrEarlierRequest is a request not sent because the wallet first completed an
	// earlier, different one left pending at the same nonce.
	ErrEarlierRequest = errors.New("an earlier request was completed first")
)

// HubError is a refusal from the hub, with its machine-readable code.
type HubError struct {
	Status  int
	Code    string
	Message string
	// RetryAfter is how long the hub asked the wallet to wait before asking again (its
	// Retry-After on a 429 or 503, at most a minute); zero when it said nothing.
	RetryAfter time.Duration
	// Leader is, on a not_leader refusal, the URL the leading hub process advertises.
	Leader string
}

func (e *HubError) Error() string { return fmt.Sprintf("hub: %d %s: %s", e.Status, e.Code, e.Message) }
func (e *HubError) Unwrap() error { return ErrHub }
