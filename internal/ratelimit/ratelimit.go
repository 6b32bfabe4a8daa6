// Package ratelimit holds the token buckets the HTTP APIs limit their clients with: one
// bucket per key (a client address, a user), a bounded number of keys, and the key of a
// request's client.
package ratelimit

import (
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// MaxKeys bounds the keys a limiter tracks at once; a new one beyond it is refused until
// idle ones are forgotten.
const MaxKeys = 100_000

// Keyed is a token bucket per key. A bucket that has refilled is forgotten: a new one in
// its place behaves the same, so forgetting it loses nothing. A nil *Keyed limits nothing.
type Keyed struct {
	rate  rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	sweep   time.Time
}

// New returns a limiter of r per second with bursts of burst per key, or nil (no limit)
// for r = 0.
func New(r rate.Limit, burst int) *Keyed {
	if r <= 0 {
		return nil
	}
	return &Keyed{rate: r, burst: max(burst, 1), buckets: map[string]*rate.Limiter{}}
}

// bucket returns key's bucket, creating it; nil when too many keys are tracked.
func (k *Keyed) bucket(key string, now time.Time) *rate.Limiter {
	k.mu.Lock()
	defer k.mu.Unlock()
	if b := k.buckets[key]; b != nil {
		return b
	}
	if now.After(k.sweep) || len(k.buckets) >= MaxKeys {
		for key, b := range k.buckets {
			if b.TokensAt(now) >= float64(k.burst) {
				delete(k.buckets, key)
			}
		}
		k.sweep = now.Add(time.Minute)
	}
	if len(k.buckets) >= MaxKeys {
		return nil
	}
	b := rate.NewLimiter(k.rate, k.burst)
	k.buckets[key] = b
	return b
}

// Take spends n tokens of key's bucket if it has them now; otherwise it spends nothing
// and says how long to wait (0 when n can never fit a burst).
func (k *Keyed) Take(key string, n int, now time.Time) (ok bool, wait time.Duration) {
	if k == nil || n <= 0 {
		return true, 0
	}
	b := k.bucket(key, now)
	if b == nil {
		return false, time.Second
	}
	r := b.ReserveN(now, n)
	if !r.OK() {
		return false, 0
	}
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// Has reports whether key's bucket holds a token now, spending none; wait is how long
// until it does.
func (k *Keyed) Has(key string, now time.Time) (ok bool, wait time.Duration) {
	if k == nil {
		return true, 0
	}
	b := k.bucket(key, now)
	if b == nil {
		return false, time.Second
	}
	t := b.TokensAt(now)
	if t >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - t) / float64(k.rate) * float64(time.Second))
}

// Spend takes one token of key's bucket, going into debt if it has none.
func (k *Keyed) Spend(key string, now time.Time) {
	if k == nil {
		return
	}
	if b := k.bucket(key, now); b != nil {
		b.ReserveN(now, 1)
	}
}

// ClientKey is who a request comes from: its remote IP address, an IPv6 one by its /64
// (what one host is usually given, so that rotating addresses within it gains nothing).
func ClientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	switch {
	case ip == nil:
		return host
	case ip.To4() != nil:
		return ip.To4().String()
	default:
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
}
