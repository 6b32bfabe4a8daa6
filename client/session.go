package client

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/wire"
)

// What a wallet keeps between requests so that a payment costs few round trips to the
// hub: the auth nonces the hub's answers carry (each authenticated answer issues the next
// one), payees' public keys (a key never changes, and it is checked against the address
// once), and the hub's fixed parameters.
type session struct {
	mu     sync.Mutex
	nonces []wire.AuthNonce // fresh nonces from answers, newest last
	keys   map[common.Address]*ecdsa.PublicKey
	info   *wire.HubInfo // checked against the configuration
}

// nonceMargin is how long before its expiry a kept nonce is no longer used: the request
// must reach the hub in time.
const nonceMargin = 10 * time.Second

// maxKeptNonces bounds the nonces kept (concurrent requests each bring one back).
const maxKeptNonces = 4

// nonce returns an auth nonce for the next request: one an answer carried, or a new one
// from the hub. kept says which.
func (w *Wallet) nonce(ctx context.Context) (n wire.AuthNonce, kept bool, err error) {
	w.sess.mu.Lock()
	for len(w.sess.nonces) > 0 {
		n = w.sess.nonces[len(w.sess.nonces)-1]
		w.sess.nonces = w.sess.nonces[:len(w.sess.nonces)-1]
		if time.Unix(n.ExpiresAt, 0).After(time.Now().Add(nonceMargin)) {
			w.sess.mu.Unlock()
			return n, true, nil
		}
	}
	w.sess.mu.Unlock()
	n, err = w.authNonce(ctx)
	return n, false, err
}

// keepNonce keeps the next nonce an authenticated answer carries.
func (w *Wallet) keepNonce(h http.Header) {
	v, exp := h.Get(wire.HeaderNextNonce), h.Get(wire.HeaderNextNonceExpires)
	if v == "" || exp == "" {
		return
	}
	b := common.FromHex(v)
	secs, err := strconv.ParseInt(exp, 10, 64)
	if len(b) != common.HashLength || err != nil {
		return
	}
	w.sess.mu.Lock()
	defer w.sess.mu.Unlock()
	w.sess.nonces = append(w.sess.nonces, wire.AuthNonce{Nonce: common.BytesToHash(b), ExpiresAt: secs})
	if len(w.sess.nonces) > maxKeptNonces {
		w.sess.nonces = w.sess.nonces[1:]
	}
}

// staleNonce reports a refusal of a kept nonce, after which a new one is asked for: the
// hub may have restarted, or the nonce expired on the way.
func staleNonce(err error) bool {
	var he *HubError
	return errors.As(err, &he) && he.Status == http.StatusUnauthorized && he.Code == wire.CodeAuthInvalid
}

// payeeKey returns payee's public key, asked of the hub once and checked against the
// address.
func (w *Wallet) payeeKey(ctx context.Context, payee common.Address) (*ecdsa.PublicKey, error) {
	w.sess.mu.Lock()
	pub := w.sess.keys[payee]
	w.sess.mu.Unlock()
	if pub != nil {
		return pub, nil
	}
	var key wire.UserKey
	if err := w.call(ctx, http.MethodGet, "/v1/users/"+payee.Hex()+"/key", nil, &key); err != nil {
		return nil, err
	}
	pub, err := crypto.UnmarshalPubkey(key.Pubkey)
	if err != nil || crypto.PubkeyToAddress(*pub) != payee {
		return nil, fmt.Errorf("%w: the key the hub gave for %s is not the payee's", ErrUnfair, payee)
	}
	w.sess.mu.Lock()
	if w.sess.keys == nil {
		w.sess.keys = map[common.Address]*ecdsa.PublicKey{}
	}
	w.sess.keys[payee] = pub
	w.sess.mu.Unlock()
	return pub, nil
}

// hubParams returns the hub's fixed parameters (its info), asked of the hub once and
// checked against the configuration.
func (w *Wallet) hubParams(ctx context.Context) (wire.HubInfo, error) {
	w.sess.mu.Lock()
	info := w.sess.info
	w.sess.mu.Unlock()
	if info != nil {
		return *info, nil
	}
	fresh, err := w.Info(ctx)
	if err != nil {
		return fresh, err
	}
	w.sess.mu.Lock()
	w.sess.info = &fresh
	w.sess.mu.Unlock()
	return fresh, nil
}

// lockTimes returns the chain's time and the hub's bounds on a payment's expiry. The
// bounds are the hub's configuration, read once; the time comes from the wallet's own
// node when it has one, else from the hub.
func (w *Wallet) lockTimes(ctx context.Context) (wire.HubInfo, error) {
	if w.cfg.Chain == nil {
		fresh, err := w.Info(ctx)
		if err != nil {
			return fresh, err
		}
		w.sess.mu.Lock()
		w.sess.info = &fresh
		w.sess.mu.Unlock()
		return fresh, nil
	}
	out, err := w.hubParams(ctx)
	if err != nil {
		return out, err
	}
	out.Now, err = w.chainNow(ctx)
	return out, err
}
