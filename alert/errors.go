package alert

import (
	"errors"
	"fmt"
	"time"
)

// Errors of deliveries and of webhook URLs.
var (
	// ErrUnauthorized reports a destination that refused our credentials or no longer
	// exists (invalid_auth, a revoked webhook): retrying cannot help.
	ErrUnauthorized = errors.New("destination refused the credentials or is gone")
	// ErrRejected reports a destination that refused this message for good.
	ErrRejected = errors.New("destination refused the message")
	// ErrHostNotAllowed reports a webhook URL, a redirect or a connection to a host that
	// is not on the allowlist.
	ErrHostNotAllowed = errors.New("host is not on the webhook allowlist")
	// ErrRedirect reports a webhook answering with a redirect, which is never followed.
	ErrRedirect = errors.New("webhook answered with a redirect, which is not followed")
	// ErrBadURL reports a webhook URL that is not an absolute https URL (or an allowed
	// loopback http one) without credentials.
	ErrBadURL = errors.New("invalid webhook URL")
)

// RateLimitError is a destination asking us to wait (HTTP 429, Slack's ratelimited)
// before the next attempt; After is zero when it did not say how long.
type RateLimitError struct{ After time.Duration }

func (e *RateLimitError) Error() string {
	if e.After == 0 {
		return "rate limited"
	}
	return fmt.Sprintf("rate limited: retry after %s", e.After)
}
