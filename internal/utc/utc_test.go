package utc

import (
	"log/slog"
	"strings"
	"testing"
)

// TestForms: a Unix time shows raw and in UTC.
func TestForms(t *testing.T) {
	const at = 1796655893
	if got, want := Format(at), "2026-12-07 15:04:53 UTC"; got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
	if got, want := Text(at), "1796655893 (2026-12-07 15:04:53 UTC)"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{ReplaceAttr: noTime})).Info("m", Attrs("deadline", at))
	if got, want := b.String(), `level=INFO msg=m deadline=1796655893 deadline_utc="2026-12-07 15:04:53 UTC"`+"\n"; got != want {
		t.Errorf("logged %q, want %q", got, want)
	}
}

func noTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
