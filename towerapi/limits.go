package towerapi

import (
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/vigil-hub/vigil/wire"
)

// Limits bound what the API takes from the internet, which includes the hub: every lasting
// entry must cost its creator a transaction, and no client may take the tower's CPU or a
// user's place. The zero value limits nothing.
type Limits struct {
	// MaxUnseen is how many channels not seen on-chain the tower holds states for, per
	// contract (0: no quota). A deposit for another one is refused with 403 unseen_quota.
	MaxUnseen int64
	// ClientRate is how many requests per second one client address may make, a deposit
	// request counting one per state (0: unlimited), with bursts of ClientBurst, which
	// must hold a whole batch (MaxBatch). IPv6 clients are counted by /64.
	ClientRate  rate.Limit
	ClientBurst int
	// UserRate is how many newer states per second a channel user may have stored (0:
	// unlimited), with bursts of UserBurst. Only a deposit that stores something counts:
	// replaying a user's old states spends nothing of the user's.
	UserRate  rate.Limit
	UserBurst int
}

// DefaultLimits are the limits a tower runs with unless configured otherwise.
func DefaultLimits() Limits {
	return Limits{MaxUnseen: 1000, ClientRate: 100, ClientBurst: 1000, UserRate: 10, UserBurst: 100}
}

// maxLimiterKeys bounds the clients or users a limiter tracks at once; a new one beyond
// it is refused until idle ones are forgotten.
const maxLimiterKeys = 100_000

// WithLimits sets the server's limits.
func (s *Server) WithLimits(l Limits) *Server {
	s.limits = l
	s.clients = newKeyedLimiter(l.ClientRate, l.ClientBurst)
	s.usersLim = newKeyedLimiter(l.UserRate, l.UserBurst)
	return s
}

// keyedLimiter is a token bucket per key. A bucket that has refilled is forgotten: a new
// one in its place behaves the same, so forgetting it loses nothing.
type keyedLimiter struct {
	rate  rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
	sweep   time.Time
}

// newKeyedLimiter returns a limiter of r per second with bursts of burst per key, or nil
// (no limit) for r = 0.
func newKeyedLimiter(r rate.Limit, burst int) *keyedLimiter {
	if r <= 0 {
		return nil
	}
	return &keyedLimiter{rate: r, burst: max(burst, 1), buckets: map[string]*rate.Limiter{}}
}

// bucket returns key's bucket, creating it; nil when too many keys are tracked.
func (k *keyedLimiter) bucket(key string, now time.Time) *rate.Limiter {
	k.mu.Lock()
	defer k.mu.Unlock()
	if b := k.buckets[key]; b != nil {
		return b
	}
	if now.After(k.sweep) || len(k.buckets) >= maxLimiterKeys {
		for key, b := range k.buckets {
			if b.TokensAt(now) >= float64(k.burst) {
				delete(k.buckets, key)
			}
		}
		k.sweep = now.Add(time.Minute)
	}
	if len(k.buckets) >= maxLimiterKeys {
		return nil
	}
	b := rate.NewLimiter(k.rate, k.burst)
	k.buckets[key] = b
	return b
}

// take spends n tokens of key's bucket if it has them now; otherwise it spends nothing
// and says how long to wait (0 when n can never fit a burst).
func (k *keyedLimiter) take(key string, n int, now time.Time) (ok bool, wait time.Duration) {
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

// has reports whether key's bucket holds a token now, spending none; wait is how long
// until it does.
func (k *keyedLimiter) has(key string, now time.Time) (ok bool, wait time.Duration) {
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

// spend takes one token of key's bucket, going into debt if it has none.
func (k *keyedLimiter) spend(key string, now time.Time) {
	if k == nil {
		return
	}
	if b := k.bucket(key, now); b != nil {
		b.ReserveN(now, 1)
	}
}

// clientKey is who a request comes from: its remote IP address, an IPv6 one by its /64.
func clientKey(r *http.Request) string {
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

// rateLimited is the rejection of a request over a limit: 429 with Retry-After.
func rateLimited(w http.ResponseWriter, wait time.Duration, format string, args ...any) *apiError {
	w.Header().Set("Retry-After", retryAfter(wait))
	return reject(http.StatusTooManyRequests, wire.CodeRateLimited, format, args...)
}

// retryAfter is a wait in whole seconds, at least one.
func retryAfter(d time.Duration) string {
	return strconv.FormatInt(max(1, int64(math.Ceil(d.Seconds()))), 10)
}

// limitClients spends one of the client's tokens for every request, answering 429 when
// it has none.
func (s *Server) limitClients(next http.Handler) http.Handler {
	if s.clients == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := s.clients.take(clientKey(r), 1, s.now()); !ok {
			s.fail(w, rateLimited(w, wait, "too many requests from this address (%v per second, bursts of %d); retry after %ss",
				s.limits.ClientRate, s.limits.ClientBurst, retryAfter(wait)))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// WithRoom stops deposits (507 insufficient_storage) while room reports the database
// full.
func (s *Server) WithRoom(room Room) *Server {
	s.room = room
	return s
}
