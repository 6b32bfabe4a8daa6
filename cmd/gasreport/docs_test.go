package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// docsSlack is how far a figure in docs/gas.md may lie from a measurement: figures vary by
// a few dozen gas between runs (signature bytes change calldata cost).
const docsSlack = 200

// docRow is one row of docs/gas.md's main table.
type docRow struct {
	fn, scenario     string
	anvil, simulated uint64
}

// docsTable reads the main table of docs/gas.md: the rows gasreport --rpc prints.
func docsTable(t *testing.T) []docRow {
	t.Helper()
	b, err := os.ReadFile("../../docs/gas.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "| function | scenario | anvil | simulated |\n| --- | --- | ---: | ---: |\n")
	if !ok {
		t.Fatal("docs/gas.md has no table as gasreport --rpc prints it")
	}
	re := regexp.MustCompile("^\\| `([^`]+)` \\| (.+) \\| ([0-9]+) \\| ([0-9]+) \\|$")
	var rows []docRow
	for _, line := range strings.Split(after, "\n") {
		m := re.FindStringSubmatch(line)
		if m == nil {
			break
		}
		a, _ := strconv.ParseUint(m[3], 10, 64)
		s, _ := strconv.ParseUint(m[4], 10, 64)
		rows = append(rows, docRow{fn: m[1], scenario: m[2], anvil: a, simulated: s})
	}
	return rows
}

// checkDocsColumn compares one column of docs/gas.md's main table with a measurement:
// the same rows in the same order, each figure within docsSlack.
func checkDocsColumn(t *testing.T, chain string, measured []row, figure func(docRow) uint64) {
	t.Helper()
	doc := docsTable(t)
	if len(doc) != len(measured) {
		t.Fatalf("docs/gas.md's table has %d rows, gasreport measures %d: paste `go run ./cmd/gasreport --rpc` into it", len(doc), len(measured))
	}
	for i, m := range measured {
		d := doc[i]
		if d.fn != m.fn || d.scenario != m.scenario {
			t.Errorf("docs/gas.md row %d is %s (%s), gasreport's is %s (%s)", i+1, d.fn, d.scenario, m.fn, m.scenario)
			continue
		}
		if got := figure(d); got+docsSlack < m.gas || got > m.gas+docsSlack {
			t.Errorf("docs/gas.md: %s (%s) costs %d gas on %s, gasreport measures %d", d.fn, d.scenario, got, chain, m.gas)
		}
	}
}

// TestDocsTableIsMeasured: docs/gas.md's simulated column is what gasreport measures on
// the simulated chain (TestMeasureOnAnvil checks the anvil column), and its per-secret
// table is derived from the main table's batches.
func TestDocsTableIsMeasured(t *testing.T) {
	rows, err := measureOn(simulated())
	if err != nil {
		t.Fatal(err)
	}
	checkDocsColumn(t, "the simulated chain", rows, func(d docRow) uint64 { return d.simulated })
	checkPerSecretTable(t)
}

// checkPerSecretTable: each row of the per-secret table is its batch's gas from the main
// table over the batch's size, rounded, on both chains.
func checkPerSecretTable(t *testing.T) {
	t.Helper()
	b, err := os.ReadFile("../../docs/gas.md")
	if err != nil {
		t.Fatal(err)
	}
	batch := map[string]docRow{}
	for _, d := range docsTable(t) {
		if d.fn == "registerSecrets" {
			batch[d.scenario] = d
		}
	}
	re := regexp.MustCompile(`(?m)^\| ([0-9]+) \| ([0-9]+) \| ([0-9]+) \|$`)
	found := 0
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		n, _ := strconv.ParseUint(m[1], 10, 64)
		d, ok := batch[batchScenario(int(n))]
		if !ok {
			t.Errorf("docs/gas.md gives per-secret figures for a batch of %d, which the main table does not measure", n)
			continue
		}
		found++
		if want := fmt.Sprintf("| %d | %d | %d |", n, (d.anvil+n/2)/n, (d.simulated+n/2)/n); m[0] != want {
			t.Errorf("docs/gas.md says %q; the main table's batch of %d gives %q", m[0], n, want)
		}
	}
	if found != len(secretBatches) {
		t.Errorf("docs/gas.md gives per-secret figures for %d batch sizes, gasreport measures %d", found, len(secretBatches))
	}
}
