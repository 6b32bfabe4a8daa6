package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
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
	checkBatchesCheaper(t, rows)
}

// TestMeasureOnAnvil runs `go run ./cmd/gasreport --rpc` against anvil, as docs/gas.md
// does: the same sequence runs on both chains and the table shows both figures per row;
// docs/gas.md's anvil column must be this measurement's.
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
	checkBatchesCheaper(t, rows)
	checkDocsColumn(t, "anvil", rows, func(d docRow) uint64 { return d.anvil })
	// The figure help text and docs quote is this measurement's, rounded up.
	most := uint64(0)
	for _, r := range rows {
		if r.fn == "challenge" {
			most = max(most, r.gas)
		}
	}
	if rounded := (most + 999) / 1000 * 1000; rounded != contracts.ChallengeGas {
		t.Errorf("a challenge costs up to %d gas on anvil, which rounds to %d: set contracts.ChallengeGas (%d) to it", most, rounded, contracts.ChallengeGas)
	}
}

// TestDocsQuoteChallengeGas: every figure the README gives for a challenge's gas is
// contracts.ChallengeGas, the one TestMeasureOnAnvil checks against a measurement.
func TestDocsQuoteChallengeGas(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	quotes := regexp.MustCompile(`challenge[^.]*?about ([0-9,]+) gas`).FindAllStringSubmatch(strings.ReplaceAll(string(b), "\n", " "), -1)
	if len(quotes) < 2 {
		t.Fatalf("the README quotes a challenge's gas %d times, want its two places", len(quotes))
	}
	for _, q := range quotes {
		if q[1] != contracts.ChallengeGasText() {
			t.Errorf("the README says %q; contracts.ChallengeGas is %s", q[0], contracts.ChallengeGasText())
		}
	}
}

// maxTxGas is the most gas one transaction may use (EIP-7825).
const maxTxGas = 1 << 24

func checkPlausible(t *testing.T, rows []row) {
	t.Helper()
	for _, r := range rows {
		if r.gas < 21000 || r.gas > maxTxGas {
			t.Errorf("%s (%s): %d gas is not a transaction's", r.fn, r.scenario, r.gas)
		}
	}
}

// checkBatchesCheaper: registering secrets in a batch of 10 or 100 costs less per secret
// than one registerSecret call each, on the same chain.
func checkBatchesCheaper(t *testing.T, rows []row) {
	t.Helper()
	var single uint64
	batches := map[string]uint64{}
	for _, r := range rows {
		switch r.fn {
		case "registerSecret":
			single = r.gas
		case "registerSecrets":
			batches[r.scenario] = r.gas
		}
	}
	if single == 0 || len(batches) != len(secretBatches) {
		t.Fatalf("registerSecret %d gas, registerSecrets measured at %d sizes; want one and %d", single, len(batches), len(secretBatches))
	}
	for _, n := range secretBatches {
		gas := batches[batchScenario(n)]
		t.Logf("registerSecrets of %d: %d gas, %d per secret (registerSecret: %d)", n, gas, gas/uint64(n), single)
		if n > 1 && gas/uint64(n) >= single {
			t.Errorf("registerSecrets of %d costs %d gas per secret, not less than registerSecret's %d", n, gas/uint64(n), single)
		}
	}
}
