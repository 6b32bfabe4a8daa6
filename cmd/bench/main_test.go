package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"
)

// TestBenchTiny runs `bench --size tiny --json all` so the command cannot rot: every
// line is a figure with its ceiling and ratio.
func TestBenchTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("measures against PostgreSQL and SQLite")
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"bench", "--size", "tiny", "--json", "all"}, &out, &errOut); code != 0 {
		t.Fatalf("bench exited %d: %s", code, &errOut)
	}
	rows := 0
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var row map[string]any
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		for _, k := range []string{"metric", "value", "unit"} {
			if _, ok := row[k]; !ok {
				t.Errorf("row %v has no %s", row, k)
			}
		}
		rows++
	}
	if rows < 2 {
		t.Fatalf("%d figures, want deposits and storage at least:\n%s", rows, out.String())
	}
}
