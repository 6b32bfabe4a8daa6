package disputes_test

import (
	"context"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/store"
)

// lostChain is a node that loses every transaction sent to it (it answers as if it took
// them), and runs a hook before the next receipt lookup.
type lostChain struct {
	disputes.Chain
	mu        sync.Mutex
	receipts  int
	onReceipt func()
}

func (c *lostChain) SendTransaction(context.Context, *types.Transaction) error { return nil }

func (c *lostChain) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	c.mu.Lock()
	c.receipts++
	hook := c.onReceipt
	c.onReceipt = nil
	c.mu.Unlock()
	if hook != nil {
		hook()
	}
	return c.Chain.TransactionReceipt(ctx, h)
}

func (c *lostChain) lookups() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.receipts
}

// TestNewChallengeDoesNotWaitForFollows: the tower has many challenges in flight that
// the node lost, so that each pass of the sender looks for their receipts and sends them
// again, when another stale close is seen in the middle of a pass. The pass stops there
// instead of following every other challenge first, and the next one signs the new
// challenge before anything else.
func TestNewChallengeDoesNotWaitForFollows(t *testing.T) {
	const n = 60
	e := newEnv(t, envConfig{users: n + 1, blockGasLimit: 2_000_000_000})
	ctx := t.Context()
	lost := &lostChain{Chain: e.c.Client}
	tw := e.newTower(e.st, e.tower, lost)
	stale, _ := e.openManyStale(e.users)
	e.sync(tw)
	e.closeAll(stale[:n])
	e.sync(tw)
	if err := tw.snd.Step(ctx); err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, tx := range e.activeTxs(tw) {
		if tx.Status == store.TxSent {
			sent++
		}
	}
	if sent != n {
		t.Fatalf("%d challenges in flight, want %d", sent, n)
	}

	victim := e.users[n].Addr
	e.closeAll(stale[n:])
	// The victim's close is indexed during the next pass, at its first receipt lookup.
	lost.mu.Lock()
	lost.receipts = 0
	lost.onReceipt = func() { e.sync(tw) }
	lost.mu.Unlock()
	if err := tw.snd.Step(ctx); err != nil {
		t.Fatal(err)
	}
	if got := lost.lookups(); got > 3 {
		t.Fatalf("the pass looked up %d receipts after the new challenge was queued: it did not stop for it", got)
	}
	box := e.outbox(e.st, victim)
	if len(box) != 1 || box[0].Kind != store.KindChallenge {
		t.Fatalf("victim's outbox: %+v, want one challenge", box)
	}
	before := lost.lookups()
	if err := tw.snd.Step(ctx); err != nil {
		t.Fatal(err)
	}
	box = e.outbox(e.st, victim)
	if box[0].Status != store.TxSent || len(box[0].Attempts) == 0 {
		t.Fatalf("victim's challenge %s with %d attempts after the next pass, want sent", box[0].Status, len(box[0].Attempts))
	}
	t.Logf("receipts looked up: %d in the interrupted pass, %d in the next", before, lost.lookups()-before)
}
