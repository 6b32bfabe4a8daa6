package daemon

import (
	"context"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/watcher"
)

// NewHeads returns the process's one head source on node, timed by the chain section:
// its block interval (or a measured one) and its poll interval while blocks are late.
func NewHeads(node Node, cfg ChainConfig, log *slog.Logger) *watcher.Heads {
	return watcher.NewHeads(node, watcher.HeadsConfig{BlockInterval: cfg.BlockInterval, IdlePoll: cfg.PollInterval, Logger: log})
}

// WithHeads returns node with its head reads and head subscriptions answered by heads,
// so that the indexer, the sender, the engine and the clocks of one process share one
// subscription or one poll per block instead of each polling the node.
func WithHeads(node Node, heads *watcher.Heads) Node { return headNode{Node: node, heads: heads} }

type headNode struct {
	Node
	heads *watcher.Heads
}

func (n headNode) HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error) {
	return n.heads.HeaderByNumber(ctx, number)
}

func (n headNode) SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	return n.heads.SubscribeNewHead(ctx, ch)
}
