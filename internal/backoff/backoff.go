// Package backoff is the one schedule of Vigil's retry loops, on github.com/sethvargo/go-retry:
// an exponential wait, capped, and the wait a server asks for (its Retry-After header)
// in place of the schedule's. A loop that retries until it succeeds runs under retry.Do
// with these; a loop that runs for ever (an indexer, a subscription) takes its waits
// from Next and starts a new schedule once it succeeds.
package backoff

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sethvargo/go-retry"
)

// Exponential is a schedule that waits first, then twice as long each time, at most
// most; it never stops by itself (bound it with retry.WithMaxDuration or
// retry.WithMaxRetries). first must be positive.
func Exponential(first, most time.Duration) retry.Backoff {
	return retry.WithCappedDuration(most, retry.NewExponential(first))
}

// Nth is the wait of Exponential(first, most) after n consecutive failures (the first
// for n ≤ 1): for a loop that keeps its count of failures rather than a schedule (an
// alert's attempts are stored with it).
func Nth(n int, first, most time.Duration) time.Duration {
	b := Exponential(first, most)
	d, _ := b.Next()
	for i := 1; i < n && d < most; i++ {
		d, _ = b.Next()
	}
	return d
}

// Asked is a schedule whose next wait a server may set: after Ask(d) with d > 0, the
// next wait is d instead of the schedule's. The schedule still advances and still says
// when to stop, so a wrapping retry.WithMaxDuration caps an asked wait by the budget
// left. It is for one loop: not safe for concurrent use.
type Asked struct {
	next  retry.Backoff
	asked time.Duration
}

// WithAsked returns next with a wait a server may set (Asked).
func WithAsked(next retry.Backoff) *Asked { return &Asked{next: next} }

// Ask sets the next wait to d, as the server asked after the last try; zero (the server
// asked nothing) leaves the schedule's.
func (a *Asked) Ask(d time.Duration) { a.asked = d }

// Next returns the wait before the next try, and whether to stop; it implements
// retry.Backoff.
func (a *Asked) Next() (time.Duration, bool) {
	d, stop := a.next.Next()
	if stop {
		return 0, true
	}
	if a.asked > 0 {
		d = a.asked
	}
	a.asked = 0
	return d, false
}

// RetryAfter reads a Retry-After header — delay-seconds or an HTTP-date — as a wait, at
// most most. It is zero when the header is absent, unreadable or in the past.
func RetryAfter(h http.Header, most time.Duration) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0
		}
		if s > int64(most/time.Second) {
			return most // before multiplying: a huge value would overflow
		}
		return min(time.Duration(s)*time.Second, most)
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(time.Until(t), 0), most)
	}
	return 0
}
