package hubd

import (
	"context"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/watcher"
)

// followClock keeps now at the newest head's time, from the process's head source (no
// poll of its own), until ctx ends.
func followClock(ctx context.Context, heads *watcher.Heads, now *atomic.Uint64) error {
	ch := make(chan *types.Header, 1)
	sub, _ := heads.SubscribeNewHead(ctx, ch) // never fails
	defer sub.Unsubscribe()
	for {
		if hd := heads.Latest(); hd != nil && hd.Time > now.Load() {
			now.Store(hd.Time)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-ch:
		}
	}
}
