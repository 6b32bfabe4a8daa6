package client

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/vigil-hub/vigil/wire"
)

// authNonce asks the hub for a single-use auth nonce. The hub rate-limits nonces per
// client address (429 with Retry-After); the wallet waits and asks again, backing off
// from 50 ms to 2 s, until ctx ends or a minute has passed.
func (w *Wallet) authNonce(ctx context.Context) (wire.AuthNonce, error) {
	var nonce wire.AuthNonce
	wait := 50 * time.Millisecond
	deadline := time.Now().Add(time.Minute)
	for {
		err := w.plain(ctx, http.MethodPost, "/v1/auth/nonce", wire.AuthNonceRequest{User: w.addr}, &nonce)
		var he *HubError
		if !errors.As(err, &he) || he.Status != http.StatusTooManyRequests || time.Now().After(deadline) {
			return nonce, err
		}
		select {
		case <-ctx.Done():
			return nonce, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
	}
}
