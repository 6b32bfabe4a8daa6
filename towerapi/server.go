package towerapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/ratelimit"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Limits on requests.
const (
	MaxBodyBytes = 1 << 20 // one request body
	MaxBatch     = 100     // deposits per batch
)

// Server handles the deposit API.
type Server struct {
	store  Store
	signer *KeySigner
	now    func() time.Time
	log    *slog.Logger
	// contracts caches watched contracts: their chain, hub and challenge period are fixed
	// at deployment, so a record found once never changes. Misses are not cached.
	contracts sync.Map // common.Address -> store.Contract
	// users, when set, enables webhook registrations and state-stored alerts.
	users *UserAlerts
	// info, when set (WithInfo, info.go), is what GET /v1/info answers.
	info *wire.TowerInfo
	// limits, with the client and user buckets they make (WithLimits, limits.go).
	limits   Limits
	clients  *ratelimit.Keyed
	usersLim *ratelimit.Keyed
	// room, when set (WithRoom), stops deposits while the database is at its high-water mark.
	room Room
	// reads remembers the signed reads seen within their window (read.go).
	reads readReplays
}

// NewServer returns a server storing deposits in st and signing receipts with signer.
func NewServer(st Store, signer *KeySigner, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	return &Server{store: st, signer: signer, now: time.Now, log: log}
}

// Handler returns the HTTP routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/states", s.postStates)
	mux.HandleFunc("GET /v1/info", s.getInfo)
	mux.HandleFunc("GET /v1/channels/{contract}/{user}", s.getChannel)
	mux.HandleFunc("POST /v1/channels/{contract}/{user}/webhook", s.postWebhook)
	return s.limitClients(mux)
}

// apiError is a rejection with its HTTP status.
type apiError struct {
	status int
	body   wire.Error
}

func (e *apiError) Error() string { return e.body.Code + ": " + e.body.Message }

func reject(status int, code, format string, args ...any) *apiError {
	return &apiError{status, wire.Error{Code: code, Message: fmt.Sprintf(format, args...)}}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) fail(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		s.log.Error("deposit API internal error", "err", err)
		ae = reject(http.StatusInternalServerError, wire.CodeInternal, "internal error")
	}
	writeJSON(w, ae.status, ae.body)
}

func decodeErr(err error) error {
	if errors.Is(err, channel.ErrInvalidField) {
		return reject(http.StatusBadRequest, wire.CodeInvalidField, "%v", err)
	}
	return reject(http.StatusBadRequest, wire.CodeInvalidJSON, "%v", err)
}

func (s *Server) contract(ctx context.Context, addr common.Address) (store.Contract, error) {
	if c, ok := s.contracts.Load(addr); ok {
		return c.(store.Contract), nil
	}
	c, err := s.store.Contract(ctx, addr)
	if err == nil {
		s.contracts.Store(addr, c)
	}
	return c, err
}
