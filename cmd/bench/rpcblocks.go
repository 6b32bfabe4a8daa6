package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/rpcclient"
	"github.com/vigil-hub/vigil/towerd"
)

// maxHeaderCallsPerBlock is the header calls per block an idle process may make: two polls
// a block without a subscription (watcher.Heads), a third for a late block and the
// scheduled health checks; e2e's TestIdleRPCCallsPerBlock asserts it on `hub run` and
// `watchtower run`.
const maxHeaderCallsPerBlock = 2.5

// headerMethod is the JSON-RPC method behind a header read.
const headerMethod = "eth_getBlockByNumber"

// rpcPerBlock runs a watchtower and a hub (towerd.New and hubd.New, as `watchtower run`
// and `hub run` build them, on rpcclient over the node's endpoints) idle against anvil
// with one-second blocks: first on the node's WebSocket endpoint, then on HTTP only. It
// reports each one's JSON-RPC calls per block, all methods and header reads, counted by
// rpcclient as the processes' vigil_rpc_requests_total is.
func (b *bench) rpcPerBlock(ctx context.Context) error {
	node, err := b.anvil(ctx, 1)
	if err != nil {
		return err
	}
	defer node.stop()
	d, err := deploy(ctx, node, 3600)
	if err != nil {
		return err
	}
	defer d.client.Close()
	for _, ep := range []struct{ name, url string }{{"WebSocket", node.ws()}, {"HTTP", node.http()}} {
		counts, blocks, err := b.idleWindow(ctx, d, ep.url)
		if err != nil {
			return fmt.Errorf("%s: %w", ep.name, err)
		}
		for _, proc := range []string{"tower", "hub"} {
			c := counts[proc].snapshot()
			total := 0
			for _, n := range c {
				total += n
			}
			params := map[string]any{"endpoint": ep.name, "blocks": blocks, "block_time": "1s", "calls": describeCalls(c)}
			headerParams := maps.Clone(params)
			headerParams["target"] = "≤ 2.5 a block (before: 25.3, hub run on WebSocket; 10.6, watchtower run on HTTP)"
			perBlock := func(n int) float64 { return float64(n) / float64(blocks) }
			for _, r := range []Row{
				row(fmt.Sprintf("RPC calls per block, idle %s, %s endpoint", proc, ep.name), perBlock(total), "calls/block", 0, params),
				row(fmt.Sprintf("RPC header calls per block, idle %s, %s endpoint", proc, ep.name), perBlock(c[headerMethod]), "calls/block",
					maxHeaderCallsPerBlock, headerParams),
			} {
				if err := b.rep.add(r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// idleWindow starts a tower and a hub on url, lets them catch up, and counts their calls
// over the scale's idle blocks.
func (b *bench) idleWindow(ctx context.Context, d *deployment, url string) (map[string]*callCounter, int, error) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	defer func() { cancel(); wg.Wait() }()
	counts := map[string]*callCounter{"tower": newCallCounter(), "hub": newCallCounter()}
	quiet := slog.New(slog.DiscardHandler)
	for _, proc := range []string{"tower", "hub"} {
		be, err := b.postgres(ctx)
		if err != nil {
			return nil, 0, err
		}
		defer be.close()
		chain, err := rpcclient.Dial(ctx, []rpcclient.NamedURL{{Name: "node", URL: url}}, 5, counts[proc], quiet)
		if err != nil {
			return nil, 0, err
		}
		defer chain.Close()
		run, err := idleProcess(ctx, proc, d, be, chain, quiet)
		if err != nil {
			return nil, 0, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil && ctx.Err() == nil {
				errs <- fmt.Errorf("%s: %w", proc, err)
			}
		}()
	}
	head := func() (uint64, error) { return d.client.BlockNumber(ctx) }
	waitFor := func(n uint64) error {
		for {
			h, err := head()
			if err != nil || h >= n {
				return err
			}
			select {
			case err := <-errs:
				return err
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	h, err := head()
	if err != nil {
		return nil, 0, err
	}
	if err := waitFor(h + 3); err != nil { // started and caught up
		return nil, 0, err
	}
	from, err := head()
	if err != nil {
		return nil, 0, err
	}
	for _, c := range counts {
		c.reset()
	}
	if err := waitFor(from + uint64(b.sc.idleBlocks)); err != nil {
		return nil, 0, err
	}
	to, err := head()
	if err != nil {
		return nil, 0, err
	}
	snap := map[string]*callCounter{}
	for k, c := range counts {
		snap[k] = c.frozen()
	}
	return snap, int(to - from), nil
}

// idleProcess builds a tower or a hub with its defaults on be and chain and returns its
// Run.
func idleProcess(ctx context.Context, proc string, d *deployment, be *backend, chain *rpcclient.Chain, log *slog.Logger) (func(context.Context) error, error) {
	chainCfg := daemon.ChainConfig{Confirmations: 2}
	switch proc {
	case "tower":
		cfg := &towerd.Config{Chain: chainCfg, Contracts: []towerd.ContractConfig{{Address: d.manager.Hex(), DeployBlock: d.deployBlock}}}
		cfg.API.Listen, cfg.Ops.Listen = "127.0.0.1:0", "127.0.0.1:0"
		cfg.Fill()
		t, err := towerd.New(ctx, towerd.Deps{Config: cfg, Key: anvil.Key(2), Store: be.st, Node: chain, ChainID: chain.ID(),
			Endpoints: chain.Endpoints(), Log: log})
		if err != nil {
			return nil, err
		}
		return t.Run, nil
	case "hub":
		cfg := &hubd.Config{Chain: chainCfg}
		cfg.Contract.Address, cfg.Contract.DeployBlock = d.manager.Hex(), d.deployBlock
		cfg.API.Listen, cfg.Ops.Listen = "127.0.0.1:0", "127.0.0.1:0"
		cfg.Fill()
		h, err := hubd.New(ctx, hubd.Deps{Config: cfg, Key: anvil.Key(0), Store: be.st, Node: chain, ChainID: chain.ID(),
			Endpoints: chain.Endpoints(), Log: log})
		if err != nil {
			return nil, err
		}
		return h.Run, nil
	}
	return nil, errors.New("no such process " + proc)
}

// callCounter counts JSON-RPC calls by method: an rpcclient.Recorder.
type callCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func newCallCounter() *callCounter { return &callCounter{n: map[string]int{}} }

func (c *callCounter) RPC(_, method string, _ error) {
	c.mu.Lock()
	c.n[method]++
	c.mu.Unlock()
}

func (c *callCounter) reset() {
	c.mu.Lock()
	clear(c.n)
	c.mu.Unlock()
}

func (c *callCounter) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.n))
	for k, v := range c.n {
		out[k] = v
	}
	return out
}

// frozen is a copy no longer counting.
func (c *callCounter) frozen() *callCounter { return &callCounter{n: c.snapshot()} }

// describeCalls lists calls by method, most first: "eth_getLogs 20, eth_getBlockByNumber 38".
func describeCalls(c map[string]int) string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return c[keys[i]] > c[keys[j]] || c[keys[i]] == c[keys[j]] && keys[i] < keys[j] })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, c[k])
	}
	return strings.Join(parts, ", ")
}
