package alert

import (
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// TestSlackDownThenBack: Slack answers 5xx for a while (and once 429) while alerts keep
// coming; once it is back every alert is delivered exactly once, none lost, none
// duplicated, and every queued row is marked delivered.
func TestSlackDownThenBack(t *testing.T) {
	for _, b := range backends() {
		for _, bot := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/bot=%v", b.name, bot), func(t *testing.T) {
				st, _ := b.open(t)
				down := map[int]int{1: 500, 2: 502, 3: 503, 4: 429, 5: 500, 6: 503}
				f := newFakeSlack(t, func(n int) int { return down[n] })
				s := newSlack(t, slackConfig(f, bot, st, nil, nil))
				runLoop(t, s.Run)
				var want []common.Address
				for i := range 40 {
					a := stale(i)
					switch i % 4 {
					case 1:
						a.Kind, a.Key, a.TxHash = ChallengeSent, fmt.Sprintf("sent/%d", i), txHash
					case 2:
						a.Kind, a.Key, a.Severity = ChallengeAtRisk, fmt.Sprintf("risk/%d", i), Critical
					case 3:
						a = Alert{Severity: Critical, Kind: GasLow, Key: fmt.Sprintf("gas/%d", i), Account: userAddr(i), Balance: big.NewInt(1)}
					}
					want = append(want, userAddr(i))
					s.Send(t.Context(), a)
				}
				wait.For(t, "every row delivered", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDelivered) == 40 })
				posts, requests := f.snapshot()
				if requests < len(posts)+len(down) {
					t.Errorf("%d requests for %d posts: the %d failures were not all retried", requests, len(posts), len(down))
				}
				got := markers(t, posts)
				for _, u := range want {
					if got[u] != 1 {
						t.Errorf("alert for %s delivered %d times, want once", u.Hex(), got[u])
					}
				}
				if len(got) != len(want) {
					t.Errorf("%d distinct alerts delivered, want %d", len(got), len(want))
				}
				if dead := countStatus(rows(t, st, SlackSink), store.AlertDead); dead != 0 {
					t.Errorf("%d alerts given up", dead)
				}
			})
		}
	}
}

// TestCrashWithAlertsQueued: a sink is closed while Slack is down and alerts are
// pending; a new sink on the same database (another process) delivers all of them once.
func TestCrashWithAlertsQueued(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			st, reopen := b.open(t)
			dead := newFakeSlack(t, func(int) int { return http.StatusServiceUnavailable })
			first := newSlack(t, slackConfig(dead, false, st, nil, nil))
			stop := runLoop(t, first.Run)
			for i := range 25 {
				first.Send(t.Context(), stale(i))
			}
			wait.For(t, "a failed attempt", func() bool { _, n := dead.snapshot(); return n >= 2 })
			stop()
			if n := countStatus(rows(t, st, SlackSink), store.AlertPending); n != 25 {
				t.Fatalf("%d alerts pending after the crash, want 25", n)
			}
			st2 := reopen(t)
			f := newFakeSlack(t, nil)
			second := newSlack(t, slackConfig(f, false, st2, nil, nil))
			runLoop(t, second.Run)
			wait.For(t, "every row delivered", func() bool { return countStatus(rows(t, st2, SlackSink), store.AlertDelivered) == 25 })
			posts, _ := f.snapshot()
			got := markers(t, posts)
			for i := range 25 {
				if got[userAddr(i)] != 1 {
					t.Errorf("alert %d delivered %d times after the restart, want once", i, got[userAddr(i)])
				}
			}
		})
	}
}

// TestCrashInsideAGroup: the process stops after a group's summary and first detail
// message were accepted; the restarted sink posts the rest of the detail into the same
// thread, with no second summary and no line twice.
func TestCrashInsideAGroup(t *testing.T) {
	b := backends()[0]
	st, reopen := b.open(t)
	f1 := newFakeSlack(t, func(n int) int {
		if n > 2 {
			return http.StatusInternalServerError
		}
		return 0
	})
	cfg := slackConfig(f1, true, st, nil, nil)
	cfg.DetailPerMessage = 5
	first := newSlack(t, cfg)
	for i := range 20 {
		first.Send(t.Context(), stale(i))
	}
	stop := runLoop(t, first.Run)
	wait.For(t, "the summary, one detail and a failure", func() bool { _, n := f1.snapshot(); return n >= 3 })
	stop()
	before, _ := f1.snapshot()
	if len(before) != 2 || before[0].thread != "" || before[1].thread != "1700000000.000001" {
		t.Fatalf("before the crash: %+v", before)
	}
	st2 := reopen(t)
	f2 := newFakeSlack(t, nil)
	cfg = slackConfig(f2, true, st2, nil, nil)
	cfg.DetailPerMessage = 5
	second := newSlack(t, cfg)
	runLoop(t, second.Run)
	wait.For(t, "every row delivered", func() bool { return countStatus(rows(t, st2, SlackSink), store.AlertDelivered) == 20 })
	after, _ := f2.snapshot()
	for _, p := range after {
		if p.thread != "1700000000.000001" {
			t.Errorf("after the restart a post outside the group's thread: %+v", p)
		}
	}
	got := markers(t, append(before, after...))
	for i := range 20 {
		if got[userAddr(i)] != 1 {
			t.Errorf("channel %d listed %d times, want once", i, got[userAddr(i)])
		}
	}
	if len(after) != 3 {
		t.Errorf("%d detail messages after the restart, want 3 (15 lines, 5 per message)", len(after))
	}
}

