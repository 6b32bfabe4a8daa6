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

// retryTimeout bounds one retried backup, so that a tower that hangs delays a command by
// no more than this.
const retryTimeout = 10 * time.Second

// RetryBackups backs up again, to each configured watchtower, the newest state it has not
// receipted (a backup that failed earlier, kept in the wallet's file), and records the
// outcomes (Reports, Towers). chanctl runs it with every command and while listening.
func (w *Wallet) RetryBackups(ctx context.Context) {
	w.mu.Lock()
	defer w.mu.Unlock()
	tried := false
	for _, t := range w.cfg.Towers {
		rec := w.ls.Towers[t]
		if rec == nil {
			continue
		}
		if rec.clean(); rec.Pending == nil {
			continue
		}
		tctx, cancel := context.WithTimeout(ctx, retryTimeout)
		w.backupOne(tctx, t, rec.Pending, true)
		cancel()
		tried = true
	}
	if tried {
		if err := w.ls.save(w.cfg.StatePath); err != nil {
			w.log.Error("saving the watchtowers' receipts failed", "err", err)
		}
	}
}

// RetryBackupsEvery runs RetryBackups every interval until ctx ends (beside Listen).
func (w *Wallet) RetryBackupsEvery(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			w.RetryBackups(ctx)
		}
	}
}
