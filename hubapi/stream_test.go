package hubapi_test

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// dialStream opens a stream to url and reads its challenge.
func dialStream(t *testing.T, url string) (*websocket.Conn, wire.StreamChallenge) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	c, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(url, "http")+wire.StreamPath, nil)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial the stream: %d %v", status, err)
	}
	t.Cleanup(func() { c.CloseNow() })
	f := readTestFrame(t, c)
	var ch wire.StreamChallenge
	if f.Type != wire.FrameChallenge || json.Unmarshal(f.Body, &ch) != nil {
		t.Fatalf("the stream opened with %+v, not a challenge", f)
	}
	return c, ch
}

func readTestFrame(t *testing.T, c *websocket.Conn) wire.Frame {
	t.Helper()
	f, err := tryFrame(t, c)
	if err != nil {
		t.Fatalf("read a frame: %v", err)
	}
	return f
}

func tryFrame(t *testing.T, c *websocket.Conn) (wire.Frame, error) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, b, err := c.Read(ctx)
	if err != nil {
		return wire.Frame{}, err
	}
	var f wire.Frame
	return f, json.Unmarshal(b, &f)
}

func sendTestFrame(t *testing.T, c *websocket.Conn, typ string, id uint64, v any) {
	t.Helper()
	f, err := wire.NewFrame(typ, id, v)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(f)
	if err := c.Write(t.Context(), websocket.MessageText, b); err != nil {
		t.Fatal(err)
	}
}

// hello signs nonce into a hello, in chain and contract, as user with key.
func hello(t *testing.T, key *ecdsa.PrivateKey, d channel.Domain, nonce common.Hash) wire.StreamHello {
	sig, err := wire.SignAuth(wire.StreamDigest(d.ChainID, d.Contract, nonce), key)
	if err != nil {
		t.Fatal(err)
	}
	return wire.StreamHello{User: crypto.PubkeyToAddress(key.PublicKey), Signature: sig}
}

// TestStreamAuth: a stream opens only for the user who signs its own connection's
// challenge, in the hub's chain and contract: a signature over another connection's
// challenge (a replay), over another contract's, by another key or an HTTP request's
// auth signature is refused with auth_invalid and the connection closed, before any frame
// reaches the hub; the user's key is kept once it opens.
func TestStreamAuth(t *testing.T) {
	e := newEnv(t)
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	other, _ := crypto.GenerateKey()
	_, first := dialStream(t, e.url)
	elsewhere := channel.Domain{ChainID: domain.ChainID, Contract: common.Address{0xdd}}

	httpSig, _ := wire.SignAuth(wire.AuthDigest(domain.ChainID, domain.Contract, first.Nonce, http.MethodGet, wire.StreamPath, nil), key)
	for _, c := range []struct {
		name  string
		hello func(ch wire.StreamChallenge) wire.StreamHello
	}{
		{"another connection's challenge", func(wire.StreamChallenge) wire.StreamHello { return hello(t, key, domain, first.Nonce) }},
		{"another contract", func(ch wire.StreamChallenge) wire.StreamHello { return hello(t, key, elsewhere, ch.Nonce) }},
		{"another key", func(ch wire.StreamChallenge) wire.StreamHello {
			h := hello(t, other, domain, ch.Nonce)
			h.User = user
			return h
		}},
		{"an HTTP request's signature", func(wire.StreamChallenge) wire.StreamHello {
			return wire.StreamHello{User: user, Signature: httpSig}
		}},
	} {
		c2, ch := dialStream(t, e.url)
		if ch.Contract != domain.Contract || ch.ChainID.V.Cmp(domain.ChainID) != 0 || ch.Nonce == first.Nonce {
			t.Fatalf("challenge %+v: not this hub's chain and contract, or a nonce used before", ch)
		}
		sendTestFrame(t, c2, wire.FrameHello, 0, c.hello(ch))
		_, err := tryFrame(t, c2)
		if websocket.CloseStatus(err) != websocket.StatusPolicyViolation || !strings.Contains(err.Error(), wire.CodeAuthInvalid) {
			t.Errorf("%s: the stream answered %v, want it closed with auth_invalid", c.name, err)
		}
	}
	if _, err := e.auth.UserKey(t.Context(), user); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a refused hello kept the user's key: %v", err)
	}

	c, ch := dialStream(t, e.url)
	sendTestFrame(t, c, wire.FrameHello, 0, hello(t, key, domain, ch.Nonce))
	if f := readTestFrame(t, c); f.Type != wire.FrameWelcome {
		t.Fatalf("a good hello was answered %+v, want welcome", f)
	}
	if k, err := e.auth.UserKey(t.Context(), user); err != nil || common.Bytes2Hex(k) != common.Bytes2Hex(crypto.FromECDSAPub(&key.PublicKey)) {
		t.Fatalf("the stream's user key was not kept: %v", err)
	}
	sendTestFrame(t, c, wire.FrameSync, 7, wire.StreamSync{From: channel.Amount{V: common.Big0}})
	if f := readTestFrame(t, c); f.Type != wire.FrameResult || f.ID != 7 || f.Error != nil {
		t.Fatalf("a sync was answered %+v", f)
	}
	if !e.hub.servedTo(user) {
		t.Fatal("the sync did not reach the hub as the stream's user")
	}
}

