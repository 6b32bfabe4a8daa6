package client

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/sethvargo/go-retry"

	"github.com/vigil-hub/vigil/internal/backoff"
	"github.com/vigil-hub/vigil/wire"
)

// maxRetryAfter caps a wait the hub asks for (Retry-After): a loop with a budget waits
// at most what is left of it, and Listen no more than this.
const maxRetryAfter = time.Minute

// schedule is how long the wallet waits before asking the hub again: from first,
// doubled each time up to most, for at most budget in all.
type schedule struct{ first, most, budget time.Duration }

var (
	// nonceRetry: the hub rate-limits auth nonces per client address (429).
	nonceRetry = schedule{first: 50 * time.Millisecond, most: 2 * time.Second, budget: time.Minute}
	// catchUpRetry: a hub catching up with the chain signs nothing yet (503).
	catchUpRetry = schedule{first: 50 * time.Millisecond, most: time.Second, budget: 30 * time.Second}
)

// retryHub runs f until it succeeds, fails in a way retryable does not accept, the
// schedule's budget is spent or ctx ends; it returns f's last error, or ctx's. When the
// hub's refusal says how long to wait (Retry-After), the wallet waits that, within the
// budget left, instead of the schedule's next wait.
func retryHub(ctx context.Context, s schedule, retryable func(*HubError) bool, f func(context.Context) error) error {
	asked := backoff.WithAsked(backoff.Exponential(s.first, s.most))
	b := retry.WithMaxDuration(s.budget, asked)
	return retry.Do(ctx, b, func(ctx context.Context) error {
		err := f(ctx)
		var he *HubError
		if !errors.As(err, &he) || !retryable(he) {
			return err
		}
		asked.Ask(he.RetryAfter)
		return retry.RetryableError(err)
	})
}

// retryAfter is the wait the hub asked for with err, or zero.
func retryAfter(err error) time.Duration {
	if he := (*HubError)(nil); errors.As(err, &he) {
		return he.RetryAfter
	}
	return 0
}

// authNonce asks the hub for a single-use auth nonce. The hub rate-limits nonces per
// client address (429 with Retry-After); the wallet waits and asks again (nonceRetry).
func (w *Wallet) authNonce(ctx context.Context) (wire.AuthNonce, error) {
	var nonce wire.AuthNonce
	err := retryHub(ctx, nonceRetry, func(he *HubError) bool { return he.Status == http.StatusTooManyRequests },
		func(ctx context.Context) error {
			return w.plain(ctx, http.MethodPost, "/v1/auth/nonce", wire.AuthNonceRequest{User: w.addr}, &nonce)
		})
	return nonce, err
}
