package main

import (
	"net"
	"runtime"
	"sync"
	"sync/atomic"
)

func netListen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }

// parallel calls fn(0) … fn(n-1) on every core and returns when all have returned.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}
