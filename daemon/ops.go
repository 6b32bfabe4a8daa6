package daemon

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vigil-hub/vigil/internal/serve"
)

// OpsHandler serves /healthz (the process answers), /readyz (ready answers nil: the
// database is reachable) and /metrics; with withPprof, Go's profiles under /debug/pprof/.
func OpsHandler(m *Metrics, ready func(context.Context) error, withPprof bool) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
	health(mux, ready)
	if withPprof {
		mux.HandleFunc("GET /debug/pprof/", pprof.Index)
		mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	}
	return mux
}

// WithHealth serves /healthz and /readyz beside api, for load balancers in front of the
// public listener; /metrics stays on the ops listener.
func WithHealth(api http.Handler, ready func(context.Context) error) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", api)
	health(mux, ready)
	return mux
}

func health(mux *http.ServeMux, ready func(context.Context) error) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ready(ctx); err != nil {
			http.Error(w, "not ready: database unreachable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
}

// Listen opens a listener for a server; the error names what it is for.
func Listen(what, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s: listen on %s: %w", what, addr, err)
	}
	return ln, nil
}

// ServeOps serves the operations endpoints cfg asks for on ln until ctx ends.
func ServeOps(ctx context.Context, ln net.Listener, cfg OpsConfig, m *Metrics, ready func(context.Context) error) error {
	srv := &http.Server{Handler: OpsHandler(m, ready, cfg.Pprof), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute}
	if cfg.Pprof {
		srv.WriteTimeout = 11 * time.Minute // a CPU profile answers after its seconds (up to 10 minutes)
	}
	return serve.HTTP(ctx, srv, ln)
}
