package main

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// ceiling runs op on every core for d and returns how many ops per second they did, the
// bound a path is measured against when op is the work the path cannot skip, and the CPU
// time one op took.
func ceiling(ctx context.Context, d time.Duration, op func(worker int, i int) error) (perSecond float64, cpu time.Duration, err error) {
	workers := runtime.GOMAXPROCS(0)
	var n atomic.Int64
	var first atomic.Pointer[error]
	stop := make(chan struct{})
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), selfCPU()
	for w := range workers {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if err := op(w, i); err != nil {
					first.CompareAndSwap(nil, &err)
					return
				}
				n.Add(1)
			}
		})
	}
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
	close(stop)
	wg.Wait()
	elapsed, used := time.Since(start), selfCPU()-cpu0
	if err := first.Load(); err != nil {
		return 0, 0, *err
	}
	if n.Load() == 0 {
		return 0, 0, ctx.Err()
	}
	return float64(n.Load()) / elapsed.Seconds(), used / time.Duration(n.Load()), ctx.Err()
}
