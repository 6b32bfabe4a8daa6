package hubapi_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// fakeHub answers every call with nothing, or with requestErr from Request; it records
// the users it served.
type fakeHub struct {
	mu         sync.Mutex
	served     []common.Address
	requestErr error
	woken      chan struct{} // what Wait returns, when set (closed: the hub wakes every waiter)
}

var domain = channel.Domain{ChainID: big.NewInt(1337), Contract: common.Address{0xcc}}

func (f *fakeHub) Info() wire.HubInfo {
	return wire.HubInfo{Contract: domain.Contract, ChainID: channel.Amount{V: domain.ChainID}}
}
func (f *fakeHub) Domain() channel.Domain { return domain }
func (f *fakeHub) View(_ context.Context, user common.Address, _ *big.Int) (hub.Channel, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.served = append(f.served, user)
	return hub.Channel{}, nil
}

// servedTo reports whether the hub was asked for user's channel.
func (f *fakeHub) servedTo(user common.Address) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range f.served {
		if u == user {
			return true
		}
	}
	return false
}

func (f *fakeHub) Wait(common.Address) (<-chan struct{}, func()) {
	if f.woken != nil {
		return f.woken, func() {}
	}
	return make(chan struct{}), func() {}
}
func (f *fakeHub) Request(context.Context, common.Address, hub.Request) (store.HubState, error) {
	return store.HubState{}, f.requestErr
}
func (f *fakeHub) LastProposed(common.Address) (store.HubState, bool) { return store.HubState{}, false }
func (f *fakeHub) Intent(context.Context, common.Address, hub.Request) (hub.Channel, func(), error) {
	return hub.Channel{}, func() {}, f.requestErr
}
func (f *fakeHub) Cosign(context.Context, common.Address, *big.Int, []byte) error { return nil }
func (f *fakeHub) RequestCollateral(context.Context, common.Address) (store.HubState, error) {
	return store.HubState{}, nil
}
func (f *fakeHub) Abandon(context.Context, common.Address) error { return nil }
func (f *fakeHub) Payments(context.Context, common.Address, int) ([]store.Payment, error) {
	return nil, nil
}

// fakeAuth keeps nonces and keys in memory.
type fakeAuth struct {
	mu     sync.Mutex
	nonces map[common.Hash]common.Address
	keys   map[common.Address][]byte
}

func (a *fakeAuth) NewAuthNonce(_ context.Context, n common.Hash, user common.Address, _ time.Time) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.nonces[n] = user
	return nil
}

func (a *fakeAuth) UseAuthNonce(_ context.Context, n common.Hash, user common.Address) (bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if u, ok := a.nonces[n]; !ok || u != user {
		return false, nil
	}
	delete(a.nonces, n)
	return true, nil
}

func (a *fakeAuth) RotateAuthNonce(_ context.Context, n, next common.Hash, user common.Address, _ time.Time) (bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if u, ok := a.nonces[n]; !ok || u != user {
		return false, nil
	}
	delete(a.nonces, n)
	a.nonces[next] = user
	return true, nil
}

func (a *fakeAuth) PutUserKey(_ context.Context, user common.Address, pub []byte) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.keys[user] = pub
	return nil
}

func (a *fakeAuth) UserKey(_ context.Context, user common.Address) ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if k, ok := a.keys[user]; ok {
		return k, nil
	}
	return nil, store.ErrNotFound
}

type env struct {
	t    *testing.T
	hub  *fakeHub
	auth *fakeAuth
	url  string
}

