package watcher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/sethvargo/go-retry"

	"github.com/vigil-hub/vigil/internal/backoff"
	"github.com/vigil-hub/vigil/store"
)

// Config sets up an Indexer.
type Config struct {
	ChainID       *big.Int
	Contracts     []common.Address
	StartBlock    uint64        // first block to index on first start (the earliest deployment)
	Confirmations uint64        // depth at which events are confirmed; default 12
	PollInterval  time.Duration // how often to look for a new head without a subscription; default 2s
	InitialRange  uint64        // blocks per eth_getLogs at first; default 100
	MaxRange      uint64        // upper bound of the adaptive range; default 10000
	Logger        *slog.Logger
	// OnSkip, when set, is told of each log of a watched contract that does not decode:
	// it is skipped, never stopping the range (an operator is to be told).
	OnSkip func(l types.Log, err error)
}

// Indexer follows the chain head and stores the watched contracts' events, rolling back
// and re-indexing on reorgs. Its cursor lives in the store with the events it covers, so
// it resumes where it stopped.
type Indexer struct {
	cfg      Config
	chain    Chain
	store    Store
	consumer Consumer
	log      *slog.Logger
	rng      uint64
	// ahead is the next range being read while the current one is stored (Sync), from
	// block aheadFrom; nil when none.
	ahead     chan fetched
	aheadFrom uint64

	mu      sync.Mutex
	head    uint64
	indexed uint64
	skipped uint64 // logs that did not decode
}

// Skipped returns how many logs of watched contracts did not decode and were skipped.
func (ix *Indexer) Skipped() uint64 {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.skipped
}

// New returns an indexer reading chain, writing st and handing updates to consumer
// (which may be nil).
func New(cfg Config, chain Chain, st Store, consumer Consumer) (*Indexer, error) {
	if cfg.ChainID == nil || len(cfg.Contracts) == 0 {
		return nil, fmt.Errorf("indexer: chain id and at least one contract are required")
	}
	if cfg.Confirmations == 0 {
		cfg.Confirmations = 12
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 2 * time.Second
	}
	if cfg.InitialRange == 0 {
		cfg.InitialRange = 100
	}
	if cfg.MaxRange == 0 {
		cfg.MaxRange = 10000
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if consumer == nil {
		consumer = func(context.Context, Update) {}
	}
	return &Indexer{cfg: cfg, chain: chain, store: st, consumer: consumer, log: cfg.Logger, rng: cfg.InitialRange}, nil
}

// Progress returns the last head seen and the last block indexed.
func (ix *Indexer) Progress() (head, indexed uint64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.head, ix.indexed
}

// Run indexes until ctx ends, waking on new heads when the chain offers a subscription
// and every poll interval otherwise. RPC errors are logged and retried.
func (ix *Indexer) Run(ctx context.Context) error {
	wake := make(chan struct{}, 1)
	var wg sync.WaitGroup
	defer wg.Wait()
	if s, ok := ix.chain.(HeadSubscriber); ok {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix.followHeads(ctx, s, wake)
		}()
	}
	// After a failure: from the poll interval (at most a second), doubled up to 30 s;
	// a new schedule once a step succeeds.
	first := min(ix.cfg.PollInterval, time.Second)
	var failing retry.Backoff
	for {
		caughtUp, err := ix.Sync(ctx)
		wait := time.Duration(0)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			if failing == nil {
				failing = backoff.Exponential(first, 30*time.Second)
			}
			wait, _ = failing.Next()
			ix.log.Warn("indexing failed, retrying", "err", err, "in", wait)
		case caughtUp:
			wait, failing = ix.cfg.PollInterval, nil
		default:
			failing = nil
		}
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-wake:
			case <-t.C:
			}
			t.Stop()
		}
	}
}

