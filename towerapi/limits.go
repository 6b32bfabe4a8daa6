package towerapi

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/time/rate"

	"github.com/vigil-hub/vigil/internal/ratelimit"
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

// WithLimits sets the server's limits.
func (s *Server) WithLimits(l Limits) *Server {
	s.limits = l
	s.clients = ratelimit.New(l.ClientRate, l.ClientBurst)
	s.usersLim = ratelimit.New(l.UserRate, l.UserBurst)
	return s
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
		if ok, wait := s.clients.Take(ratelimit.ClientKey(r), 1, s.now()); !ok {
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
