package hubapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/time/rate"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/internal/ratelimit"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Server is the hub's HTTP API.
type Server struct {
	hub     Hub
	auth    AuthStore
	log     *slog.Logger
	authTTL time.Duration
	limits  Limits
	polls   *pollGate
	streams *pollGate
	frames  *prometheus.CounterVec
	// closing ends every stream when the process stops (Close): an http.Server's
	// shutdown does not close the connections it handed over.
	closing  context.Context
	closeAll context.CancelFunc
	nonces   *ratelimit.Keyed
	leader   func(context.Context) (bool, string)
}

// Limits bound what one client can hold of the hub. Zero fields take their defaults.
type Limits struct {
	// MaxPollsPerUser and MaxPolls cap concurrent long polls per user (default 4) and in
	// all (default 1,000); one over the cap is answered 429. They cap streams too, apart.
	MaxPollsPerUser, MaxPolls int
	// NonceRate is how many auth nonces one remote address (an IPv6 one by its /64) may ask
	// for per second (default 100), with bursts of NonceBurst (default 500): enough for many
	// wallets behind one proxy, too few to fill the nonce table between two prunes.
	NonceRate  float64
	NonceBurst int
}

func (l *Limits) fill() {
	if l.MaxPollsPerUser <= 0 {
		l.MaxPollsPerUser = 4
	}
	if l.MaxPolls <= 0 {
		l.MaxPolls = 1000
	}
	if l.NonceRate <= 0 {
		l.NonceRate = 100
	}
	if l.NonceBurst <= 0 {
		l.NonceBurst = 500
	}
}

// NewServer returns the API over h, with auth nonces and users' keys in auth.
func NewServer(h Hub, auth AuthStore, log *slog.Logger) *Server {
	return NewServerWith(h, auth, log, Limits{})
}

// NewServerWith is NewServer with limits.
func NewServerWith(h Hub, auth AuthStore, log *slog.Logger, l Limits) *Server {
	if log == nil {
		log = slog.Default()
	}
	l.fill()
	closing, closeAll := context.WithCancel(context.Background())
	return &Server{closing: closing, closeAll: closeAll, hub: h, auth: auth, log: log, authTTL: 2 * time.Minute, limits: l,
		polls:   newPollGate(l.MaxPollsPerUser, l.MaxPolls),
		streams: newPollGate(l.MaxPollsPerUser, l.MaxPolls), frames: newFrameCounter(), nonces: ratelimit.New(rate.Limit(l.NonceRate), l.NonceBurst)}
}

// WithLeader makes the server answer what only the leading process may do — requests,
// co-signatures, collateral and the long poll on proposals — with 503 not_leader while
// leader reports that this process does not lead, naming the leader's URL when it knows
// it. Reads (the hub's info, a channel, payments, keys) and auth nonces, which live in
// the shared database, are served by every process.
func (s *Server) WithLeader(leader func(context.Context) (bool, string)) *Server {
	s.leader = leader
	return s
}

// leaderOnly refuses h's request on a process that does not lead, before its auth nonce
// is spent: the wallet takes the same nonce to the leader.
func (s *Server) leaderOnly(h http.HandlerFunc) http.HandlerFunc {
	if s.leader == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if s.leading(w, r) {
			h(w, r)
		}
	}
}

// leading reports whether this process leads; when it does not, it answers the request
// with not_leader.
func (s *Server) leading(w http.ResponseWriter, r *http.Request) bool {
	ok, addr := s.leads(r.Context())
	if ok {
		return true
	}
	w.Header().Set("Retry-After", "1")
	writeJSON(w, http.StatusServiceUnavailable, wire.Error{Code: wire.CodeNotLeader, Message: notLeaderMessage(addr), Leader: addr})
	return false
}

// leads reports whether this process leads and, when it does not, the leader's URL if
// known.
func (s *Server) leads(ctx context.Context) (bool, string) {
	if s.leader == nil {
		return true, ""
	}
	return s.leader(ctx)
}

