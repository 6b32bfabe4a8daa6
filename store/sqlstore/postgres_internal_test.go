package sqlstore

import "testing"

// TestBinaryParameters: the store asks lib/pq for one round trip per statement unless the
// operator's URL says otherwise, in either of its forms.
func TestBinaryParameters(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u@h:5432/db?sslmode=disable": "postgres://u@h:5432/db?binary_parameters=yes&sslmode=disable",
		"postgresql://u@h/db":                    "postgresql://u@h/db?binary_parameters=yes",
		"host=h dbname=db":                       "host=h dbname=db binary_parameters=yes",
		"postgres://u@h/db?binary_parameters=no": "postgres://u@h/db?binary_parameters=no",
		"host=h binary_parameters=no":            "host=h binary_parameters=no",
	} {
		if got := binaryParameters(in); got != want {
			t.Errorf("binaryParameters(%q) = %q, want %q", in, got, want)
		}
	}
}
