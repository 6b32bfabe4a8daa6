package hub

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// MaxBody is the largest request body the hub reads.
const MaxBody = 64 << 10

// AuthStore issues and spends the single-use auth nonces.
type AuthStore interface {
	NewAuthNonce(ctx context.Context, nonce common.Hash, user common.Address, expires time.Time) error
	UseAuthNonce(ctx context.Context, nonce common.Hash, user common.Address) (bool, error)
	PutUserKey(ctx context.Context, user common.Address, pubkey []byte) error
	UserKey(ctx context.Context, user common.Address) ([]byte, error)
}

// AuthDigest is what a user signs (as an EIP-191 personal message) to authenticate one
// request: it binds the hub's chain and contract, the nonce, the method, the path with its
// query, and the body.
func AuthDigest(chainID *big.Int, contract common.Address, nonce common.Hash, method, path string, body []byte) []byte {
	return crypto.Keccak256([]byte("vigil-hub-auth"), common.LeftPadBytes(chainID.Bytes(), 32), contract[:], nonce[:],
		[]byte(method), []byte{0}, []byte(path), []byte{0}, crypto.Keccak256(body))
}

// SignAuth signs an auth digest as an EIP-191 personal message (v = 27/28).
func SignAuth(digest []byte, key *ecdsa.PrivateKey) ([]byte, error) {
	return channel.Sign(common.BytesToHash(accounts.TextHash(digest)), key)
}

// Server is the hub's HTTP API.
type Server struct {
	hub     *Hub
	auth    AuthStore
	log     *slog.Logger
	authTTL time.Duration
}

// NewServer returns the API over hub.
func NewServer(h *Hub, auth AuthStore, log *slog.Logger) *Server {
	if log == nil {
		log = slog.Default()
	}
	return &Server{hub: h, auth: auth, log: log, authTTL: 2 * time.Minute}
}

// Handler routes the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/hub", s.info)
	mux.HandleFunc("POST /v1/auth/nonce", s.newNonce)
	mux.HandleFunc("GET /v1/channel", s.authed(s.channel))
	mux.HandleFunc("GET /v1/updates", s.authed(s.updates))
	mux.HandleFunc("POST /v1/requests", s.authed(s.request))
	mux.HandleFunc("POST /v1/cosign", s.authed(s.cosign))
	mux.HandleFunc("POST /v1/collateral", s.authed(s.collateral))
	mux.HandleFunc("GET /v1/payments", s.authed(s.payments))
	mux.HandleFunc("GET /v1/users/{addr}/key", s.authed(s.userKey))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, http.StatusNotFound, wire.CodeMethodNotFound, r.Method+" "+r.URL.Path+" is not an endpoint")
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, wire.Error{Code: code, Message: msg})
}

// readBody reads a size-limited body.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeErr(w, http.StatusRequestEntityTooLarge, wire.CodeBodyTooLarge, fmt.Sprintf("body over %d bytes", MaxBody))
		} else {
			writeErr(w, http.StatusBadRequest, wire.CodeInvalidJSON, "read body: "+err.Error())
		}
		return nil, false
	}
	return b, true
}

func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// badJSON answers a body that does not decode: a field out of range is invalid_field,
// anything else invalid_json.
func badJSON(w http.ResponseWriter, what string, err error) {
	code := wire.CodeInvalidJSON
	if errors.Is(err, channel.ErrInvalidField) {
		code = wire.CodeInvalidField
	}
	writeErr(w, http.StatusBadRequest, code, what+": "+err.Error())
}

func (s *Server) info(w http.ResponseWriter, r *http.Request) {
	c := s.hub.cfg
	writeJSON(w, http.StatusOK, wire.HubInfo{Hub: s.hub.addr, Contract: c.Contract, ChainID: channel.Amount{V: c.ChainID},
		Now: c.Now(), MinLockTime: c.MinLockTime, MaxLockTime: c.MaxLockTime, LockMargin: c.LockMargin})
}

func (s *Server) newNonce(w http.ResponseWriter, r *http.Request) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	var req wire.AuthNonceRequest
	if err := decodeStrict(b, &req); err != nil || req.User == (common.Address{}) {
		writeErr(w, http.StatusBadRequest, wire.CodeInvalidJSON, "want {\"user\": address}")
		return
	}
	var n common.Hash
	if _, err := rand.Read(n[:]); err != nil {
		writeErr(w, http.StatusInternalServerError, wire.CodeInternal, "no randomness")
		return
	}
	exp := time.Now().Add(s.authTTL)
	if err := s.auth.NewAuthNonce(r.Context(), n, req.User, exp); err != nil {
		s.log.Error("auth nonce", "err", err)
		writeErr(w, http.StatusInternalServerError, wire.CodeInternal, "could not issue a nonce")
		return
	}
	writeJSON(w, http.StatusOK, wire.AuthNonce{Nonce: n, ExpiresAt: exp.Unix()})
}

