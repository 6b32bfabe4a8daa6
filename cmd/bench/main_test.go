package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
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
	all := out.String()
	rows := 0
	sc := bufio.NewScanner(strings.NewReader(all))
	for sc.Scan() {
		var row map[string]any
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		for _, k := range []string{"metric", "value", "unit", "ceiling", "ratio", "params"} {
			if _, ok := row[k]; !ok {
				t.Errorf("row %v has no %s", row, k)
			}
		}
		rows++
	}
	for _, f := range figures {
		if !strings.Contains(all, `"figure":"`+f.name+`"`) {
			t.Errorf("no row of figure %s:\n%s", f.name, all)
		}
	}
	if rows < len(figures) {
		t.Fatalf("%d rows for %d figures:\n%s", rows, len(figures), all)
	}
}
