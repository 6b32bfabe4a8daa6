package geth

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinary: an unset VIGIL_GETH is ErrNoBinary (the suite skips); a path that is
// missing, a directory or not executable is another error naming it (the suite fails).
func TestBinary(t *testing.T) {
	dir := t.TempDir()
	plain, exe := filepath.Join(dir, "plain"), filepath.Join(dir, "geth")
	if err := os.WriteFile(plain, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VIGIL_GETH", "")
	if _, err := Binary(); !errors.Is(err, ErrNoBinary) {
		t.Errorf("unset: %v, want ErrNoBinary", err)
	}
	for _, p := range []string{filepath.Join(dir, "missing"), dir, plain} {
		t.Setenv("VIGIL_GETH", p)
		if _, err := Binary(); err == nil || errors.Is(err, ErrNoBinary) || !containsPath(err, p) {
			t.Errorf("VIGIL_GETH=%s: %v, want an error naming it", p, err)
		}
	}
	t.Setenv("VIGIL_GETH", exe)
	if got, err := Binary(); err != nil || got != exe {
		t.Errorf("VIGIL_GETH=%s: %q, %v", exe, got, err)
	}
}

func containsPath(err error, p string) bool { return err != nil && strings.Contains(err.Error(), p) }
