package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/internal/anvil"
)

// TestMeasure runs the README's `go run ./cmd/gasreport` measurement: every function is
// measured, with a plausible gas figure.
func TestMeasure(t *testing.T) {
	rows, err := measureOn(simulated())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 8 {
		t.Fatalf("%d rows, want every ChannelManager function", len(rows))
	}
	checkPlausible(t, rows)
}

// TestMeasureOnAnvil runs `go run ./cmd/gasreport --rpc` against anvil, as docs/gas.md
// does: the same sequence runs on both chains and the table shows both figures per row.
func TestMeasureOnAnvil(t *testing.T) {
	n := anvil.Start(t, 0)
	var out bytes.Buffer
	if err := report(t.Context(), &out, n.HTTP()); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", out.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) < 10 || lines[0] != "| function | scenario | anvil | simulated |" {
		t.Fatalf("report:\n%s", out.String())
	}
	rows, err := measureOn(node(t.Context(), n.HTTP()))
	if err != nil {
		t.Fatal(err)
	}
	checkPlausible(t, rows)
}

func checkPlausible(t *testing.T, rows []row) {
	t.Helper()
	for _, r := range rows {
		if r.gas < 21000 || r.gas > 10_000_000 {
			t.Errorf("%s (%s): %d gas is not a transaction's", r.fn, r.scenario, r.gas)
		}
	}
}