type authedHandler func(w http.ResponseWriter, r *http.Request, user common.Address, body []byte)

// authed checks the request's signature over its nonce, method, path and body, spends
// the nonce, and hands the handler the authenticated user.
func (s *Server) authed(next authedHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		userHex, nonceHex, sigHex := r.Header.Get(wire.HeaderUser), r.Header.Get(wire.HeaderNonce), r.Header.Get(wire.HeaderSignature)
		if userHex == "" || nonceHex == "" || sigHex == "" {
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthRequired, "sign the request: headers "+wire.HeaderUser+", "+wire.HeaderNonce+", "+wire.HeaderSignature)
			return
		}
		nb, err1 := hexutil.Decode(nonceHex)
		sig, err2 := hexutil.Decode(sigHex)
		if !common.IsHexAddress(userHex) || err1 != nil || len(nb) != 32 || err2 != nil || len(sig) != 65 {
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthInvalid, "malformed auth headers")
			return
		}
		user, nonce := common.HexToAddress(userHex), common.BytesToHash(nb)
		digest := AuthDigest(s.hub.cfg.ChainID, s.hub.cfg.Contract, nonce, r.Method, r.URL.RequestURI(), body)
		if err := channel.VerifySigner(common.BytesToHash(accounts.TextHash(digest)), sig, user); err != nil {
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthInvalid, "signature is not the user's over this request")
			return
		}
		used, err := s.auth.UseAuthNonce(r.Context(), nonce, user)
		if err != nil {
			writeErr(w, http.StatusInternalServerError, wire.CodeInternal, "auth store unavailable")
			return
		}
		if !used {
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthInvalid, "nonce unknown, expired, already used or issued to another user")
			return
		}
		if pub, err := crypto.SigToPub(accounts.TextHash(digest), normalizeV(sig)); err == nil {
			_ = s.auth.PutUserKey(r.Context(), user, crypto.FromECDSAPub(pub))
		}
		next(w, r, user, body)
	}
}

func toWire(hs store.HubState) wire.HubState {
	locks := hs.Locks
	if locks == nil {
		locks = []channel.Lock{}
	}
	return wire.HubState{Role: hs.Kind, Detail: hs.Detail, State: hs.State, Locks: locks, SigHub: hs.SigHub, SigUser: hs.SigUser}
}

func channelWire(c Channel) wire.HubChannel {
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
	hr := Request{Update: req.Update, Nonce: req.Nonce.V, SigUser: req.SigUser, SealedSecret: req.SealedSecret}
	if req.Payee != nil {
		hr.Payee = *req.Payee
	}
	hs, err := s.hub.Request(r.Context(), user, hr)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toWire(hs))
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
	writeJSON(w, http.StatusOK, map[string]string{"status": "cosigned"})
}

func (s *Server) collateral(w http.ResponseWriter, r *http.Request, user common.Address, _ []byte) {
	hs, err := s.hub.RequestCollateral(r.Context(), user)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toWire(hs))
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

// fail maps hub errors to answers.
func (s *Server) fail(w http.ResponseWriter, err error) {
	for _, m := range []struct {
		err    error
		status int
		code   string
	}{
		{ErrSyncFirst, http.StatusConflict, wire.CodeSyncFirst},
		{ErrBadSignature, http.StatusBadRequest, wire.CodeBadSignature},
		{ErrUnknownPayee, http.StatusNotFound, wire.CodeUnknownPayee},
		{ErrCollateral, http.StatusConflict, wire.CodeCollateral},
		{ErrPaymentExists, http.StatusConflict, wire.CodePaymentExists},
		{ErrExpiry, http.StatusBadRequest, wire.CodeExpiry},
		{channel.ErrInsufficient, http.StatusUnprocessableEntity, wire.CodeInsufficient},
		{channel.ErrPending, http.StatusConflict, wire.CodePending},
		{channel.ErrNonce, http.StatusConflict, wire.CodeNonce},
		{store.ErrStaleNonce, http.StatusConflict, wire.CodeNonce},
		{channel.ErrInvalidField, http.StatusBadRequest, wire.CodeInvalidField},
		{ErrNotAllowed, http.StatusUnprocessableEntity, wire.CodeNotAllowed},
		{store.ErrNotFound, http.StatusNotFound, wire.CodeNotFound},
	} {
		if errors.Is(err, m.err) {
			writeErr(w, m.status, m.code, err.Error())
			return
		}
	}
	s.log.Error("hub request failed", "err", err)
	writeErr(w, http.StatusInternalServerError, wire.CodeInternal, "internal error")
}

func normalizeV(sig []byte) []byte {
	out := append([]byte(nil), sig...)
	if out[64] >= 27 {
		out[64] -= 27
	}
	return out
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
	writeJSON(w, http.StatusOK, map[string]hexutil.Bytes{"pubkey": k})
}
