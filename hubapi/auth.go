package hubapi

import (
	"crypto/rand"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/internal/ratelimit"
	"github.com/vigil-hub/vigil/wire"
)

// newNonce issues a single-use auth nonce to a user.
func (s *Server) newNonce(w http.ResponseWriter, r *http.Request) {
	if ok, _ := s.nonces.Take(ratelimit.ClientKey(r), 1, time.Now()); !ok {
		w.Header().Set("Retry-After", "1")
		writeErr(w, http.StatusTooManyRequests, wire.CodeRateLimited, "too many auth nonces asked for from this address; slow down")
		return
	}
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	var req wire.AuthNonceRequest
	if err := decodeStrict(b, &req); err != nil {
		badJSON(w, "auth nonce", err) // names the field at fault
		return
	}
	if req.User == (common.Address{}) {
		writeErr(w, http.StatusBadRequest, wire.CodeInvalidField, "auth nonce: user: a non-zero address is required")
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
// the nonce (issuing the next one in its place, in the answer's headers), and hands the
// handler the authenticated user.
func (s *Server) authed(next authedHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// The headers are checked before the body is read: an unauthenticated client
		// cannot hold a connection open by trickling a body.
		userHex, nonceHex, sigHex := r.Header.Get(wire.HeaderUser), r.Header.Get(wire.HeaderNonce), r.Header.Get(wire.HeaderSignature)
		if userHex == "" || nonceHex == "" || sigHex == "" {
			w.Header().Set("Connection", "close")
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthRequired, "sign the request: headers "+wire.HeaderUser+", "+wire.HeaderNonce+", "+wire.HeaderSignature)
			return
		}
		nb, err1 := hexutil.Decode(nonceHex)
		sig, err2 := hexutil.Decode(sigHex)
		if !common.IsHexAddress(userHex) || err1 != nil || len(nb) != 32 || err2 != nil || len(sig) != 65 {
			w.Header().Set("Connection", "close")
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthInvalid, "malformed auth headers")
			return
		}
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		user, nonce := common.HexToAddress(userHex), common.BytesToHash(nb)
		d := s.hub.Domain()
		pub, err := wire.VerifyAuth(wire.AuthDigest(d.ChainID, d.Contract, nonce, r.Method, r.URL.RequestURI(), body), sig, user)
		if err != nil {
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthInvalid, "signature is not the user's over this request")
			return
		}
		// The nonce is spent by replacing it with the next one, which the answer carries:
		// one write, and the wallet's next request needs no nonce of its own.
		var fresh common.Hash
		if _, err := rand.Read(fresh[:]); err != nil {
			writeErr(w, http.StatusInternalServerError, wire.CodeInternal, "no randomness")
			return
		}
		exp := time.Now().Add(s.authTTL)
		used, err := s.auth.RotateAuthNonce(r.Context(), nonce, fresh, user, exp)
		if err != nil {
			writeErr(w, http.StatusInternalServerError, wire.CodeInternal, "auth store unavailable")
			return
		}
		if !used {
			writeErr(w, http.StatusUnauthorized, wire.CodeAuthInvalid, "nonce unknown, expired, already used or issued to another user")
			return
		}
		w.Header().Set(wire.HeaderNextNonce, fresh.Hex())
		w.Header().Set(wire.HeaderNextNonceExpires, strconv.FormatInt(exp.Unix(), 10))
		_ = s.auth.PutUserKey(r.Context(), user, crypto.FromECDSAPub(pub))
		next(w, r, user, body)
	}
}
