package main

import "testing"

// TestMeasure runs the README's `go run ./cmd/gasreport` measurement: every function is
// measured, with a plausible gas figure.
func TestMeasure(t *testing.T) {
	rows, err := measure()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 8 {
		t.Fatalf("%d rows, want every ChannelManager function", len(rows))
	}
	for _, r := range rows {
		if r.gas < 21000 || r.gas > 10_000_000 {
			t.Errorf("%s (%s): %d gas is not a transaction's", r.fn, r.scenario, r.gas)
		}
	}
}
