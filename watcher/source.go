package watcher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
)

// Endpoint is one configured JSON-RPC node.
type Endpoint struct {
	Name  string // for logs; never the URL, which may carry a key
	Chain Chain
}

// Failover is a Chain over several endpoints. Calls go to the current endpoint; when it
// errors the next one is tried, and a head query switches to the endpoint with the
// highest head when the current one falls more than MaxLag blocks behind it.
type Failover struct {
	endpoints []Endpoint
	maxLag    uint64
	log       *slog.Logger

	mu  sync.Mutex
	cur int
}

// NewFailover returns a Failover over endpoints, in order of preference.
func NewFailover(endpoints []Endpoint, maxLag uint64, log *slog.Logger) *Failover {
	if log == nil {
		log = slog.Default()
	}
	return &Failover{endpoints: endpoints, maxLag: maxLag, log: log}
}

// Current returns the name of the endpoint in use.
func (f *Failover) Current() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.endpoints[f.cur].Name
}

func (f *Failover) current() (int, Endpoint) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cur, f.endpoints[f.cur]
}

func (f *Failover) switchTo(i int, why string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cur != i {
		f.log.Warn("switching RPC endpoint", "from", f.endpoints[f.cur].Name, "to", f.endpoints[i].Name, "reason", why)
		f.cur = i
	}
}

// try runs call on the current endpoint, then on each other one until one succeeds.
func try[T any](ctx context.Context, f *Failover, what string, call func(Chain) (T, error)) (T, error) {
	start, _ := f.current()
	var zero T
	var lastErr error
	for k := range f.endpoints {
		i := (start + k) % len(f.endpoints)
		v, err := call(f.endpoints[i].Chain)
		var answer rpc.Error
		if errors.Is(err, ethereum.NotFound) || errors.As(err, &answer) {
			// An answer, not a failure: the node replied with a JSON-RPC error (a revert, a
			// nonce too low), which another node would give too.
			return zero, err
		}
		if err == nil {
			if k > 0 {
				f.switchTo(i, fmt.Sprintf("%s failed on %s: %v", what, f.endpoints[start].Name, lastErr))
			}
			return v, nil
		}
		if ctx.Err() != nil {
			return zero, ctx.Err()
		}
		f.log.Warn("RPC call failed", "endpoint", f.endpoints[i].Name, "call", what, "err", err)
		lastErr = err
	}
	return zero, fmt.Errorf("%s: %w: %v", what, ErrNoEndpoint, lastErr)
}

// Do runs call on the current endpoint, then on each other one until one succeeds. An
// answer — ethereum.NotFound, or a JSON-RPC error the node replied with, such as a
// revert — is returned as it is, without trying other endpoints.
func (f *Failover) Do(ctx context.Context, what string, call func(Chain) error) error {
	_, err := try(ctx, f, what, func(c Chain) (struct{}, error) { return struct{}{}, call(c) })
	return err
}

// HeaderByNumber returns a header. For the latest head (number nil) it asks every
// endpoint and moves to the best one when the current one lags by more than maxLag.
func (f *Failover) HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error) {
	if number != nil || len(f.endpoints) == 1 {
		return try(ctx, f, "header", func(c Chain) (*types.Header, error) { return c.HeaderByNumber(ctx, number) })
	}
	heads := make([]*types.Header, len(f.endpoints))
	var wg sync.WaitGroup
	for i, e := range f.endpoints {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h, err := e.Chain.HeaderByNumber(ctx, nil)
			if err != nil {
				f.log.Warn("RPC head query failed", "endpoint", e.Name, "err", err)
				return
			}
			heads[i] = h
		}()
	}
	wg.Wait()
	cur, _ := f.current()
	best := -1
	for i, h := range heads {
		if h != nil && (best < 0 || h.Number.Cmp(heads[best].Number) > 0) {
			best = i
		}
	}
	if best < 0 {
		return nil, fmt.Errorf("head: %w", ErrNoEndpoint)
	}
	switch {
	case heads[cur] == nil:
		f.switchTo(best, "current endpoint unreachable")
	case heads[best].Number.Uint64() > heads[cur].Number.Uint64()+f.maxLag:
		f.switchTo(best, fmt.Sprintf("current endpoint %d blocks behind", heads[best].Number.Uint64()-heads[cur].Number.Uint64()))
	default:
		return heads[cur], nil
	}
	return heads[best], nil
}

// FilterLogs reads logs from the current endpoint, failing over on error.
func (f *Failover) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	return try(ctx, f, "getLogs", func(c Chain) ([]types.Log, error) { return c.FilterLogs(ctx, q) })
}

// SubscribeNewHead subscribes on the first endpoint that offers head subscriptions.
func (f *Failover) SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	var lastErr error = fmt.Errorf("no endpoint supports subscriptions")
	for _, e := range f.endpoints {
		if s, ok := e.Chain.(HeadSubscriber); ok {
			sub, err := s.SubscribeNewHead(ctx, ch)
			if err == nil {
				return sub, nil
			}
			lastErr = err
		}
	}
	return nil, lastErr
}

// Endpoints returns the configured endpoints, in order of preference.
func (f *Failover) Endpoints() []Endpoint { return f.endpoints }
