package towerapi

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// maxReadReplays bounds the signed reads remembered at once; beyond it signed reads are
// refused (429) until the oldest leave their window.
const maxReadReplays = 100_000

// getChannel answers GET /v1/channels/{contract}/{user}: the on-chain view and the held
// state's nonce, digest and receipt to anyone, the state itself (its balances) only to a
// request signed by the channel's user (wire/towerauth.go).
func (s *Server) getChannel(w http.ResponseWriter, r *http.Request) {
	if err := s.readChannel(w, r); err != nil {
		s.fail(w, err)
	}
}

func (s *Server) readChannel(w http.ResponseWriter, r *http.Request) error {
	contract, user, err := pathChannel(r)
	if err != nil {
		return err
	}
	private, err := s.signedRead(r, contract, user)
	if err != nil {
		return err
	}
	out := wire.Channel{Contract: contract, User: user}
	st, err := s.store.State(r.Context(), contract, user)
	switch {
	case err == nil:
		out.Nonce, out.Digest, out.Superseded = &channel.Amount{V: st.State.Nonce}, &st.Digest, st.Superseded
		if private {
			out.State = st.State
		}
		if rc, err := s.store.Receipt(r.Context(), contract, user); err == nil {
			out.Receipt = &rc
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	ch, err := s.store.Channel(r.Context(), contract, user)
	switch {
	case err == nil:
		out.Onchain = &wire.OnchainView{Status: ch.Status, Nonce: channel.Amount{V: ch.Nonce},
			OnchainNonce: channel.Amount{V: ch.OnchainNonce}, Deadline: channel.Amount{V: ch.Deadline}, Block: ch.LastBlock}
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if out.Nonce == nil && out.Onchain == nil {
		return reject(http.StatusNotFound, wire.CodeNotFound, "no state or on-chain record for %s/%s", contract, user)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// signedRead reports whether the request is signed by the channel's user. Without the
// auth headers it is an anonymous read (false); with them, anything but a fresh signature
// of the channel's user over this request is refused: 401 for a malformed, stale,
// replayed or wrong signature, 403 for another user's.
func (s *Server) signedRead(r *http.Request, contract, user common.Address) (bool, error) {
	userHex, nonceHex, sigHex := r.Header.Get(wire.HeaderUser), r.Header.Get(wire.HeaderNonce), r.Header.Get(wire.HeaderSignature)
	if userHex == "" && nonceHex == "" && sigHex == "" {
		return false, nil
	}
	nb, err1 := hexutil.Decode(nonceHex)
	sig, err2 := hexutil.Decode(sigHex)
	if !common.IsHexAddress(userHex) || err1 != nil || len(nb) != 32 || err2 != nil || len(sig) != 65 {
		return false, reject(http.StatusUnauthorized, wire.CodeAuthInvalid,
			"malformed auth headers: %s is an address, %s 32 bytes and %s 65 bytes, in hex", wire.HeaderUser, wire.HeaderNonce, wire.HeaderSignature)
	}
	signer, nonce := common.HexToAddress(userHex), common.BytesToHash(nb)
	now := s.now()
	at := wire.TowerReadTime(nonce)
	if d := now.Sub(at); d > wire.TowerReadWindow || d < -wire.TowerReadWindow {
		return false, reject(http.StatusUnauthorized, wire.CodeStaleTimestamp, "the nonce's time %d is %s from the tower's clock; sign within %s",
			at.Unix(), d.Round(time.Second).Abs(), wire.TowerReadWindow)
	}
	c, err := s.contract(r.Context(), contract)
	if errors.Is(err, store.ErrNotFound) {
		return false, reject(http.StatusNotFound, wire.CodeUnknownContract, "contract %s is not watched by this tower", contract)
	}
	if err != nil {
		return false, err
	}
	if _, err := wire.VerifyAuth(wire.AuthDigest(c.ChainID, contract, nonce, r.Method, r.URL.RequestURI(), nil), sig, signer); err != nil {
		return false, reject(http.StatusUnauthorized, wire.CodeAuthInvalid, "the signature is not %s's over this request", signer)
	}
	if signer != user {
		return false, reject(http.StatusForbidden, wire.CodeNotAllowed, "signed by %s; only the channel's user %s reads its state", signer, user)
	}
	switch fresh, full := s.reads.use(signer, nonce, at, now); {
	case full:
		return false, reject(http.StatusTooManyRequests, wire.CodeRateLimited, "too many signed reads in the last %s; retry later", wire.TowerReadWindow)
	case !fresh:
		return false, reject(http.StatusUnauthorized, wire.CodeAuthInvalid, "this signed read was made before; sign each read with a fresh nonce")
	}
	return true, nil
}

// readReplays remembers the signed reads whose time is within the window, so that each
// is answered once.
type readReplays struct {
	mu    sync.Mutex
	seen  map[readKey]time.Time // -> the read's time
	sweep time.Time             // when reads out of their window are next forgotten
}

type readKey struct {
	user  common.Address
	nonce common.Hash
}

// use records a read and reports whether it is new; full reports that none can be
// recorded now.
func (p *readReplays) use(user common.Address, nonce common.Hash, at, now time.Time) (fresh, full bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	k := readKey{user, nonce}
	if _, ok := p.seen[k]; ok {
		return false, false
	}
	if p.seen == nil {
		p.seen = map[readKey]time.Time{}
	}
	if len(p.seen) >= maxReadReplays || now.After(p.sweep) {
		for k, t := range p.seen {
			if now.Sub(t) > wire.TowerReadWindow {
				delete(p.seen, k)
			}
		}
		p.sweep = now.Add(wire.TowerReadWindow)
		if len(p.seen) >= maxReadReplays {
			return false, true
		}
	}
	p.seen[k] = at
	return true, false
}
