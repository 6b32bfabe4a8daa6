package hub

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"
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
	n.notify(u)
	select {
	case <-ch:
	default:
		t.Fatal("a registered wait was not woken")
	}
}
