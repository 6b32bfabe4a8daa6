package disputes

import (
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

// TestSendFirstPutsNewChallengesAhead: a pass signs the queued challenges and secrets
// before it follows what was sent, and otherwise keeps the outbox's order.
func TestSendFirstPutsNewChallengesAhead(t *testing.T) {
	txs := []store.OutboxTx{
		{ID: 1, Intent: store.Intent{Kind: store.KindChallenge}, Status: store.TxSent},
		{ID: 2, Intent: store.Intent{Kind: store.KindChallenge}, Status: store.TxIncluded},
		{ID: 3, Intent: store.Intent{Kind: store.KindChallenge}, Status: store.TxQueued},
		{ID: 4, Intent: store.Intent{Kind: store.KindRegisterSecret}, Status: store.TxQueued},
		{ID: 5, Intent: store.Intent{Kind: store.KindSettle}, Status: store.TxQueued},
		{ID: 6, Intent: store.Intent{Kind: store.KindSettle}, Status: store.TxSent},
	}
	var got []int64
	for _, i := range sendFirst(txs) {
		got = append(got, txs[i].ID)
	}
	want := []int64{3, 4, 1, 2, 5, 6}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}
