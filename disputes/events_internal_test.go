package disputes

import (
	"slices"
	"testing"

	"github.com/vigil-hub/vigil/store"
)

// TestEveryEventHasADecision: the engine decides, for every ChannelManager event, whether
// it re-examines the channel.
func TestEveryEventHasADecision(t *testing.T) {
	for _, k := range store.EventKinds() {
		if _, ok := disputeEvents[k]; !ok {
			t.Errorf("the dispute engine makes no decision on %s", k)
		}
	}
}

// TestPassOrder: a pass goes through challenges still to be signed and every entry in
// flight (a settlement's nonce may be below a challenge's), in the outbox's order, then
// secrets still to be signed (after every challenge, whatever their deadlines), then
// challenges and secrets included, then everything else.
func TestPassOrder(t *testing.T) {
	txs := []store.OutboxTx{
		{ID: 1, Intent: store.Intent{Kind: store.KindChallenge}, Status: store.TxIncluded},
		{ID: 2, Intent: store.Intent{Kind: store.KindChallenge}, Status: store.TxSent},
		{ID: 3, Intent: store.Intent{Kind: store.KindChallenge}, Status: store.TxQueued},
		{ID: 4, Intent: store.Intent{Kind: store.KindRegisterSecret}, Status: store.TxIncluded},
		{ID: 5, Intent: store.Intent{Kind: store.KindRegisterSecret}, Status: store.TxQueued},
		{ID: 6, Intent: store.Intent{Kind: store.KindSettle}, Status: store.TxQueued},
		{ID: 7, Intent: store.Intent{Kind: store.KindSettle}, Status: store.TxIncluded},
		{ID: 8, Intent: store.Intent{Kind: store.KindSettle}, Status: store.TxSent},
	}
	var got []int64
	for _, i := range passOrder(txs) {
		got = append(got, txs[i].ID)
	}
	if want := []int64{2, 3, 8, 5, 1, 4, 6, 7}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}
