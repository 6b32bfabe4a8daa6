package alert

import (
	"fmt"
	"testing"

	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// TestReplicasShareOneLoop: two processes on one database both queue alerts; only the
// one holding the sink's lease posts, it delivers what the other queued too, and once it
// stops the other takes the sink over and delivers what is left: each alert once.
func TestReplicasShareOneLoop(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st, reopen := b.open(t)
			st2 := reopen(t)
			f := newFakeSlack(t, nil)
			cfgA, cfgB := slackConfig(f, false, st, nil, nil), slackConfig(f, false, st2, nil, nil)
			cfgA.Owner, cfgB.Owner = "replica-a", "replica-b"
			a, bb := newSlack(t, cfgA), newSlack(t, cfgB)
			stopA := runLoop(t, a.Run)
			wait.For(t, "A holds the sink", func() bool { return a.eng.passes.Load() > 0 })
			runLoop(t, bb.Run)
			for i := range 20 {
				s := a
				if i%2 == 1 {
					s = bb
				}
				s.Send(t.Context(), stale(i))
			}
			wait.For(t, "every row delivered", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDelivered) == 20 })
			for _, r := range rows(t, st, SlackSink) {
				if r.Status == store.AlertDelivered && r.Ref != "" {
					t.Errorf("webhook post with a ref %q", r.Ref)
				}
			}
			stopA()
			for i := 20; i < 30; i++ {
				bb.Send(t.Context(), stale(i))
			}
			wait.For(t, "B took over", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDelivered) == 30 })
			posts, _ := f.snapshot()
			got := markers(t, posts)
			for i := range 30 {
				if got[userAddr(i)] != 1 {
					t.Errorf("alert %d delivered %d times, want once", i, got[userAddr(i)])
				}
			}
			if len(got) != 30 {
				t.Errorf("%d distinct alerts delivered: %v", len(got), fmt.Sprint(len(posts)))
			}
		})
	}
}
