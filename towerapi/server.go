package towerapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
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
	mux.HandleFunc("GET /v1/channels/{contract}/{user}", s.getChannel)
	return mux
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

// DecodeDeposits parses a request body: one deposit or a batch. It is strict: unknown
// fields, trailing data and malformed amounts are errors.
func DecodeDeposits(body []byte) (deps []wire.Deposit, batch bool, err error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, false, reject(http.StatusBadRequest, wire.CodeInvalidJSON, "body is not a JSON object: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if _, batch = probe["states"]; batch {
		var b wire.DepositBatch
		if err := dec.Decode(&b); err != nil {
			return nil, true, decodeErr(err)
		}
		if len(b.States) == 0 || len(b.States) > MaxBatch {
			return nil, true, reject(http.StatusBadRequest, wire.CodeInvalidField, "states: %d deposits, want 1 to %d", len(b.States), MaxBatch)
		}
		deps = b.States
	} else {
		var d wire.Deposit
		if err := dec.Decode(&d); err != nil {
			return nil, false, decodeErr(err)
		}
		deps = []wire.Deposit{d}
	}
	if dec.More() {
		return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidJSON, "trailing data after the JSON object")
	}
	for i, d := range deps {
		switch {
		case d.State == nil:
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: state: missing", i)
		case d.Contract == (common.Address{}):
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: contract: missing", i)
		case len(d.SigHub) == 0 || len(d.SigUser) == 0:
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: sigHub and sigUser are required", i)
		}
	}
	return deps, batch, nil
}

func decodeErr(err error) error {
	if errors.Is(err, channel.ErrInvalidField) {
		return reject(http.StatusBadRequest, wire.CodeInvalidField, "%v", err)
	}
	return reject(http.StatusBadRequest, wire.CodeInvalidJSON, "%v", err)
}

func (s *Server) postStates(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.fail(w, reject(http.StatusRequestEntityTooLarge, wire.CodeBodyTooLarge, "body above %d bytes", MaxBodyBytes))
			return
		}
		s.fail(w, reject(http.StatusBadRequest, wire.CodeInvalidJSON, "read body: %v", err))
		return
	}
	deps, batch, err := DecodeDeposits(body)
	if err != nil {
		s.fail(w, err)
		return
	}
	if !batch {
		res, err := s.deposit(r.Context(), deps[0])
		if err != nil {
			s.fail(w, err)
			return
		}
		status := http.StatusOK
		if res.Created {
			status = http.StatusCreated
		}
		writeJSON(w, status, res)
		return
	}
	out := wire.BatchResult{Results: make([]wire.DepositResult, len(deps))}
	for i, d := range deps {
		res, err := s.deposit(r.Context(), d)
		if err != nil {
			var ae *apiError
			if !errors.As(err, &ae) {
				s.fail(w, err)
				return
			}
			res = wire.DepositResult{Error: &ae.body}
		}
		out.Results[i] = res
	}
	writeJSON(w, http.StatusOK, out)
}

