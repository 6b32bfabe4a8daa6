package watcher

import (
	"errors"
	"log/slog"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// TestMalformedLogSkipped: a watched contract (a look-alike answering hub() and
// challengePeriod() will do) emits an ExitStarted whose data does not decode, beside an
// unknown event. Before, the malformed log failed the whole range, forever, for every
// contract: the indexer never reached the next block's stale close. Now both are skipped,
// the malformed one reported to OnSkip, and the range goes on.
func TestMalformedLogSkipped(t *testing.T) {
	var reported []error
	ix := &Indexer{cfg: Config{OnSkip: func(_ types.Log, err error) { reported = append(reported, err) }}, log: slog.New(slog.DiscardHandler)}
	last := &types.Header{Number: big.NewInt(7), Time: 70}
	header := func(n uint64) (*types.Header, error) { return last, nil }
	exit := managerABI.Events["ExitStarted"].ID
	logs := []types.Log{
		{Address: common.Address{1}, Topics: []common.Hash{exit, {2}}, Data: []byte{1, 2, 3}, BlockNumber: 7, BlockHash: last.Hash(), Index: 0},
		{Address: common.Address{1}, Topics: []common.Hash{{0xee}}, BlockNumber: 7, BlockHash: last.Hash(), Index: 1},
	}
	blocks, events, err := ix.blocksAndEvents(header, 7, logs)
	if err != nil {
		t.Fatalf("a range with a malformed log: %v", err)
	}
	if len(events) != 0 || len(blocks) != 1 || blocks[0].Number != 7 {
		t.Fatalf("blocks %v, events %v: want the block indexed without the two logs", blocks, events)
	}
	if ix.Skipped() != 2 || len(reported) != 1 || errors.Is(reported[0], ErrUnknownEvent) {
		t.Fatalf("skipped %d, reported %v: want 2 skipped, the malformed one reported", ix.Skipped(), reported)
	}
}
