package watcher_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/watcher"
)

// flaky wraps a chain; it can be made to fail every call, to freeze its head, or to run a
// hook before each header read.
type flaky struct {
	watcher.Chain
	dead     atomic.Bool
	frozen   atomic.Pointer[types.Header]
	onHeader func(ctx context.Context, n *big.Int)
}

var errDead = errors.New("endpoint down")

func (f *flaky) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	if f.dead.Load() {
		return nil, errDead
	}
	if f.onHeader != nil {
		f.onHeader(ctx, n)
	}
	if h := f.frozen.Load(); h != nil && n == nil {
		return h, nil
	}
	return f.Chain.HeaderByNumber(ctx, n)
}

func (f *flaky) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	if f.dead.Load() {
		return nil, errDead
	}
	return f.Chain.FilterLogs(ctx, q)
}

// TestRestartMidRange kills the indexer between reading a range and storing it, mines
// more blocks, and starts a fresh indexer on the same database: no gap, no duplicate.
func TestRestartMidRange(t *testing.T) {
	e := newEnv(t)
	e.open(e.c.Accounts[1])
	for i := range 20 {
		e.emit(fmt.Sprintf("a-%d", i))
	}
	ctx, kill := context.WithCancel(t.Context())
	calls := 0
	chain := &flaky{Chain: e.c.Client, onHeader: func(_ context.Context, n *big.Int) {
		if n != nil {
			if calls++; calls == 12 {
				kill() // the process dies while a range is in flight
			}
		}
	}}
	first := e.indexer(chain, 5)
	for ctx.Err() == nil {
		if _, err := first.Sync(ctx); err != nil && ctx.Err() == nil {
			t.Fatal(err)
		}
	}
	_, indexed := first.Progress()
	head, _ := e.c.Client.BlockNumber(t.Context())
	if indexed >= head {
		t.Fatalf("the kill came too late: indexed %d of %d", indexed, head)
	}
	for i := range 10 {
		e.emit(fmt.Sprintf("b-%d", i))
	}
	second := e.indexer(e.c.Client, 5)
	e.syncAll(second)
	e.checkMatchesChain("after restart")
}

// TestFailover indexes through two endpoints; the first dies mid-run, and later the
// second one stops following the chain while the first comes back.
func TestFailover(t *testing.T) {
	e := newEnv(t)
	e.open(e.c.Accounts[1])
	a := &flaky{Chain: e.c.Client}
	b := &flaky{Chain: e.c.Client}
	fo := watcher.NewFailover([]watcher.Endpoint{{Name: "a", Chain: a}, {Name: "b", Chain: b}}, 2, nil)
	ix := e.indexer(fo, 3)
	for i := range 10 {
		e.emit(fmt.Sprintf("x-%d", i))
	}
	for range 2 {
		if _, err := ix.Sync(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	a.dead.Store(true)
	e.syncAll(ix)
	if fo.Current() != "b" {
		t.Fatalf("using endpoint %s after a died, want b", fo.Current())
	}
	e.checkMatchesChain("after a died")

	// b freezes at its current head; a is back and moves ahead.
	h, _ := e.c.Client.HeaderByNumber(t.Context(), nil)
	b.frozen.Store(h)
	a.dead.Store(false)
	for i := range 5 {
		e.emit(fmt.Sprintf("y-%d", i))
	}
	e.syncAll(ix)
	if fo.Current() != "a" {
		t.Fatalf("using endpoint %s while b lags, want a", fo.Current())
	}
	e.checkMatchesChain("after b fell behind")
}
