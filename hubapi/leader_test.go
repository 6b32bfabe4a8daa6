package hubapi_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestNotLeader: a process that does not lead refuses what only the leader may do with
// 503 not_leader naming the leader, before it spends the auth nonce, which the wallet
// then takes to the leader; it serves reads; a write fenced mid-request answers the same.
func TestNotLeader(t *testing.T) {
	e := newEnv(t)
	var leading atomic.Bool
	srv := httptest.NewServer(hubapi.NewServer(e.hub, e.auth, slog.New(slog.DiscardHandler)).
		WithLeader(func(context.Context) (bool, string) { return leading.Load(), "http://leader:8580" }).Handler())
	t.Cleanup(srv.Close)
	e.url = srv.URL
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)

	n := e.nonce(user)
	for _, c := range []struct{ method, path string }{
		{http.MethodPost, "/v1/requests"}, {http.MethodPost, "/v1/cosign"}, {http.MethodPost, "/v1/collateral"}, {http.MethodGet, "/v1/updates"},
	} {
		status, werr := e.call(c.method, c.path, []byte(`{}`), key, user, n)
		if status != http.StatusServiceUnavailable || werr.Code != wire.CodeNotLeader || werr.Leader != "http://leader:8580" {
			t.Errorf("%s %s on a follower: %d %s %q, want 503 not_leader naming the leader", c.method, c.path, status, werr.Code, werr.Leader)
		}
	}
	if status, werr := e.call(http.MethodGet, "/v1/channel", nil, key, user, n); status != http.StatusOK {
		t.Fatalf("a read on a follower with the nonce its refusals left unspent: %d %s", status, werr.Message)
	}
	if len(e.hub.served) != 1 {
		t.Fatalf("the hub served %d requests, want only the read", len(e.hub.served))
	}

	leading.Store(true)
	e.hub.requestErr = store.ErrFenced
	body := []byte(`{"update":{"kind":"deposit"},"nonce":"1"}`)
	status, werr := e.call(http.MethodPost, "/v1/requests", body, key, user, e.nonce(user))
	if status != http.StatusServiceUnavailable || werr.Code != wire.CodeNotLeader {
		t.Errorf("a request fenced while it ran: %d %s (%s), want 503 not_leader", status, werr.Code, werr.Message)
	}
}
