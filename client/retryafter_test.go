package client_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/wire"
)

// TestRetryAfterHonoured: a hub that refuses for now — 429 on an auth nonce, 503 while it
// catches up with the chain — and says Retry-After: 1 is asked again no sooner than a
// second later, not on the wallet's own schedule (which starts at 50 ms). The wait is
// measured by the hub: the times its requests arrived.
func TestRetryAfterHonoured(t *testing.T) {
	const after = time.Second
	tests := []struct {
		name    string
		refused string // the path the hub refuses once
		status  int
		code    string
	}{
		{"auth nonce rate-limited", "/v1/auth/nonce", http.StatusTooManyRequests, wire.CodeRateLimited},
		{"hub catching up", "/v1/collateral", http.StatusServiceUnavailable, wire.CodeCatchingUp},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var arrived []time.Time // requests to tc.refused
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == tc.refused {
					mu.Lock()
					arrived = append(arrived, time.Now())
					first := len(arrived) == 1
					mu.Unlock()
					if first {
						w.Header().Set("Retry-After", "1")
						w.WriteHeader(tc.status)
						_ = json.NewEncoder(w).Encode(wire.Error{Code: tc.code, Message: "not now"})
						return
					}
				}
				switch r.URL.Path {
				case "/v1/auth/nonce":
					_ = json.NewEncoder(w).Encode(wire.AuthNonce{Nonce: common.Hash{1}, ExpiresAt: time.Now().Add(time.Minute).Unix()})
				case "/v1/collateral":
					_, _ = w.Write([]byte("{}"))
				default:
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()
			key, err := crypto.GenerateKey()
			if err != nil {
				t.Fatal(err)
			}
			w, err := client.Open(client.Config{HubURL: srv.URL, Key: key, ChainID: big.NewInt(1337),
				StatePath: filepath.Join(t.TempDir(), "wallet.json"), Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			if err := w.RequestCollateral(ctx); err != nil {
				t.Fatalf("the request after the hub's wait: %v", err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(arrived) != 2 {
				t.Fatalf("%s asked %d times, want 2 (refused once, then served)", tc.refused, len(arrived))
			}
			if gap := arrived[1].Sub(arrived[0]); gap < after {
				t.Errorf("%s asked again %v after the hub said Retry-After: 1, want at least %v", tc.refused, gap, after)
			}
		})
	}
}
