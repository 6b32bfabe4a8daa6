package hubd

import (
	"context"

	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/watcher"
)

// Store is everything the hub process keeps, composed from what its parts consume: the
// hub's channel states, payments and lock resolutions, its API's auth nonces and user
// keys, the indexer's blocks and events, and the outbox that the dispute engine and the
// hub queue their transactions in and the sender works through.
// Each method's contract is in the doc comment of the consuming interface and is checked
// for every implementation by store/storetest.
type Store interface {
	hub.Store
	hub.Outbox
	hubapi.AuthStore
	watcher.Store
	disputes.Channels
	disputes.Intents
	disputes.Outbox
	daemon.Upkeep
	daemon.AlertStore
	// Leader elects the process that owns the channels; Terms fence its channel writes.
	store.Leader
	store.Terms
	// AddContract records the hub's contract (idempotent).
	AddContract(ctx context.Context, c store.Contract) error
	Migrate(ctx context.Context) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Backend names the database: "postgres" or "sqlite".
	Backend() string
	Close() error
}

var _ Store = (*sqlstore.Store)(nil)

// OpenStore opens and migrates the store database.url names: postgres://… or sqlite:PATH.
func OpenStore(ctx context.Context, url string) (Store, error) {
	st, err := daemon.OpenStore(ctx, url, "hub")
	if err != nil {
		return nil, err
	}
	return st, nil
}
