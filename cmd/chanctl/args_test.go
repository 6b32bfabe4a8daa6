package main

import (
	"errors"
	"io"
	"testing"
)

// TestUsageErrors: a bad command line is a usage error before any file or node is used.
func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"fly"}, {"status", "extra"}, {"pay", "0x00"}, {"deposit"}, {"close", "a", "b"},
		{"deposit", "1", "finney"}, {"deposit", "0"}, {"pay", "0xb0", "1"}, {"withdraw", "0.5", "0xnope"}, {"close", "0xnope"},
		{"status", "--asset", "VTT"}, {"close", "--asset", "0x0000000000000000000000000000000000000001"}} {
		if err := runLine(t.Context(), append([]string{"-config", "/nonexistent"}, args...), io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	if _, err := amount([]string{"-1", "ether"}); err == nil {
		t.Error("negative amount accepted")
	}
	if _, err := amount([]string{"0"}); err == nil {
		t.Error("zero amount accepted")
	}
	if _, _, err := splitAddress([]string{"1", "0xnope"}); err == nil {
		t.Error("bad address accepted")
	}
}
