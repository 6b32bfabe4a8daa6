package daemon

import (
	"context"
	"log/slog"

	"github.com/vigil-hub/vigil/rpcclient"
)

// Dial connects to the endpoints of the chain section through rpcclient, in failover
// order, every call counted in m by endpoint and JSON-RPC method.
func Dial(ctx context.Context, cfg ChainConfig, m *Metrics, log *slog.Logger) (*rpcclient.Chain, error) {
	urls := make([]rpcclient.NamedURL, len(cfg.RPC))
	for i, r := range cfg.RPC {
		urls[i] = rpcclient.NamedURL{Name: r.Name, URL: r.URL}
	}
	return rpcclient.Dial(ctx, urls, cfg.MaxLag, m, log) // a nil *Metrics records nothing
}