// TestStreamFrames: frames get the HTTP API's answers — a refusal its code and status, a
// body that does not decode invalid_json, a frame type no wallet sends no_such_endpoint —
// each paired with its frame by id; a frame without an id ends the stream.
func TestStreamFrames(t *testing.T) {
	e := newEnv(t)
	key, _ := crypto.GenerateKey()
	c, ch := dialStream(t, e.url)
	sendTestFrame(t, c, wire.FrameHello, 0, hello(t, key, domain, ch.Nonce))
	readTestFrame(t, c)

	e.hub.requestErr = channel.ErrInsufficient
	sendTestFrame(t, c, wire.FrameRequest, 1, wire.HubRequest{Update: channel.Update{Kind: channel.KindConfirm}, Nonce: channel.Amount{V: common.Big1}})
	if f := readTestFrame(t, c); f.ID != 1 || f.Error == nil || f.Error.Code != wire.CodeInsufficient || f.Status != http.StatusUnprocessableEntity {
		t.Errorf("a refused request: %+v, want 422 %s", f, wire.CodeInsufficient)
	}
	b, _ := json.Marshal(wire.Frame{Type: wire.FrameCosign, ID: 2, Body: json.RawMessage(`{"nonce":"1","sigUser":"0x00","extra":1}`)})
	_ = c.Write(t.Context(), websocket.MessageText, b)
	if f := readTestFrame(t, c); f.ID != 2 || f.Error == nil || f.Error.Code != wire.CodeInvalidJSON {
		t.Errorf("a cosign with an unknown field: %+v, want invalid_json", f)
	}
	sendTestFrame(t, c, wire.FrameWelcome, 3, nil)
	if f := readTestFrame(t, c); f.ID != 3 || f.Error == nil || f.Error.Code != wire.CodeMethodNotFound {
		t.Errorf("a frame a wallet does not send: %+v, want %s", f, wire.CodeMethodNotFound)
	}
	sendTestFrame(t, c, wire.FrameSync, 0, wire.StreamSync{From: channel.Amount{V: common.Big0}})
	if _, err := tryFrame(t, c); websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
		t.Errorf("a frame without an id: %v, want the stream closed", err)
	}
}

// TestStreamLeader: a process that does not lead refuses a stream with 503 not_leader
// naming the leader before upgrading; one that stops leading closes its streams with
// not_leader once the hub wakes its waiters, and refuses a request meanwhile.
func TestStreamLeader(t *testing.T) {
	e := newEnv(t)
	e.hub.woken = make(chan struct{})
	var leading atomic.Bool
	srv := httptest.NewServer(hubapi.NewServer(e.hub, e.auth, slog.New(slog.DiscardHandler)).
		WithLeader(func(context.Context) (bool, string) { return leading.Load(), "http://leader:8580" }).Handler())
	t.Cleanup(srv.Close)

	_, resp, err := websocket.Dial(t.Context(), "ws"+strings.TrimPrefix(srv.URL, "http")+wire.StreamPath, nil)
	var we wire.Error
	if resp != nil {
		_ = json.NewDecoder(resp.Body).Decode(&we)
	}
	if err == nil || resp == nil || resp.StatusCode != http.StatusServiceUnavailable || we.Code != wire.CodeNotLeader || we.Leader != "http://leader:8580" {
		t.Fatalf("a stream to a follower: %v %+v, want 503 not_leader naming the leader", err, we)
	}

	leading.Store(true)
	key, _ := crypto.GenerateKey()
	c, ch := dialStream(t, srv.URL)
	sendTestFrame(t, c, wire.FrameHello, 0, hello(t, key, domain, ch.Nonce))
	readTestFrame(t, c)
	leading.Store(false)
	sendTestFrame(t, c, wire.FrameCosign, 1, wire.HubCosign{Nonce: channel.Amount{V: common.Big1}, SigUser: make([]byte, 65)})
	if f := readTestFrame(t, c); f.Error == nil || f.Error.Code != wire.CodeNotLeader || f.Status != http.StatusServiceUnavailable {
		t.Fatalf("a co-signature on a stream whose process stopped leading: %+v, want not_leader", f)
	}
	if _, err := tryFrame(t, c); websocket.CloseStatus(err) != websocket.StatusTryAgainLater {
		t.Fatalf("after refusing not_leader the stream stayed open: %v", err)
	}

	leading.Store(true)
	c, ch = dialStream(t, srv.URL)
	sendTestFrame(t, c, wire.FrameHello, 0, hello(t, key, domain, ch.Nonce))
	readTestFrame(t, c)
	leading.Store(false)
	close(e.hub.woken) // the hub wakes every waiter when its process stops leading
	if _, err := tryFrame(t, c); websocket.CloseStatus(err) != websocket.StatusTryAgainLater || !strings.Contains(err.Error(), wire.CodeNotLeader) {
		t.Fatalf("a stream of a process that stopped leading: %v, want it closed with not_leader", err)
	}
}

// TestStreamClose: a process that stops ends its streams (an http.Server's shutdown does
// not close the connections it handed over), telling each wallet it is going away.
func TestStreamClose(t *testing.T) {
	e := newEnv(t)
	api := hubapi.NewServer(e.hub, e.auth, slog.New(slog.DiscardHandler))
	srv := httptest.NewServer(api.Handler())
	t.Cleanup(srv.Close)
	srv.Config.RegisterOnShutdown(api.Close)
	key, _ := crypto.GenerateKey()
	c, ch := dialStream(t, srv.URL)
	sendTestFrame(t, c, wire.FrameHello, 0, hello(t, key, domain, ch.Nonce))
	readTestFrame(t, c)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := srv.Config.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := tryFrame(t, c); websocket.CloseStatus(err) != websocket.StatusGoingAway {
		t.Fatalf("a stream of a process shutting down: %v, want it closed going away", err)
	}
}
