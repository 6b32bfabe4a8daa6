package towerd

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/watcher"
)

// Store is everything the watchtower keeps, composed from what its parts consume: the
// indexer's blocks, events and cursor; the dispute engine's states, channels and intents;
// the sender's outbox; the deposit API's states and receipts; and leadership among
// replicas. Each method's contract is in the doc comment of the consuming interface and
// is checked for every implementation by store/storetest.
type Store interface {
	watcher.Store
	disputes.States
	disputes.Channels
	disputes.Intents
	disputes.Outbox
	disputes.HeldLocks
	disputes.Unanswered
	towerapi.Store
	store.Leader
	daemon.Upkeep
	daemon.AlertStore
	// AddContract records a contract to watch, or updates its details (idempotent).
	AddContract(ctx context.Context, c store.Contract) error
	// Migrate applies every pending schema migration; concurrent callers are safe.
	Migrate(ctx context.Context) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Backend names the database: "postgres" or "sqlite".
	Backend() string
	// Usage reports the database's size and the free space beside it (-1 when unknown).
	Usage(ctx context.Context) (store.Usage, error)
	// UnseenChannels counts the channels of contract whose state is held although the
	// indexer has not seen them on-chain.
	UnseenChannels(ctx context.Context, contract common.Address) (int64, error)
	// PruneUnseen deletes the states of channels never seen on-chain whose first state
	// while unseen was stored before before, and returns how many.
	PruneUnseen(ctx context.Context, before time.Time) (int64, error)
	Close() error
}

var _ Store = (*sqlstore.Store)(nil)

// OpenStore opens and migrates the store database.url names: postgres://… or sqlite:PATH.
func OpenStore(ctx context.Context, url string) (Store, error) {
	st, err := daemon.OpenStore(ctx, url, "watchtower")
	if err != nil {
		return nil, err
	}
	return st, nil
}

// Migrate applies the database migrations and exits, creating a missing PostgreSQL
// database when it may, and says what it did.
func Migrate(ctx context.Context, cfg *Config) (daemon.Migrated, error) {
	return daemon.Migrate(ctx, cfg.Database.URL)
}
