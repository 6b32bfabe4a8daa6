// Package serve runs an HTTP server for as long as a context lives.
package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// HTTP serves srv on ln until ctx ends, then shuts it down, letting requests in flight
// finish for up to ten seconds, and then closes the connections of those that did not:
// their clients learn at once that no answer is coming (a hub process's requests stuck on
// a database it was cut off from, whose wallets move on to the next process).
func HTTP(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- err
			return
		}
		errc <- nil
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return err
	}
	return <-errc
}
