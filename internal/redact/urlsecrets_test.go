package redact_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/internal/redact"
)

// TestURLError: what an RPC node's or a database driver's error quotes of its URL — the
// URL, a password, a key in the path or query, a URL that does not parse — is gone from
// the text, and the error still matches what it wraps.
func TestURLError(t *testing.T) {
	cause := errors.New("connection refused")
	for _, tc := range []struct{ name, url, secret string }{
		{"key in path", "https://mainnet.example/v3/K3yInPath", "K3yInPath"},
		{"key in query", "https://rpc.example/?apikey=K3yInQuery", "K3yInQuery"},
		{"password", "postgres://vigil:Pa55word@db:5432/vigil", "Pa55word"},
		{"password in a URL that does not parse", "postgres://vigil:Pa55word@db:port/vigil", "Pa55word"},
		{"webhook path", "https://hooks.slack.example/services/T0/B0/H00kS3cret", "H00kS3cret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := redact.URLError(fmt.Errorf("Post %q: %w", tc.url, cause), tc.url)
			if strings.Contains(err.Error(), tc.secret) {
				t.Errorf("redacted error still carries the secret: %v", err)
			}
			if !errors.Is(err, cause) {
				t.Errorf("redacted error no longer wraps its cause: %v", err)
			}
		})
	}
	if err := redact.URLError(cause, "https://rpc.example/K3y"); err != cause {
		t.Errorf("an error without the URL in it was changed: %v", err)
	}
}
