package wei_test

import (
	"testing"

	"github.com/vigil-hub/vigil/internal/wei"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want "" means an error
	}{
		{"1", "1"},
		{"0", "0"},
		{"1.5 ether", "1500000000000000000"},
		{"1.5 ETH", "1500000000000000000"},
		{"200 gwei", "200000000000"},
		{"0.000000001 gwei", "1"},
		{"0.0000000001 gwei", ""}, // a tenth of a wei
		{"0.5", ""},
		{"1 wei", "1"},
		{"  3   ether ", "3000000000000000000"},
		{"-1 ether", ""},
		{"1 finney", ""},
		{"one ether", ""},
		{"", ""},
		{"1 ether extra", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := wei.Parse(tc.in)
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
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1", "1.5 ether", "200 gwei", "-1", "1e18 wei", "1/3 ether"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := wei.Parse(s)
		if err == nil && v.Sign() < 0 {
			t.Fatalf("%q parsed to a negative amount %s", s, v)
		}
	})
}
