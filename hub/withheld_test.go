package hub_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestWithheldClaimIsCollected: a payee asks to claim hub first and keeps the hub's
// signed claim without ever co-signing it through the API. Signing it, the payee holds a
// state that pays it the lock on-chain; the hub has given the payment away, so it must
// collect from the payer at once, with the secret the claim carried, not when (if ever)
// the payee co-signs.
func TestWithheldClaimIsCollected(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	target, err := url.Parse(e.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	var mu sync.Mutex
	claims := map[string]bool{} // nonces of the payee's claim requests
	withheld := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if r.Method == http.MethodPost && r.URL.Path == "/v1/requests" {
			var req wire.HubRequest
			if json.Unmarshal(body, &req) == nil && req.Update.Kind == channel.KindClaim {
				mu.Lock()
				claims[req.Nonce.V.String()] = true
				mu.Unlock()
			}
		}
		if r.Method == http.MethodPost && r.URL.Path == "/v1/cosign" {
			var c wire.HubCosign
			if json.Unmarshal(body, &c) == nil {
				mu.Lock()
				claim := claims[c.Nonce.V.String()]
				if claim {
					withheld++
				}
				mu.Unlock()
				if claim { // the payee's co-signature of its claim never reaches the hub
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusServiceUnavailable)
					json.NewEncoder(w).Encode(wire.Error{Code: wire.CodeInternal, Message: "lost"})
					return
				}
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()

	alice := e.wallet(e.users[0])
	bob := e.wallet(e.users[1], func(c *client.Config) { c.HubURL = srv.URL })
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	hl, err := alice.Pay(t.Context(), bob.Address(), eth(1))
	if err != nil {
		t.Fatal(err)
	}
	e.eventually("the hub to collect the payment from its payer", func() bool {
		p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted
	}, bob, alice)
	mu.Lock()
	defer mu.Unlock()
	if withheld == 0 {
		t.Fatal("the payee's claim was never withheld: the test did not test")
	}
}
