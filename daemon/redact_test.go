package daemon

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/ethclient"
)

// TestRedactError: what an RPC node's or a database driver's error quotes of its URL —
// the URL, a password, a key in the path or query, a URL that does not parse — is gone
// from the text, and the error still matches what it wraps.
func TestRedactError(t *testing.T) {
	cause := errors.New("connection refused")
	for _, tc := range []struct{ name, url, secret string }{
		{"key in path", "https://mainnet.example/v3/K3yInPath", "K3yInPath"},
		{"key in query", "https://rpc.example/?apikey=K3yInQuery", "K3yInQuery"},
		{"password", "postgres://vigil:Pa55word@db:5432/vigil", "Pa55word"},
		{"password in a URL that does not parse", "postgres://vigil:Pa55word@db:port/vigil", "Pa55word"},
		{"webhook path", "https://hooks.slack.example/services/T0/B0/H00kS3cret", "H00kS3cret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := RedactError(fmt.Errorf("Post %q: %w", tc.url, cause), tc.url)
			if strings.Contains(err.Error(), tc.secret) {
				t.Errorf("redacted error still carries the secret: %v", err)
			}
			if !errors.Is(err, cause) {
				t.Errorf("redacted error no longer wraps its cause: %v", err)
			}
		})
	}
	if err := RedactError(cause, "https://rpc.example/K3y"); err != cause {
		t.Errorf("an error without the URL in it was changed: %v", err)
	}
}

// TestScrubbedClient: a dialled node's transport error quotes the URL, key and all; the
// client Dial hands on does not.
func TestScrubbedClient(t *testing.T) {
	url := "http://127.0.0.1:1/v3/K3yInPath?apikey=K3yInQuery"
	c, err := ethclient.DialContext(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, raw := c.ChainID(context.Background())
	if raw == nil || !strings.Contains(raw.Error(), "K3yInPath") {
		t.Fatalf("the raw client's error %v does not quote the URL: the test proves nothing", raw)
	}
	_, err = scrub(c, url).ChainID(context.Background())
	if err == nil || strings.Contains(err.Error(), "K3yInPath") || strings.Contains(err.Error(), "K3yInQuery") {
		t.Fatalf("scrubbed client's error: %v", err)
	}
}