func newEnv(t *testing.T) *env {
	e := &env{t: t, hub: &fakeHub{}, auth: &fakeAuth{nonces: map[common.Hash]common.Address{}, keys: map[common.Address][]byte{}}}
	srv := httptest.NewServer(hubapi.NewServer(e.hub, e.auth, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(srv.Close)
	e.url = srv.URL
	return e
}

// nonce asks the API for an auth nonce for user.
func (e *env) nonce(user common.Address) common.Hash {
	b, _ := json.Marshal(wire.AuthNonceRequest{User: user})
	resp, err := http.Post(e.url+"/v1/auth/nonce", "application/json", bytes.NewReader(b))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var n wire.AuthNonce
	if err := json.NewDecoder(resp.Body).Decode(&n); err != nil || resp.StatusCode != http.StatusOK {
		e.t.Fatalf("auth nonce: %d %v", resp.StatusCode, err)
	}
	return n.Nonce
}

// call sends method path with body, signed by key as user over nonce (no auth headers
// when key is nil), and returns the status and the error body.
func (e *env) call(method, path string, body []byte, key *ecdsa.PrivateKey, user common.Address, nonce common.Hash) (int, wire.Error) {
	req, _ := http.NewRequest(method, e.url+path, bytes.NewReader(body))
	if key != nil {
		sig, err := wire.SignAuth(wire.AuthDigest(domain.ChainID, domain.Contract, nonce, method, path, body), key)
		if err != nil {
			e.t.Fatal(err)
		}
		req.Header.Set(wire.HeaderUser, user.Hex())
		req.Header.Set(wire.HeaderNonce, nonce.Hex())
		req.Header.Set(wire.HeaderSignature, "0x"+common.Bytes2Hex(sig))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var we wire.Error
	_ = json.NewDecoder(resp.Body).Decode(&we)
	return resp.StatusCode, we
}

// TestAuth: a request reaches the hub only signed by its user over a nonce issued to that
// user, once; the user's key is kept for payers.
func TestAuth(t *testing.T) {
	e := newEnv(t)
	key, _ := crypto.GenerateKey()
	stranger, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	other := crypto.PubkeyToAddress(stranger.PublicKey)

	for _, tc := range []struct {
		name   string
		key    *ecdsa.PrivateKey
		nonce  common.Hash
		status int
		code   string
	}{
		{"unsigned", nil, e.nonce(user), 401, wire.CodeAuthRequired},
		{"signed by someone else", stranger, e.nonce(user), 401, wire.CodeAuthInvalid},
		{"nonce issued to someone else", key, e.nonce(other), 401, wire.CodeAuthInvalid},
		{"nonce never issued", key, common.Hash{0xee}, 401, wire.CodeAuthInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if status, werr := e.call(http.MethodGet, "/v1/channel", nil, tc.key, user, tc.nonce); status != tc.status || werr.Code != tc.code {
				t.Errorf("got %d %s (%s), want %d %s", status, werr.Code, werr.Message, tc.status, tc.code)
			}
		})
	}
	if len(e.hub.served) != 0 {
		t.Fatalf("the hub served %v on refused requests", e.hub.served)
	}

	n := e.nonce(user)
	if status, werr := e.call(http.MethodGet, "/v1/channel", nil, key, user, n); status != http.StatusOK {
		t.Fatalf("signed request: %d %s", status, werr.Message)
	}
	if len(e.hub.served) != 1 || e.hub.served[0] != user {
		t.Errorf("the hub served %v, want just %s", e.hub.served, user)
	}
	if got := e.auth.keys[user]; !bytes.Equal(got, crypto.FromECDSAPub(&key.PublicKey)) {
		t.Errorf("kept key %x, want the user's", got)
	}
	if status, werr := e.call(http.MethodGet, "/v1/channel", nil, key, user, n); status != 401 || werr.Code != wire.CodeAuthInvalid {
		t.Errorf("replayed nonce: %d %s, want 401 %s", status, werr.Code, wire.CodeAuthInvalid)
	}
}

// TestErrorCodes: each of the hub's errors, wrapped as the hub wraps them, is answered
// with its status and code and a message saying what failed; anything else is a 500 that
// keeps its details to the log.
func TestErrorCodes(t *testing.T) {
	e := newEnv(t)
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	body := []byte(`{"update":{"kind":"confirm"},"nonce":"1","sigUser":"0x00"}`)
	for _, tc := range []struct {
		err    error
		status int
		code   string
	}{
		{hub.ErrSyncFirst, 409, wire.CodeSyncFirst},
		{hub.ErrBadSignature, 400, wire.CodeBadSignature},
		{hub.ErrUnknownPayee, 404, wire.CodeUnknownPayee},
		{hub.ErrCollateral, 409, wire.CodeCollateral},
		{hub.ErrPaymentExists, 409, wire.CodePaymentExists},
		{hub.ErrExpiry, 400, wire.CodeExpiry},
		{hub.ErrNotAllowed, 422, wire.CodeNotAllowed},
		{channel.ErrInsufficient, 422, wire.CodeInsufficient},
		{channel.ErrPending, 409, wire.CodePending},
		{channel.ErrNonce, 409, wire.CodeNonce},
		{store.ErrStaleNonce, 409, wire.CodeNonce},
		{channel.ErrInvalidField, 400, wire.CodeInvalidField},
		{store.ErrNotFound, 404, wire.CodeNotFound},
		{fmt.Errorf("%w: %w", hub.ErrNotAllowed, channel.ErrInsufficient), 422, wire.CodeInsufficient}, // the earlier entry wins
	} {
		t.Run(tc.err.Error(), func(t *testing.T) {
			e.hub.requestErr = fmt.Errorf("%w: details", tc.err)
			status, werr := e.call(http.MethodPost, "/v1/requests", body, key, user, e.nonce(user))
			if status != tc.status || werr.Code != tc.code {
				t.Errorf("got %d %s, want %d %s", status, werr.Code, tc.status, tc.code)
			}
			if werr.Message != e.hub.requestErr.Error() {
				t.Errorf("message %q, want %q", werr.Message, e.hub.requestErr)
			}
		})
	}
	t.Run("unexpected", func(t *testing.T) {
		e.hub.requestErr = errors.New("pq: connection refused to db.internal")
		status, werr := e.call(http.MethodPost, "/v1/requests", body, key, user, e.nonce(user))
		if status != 500 || werr.Code != wire.CodeInternal || werr.Message != "internal error" {
			t.Errorf("got %d %s %q, want 500 %s \"internal error\"", status, werr.Code, werr.Message, wire.CodeInternal)
		}
	})
}

// TestStrictJSONBodies: each way a second parser could read a request otherwise than the
// hub does — a duplicate key, a key in another letter case, "user" beside "USER", a
// fixed-size array too long or too short — is refused with 400 invalid_json or
// invalid_field naming the field, before the hub acts on it.
func TestStrictJSONBodies(t *testing.T) {
	e := newEnv(t)
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	ops := channel.NewOps()
	recipient := common.Address{0xee}
	good, err := json.Marshal(wire.HubRequest{Update: channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &recipient, Timeout: 100},
		Nonce: channel.Amount{V: big.NewInt(1)}, SigUser: bytes.Repeat([]byte{1}, 65)})
	if err != nil {
		t.Fatal(err)
	}
	if status, werr := e.call(http.MethodPost, "/v1/requests", good, key, user, e.nonce(user)); status != http.StatusOK {
		t.Fatalf("well-formed request: %d %+v", status, werr)
	}
	edit := func(from, to string) []byte {
		t.Helper()
		if !bytes.Contains(good, []byte(from)) {
			t.Fatalf("no %s in %s", from, good)
		}
		return bytes.Replace(good, []byte(from), []byte(to), 1)
	}
	userHex := `"` + user.Hex() + `"`
	for _, tc := range []struct {
		name, path string
		body       []byte
		field      string
	}{
		{"duplicate key", "/v1/requests", edit(`"nonce":"1"`, `"nonce":"1","nonce":"2"`), "nonce"},
		{"duplicate nested key", "/v1/requests", edit(`"kind":"propose"`, `"kind":"propose","kind":"lock"`), "kind"},
		{"key in another case", "/v1/requests", edit(`"update"`, `"Update"`), "Update"},
		{"nested key in another case", "/v1/requests", edit(`"recipient"`, `"Recipient"`), "Recipient"},
		{"array too long", "/v1/requests", edit(`"wei":["0","0","0","0"]`, `"wei":["0","0","0","0","0"]`), "wei"},
		{"array too short", "/v1/requests", edit(`"token":["0","0","0","0"]`, `"token":["0","0","0"]`), "token"},
		{"user beside USER", "/v1/auth/nonce", []byte(`{"user":` + userHex + `,"USER":"0x00000000000000000000000000000000000000bb"}`), "USER:"},
		{"user twice", "/v1/auth/nonce", []byte(`{"user":` + userHex + `,"user":"0x00000000000000000000000000000000000000bb"}`), "user: duplicate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var status int
			var werr wire.Error
			if tc.path == "/v1/auth/nonce" {
				resp, err := http.Post(e.url+tc.path, "application/json", bytes.NewReader(tc.body))
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				status = resp.StatusCode
				json.NewDecoder(resp.Body).Decode(&werr)
			} else {
				status, werr = e.call(http.MethodPost, tc.path, tc.body, key, user, e.nonce(user))
			}
			if status != http.StatusBadRequest || (werr.Code != wire.CodeInvalidJSON && werr.Code != wire.CodeInvalidField) ||
				!strings.Contains(werr.Message, tc.field) {
				t.Errorf("got %d %s %q, want 400 invalid_json or invalid_field naming %s", status, werr.Code, werr.Message, tc.field)
			}
		})
	}
}
