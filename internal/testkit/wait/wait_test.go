package wait_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/internal/testkit/wait"
)

// TestPoll: a condition that comes true is seen; one that never does is reported false
// once the limit has passed, not before.
func TestPoll(t *testing.T) {
	var n atomic.Int32
	if !wait.Poll(time.Minute, func() bool { return n.Add(1) == 3 }) {
		t.Fatal("a condition true on the third call was not seen")
	}
	start := time.Now()
	if wait.Poll(30*time.Millisecond, func() bool { return false }) {
		t.Fatal("a condition never true was reported true")
	}
	if time.Since(start) < 30*time.Millisecond {
		t.Fatal("gave up before the limit")
	}
}
