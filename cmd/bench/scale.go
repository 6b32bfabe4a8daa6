package main

import (
	"fmt"
	"time"
)

// scale is how much each figure does: tiny runs in seconds (the test suite runs it so that
// the command cannot rot), full gives the figures of docs/performance.md.
type scale struct {
	name string
	// ceilingTime is how long each crypto ceiling runs.
	ceilingTime time.Duration

	depositUsers    int // channels deposited into
	batchRequests   int // batches of 100 per client (4 clients)
	singleRequests  int // single-state requests per client (16 clients)
	storageChannels int
	storageUpdates  int // deposits per channel after the first
	payUsers        int
	payPerUser      int
	payLatency      time.Duration // how long payments arrive at each open-loop load
	// hubProfileSeconds is how long the hub process is profiled from the start of the
	// payments' measured run, with --cpuprofile.
	hubProfileSeconds int
	backfillTxs       int // transactions of backfillPerTx events each
	backfillPerTx     int
	reactionStored    int // other channels stored while a close is answered
	reactionCloses    int
	recoveryOpen      []int // open disputes at a restart
	recoverySettle    int   // disputes past their deadline to settle (the backlog)
	memoryChannels    int
	memoryFollow      time.Duration // how long the tower follows the chain while RSS is sampled
	massChannels      int           // channels closed with stale states in the mass exit
	massSpread        int           // blocks the closes are spread over
	massBlockTime     time.Duration // between the blocks the bench mines
	// massGroupInterval is the tower's alerts.group_interval (0: its default, 30s): tiny
	// shortens it so that the alerts are delivered in seconds.
	massGroupInterval time.Duration
	idleBlocks        int // blocks an idle tower and hub are counted over (rpc)
}

func scaleOf(name string) (scale, error) {
	switch name {
	case "tiny":
		return scale{name: name, ceilingTime: 300 * time.Millisecond,
			depositUsers: 400, batchRequests: 3, singleRequests: 20,
			storageChannels: 20, storageUpdates: 10,
			payUsers: 6, payPerUser: 2, payLatency: time.Second, hubProfileSeconds: 1,
			backfillTxs: 5, backfillPerTx: 100,
			reactionStored: 1_000, reactionCloses: 3,
			recoveryOpen: []int{100}, recoverySettle: 50,
			memoryChannels: 1_000, memoryFollow: 2 * time.Second,
			massChannels: 20, massSpread: 4, massBlockTime: time.Second, massGroupInterval: 2 * time.Second,
			idleBlocks: 5}, nil
	case "full":
		return scale{name: name, ceilingTime: 3 * time.Second,
			depositUsers: 10_000, batchRequests: 150, singleRequests: 1_500,
			storageChannels: 1_000, storageUpdates: 1_000,
			payUsers: 100, payPerUser: 50, payLatency: 15 * time.Second, hubProfileSeconds: 30,
			backfillTxs: 500, backfillPerTx: 200,
			reactionStored: 1_000_000, reactionCloses: 100,
			recoveryOpen: []int{0, 1_000, 100_000}, recoverySettle: 10_000,
			memoryChannels: 1_000_000, memoryFollow: 30 * time.Second,
			massChannels: 1_000, massSpread: 17, massBlockTime: time.Second,
			idleBlocks: 60}, nil
	}
	return scale{}, fmt.Errorf("size %q is not tiny or full", name)
}
