package redact_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/internal/redact"
)

func TestURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://hooks.slack.com/services/T0/B0/secret":     "https://hooks.slack.com",
		"https://user:pass@rpc.example/v3/key?token=x#frag": "https://rpc.example",
		"http://127.0.0.1:8080/hook":                        "http://127.0.0.1:8080",
		"hooks.slack.com/services/T0/B0/secret":             "(unparseable URL)",
		"::not a url":                                       "(unparseable URL)",
		"":                                                  "(unparseable URL)",
	} {
		if got := redact.URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
		if strings.Contains(redact.URL(in), "secret") {
			t.Errorf("URL(%q) leaks the path", in)
		}
	}
}

func TestErrorKeepsIdentity(t *testing.T) {
	hook := "https://hooks.slack.com/services/T0/B0/secret"
	err := fmt.Errorf("post %q: %w", hook, io.ErrUnexpectedEOF)
	got := redact.Error(err, hook, "xoxb-token")
	if strings.Contains(got.Error(), "secret") || !strings.Contains(got.Error(), "https://hooks.slack.com/[redacted]") {
		t.Errorf("redacted error %q", got)
	}
	if !errors.Is(got, io.ErrUnexpectedEOF) {
		t.Error("redacted error lost its cause")
	}
	if redact.Error(io.EOF, hook) != io.EOF || redact.Error(nil, hook) != nil {
		t.Error("an error without secrets must be returned as it is")
	}
	if s := redact.String("token xoxb-1 and xoxb-1", "xoxb-1", ""); s != "token [redacted] and [redacted]" {
		t.Errorf("String = %q", s)
	}
}
