package watcher

import (
	"testing"

	"github.com/vigil-hub/vigil/store"
)

// TestEveryABIEventIsDecoded: every event the contract's ABI declares has a kind and a
// typed decoder, and every kind is an event of the ABI. Adding an event to the contract
// without handling it fails here.
func TestEveryABIEventIsDecoded(t *testing.T) {
	inABI := map[store.EventKind]bool{}
	for _, ev := range managerABI.Events {
		k, err := store.ParseEventKind(ev.Name)
		if err != nil {
			t.Errorf("ABI event %s has no store.EventKind", ev.Name)
			continue
		}
		if _, ok := decoders[k]; !ok {
			t.Errorf("ABI event %s has no typed decoder", ev.Name)
		}
		if eventsByID[ev.ID] != k {
			t.Errorf("ABI event %s's topic is not mapped to its kind", ev.Name)
		}
		inABI[k] = true
	}
	for _, k := range store.EventKinds() {
		if !inABI[k] {
			t.Errorf("kind %s is no event of the ABI", k)
		}
	}
}
