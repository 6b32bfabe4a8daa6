package disputes

import (
	"slices"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// claims are the channels an indexer's update is examining or about to (claimed), which a
// sweep leaves to it, and those examined after an update since the last reconcile began
// (fresh), which the reconcile leaves alone: under a mass exit the sweep and the reconcile
// would otherwise examine every close a second and a third time while it is answered.
type claims struct {
	mu      sync.Mutex
	claimed map[channelKey]int
	fresh   map[channelKey]bool
}

func (c *claims) claim(keys []channelKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.claimed == nil {
		c.claimed, c.fresh = map[channelKey]int{}, map[channelKey]bool{}
	}
	for _, k := range keys {
		c.claimed[k]++
	}
}

// done ends k's claim; examined tells whether its examination succeeded.
func (c *claims) done(k channelKey, examined bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.claimed[k]--; c.claimed[k] <= 0 {
		delete(c.claimed, k)
	}
	if examined {
		c.fresh[k] = true
	}
}

// unclaimed returns the keys no update claims.
func (c *claims) unclaimed(keys []channelKey) []channelKey {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.DeleteFunc(keys, func(k channelKey) bool { return c.claimed[k] > 0 })
}

// stale returns the keys neither claimed nor examined after an update since the last
// call, and starts a new period.
func (c *claims) stale(keys []channelKey) []channelKey {
	c.mu.Lock()
	defer c.mu.Unlock()
	fresh := c.fresh
	c.fresh = map[channelKey]bool{}
	return slices.DeleteFunc(keys, func(k channelKey) bool { return c.claimed[k] > 0 || fresh[k] })
}

// channelKey names a channel: its contract and its user.
type channelKey struct{ contract, user common.Address }

func keysOf(chs []store.Channel) []channelKey {
	keys := make([]channelKey, len(chs))
	for i, ch := range chs {
		keys[i] = channelKey{ch.Contract, ch.User}
	}
	return keys
}
