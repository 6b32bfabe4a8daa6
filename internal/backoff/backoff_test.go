package backoff

import (
	"net/http"
	"testing"
	"time"

	"github.com/sethvargo/go-retry"
)

func TestRetryAfter(t *testing.T) {
	const most = 10 * time.Minute
	tests := []struct {
		name   string
		header string
		want   time.Duration
	}{
		{"absent", "", 0},
		{"seconds", "2", 2 * time.Second},
		{"seconds/zero", "0", 0},
		{"seconds/spaces", " 7 ", 7 * time.Second},
		{"seconds/capped", "3600", most},
		{"seconds/overflowing", "99999999999999999", most},
		{"seconds/negative", "-5", 0},
		{"date/past", "Wed, 21 Oct 2015 07:28:00 GMT", 0},
		{"date/far future", "Fri, 31 Dec 9999 23:59:59 GMT", most},
		{"junk", "soon", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			if tc.header != "" {
				h.Set("Retry-After", tc.header)
			}
			if got := RetryAfter(h, most); got != tc.want {
				t.Errorf("Retry-After %q: %v, want %v", tc.header, got, tc.want)
			}
		})
	}
	// An HTTP-date a minute ahead is about a minute (whole seconds: the format has no less).
	h := http.Header{"Retry-After": {time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)}}
	if got := RetryAfter(h, most); got < 58*time.Second || got > time.Minute {
		t.Errorf("a date a minute ahead: %v", got)
	}
	// Below a second of cap, a zero still asks nothing.
	if got := RetryAfter(http.Header{"Retry-After": {"0"}}, 500*time.Millisecond); got != 0 {
		t.Errorf("Retry-After 0 under a 500ms cap: %v, want 0", got)
	}
}

// TestExponential: the schedule the hand-written loops had — doubled from first, capped
// at most — with Nth the same schedule by count.
func TestExponential(t *testing.T) {
	b := Exponential(50*time.Millisecond, time.Second)
	want := []time.Duration{50, 100, 200, 400, 800, 1000, 1000}
	for i, w := range want {
		d, stop := b.Next()
		if stop || d != w*time.Millisecond {
			t.Fatalf("wait %d: %v (stop %v), want %v", i+1, d, stop, w*time.Millisecond)
		}
		if n := Nth(i+1, 50*time.Millisecond, time.Second); n != d {
			t.Errorf("Nth(%d) = %v, want %v", i+1, n, d)
		}
	}
	if n := Nth(0, 50*time.Millisecond, time.Second); n != 50*time.Millisecond {
		t.Errorf("Nth(0) = %v, want the first wait", n)
	}
	if n := Nth(10_000, time.Second, 5*time.Minute); n != 5*time.Minute {
		t.Errorf("Nth after 10,000 failures = %v, want the cap", n)
	}
}

// TestAsked: a wait the server asks for replaces the schedule's once; the schedule goes
// on advancing, still decides when to stop, and a budget around it caps the asked wait.
func TestAsked(t *testing.T) {
	a := WithAsked(retry.WithMaxRetries(3, Exponential(time.Millisecond, time.Second)))
	a.Ask(2 * time.Second)
	if d, stop := a.Next(); stop || d != 2*time.Second {
		t.Fatalf("asked 2s: %v (stop %v)", d, stop)
	}
	if d, stop := a.Next(); stop || d != 2*time.Millisecond {
		t.Fatalf("nothing asked after: %v (stop %v), want the schedule's second wait, 2ms", d, stop)
	}
	a.Ask(time.Hour)
	if d, stop := a.Next(); stop || d != time.Hour {
		t.Fatalf("asked an hour: %v (stop %v)", d, stop)
	}
	a.Ask(time.Second)
	if _, stop := a.Next(); !stop {
		t.Fatal("an asked wait went past the schedule's last retry")
	}

	inner := WithAsked(Exponential(time.Millisecond, time.Second))
	capped := retry.WithMaxDuration(time.Minute, inner)
	inner.Ask(time.Hour)
	if d, stop := capped.Next(); stop || d > time.Minute || d < 59*time.Second {
		t.Fatalf("asked an hour with a minute's budget: %v (stop %v), want the minute left", d, stop)
	}
}