// Sync does one step: it checks the stored tip against the chain (rolling back a reorg),
// indexes the next range of blocks, and confirms events that are deep enough. It reports
// whether the index reached the head.
func (ix *Indexer) Sync(ctx context.Context) (caughtUp bool, err error) {
	headH, err := ix.chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("read head: %w", err)
	}
	head := headH.Number.Uint64()
	cursor, ok, err := ix.store.Cursor(ctx, ix.cfg.ChainID)
	if err != nil {
		return false, err
	}
	from := ix.cfg.StartBlock
	var prev *store.Block
	if ok {
		if cursor, err = ix.checkReorg(ctx, cursor, head); err != nil {
			return false, err
		}
		from, prev = cursor.Number+1, &cursor
	}
	ix.setProgress(head, from-1)
	if from > head {
		ix.ahead = nil
		return true, ix.confirm(ctx, head)
	}
	var f fetched
	if ix.ahead != nil && ix.aheadFrom == from {
		f = <-ix.ahead
	} else {
		f = ix.fetch(ctx, from, min(head, from+ix.rng-1))
	}
	ix.ahead = nil
	if f.err != nil {
		var re *rangeError
		if errors.As(f.err, &re) && ix.rng > 1 && ctx.Err() == nil {
			ix.rng = max(1, ix.rng/2)
			ix.log.Info("shrinking log range after error", "blocks", ix.rng, "err", re.err)
			return false, nil
		}
		return false, f.err
	}
	ix.adapt(f)
	to := f.to
	if to < head {
		// The next range is read while this one is stored: the node's work and the
		// database's overlap. Its logs are checked against headers read after them, and
		// its first block against this range's last, as if it were read afterwards.
		next, ch := to+1, make(chan fetched, 1)
		ix.ahead, ix.aheadFrom = ch, next
		go func(to uint64) { ch <- ix.fetch(ctx, next, to) }(min(head, next+ix.rng-1))
	}
	if prev != nil && f.first.ParentHash != prev.Hash {
		// The range must extend the stored tip; checked after reading it, so that a
		// reorg during the reads is caught here or by the next checkReorg.
		ix.ahead = nil
		return false, fmt.Errorf("block %d: %w: parent %s, stored tip %s", from, ErrInconsistentRange, f.first.ParentHash, prev.Hash)
	}
	blocks, events := f.blocks, f.events
	next := blocks[len(blocks)-1]
	// Events already deep enough (a backfill) are stored confirmed, instead of being
	// confirmed by a second write of every row; consumers still see them seen, then
	// confirmed.
	var deep []store.Event
	if head >= ix.cfg.Confirmations {
		for i := range events {
			if events[i].BlockNumber <= head-ix.cfg.Confirmations {
				events[i].Confirmed = true
				deep = append(deep, events[i])
			}
		}
	}
	if err := ix.store.ApplyRange(ctx, ix.cfg.ChainID, prev, next, blocks, events); err != nil {
		ix.ahead = nil
		return false, err
	}
	ix.setProgress(head, to)
	if len(events) > 0 {
		seen := make([]store.Event, len(events))
		for i, e := range events {
			e.Confirmed = false
			seen[i] = e
		}
		ix.consumer(ctx, Update{Kind: Seen, Events: seen})
	}
	if len(deep) > 0 {
		ix.consumer(ctx, Update{Kind: Confirmed, Events: deep})
	}
	return to == head, ix.confirm(ctx, head)
}

// targetLogs is how many logs the adaptive range aims for: enough per request that the
// node's per-call cost is small, few enough that reading the next range and storing this
// one overlap.
const targetLogs = 5000

// fetched is one range read from the node: its logs decoded into blocks and events, and
// its first block's header (for the parent check).
type fetched struct {
	from, to uint64
	logs     int
	took     time.Duration
	first    *types.Header
	blocks   []store.Block
	events   []store.Event
	err      error
}

// rangeError is a failed eth_getLogs: the range shrinks.
type rangeError struct{ err error }

func (e *rangeError) Error() string { return e.err.Error() }
func (e *rangeError) Unwrap() error { return e.err }

