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
// finish for up to ten seconds.
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
		return err
	}
	return <-errc
}
