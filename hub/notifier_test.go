package hub

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// TestNotifierForgets: waits that time out are forgotten, and a notification wakes only
// the waits still registered.
func TestNotifierForgets(t *testing.T) {
	n := newNotifier()
	u := common.Address{1}
	for range 100 {
		_, forget := n.wait(u)
		forget()
	}
	if len(n.subs) != 0 {
		t.Fatalf("%d users still registered after every wait was forgotten", len(n.subs))
	}
	ch, _ := n.wait(u)
	_, forget := n.wait(u)
	forget()
	n.notify(u, store.HubState{Kind: "first"})
	select {
	case <-ch:
	default:
		t.Fatal("a registered wait was not woken")
	}
}

// TestNotifierKeepsLast: the newest proposal is kept for a user someone waits for — also
// one notified between a waiter's wake and its next wait — and forgotten with the last
// waiter; none is kept for a user nobody waits for.
func TestNotifierKeepsLast(t *testing.T) {
	n := newNotifier()
	u, other := common.Address{1}, common.Address{2}
	n.notify(other, store.HubState{Kind: "unwatched"})
	if _, ok := n.lastFor(other); ok {
		t.Fatal("a proposal kept for a user nobody waits for")
	}
	_, _ = n.wait(u)
	n.notify(u, store.HubState{Kind: "first"})
	n.notify(u, store.HubState{Kind: "second"}) // before the woken waiter waits again
	if hs, ok := n.lastFor(u); !ok || hs.Kind != "second" {
		t.Fatalf("kept %q, %v; want the second proposal", hs.Kind, ok)
	}
	_, forget := n.wait(u)
	forget()
	if _, ok := n.lastFor(u); ok {
		t.Fatal("a proposal kept after the last waiter went")
	}
}
