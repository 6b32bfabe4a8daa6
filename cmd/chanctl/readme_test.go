package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestReadmeTypedData: the typed data the README shows a wallet signing is what
// `chanctl typed-data --example` prints, so it cannot drift from the code.
func TestReadmeTypedData(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const marker = "<!-- chanctl typed-data --example -->\n```json\n"
	i := strings.Index(string(b), marker)
	if i < 0 {
		t.Fatal("the README has no typed-data example block")
	}
	rest := string(b)[i+len(marker):]
	shown := rest[:strings.Index(rest, "```")]
	var out bytes.Buffer
	if err := runLine(t.Context(), []string{"typed-data", "--example"}, &out); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(shown) != strings.TrimSpace(out.String()) {
		t.Errorf("the README's typed data differs from `go run ./cmd/chanctl typed-data --example`; paste its output:\n%s", out.String())
	}
}
