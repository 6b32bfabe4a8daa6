package watcher

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/store"
)

// Chain is what the indexer reads from a JSON-RPC node: headers and logs. Both
// *ethclient.Client and the simulated chain's client satisfy it.
type Chain interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
}

// HeadSubscriber is implemented by endpoints that push new heads (WebSocket); the indexer
// uses it to wake up instead of waiting for its poll interval.
type HeadSubscriber interface {
	SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error)
}

// Store is what the indexer persists: blocks, events and its cursor.
type Store interface {
	Cursor(ctx context.Context, chainID *big.Int) (store.Block, bool, error)
	ApplyRange(ctx context.Context, chainID *big.Int, prev *store.Block, next store.Block, blocks []store.Block, events []store.Event) error
	Rollback(ctx context.Context, chainID *big.Int, to store.Block) ([]store.Event, error)
	KnownBlocks(ctx context.Context, chainID *big.Int, from uint64) ([]store.Block, error)
	ConfirmUpTo(ctx context.Context, chainID *big.Int, n uint64) ([]store.Event, error)
}

// UpdateKind says what happened to the events of an Update.
type UpdateKind int

// Kinds of updates handed to consumers.
const (
	// Seen events are new at the chain head, not yet confirmed.
	Seen UpdateKind = iota
	// Confirmed events are buried under the configured number of blocks.
	Confirmed
	// Removed events were in blocks a reorg orphaned.
	Removed
)

func (k UpdateKind) String() string {
	return [...]string{"seen", "confirmed", "removed"}[k]
}

// Update is a batch of events handed to a consumer, in chain order.
type Update struct {
	Kind   UpdateKind
	Events []store.Event
}

// Consumer receives updates after they are stored. It must not block for long: the
// indexer waits for it.
type Consumer func(ctx context.Context, u Update)