// fetch reads the logs of blocks from..to and the headers they need.
func (ix *Indexer) fetch(ctx context.Context, from, to uint64) fetched {
	f := fetched{from: from, to: to}
	start := time.Now()
	logs, err := ix.chain.FilterLogs(ctx, ethereum.FilterQuery{
		FromBlock: bigU(from), ToBlock: bigU(to), Addresses: ix.cfg.Contracts,
	})
	if err != nil {
		f.err = &rangeError{fmt.Errorf("read logs %d-%d: %w", from, to, err)}
		return f
	}
	f.logs, f.took = len(logs), time.Since(start)
	header := ix.headerCache(ctx)
	if f.blocks, f.events, f.err = ix.blocksAndEvents(header, to, logs); f.err != nil {
		return f
	}
	f.first, f.err = header(from)
	return f
}

// adapt sets the next range from what the last one held: fewer blocks when it held more
// than targetLogs logs, twice as many when it held fewer than half and came quickly.
func (ix *Indexer) adapt(f fetched) {
	blocks := f.to - f.from + 1
	switch {
	case f.logs > targetLogs:
		ix.rng = max(1, min(ix.rng, blocks*targetLogs/uint64(f.logs)))
	case f.logs < targetLogs/2 && f.took < 2*time.Second:
		ix.rng = min(ix.rng*2, ix.cfg.MaxRange)
	}
}

// blocksAndEvents decodes the logs and fetches the headers of the blocks holding them and
// of the range's last block (which comes last). A log whose block is no longer canonical
// means a reorg is under way: the range is refused and read again.
func (ix *Indexer) blocksAndEvents(header func(uint64) (*types.Header, error), to uint64, logs []types.Log) ([]store.Block, []store.Event, error) {
	last, err := header(to)
	if err != nil {
		return nil, nil, err
	}
	var blocks []store.Block
	seen := map[uint64]common.Hash{}
	events := make([]store.Event, 0, len(logs))
	for i := range logs {
		l := &logs[i]
		if l.Removed {
			continue
		}
		if h, done := seen[l.BlockNumber]; done {
			if h != l.BlockHash {
				return nil, nil, fmt.Errorf("block %d: %w", l.BlockNumber, ErrInconsistentRange)
			}
		} else if l.BlockNumber != to {
			h, err := header(l.BlockNumber)
			if err != nil {
				return nil, nil, err
			}
			if h.Hash() != l.BlockHash {
				return nil, nil, fmt.Errorf("block %d: %w", l.BlockNumber, ErrInconsistentRange)
			}
			blocks = append(blocks, headerBlock(h))
			seen[l.BlockNumber] = l.BlockHash
		} else {
			if last.Hash() != l.BlockHash {
				return nil, nil, fmt.Errorf("block %d: %w", l.BlockNumber, ErrInconsistentRange)
			}
			seen[l.BlockNumber] = l.BlockHash
		}
		e, err := Decode(l)
		if err != nil {
			// Whatever a watched contract emits, the range goes on: one log that does not
			// decode (an unknown event, a known one malformed by a look-alike contract)
			// must not stop every contract's indexing, a stale close in the next block
			// included.
			ix.log.Warn("skipping a log that does not decode", "contract", l.Address, "block", l.BlockNumber, "tx", l.TxHash, "err", err)
			ix.mu.Lock()
			ix.skipped++
			ix.mu.Unlock()
			if !errors.Is(err, ErrUnknownEvent) && ix.cfg.OnSkip != nil {
				ix.cfg.OnSkip(*l, err)
			}
			continue
		}
		events = append(events, e)
	}
	return append(blocks, headerBlock(last)), events, nil
}

