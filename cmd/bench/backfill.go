package main

import (
	"context"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/watcher"
)

// Backfill: a tower starting on a chain that already holds many ChannelManager events —
// SecretRegistered, emitted many per transaction by a helper contract — indexes them over HTTP
// from anvil into PostgreSQL, from the deployment block to the head. The ceiling is raw
// eth_getLogs over exactly the ranges the indexer asked for, on the same node in the same
// run, each log decoded into a types.Log as a client must: before the indexer and after,
// the faster counts.
// rangeRecorder is the indexer's chain, noting every eth_getLogs range it asks for.
type rangeRecorder struct {
	watcher.Chain
	mu     sync.Mutex
	ranges []ethereum.FilterQuery
}

func (r *rangeRecorder) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	logs, err := r.Chain.FilterLogs(ctx, q)
	if err == nil {
		r.mu.Lock()
		r.ranges = append(r.ranges, q)
		r.mu.Unlock()
	}
	return logs, err
}

func (b *bench) backfill(ctx context.Context) error {
	n, err := b.anvil(ctx, 0)
	if err != nil {
		return err
	}
	defer n.stop()
	d, err := deploy(ctx, n, 3600)
	if err != nil {
		return err
	}
	defer d.client.Close()
	key := anvil.Key(1)
	from := crypto.PubkeyToAddress(key.PublicKey)
	opts := bind.NewKeyedTransactor(key, d.chainID)
	opts.Context = ctx
	spam := bindings.NewSecretSpammer()
	addr, tx, err := bind.DeployContract(opts, common.FromHex(bindings.SecretSpammerMetaData.Bin), d.client, nil)
	if err != nil {
		return err
	}
	if _, err := bind.WaitMined(ctx, d.client, tx.Hash()); err != nil {
		return err
	}
	// The events: transactions sent back to back, then the last one waited for.
	nonce, err := d.client.PendingNonceAt(ctx, from)
	if err != nil {
		return err
	}
	tip, feeCap, err := d.fees(ctx)
	if err != nil {
		return err
	}
	signer := types.LatestSignerForChainID(d.chainID)
	fill := time.Now()
	var last common.Hash
	for i := range b.sc.backfillTxs {
		data := spam.PackRegisterMany(d.manager, common.BigToHash(big.NewInt(int64(i))), big.NewInt(int64(b.sc.backfillPerTx)))
		stx, err := types.SignNewTx(key, signer, &types.DynamicFeeTx{ChainID: d.chainID, Nonce: nonce + uint64(i), GasTipCap: tip,
			GasFeeCap: feeCap, Gas: 50_000 * uint64(b.sc.backfillPerTx), To: &addr, Data: data})
		if err != nil {
			return err
		}
		if err := d.client.SendTransaction(ctx, stx); err != nil {
			return fmt.Errorf("send spam %d: %w", i, err)
		}
		last = stx.Hash()
	}
	rcpt, err := bind.WaitMined(ctx, d.client, last)
	if err != nil {
		return err
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("spam transaction reverted")
	}
	b.log.Info("backfill chain filled", "events", b.sc.backfillTxs*b.sc.backfillPerTx, "took", time.Since(fill).Round(time.Millisecond))

	be, err := b.postgres(ctx)
	if err != nil {
		return err
	}
	defer be.close()
	rec := &rangeRecorder{Chain: d.client}
	ix, err := watcher.New(watcher.Config{ChainID: d.chainID, Contracts: []common.Address{d.manager}, StartBlock: d.deployBlock,
		Confirmations: 12, Logger: slog.New(slog.DiscardHandler)}, rec, be.st, nil)
	if err != nil {
		return err
	}
	// raw reads the indexer's ranges again: its time, the events, and the CPU time it took
	// this process (decoding the logs) and the node (serving them).
	node := n.cmd.Process.Pid
	raw := func() (time.Duration, int, time.Duration, time.Duration, error) {
		start, total, self0, node0 := time.Now(), 0, selfCPU(), procCPU(node)
		for _, q := range rec.ranges {
			logs, err := d.client.FilterLogs(ctx, q)
			if err != nil {
				return 0, 0, 0, 0, err
			}
			total += len(logs)
		}
		return time.Since(start), total, selfCPU() - self0, procCPU(node) - node0, nil
	}
	stopProf, err := b.profile("backfill")
	if err != nil {
		return err
	}
	cpu := startCPU(ctx, be.admin)
	node0 := procCPU(node)
	start := time.Now()
	for done := false; !done; {
		if done, err = ix.Sync(ctx); err != nil {
			return err
		}
	}
	indexed := time.Since(start)
	cpu.stop(ctx)
	nodeUsed := procCPU(node) - node0
	stopProf()
	events := b.sc.backfillTxs * b.sc.backfillPerTx
	if got, err := be.st.Events(ctx, d.chainID); err != nil || len(got) != events {
		return fmt.Errorf("indexed %d events, want %d (%v)", len(got), events, err)
	}
	var best, bestSelf, bestNode time.Duration
	for range 2 {
		took, got, self, nodeCPU, err := raw()
		if err != nil {
			return err
		}
		if got != events {
			return fmt.Errorf("raw eth_getLogs returned %d events, want %d", got, events)
		}
		if best == 0 || took < best {
			best, bestSelf, bestNode = took, self, nodeCPU
		}
	}
	p := map[string]any{"events": events, "ranges": len(rec.ranges), "store": "postgres", "node": "anvil over HTTP",
		"ceiling": "raw eth_getLogs, same ranges", "target": "ratio ≥ 0.80"}
	cpu.report(p, events, "event", 0)
	// Anvil's CPU, and what the ceiling's fetch cost both sides: the figure's bound on two
	// cores is the sum of what indexing takes of all three processes.
	perEvent := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/float64(events)) }
	p["node_cpu_µs/event"] = perEvent(nodeUsed)
	p["ceiling_cpu_µs/event"], p["ceiling_node_cpu_µs/event"] = perEvent(bestSelf), perEvent(bestNode)
	return b.rep.add(row("backfill, events indexed per second", float64(events)/indexed.Seconds(), "events/s",
		float64(events)/best.Seconds(), p))
}
