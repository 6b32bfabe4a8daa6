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