// headerCache returns a reader of headers by number that asks the node once per block:
// the range's first block often also holds logs or is its last.
func (ix *Indexer) headerCache(ctx context.Context) func(uint64) (*types.Header, error) {
	cache := map[uint64]*types.Header{}
	return func(n uint64) (*types.Header, error) {
		if h, ok := cache[n]; ok {
			return h, nil
		}
		h, err := ix.chain.HeaderByNumber(ctx, bigU(n))
		if err != nil {
			return nil, fmt.Errorf("read header %d: %w", n, err)
		}
		cache[n] = h
		return h, nil
	}
}

// checkReorg compares the stored blocks in the unconfirmed window (and the stored tip)
// with the chain. Below the lowest mismatch it walks down to the highest stored block
// still canonical, rolls back everything above it and hands the removed events to the
// consumer. It returns the cursor to continue from.
func (ix *Indexer) checkReorg(ctx context.Context, cursor store.Block, head uint64) (store.Block, error) {
	low := uint64(0)
	if head > ix.cfg.Confirmations {
		low = head - ix.cfg.Confirmations
	}
	// Stored blocks above the node's head (a lagging node, or a shorter chain) are
	// checked once the node reaches them.
	known, err := ix.store.KnownBlocks(ctx, ix.cfg.ChainID, low) // the unconfirmed window, highest first
	if err != nil {
		return cursor, err
	}
	bad := uint64(0)
	badFound := false
	for _, b := range known {
		if b.Number > head {
			continue
		}
		h, err := ix.chain.HeaderByNumber(ctx, bigU(b.Number))
		if err != nil {
			return cursor, fmt.Errorf("read header %d: %w", b.Number, err)
		}
		if h.Hash() != b.Hash {
			bad, badFound = b.Number, true
		}
	}
	if !badFound && cursor.Number <= head {
		h, err := ix.chain.HeaderByNumber(ctx, bigU(cursor.Number))
		if err != nil {
			return cursor, fmt.Errorf("read header %d: %w", cursor.Number, err)
		}
		if h.Hash() != cursor.Hash {
			bad, badFound = cursor.Number, true
		}
	}
	if !badFound {
		return cursor, nil
	}
	// Rare path: the common ancestor may lie below the window.
	if known, err = ix.store.KnownBlocks(ctx, ix.cfg.ChainID, 0); err != nil {
		return cursor, err
	}
	var ancestor store.Block
	found := false
	for _, b := range known {
		if b.Number >= bad {
			continue
		}
		nh, err := ix.chain.HeaderByNumber(ctx, bigU(b.Number))
		if err != nil {
			return cursor, fmt.Errorf("read header %d: %w", b.Number, err)
		}
		if nh.Hash() == b.Hash {
			ancestor, found = b, true
			break
		}
	}
	if !found {
		if ix.cfg.StartBlock == 0 {
			return cursor, fmt.Errorf("reorg below the first indexed block %d", bad)
		}
		ah, err := ix.chain.HeaderByNumber(ctx, bigU(ix.cfg.StartBlock-1))
		if err != nil {
			return cursor, fmt.Errorf("read header %d: %w", ix.cfg.StartBlock-1, err)
		}
		ancestor = headerBlock(ah)
	}
	ix.log.Warn("reorg detected", "stored_tip", cursor.Number, "common_ancestor", ancestor.Number)
	removed, err := ix.store.Rollback(ctx, ix.cfg.ChainID, ancestor)
	if err != nil {
		return cursor, err
	}
	if len(removed) > 0 {
		ix.consumer(ctx, Update{Kind: Removed, Events: removed})
	}
	return ancestor, nil
}

func (ix *Indexer) confirm(ctx context.Context, head uint64) error {
	if head < ix.cfg.Confirmations {
		return nil
	}
	evs, err := ix.store.ConfirmUpTo(ctx, ix.cfg.ChainID, head-ix.cfg.Confirmations)
	if err != nil {
		return err
	}
	if len(evs) > 0 {
		ix.consumer(ctx, Update{Kind: Confirmed, Events: evs})
	}
	return nil
}

func (ix *Indexer) setProgress(head, indexed uint64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.head, ix.indexed = head, indexed
}