// deposit validates one deposit and stores it; rejections are *apiError.
func (s *Server) deposit(ctx context.Context, d wire.Deposit) (wire.DepositResult, error) {
	st := d.State
	c, err := s.contract(ctx, d.Contract)
	if errors.Is(err, store.ErrNotFound) {
		return wire.DepositResult{}, reject(http.StatusNotFound, wire.CodeUnknownContract, "contract %s is not watched by this tower", d.Contract)
	}
	if err != nil {
		return wire.DepositResult{}, err
	}
	if err := channel.ValidateFinal(st); err != nil {
		switch {
		case errors.Is(err, channel.ErrTimeout):
			return wire.DepositResult{}, reject(http.StatusUnprocessableEntity, wire.CodeNonZeroTimeout, "%v", err)
		case errors.Is(err, channel.ErrOverflow):
			return wire.DepositResult{}, reject(http.StatusUnprocessableEntity, wire.CodeInconsistent, "%v", err)
		default:
			return wire.DepositResult{}, reject(http.StatusBadRequest, wire.CodeInvalidField, "%v", err)
		}
	}
	digest, err := channel.Domain{ChainID: c.ChainID, Contract: c.Address}.Digest(st)
	if err != nil {
		return wire.DepositResult{}, reject(http.StatusBadRequest, wire.CodeInvalidField, "%v", err)
	}
	if err := channel.VerifySigner(digest, d.SigHub, c.Hub); err != nil {
		return wire.DepositResult{}, reject(http.StatusUnprocessableEntity, wire.CodeBadHubSignature, "sigHub: %v", err)
	}
	if err := channel.VerifySigner(digest, d.SigUser, st.User); err != nil {
		return wire.DepositResult{}, reject(http.StatusUnprocessableEntity, wire.CodeBadUserSignature, "sigUser: %v", err)
	}
	ch, err := s.store.Channel(ctx, c.Address, st.User)
	switch {
	case err == nil && st.Nonce.Cmp(ch.Nonce) < 0:
		return wire.DepositResult{}, reject(http.StatusConflict, wire.CodeBelowOnchain, "nonce %s is below the on-chain nonce %s", st.Nonce, ch.Nonce)
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return wire.DepositResult{}, err
	}
	rcpt := channel.Receipt{Contract: c.Address, User: st.User, Nonce: channel.Amount{V: st.Nonce}, StateDigest: digest,
		IssuedAt: uint64(s.now().Unix())}
	if err := s.signer.SignReceipt(c.ChainID, &rcpt); err != nil {
		return wire.DepositResult{}, err
	}
	got, created, err := s.store.PutState(ctx, store.StoredState{Contract: c.Address, State: st, Digest: digest,
		SigHub: d.SigHub, SigUser: d.SigUser}, rcpt)
	switch {
	case errors.Is(err, store.ErrStaleNonce):
		return wire.DepositResult{}, reject(http.StatusConflict, wire.CodeStaleNonce, "%v", err)
	case errors.Is(err, store.ErrNonceConflict):
		return wire.DepositResult{}, reject(http.StatusConflict, wire.CodeNonceConflict, "%v", err)
	case err != nil:
		return wire.DepositResult{}, err
	}
	if created {
		s.log.Info("state deposited", "contract", c.Address, "user", st.User, "nonce", st.Nonce)
	}
	return wire.DepositResult{Receipt: &got, Created: created}, nil
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

func (s *Server) getChannel(w http.ResponseWriter, r *http.Request) {
	var contract, user common.Address
	for name, dst := range map[string]*common.Address{"contract": &contract, "user": &user} {
		v := r.PathValue(name)
		if !common.IsHexAddress(v) {
			s.fail(w, reject(http.StatusBadRequest, wire.CodeInvalidField, "%s: %q is not an address", name, v))
			return
		}
		*dst = common.HexToAddress(v)
	}
	out := wire.Channel{Contract: contract, User: user}
	st, err := s.store.State(r.Context(), contract, user)
	switch {
	case err == nil:
		out.State, out.Digest, out.Superseded = st.State, &st.Digest, st.Superseded
	case !errors.Is(err, store.ErrNotFound):
		s.fail(w, err)
		return
	}
	ch, err := s.store.Channel(r.Context(), contract, user)
	switch {
	case err == nil:
		out.Onchain = &wire.OnchainView{Status: ch.Status, Nonce: channel.Amount{V: ch.Nonce},
			OnchainNonce: channel.Amount{V: ch.OnchainNonce}, Deadline: channel.Amount{V: ch.Deadline}, Block: ch.LastBlock}
	case !errors.Is(err, store.ErrNotFound):
		s.fail(w, err)
		return
	}
	if out.State == nil && out.Onchain == nil {
		s.fail(w, reject(http.StatusNotFound, wire.CodeNotFound, "no state or on-chain record for %s/%s", contract, user))
		return
	}
	writeJSON(w, http.StatusOK, out)
}
