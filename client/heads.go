package client

import (
	"context"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
)

// A listening wallet follows the chain's head by a subscription when its node offers one
// (a WebSocket or in-process client), so that its checks read the chain's time from the
// newest head it was told of instead of asking the node for the latest block each time.
// A head is trusted only while the subscription is alive and the head is recent: within
// two of the last intervals between heads (at least 2 s, at most 15 s). Otherwise, and
// without a subscription (an HTTP client), each check asks the node, as before.

// headSubscriber is a node that pushes new heads.
type headSubscriber interface {
	SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error)
}

// headClock is the newest head a subscription brought.
type headClock struct {
	mu       sync.Mutex
	time     uint64        // the head's block time
	number   uint64        // the head's number
	at       time.Time     // when it arrived
	interval time.Duration // between the last two heads' arrivals
}

// Freshness bounds of a subscribed head.
const (
	minHeadFresh = 2 * time.Second
	maxHeadFresh = 15 * time.Second
)

// now returns the head's time while it is fresh.
func (c *headClock) now() (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() {
		return 0, false
	}
	fresh := min(max(2*c.interval, minHeadFresh), maxHeadFresh)
	return c.time, time.Since(c.at) <= fresh
}

// saw records a new head.
func (c *headClock) saw(h *types.Header) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.at.IsZero() && h.Number.Uint64() > c.number {
		c.interval = time.Since(c.at)
	}
	c.time, c.number, c.at = h.Time, h.Number.Uint64(), time.Now()
}

// forget drops the head: the subscription ended.
func (c *headClock) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = time.Time{}
}

// followHeads keeps w.heads current from the node's head subscription until ctx ends;
// a subscription that fails is made again a second later. Without one it returns at once.
func (w *Wallet) followHeads(ctx context.Context) {
	sub, ok := w.cfg.Chain.(headSubscriber)
	if !ok {
		return
	}
	for ctx.Err() == nil {
		ch := make(chan *types.Header, 16)
		s, err := sub.SubscribeNewHead(ctx, ch)
		if err != nil {
			w.log.Debug("no head subscription; the chain's time is asked for each check", "err", err)
			return // an HTTP node: no subscriptions at all
		}
		func() {
			defer s.Unsubscribe()
			defer w.heads.forget()
			for {
				select {
				case <-ctx.Done():
					return
				case err := <-s.Err():
					w.log.Warn("head subscription ended; resubscribing", "err", err)
					return
				case h := <-ch:
					w.heads.saw(h)
				}
			}
		}()
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
