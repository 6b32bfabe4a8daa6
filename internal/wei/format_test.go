package wei_test

import (
	"log/slog"
	"math/big"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/internal/wei"
)

// TestParseEther: what people type, where a plain number is ether.
func TestParseEther(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want "" means an error
	}{
		{"0.2", "200000000000000000"},
		{"1.5 ether", "1500000000000000000"},
		{"1000 wei", "1000"},
		{"3 gwei", "3000000000"},
		{"1", "1000000000000000000"},
		{"0.0000000000000000001", ""}, // a tenth of a wei
		{"1.5 wei", ""},
		{"-0.2", ""},
		{"0.2 finney", ""},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := wei.ParseEther(tc.in)
			switch {
			case tc.want == "" && err == nil:
				t.Errorf("got %s, want an error", got)
			case tc.want != "" && err != nil:
				t.Errorf("error %v, want %s", err, tc.want)
			case tc.want != "" && got.String() != tc.want:
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	if _, err := wei.ParseDefault("1", "finney"); err == nil {
		t.Error("an unknown default unit was accepted")
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		in       string
		decimals uint8
		want     string
	}{
		{"1500000000000000000", 18, "1.5"},
		{"1000000000000000000", 18, "1"},
		{"0", 18, "0"},
		{"1", 18, "0.000000000000000001"},
		{"200000000000000000", 18, "0.2"},
		{"123456789012345678901", 18, "123.456789012345678901"},
		{"-2500000000000000000", 18, "-2.5"},
		{"12345", 2, "123.45"},
		{"7", 0, "7"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			v, _ := new(big.Int).SetString(tc.in, 10)
			if got := wei.Format(v, tc.decimals); got != tc.want {
				t.Errorf("Format(%s, %d) = %q, want %q", tc.in, tc.decimals, got, tc.want)
			}
			if tc.decimals == 18 && v.Sign() >= 0 { // what Ether prints, ParseEther reads back
				back, err := wei.ParseEther(wei.Ether(v))
				if err != nil || back.Cmp(v) != 0 {
					t.Errorf("ParseEther(Ether(%s)) = %v, %v", v, back, err)
				}
			}
		})
	}
	if got := wei.Format(nil, 18); got != "0" {
		t.Errorf("Format(nil) = %q", got)
	}
}

// TestParseUnits: a token amount in the token's own decimals, optionally followed by its
// symbol; what Format prints, ParseUnits reads back.
func TestParseUnits(t *testing.T) {
	for _, tc := range []struct {
		in       string
		decimals uint8
		want     string // "" means an error
	}{
		{"2.5", 18, "2500000000000000000"},
		{"2.5 VTT", 18, "2500000000000000000"},
		{"3 vtt", 18, "3000000000000000000"},
		{"12.34", 2, "1234"},
		{"12.345", 2, ""}, // a tenth of a base unit
		{"7", 0, "7"},
		{"0.5", 0, ""},
		{"0", 6, "0"},
		{"1 ether", 18, ""}, // not the token's unit
		{"1 VTT extra", 18, ""},
		{"-1", 18, ""},
		{"", 18, ""},
		{"one", 18, ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := wei.ParseUnits(tc.in, tc.decimals, "VTT")
			switch {
			case tc.want == "" && err == nil:
				t.Errorf("got %s, want an error", got)
			case tc.want != "" && err != nil:
				t.Errorf("error %v, want %s", err, tc.want)
			case tc.want != "" && got.String() != tc.want:
				t.Errorf("got %s, want %s", got, tc.want)
			case tc.want != "":
				if back, err := wei.ParseUnits(wei.Format(got, tc.decimals), tc.decimals); err != nil || back.Cmp(got) != 0 {
					t.Errorf("ParseUnits(Format(%s)) = %v, %v", got, back, err)
				}
			}
		})
	}
	if _, err := wei.ParseUnits("1 DAI", 18, "VTT"); err == nil || !strings.Contains(err.Error(), `"DAI"`) || !strings.Contains(err.Error(), "VTT") {
		t.Errorf("an unknown unit: %v, want an error naming it and the token's", err)
	}
}

// TestLogForms: an amount in logs and messages shows raw and in ether (gwei for fees).
func TestLogForms(t *testing.T) {
	v := big.NewInt(1500000000000000000)
	if got, want := wei.Text(v), "1500000000000000000 wei (1.5 ether)"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	var b strings.Builder
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{ReplaceAttr: noTime})).Info("m",
		wei.Attrs("balance", v), wei.GweiAttrs("fee_cap", big.NewInt(2_500_000_000)), wei.Attrs("none", nil))
	if got, want := b.String(), "level=INFO msg=m balance_wei=1500000000000000000 balance_ether=1.5 fee_cap_wei=2500000000 fee_cap_gwei=2.5\n"; got != want {
		t.Errorf("logged %q, want %q", got, want)
	}
}