// notLeaderMessage says where to go instead.
func notLeaderMessage(addr string) string {
	msg := "this hub process does not lead; ask the leader"
	if addr != "" {
		msg += " at " + addr
	}
	return msg
}

// Close ends every open stream, telling its wallet the process is going away: for the
// http.Server's RegisterOnShutdown, whose shutdown leaves them open.
func (s *Server) Close() { s.closeAll() }

// Handler routes the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/hub", s.info)
	mux.HandleFunc("POST /v1/auth/nonce", s.newNonce)
	mux.HandleFunc("GET /v1/channel", s.authed(s.channel))
	mux.HandleFunc("GET /v1/updates", s.leaderOnly(s.authed(s.updates)))
	mux.HandleFunc("POST /v1/requests", s.leaderOnly(s.authed(s.request)))
	mux.HandleFunc("POST /v1/cosign", s.leaderOnly(s.authed(s.cosign)))
	mux.HandleFunc("POST /v1/collateral", s.leaderOnly(s.authed(s.collateral)))
	mux.HandleFunc("GET "+wire.StreamPath, s.leaderOnly(s.stream))
	mux.HandleFunc("POST /v1/abandon", s.leaderOnly(s.authed(s.abandon)))
	mux.HandleFunc("GET /v1/payments", s.authed(s.payments))
	mux.HandleFunc("GET /v1/users/{addr}/key", s.authed(s.userKey))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, http.StatusNotFound, wire.CodeMethodNotFound, r.Method+" "+r.URL.Path+" is not an endpoint")
	})
	return mux
}

func (s *Server) info(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.hub.Info())
}

func toWire(hs store.HubState) wire.HubState {
	locks := hs.Locks
	if locks == nil {
		locks = []channel.Lock{}
	}
	return wire.HubState{Role: hs.Kind, Detail: hs.Detail, State: hs.State, Locks: locks, SigHub: hs.SigHub, SigUser: hs.SigUser}
}

func channelWire(c hub.Channel) wire.HubChannel {
	out := wire.HubChannel{Proposals: []wire.HubState{}}
	if c.Cosigned != nil {
		w := toWire(*c.Cosigned)
		out.Cosigned = &w
	}
	for _, p := range c.Proposals {
		out.Proposals = append(out.Proposals, toWire(p))
	}
	return out
}

func fromParam(r *http.Request) (*big.Int, error) {
	v := r.URL.Query().Get("from")
	if v == "" {
		return big.NewInt(0), nil
	}
	n, ok := new(big.Int).SetString(v, 10)
	if !ok || n.Sign() < 0 {
		return nil, fmt.Errorf("from=%q is not a nonce", v)
	}
	return n, nil
}

func (s *Server) channel(w http.ResponseWriter, r *http.Request, user common.Address, _ []byte) {
	from, err := fromParam(r)
	if err != nil {
		writeErr(w, http.StatusBadRequest, wire.CodeInvalidField, err.Error())
		return
	}
	c, err := s.hub.View(r.Context(), user, from)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, channelWire(c))
}

// updates long-polls: it answers as soon as the hub has proposals for the user (or at
// the wait, at most a minute).
func (s *Server) updates(w http.ResponseWriter, r *http.Request, user common.Address, _ []byte) {
	from, err := fromParam(r)
	if err != nil {
		writeErr(w, http.StatusBadRequest, wire.CodeInvalidField, err.Error())
		return
	}
	wait := 30 * time.Second
	if v := r.URL.Query().Get("wait"); v != "" {
		if wait, err = time.ParseDuration(v); err != nil || wait < 0 || wait > time.Minute {
			writeErr(w, http.StatusBadRequest, wire.CodeInvalidField, "wait must be a duration up to 1m")
			return
		}
	}
	release, ok := s.polls.enter(user)
	if !ok {
		w.Header().Set("Retry-After", "5")
		writeErr(w, http.StatusTooManyRequests, wire.CodeRateLimited, "too many long polls open; close one or retry")
		return
	}
	defer release()
	// A long poll outlives the server's write timeout on purpose; its own cap is wait.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(wait + 10*time.Second))
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		woken, forget := s.hub.Wait(user) // before looking, so no proposal slips between
		c, err := s.hub.View(r.Context(), user, from)
		if err != nil {
			forget()
			s.fail(w, err)
			return
		}
		if len(c.Proposals) > 0 {
			forget()
			writeJSON(w, http.StatusOK, channelWire(c))
			return
		}
		select {
		case <-woken:
			if !s.leading(w, r) { // woken by the end of this process's lead (Hub.WakeAll)
				forget()
				return
			}
		case <-timer.C:
			forget()
			writeJSON(w, http.StatusOK, channelWire(c))
			return
		case <-r.Context().Done():
			forget()
			return
		}
	}
}

