package watcher

import (
	"context"
	"errors"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/vigil-hub/vigil/internal/backoff"
)

// followHeads turns head notifications into wake-ups. A subscription that ends (the
// node restarted, the connection dropped) is renewed with a growing delay; an endpoint
// without subscriptions leaves the indexer to its poll interval.
func (ix *Indexer) followHeads(ctx context.Context, s HeadSubscriber, wake chan<- struct{}) {
	const minDelay, maxDelay = 250 * time.Millisecond, 10 * time.Second
	delays := backoff.Exponential(minDelay, maxDelay)
	for ctx.Err() == nil {
		heads := make(chan *types.Header, 16)
		sub, err := s.SubscribeNewHead(ctx, heads)
		switch {
		case errors.Is(err, rpc.ErrNotificationsUnsupported):
			ix.log.Info("endpoint has no head subscriptions, polling", "every", ix.cfg.PollInterval)
			return
		case err != nil: // logged below, with its wait
		default:
			if ix.forwardHeads(ctx, sub, heads, wake) {
				delays = backoff.Exponential(minDelay, maxDelay)
			}
		}
		delay, _ := delays.Next()
		if err != nil {
			ix.log.Warn("head subscription failed, retrying", "err", err, "in", delay)
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
	}
}

// forwardHeads wakes the indexer on each head until the subscription ends, and reports
// whether any head arrived.
func (ix *Indexer) forwardHeads(ctx context.Context, sub ethereum.Subscription, heads <-chan *types.Header, wake chan<- struct{}) bool {
	defer sub.Unsubscribe()
	got := false
	for {
		select {
		case <-ctx.Done():
			return got
		case err := <-sub.Err():
			ix.log.Warn("head subscription ended", "err", err)
			return got
		case <-heads:
			got = true
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	}
}
