package hub

import (
	"testing"

	"github.com/vigil-hub/vigil/store"
)

// TestEveryEventHasADecision: the hub decides, for every ChannelManager event, whether it
// acts on it.
func TestEveryEventHasADecision(t *testing.T) {
	for _, k := range store.EventKinds() {
		if _, ok := hubEvents[k]; !ok {
			t.Errorf("the hub makes no decision on %s", k)
		}
	}
}