func (s *Server) request(w http.ResponseWriter, r *http.Request, user common.Address, body []byte) {
	var req wire.HubRequest
	if err := decodeStrict(body, &req); err != nil {
		badJSON(w, "request", err)
		return
	}
	hs, err := s.hub.Request(r.Context(), user, hubRequest(req))
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toWire(hs))
}

// hubRequest is the hub's form of a request's body.
func hubRequest(req wire.HubRequest) hub.Request {
	hr := hub.Request{Update: req.Update, Nonce: req.Nonce.V, SigUser: req.SigUser, SealedSecret: req.SealedSecret}
	if req.Payee != nil {
		hr.Payee = *req.Payee
	}
	return hr
}

func (s *Server) cosign(w http.ResponseWriter, r *http.Request, user common.Address, body []byte) {
	var req wire.HubCosign
	if err := decodeStrict(body, &req); err != nil {
		badJSON(w, "cosign", err)
		return
	}
	if err := s.hub.Cosign(r.Context(), user, req.Nonce.V, req.SigUser); err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.HubCosigned{Status: "cosigned"})
}

func (s *Server) collateral(w http.ResponseWriter, r *http.Request, user common.Address, _ []byte) {
	hs, err := s.hub.RequestCollateral(r.Context(), user)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toWire(hs))
}

// abandon gives up the user's pending on-chain operation once it can no longer execute;
// the invalidation comes as a proposal, like any other.
func (s *Server) abandon(w http.ResponseWriter, r *http.Request, user common.Address, _ []byte) {
	if err := s.hub.Abandon(r.Context(), user); err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.HubCosigned{Status: "invalidation proposed"})
}

func (s *Server) payments(w http.ResponseWriter, r *http.Request, user common.Address, _ []byte) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			writeErr(w, http.StatusBadRequest, wire.CodeInvalidField, "limit must be 1..1000")
			return
		}
		limit = n
	}
	ps, err := s.hub.Payments(r.Context(), user, limit)
	if err != nil {
		s.fail(w, err)
		return
	}
	out := []wire.Payment{}
	for _, p := range ps {
		out = append(out, wire.Payment{Hashlock: p.Hashlock, Payer: p.Payer, Payee: p.Payee, AmountWei: channel.Amount{V: p.AmountWei},
			AmountToken: channel.Amount{V: p.AmountToken}, Status: p.Status, CreatedAt: p.CreatedAt.Unix()})
	}
	writeJSON(w, http.StatusOK, out)
}

// userKey returns a user's public key, for sealing a payment's secret to it.
func (s *Server) userKey(w http.ResponseWriter, r *http.Request, _ common.Address, _ []byte) {
	addr := r.PathValue("addr")
	if !common.IsHexAddress(addr) {
		writeErr(w, http.StatusBadRequest, wire.CodeInvalidField, "not an address: "+addr)
		return
	}
	k, err := s.auth.UserKey(r.Context(), common.HexToAddress(addr))
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			writeErr(w, http.StatusNotFound, wire.CodeUnknownPayee, addr+" has never talked to this hub")
			return
		}
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.UserKey{Pubkey: k})
}