// TestRateLimitHonoured: a 429 with Retry-After: 1 makes the sink wait a second (not its
// 5ms backoff) before the next attempt; the alert arrives once.
func TestRateLimitHonoured(t *testing.T) {
	var logs logBuffer
	f := newFakeSlack(t, func(n int) int {
		if n == 1 {
			return http.StatusTooManyRequests
		}
		return 0
	})
	st := &MemoryQueue{}
	s := newSlack(t, slackConfig(f, true, st, nil, logs.logger()))
	s.Send(t.Context(), stale(1))
	runLoop(t, s.Run)
	wait.For(t, "the post", func() bool { p, _ := f.snapshot(); return len(p) == 1 })
	if _, n := f.snapshot(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if !strings.Contains(logs.String(), "in=1s") || !strings.Contains(logs.String(), "retry after 1s") {
		t.Errorf("the retry did not wait for Retry-After:\n%s", logs.String())
	}
}

// TestServerErrorsBackOff: 5xx answers are retried with a doubling backoff; the alert
// arrives once and its row records the failed attempts.
func TestServerErrorsBackOff(t *testing.T) {
	var logs logBuffer
	f := newFakeSlack(t, func(n int) int { return map[int]int{1: 500, 2: 502, 3: 503}[n] })
	st, _ := backends()[0].open(t)
	s := newSlack(t, slackConfig(f, false, st, nil, logs.logger()))
	s.Send(t.Context(), stale(1))
	runLoop(t, s.Run)
	wait.For(t, "delivery", func() bool { return countStatus(rows(t, st, SlackSink), store.AlertDelivered) == 1 })
	posts, n := f.snapshot()
	if len(posts) != 1 || n != 4 {
		t.Errorf("%d posts from %d requests, want 1 from 4", len(posts), n)
	}
	if r := rows(t, st, SlackSink)[0]; r.Attempts != 3 || !strings.Contains(r.LastError, "status 503") {
		t.Errorf("row %+v: want 3 failed attempts, the last a 503", r)
	}
	for _, w := range []string{"in=5ms", "in=10ms", "in=20ms"} {
		if !strings.Contains(logs.String(), w) {
			t.Errorf("log lacks the backoff %s:\n%s", w, logs.String())
		}
	}
}

// TestInvalidTokenNotRetried: Slack refuses the token (invalid_auth); the sink does not
// retry, logs the refusal without the token, keeps the alerts queued, and sends nothing
// more for new alerts.
func TestInvalidTokenNotRetried(t *testing.T) {
	var logs logBuffer
	f := newFakeSlack(t, func(int) int { return -1 })
	st, _ := backends()[0].open(t)
	s := newSlack(t, slackConfig(f, true, st, nil, logs.logger()))
	s.Send(t.Context(), stale(1))
	runLoop(t, s.Run)
	wait.For(t, "the halt", func() bool { return s.Halted() != nil })
	if !errors.Is(s.Halted(), ErrUnauthorized) || !strings.Contains(s.Halted().Error(), "invalid_auth") {
		t.Errorf("halted with %v, want ErrUnauthorized (invalid_auth)", s.Halted())
	}
	s.Send(t.Context(), stale(2))
	p := s.eng.passes.Load()
	wait.For(t, "two more loop passes", func() bool { return s.eng.passes.Load() >= p+2 })
	if _, n := f.snapshot(); n != 1 {
		t.Errorf("%d requests after invalid_auth, want 1", n)
	}
	out := logs.String()
	if strings.Contains(out, "s3cr3t") || !strings.Contains(out, "invalid_auth") {
		t.Errorf("log must name invalid_auth and never the token:\n%s", out)
	}
	if n := countStatus(rows(t, st, SlackSink), store.AlertPending); n != 2 {
		t.Errorf("%d alerts still queued, want 2", n)
	}
}
