package towerapi_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/wire"
)

// signedRead is a GET of e's channel signed by key for user as of at.
type signedRead struct {
	user  common.Address // X-Vigil-User
	key   *ecdsa.PrivateKey
	at    time.Time
	path  string      // what is signed; the request's own path when empty
	nonce common.Hash // zero: a fresh one for at
}

func (e *env) channelPath() string {
	return fmt.Sprintf("/v1/channels/%s/%s", e.contract, e.userAddr())
}

// get sends the read and returns the status, the raw body and its decoding.
func (e *env) get(r *signedRead) (int, []byte, wire.Channel, wire.Error, http.Header) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+e.channelPath(), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if r != nil {
		if r.nonce == (common.Hash{}) {
			var salt [24]byte
			rand.Read(salt[:])
			r.nonce = wire.TowerReadNonce(r.at, salt)
		}
		path := r.path
		if path == "" {
			path = e.channelPath()
		}
		sig, err := wire.SignAuth(wire.AuthDigest(e.domain.ChainID, e.contract, r.nonce, http.MethodGet, path, nil), r.key)
		if err != nil {
			e.t.Fatal(err)
		}
		req.Header.Set(wire.HeaderUser, r.user.Hex())
		req.Header.Set(wire.HeaderNonce, r.nonce.Hex())
		req.Header.Set(wire.HeaderSignature, "0x"+common.Bytes2Hex(sig))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	var ch wire.Channel
	var werr wire.Error
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(buf.Bytes(), &ch); err != nil {
			e.t.Fatalf("decode %s: %v", buf.Bytes(), err)
		}
	} else {
		json.Unmarshal(buf.Bytes(), &werr)
	}
	return resp.StatusCode, buf.Bytes(), ch, werr, resp.Header
}

// read is a GET of e's channel signed by key (as its own address) at at.
func (e *env) read(key *ecdsa.PrivateKey, at time.Time) (int, wire.Channel, wire.Error) {
	e.t.Helper()
	code, _, ch, werr, _ := e.get(&signedRead{user: crypto.PubkeyToAddress(key.PublicKey), key: key, at: at})
	return code, ch, werr
}

// TestPrivateReads: a channel's off-chain balances go only to a fresh request signed by
// its user; everyone else sees the on-chain view and the held state's nonce, digest and
// receipt.
func TestPrivateReads(t *testing.T) {
	e := newEnv(t)
	s := e.state(5) // balances 999999995 / 5
	if code, _, werr := e.postDeposit(e.deposit(s)); code != http.StatusCreated {
		t.Fatalf("deposit: %d %+v", code, werr)
	}
	digest, _ := e.domain.Digest(s)
	noBalances := func(t *testing.T, body []byte) {
		t.Helper()
		for _, leak := range []string{"999999995", "weiBalances", "tokenBalances"} {
			if bytes.Contains(body, []byte(leak)) {
				t.Errorf("the answer shows %q: %s", leak, body)
			}
		}
	}
	t.Run("unsigned: nonce, digest and receipt, no balances", func(t *testing.T) {
		e.t = t
		code, body, ch, _, _ := e.get(nil)
		if code != http.StatusOK || ch.State != nil || ch.Nonce == nil || ch.Nonce.V.Int64() != 5 || ch.Digest == nil || *ch.Digest != digest ||
			ch.Receipt == nil || ch.Receipt.Nonce.V.Int64() != 5 || ch.Receipt.StateDigest != digest {
			t.Errorf("unsigned read: %d %s", code, body)
		}
		noBalances(t, body)
	})
	stranger, _ := crypto.GenerateKey()
	now := time.Now()
	for _, tc := range []struct {
		name   string
		read   signedRead
		status int
		code   string
	}{
		{"signed by another user", signedRead{user: crypto.PubkeyToAddress(stranger.PublicKey), key: stranger, at: now}, 403, wire.CodeNotAllowed},
		{"another key signs for the user", signedRead{user: e.userAddr(), key: stranger, at: now}, 401, wire.CodeAuthInvalid},
		{"signed for another path", signedRead{user: e.userAddr(), key: e.user, at: now, path: e.channelPath() + "?x=1"}, 401, wire.CodeAuthInvalid},
		{"stale time", signedRead{user: e.userAddr(), key: e.user, at: now.Add(-wire.TowerReadWindow - time.Minute)}, 401, wire.CodeStaleTimestamp},
		{"future time", signedRead{user: e.userAddr(), key: e.user, at: now.Add(wire.TowerReadWindow + time.Minute)}, 401, wire.CodeStaleTimestamp},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.t = t
			code, body, _, werr, _ := e.get(&tc.read)
			if code != tc.status || werr.Code != tc.code || werr.Message == "" {
				t.Errorf("got %d %s, want %d %s", code, body, tc.status, tc.code)
			}
			noBalances(t, body)
		})
	}
	t.Run("malformed headers", func(t *testing.T) {
		e.t = t
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+e.channelPath(), nil)
		req.Header.Set(wire.HeaderUser, e.userAddr().Hex())
		req.Header.Set(wire.HeaderNonce, "0x1234")
		req.Header.Set(wire.HeaderSignature, "0x00")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("malformed auth headers: %d, want 401", resp.StatusCode)
		}
	})
	t.Run("signed by the user: the state, once", func(t *testing.T) {
		e.t = t
		r := signedRead{user: e.userAddr(), key: e.user, at: now.Add(-time.Minute)}
		code, body, ch, _, _ := e.get(&r)
		if code != http.StatusOK || ch.State == nil || ch.State.WeiBalances[0].Int64() != 999999995 || ch.State.Nonce.Int64() != 5 {
			t.Fatalf("signed read by the user: %d %s", code, body)
		}
		again := r
		code, body, _, werr, _ := e.get(&again)
		if code != http.StatusUnauthorized || werr.Code != wire.CodeAuthInvalid {
			t.Errorf("the same signed read again: %d %s, want 401 %s", code, body, wire.CodeAuthInvalid)
		}
		noBalances(t, body)
	})
}
