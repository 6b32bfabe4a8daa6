package watcher_test

import (
	"context"
	"math/big"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/event"

	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/watcher"
)

// countingChain is the simulated chain's client with its header reads counted; it offers
// no head subscription unless subscribe is set, as an HTTP endpoint.
type countingChain struct {
	c       *simchain.Chain
	headers atomic.Int64
}

func (c *countingChain) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	c.headers.Add(1)
	return c.c.Client.HeaderByNumber(ctx, n)
}

func (c *countingChain) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	return c.c.Client.FilterLogs(ctx, q)
}

type subscribingChain struct{ *countingChain }

func (c subscribingChain) SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	return c.c.Client.SubscribeNewHead(ctx, ch)
}

// newSimChain is a simulated chain with the contracts deployed.
func newSimChain(t *testing.T) *simchain.Chain {
	c, err := simchain.New(simchain.Config{Accounts: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// runHeads runs h until the test ends.
func runHeads(t *testing.T, h *watcher.Heads) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); h.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

// mineEvery commits a block every d until n blocks are made; it returns the last
// block's number.
func mineEvery(t *testing.T, c *simchain.Chain, d time.Duration, n int) uint64 {
	tk := time.NewTicker(d)
	defer tk.Stop()
	for range n {
		<-tk.C
		c.Backend.Commit()
	}
	h, err := c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return h.Number.Uint64()
}

// TestHeadsPollAboutTwicePerBlock follows a chain that makes a block every 200 ms
// through an endpoint without subscriptions: every head reaches a subscriber, and the
// source reads the head at most 3 times per block (2 on schedule, one more when a block
// is late on a loaded machine), where the indexer alone polled at its poll interval.
func TestHeadsPollAboutTwicePerBlock(t *testing.T) {
	c := newSimChain(t)
	cc := &countingChain{c: c}
	h := watcher.NewHeads(cc, watcher.HeadsConfig{BlockInterval: 200 * time.Millisecond})
	ch := make(chan *types.Header, 64)
	sub, _ := h.SubscribeNewHead(t.Context(), ch)
	defer sub.Unsubscribe()
	runHeads(t, h)
	wait.For(t, "the first head", func() bool { return h.Latest() != nil })
	start := cc.headers.Load()
	const blocks = 25
	last := mineEvery(t, c, 200*time.Millisecond, blocks)
	wait.For(t, "the last head", func() bool { return h.Latest().Number.Uint64() == last })
	calls := cc.headers.Load() - start
	perBlock := float64(calls) / blocks
	t.Logf("%d header reads for %d blocks: %.2f per block", calls, blocks, perBlock)
	if perBlock > 3 {
		t.Errorf("%d header reads for %d blocks (%.1f per block), want at most 3 per block", calls, blocks, perBlock)
	}
	seen := 0
	for len(ch) > 0 {
		<-ch
		seen++
	}
	if seen < blocks {
		t.Errorf("subscriber told of %d heads, want %d", seen, blocks)
	}
}

// TestHeadsSubscribed follows a chain through its head subscription: a header read checks
// the first notification, then no head is read at all.
func TestHeadsSubscribed(t *testing.T) {
	c := newSimChain(t)
	cc := &countingChain{c: c}
	h := watcher.NewHeads(subscribingChain{cc}, watcher.HeadsConfig{BlockInterval: time.Second})
	runHeads(t, h)
	wait.For(t, "the first head", func() bool { return h.Latest() != nil })
	c.Backend.Commit()
	want := h.Latest().Number.Uint64() + 1
	wait.For(t, "the notified head", func() bool { return h.Latest().Number.Uint64() == want })
	start := cc.headers.Load()
	for range 10 {
		c.Backend.Commit()
	}
	wait.For(t, "ten more heads", func() bool { return h.Latest().Number.Uint64() == want+10 })
	if n := cc.headers.Load() - start; n != 0 {
		t.Errorf("%d header reads for 10 notified heads, want 0", n)
	}
}

// TestHeadsAnswerRecentHeaders reads recent headers through the source: once read, they
// are answered without the node while they link to the head; after a reorg the orphaned
// ones are read again and the canonical ones returned.
func TestHeadsAnswerRecentHeaders(t *testing.T) {
	c := newSimChain(t)
	cc := &countingChain{c: c}
	h := watcher.NewHeads(cc, watcher.HeadsConfig{BlockInterval: 100 * time.Millisecond})
	for range 5 {
		c.Backend.Commit()
	}
	fork, err := c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		c.Backend.Commit()
	}
	read := func(n uint64) *types.Header {
		t.Helper()
		hd, err := h.HeaderByNumber(t.Context(), new(big.Int).SetUint64(n))
		if err != nil {
			t.Fatal(err)
		}
		return hd
	}
	head, err := h.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	top := head.Number.Uint64()
	for n := top; n >= top-6; n-- {
		read(n)
	}
	before := cc.headers.Load()
	for n := top; n >= top-6; n-- {
		read(n)
	}
	if _, err := h.HeaderByNumber(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	if n := cc.headers.Load() - before; n != 0 {
		t.Errorf("%d node reads for headers already read, want 0", n)
	}

	if err := c.Backend.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		c.Backend.Commit()
	}
	runHeads(t, h)
	wait.For(t, "the new fork's head", func() bool { return h.Latest().Number.Uint64() == fork.Number.Uint64()+5 })
	for n := fork.Number.Uint64() + 1; n <= top; n++ {
		want, err := c.Client.HeaderByNumber(t.Context(), new(big.Int).SetUint64(n))
		if err != nil {
			t.Fatal(err)
		}
		if got := read(n); got.Hash() != want.Hash() {
			t.Errorf("block %d: got orphaned header %s, want canonical %s", n, got.Hash(), want.Hash())
		}
	}
}

// silentChain offers a head subscription that never delivers a head nor ends.
type silentChain struct{ *countingChain }

func (silentChain) SubscribeNewHead(context.Context, chan<- *types.Header) (ethereum.Subscription, error) {
	return event.NewSubscription(func(quit <-chan struct{}) error { <-quit; return nil }), nil
}

// TestHeadsSilentSubscription: a subscription that goes quiet does not stop the head:
// after two block intervals without a notification the source reads the head itself.
func TestHeadsSilentSubscription(t *testing.T) {
	c := newSimChain(t)
	h := watcher.NewHeads(silentChain{&countingChain{c: c}}, watcher.HeadsConfig{BlockInterval: 100 * time.Millisecond, IdlePoll: 200 * time.Millisecond})
	runHeads(t, h)
	wait.For(t, "the first head", func() bool { return h.Latest() != nil })
	want := h.Latest().Number.Uint64() + 2
	c.Backend.Commit()
	c.Backend.Commit()
	wait.For(t, "the heads the subscription never told", func() bool { return h.Latest().Number.Uint64() == want })
}
