package daemon

import (
	"context"

	"github.com/vigil-hub/vigil/store"
)

// Upkeep is the store's side of scheduled upkeep and the operators' gauges.
type Upkeep interface {
	// Stats counts the states held, the disputed channels and the outbox entries by kind
	// and status.
	Stats(ctx context.Context) (store.Stats, error)
	// Prune deletes what nothing needs any more (expired auth nonces, superseded
	// receipts, finished outbox entries and old confirmed events past p.Before), keeping
	// every channel's on-chain view as it is. Running it twice deletes nothing more.
	Prune(ctx context.Context, p store.Prune) (store.Pruned, error)
}
