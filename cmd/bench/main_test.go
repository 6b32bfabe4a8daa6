package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBenchTiny runs `bench --size tiny --json all` so the command cannot rot: every
// line is a figure with its ceiling and ratio.
func TestBenchTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("measures against PostgreSQL and SQLite")
	}
	// The run also writes its table into a copy of docs/performance.md (--doc).
	doc, err := os.ReadFile("../../docs/performance.md")
	if err != nil {
		t.Fatal(err)
	}
	docCopy := filepath.Join(t.TempDir(), "performance.md")
	if err := os.WriteFile(docCopy, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"bench", "--size", "tiny", "--json", "--doc", docCopy, "all"}, &out, &errOut); code != 0 {
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
	// The payments figure: the hub in a process of its own, its CPU on a row; the wallets'
	// traffic over their streams; the open-loop latencies at each load.
	for _, want := range []string{`"metric":"hub CPU per complete payment, its own process"`, `"hub_cpu_µs/payment":`,
		`"wallets_cpu_µs/payment":`, `"requests/payment stream frame intent":`, `"metric":"payment time to paid p50, open loop at 80 %"`,
		`"metric":"payment time to complete p50, open loop at 80 %"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %s in the payments figure:\n%s", want, all)
		}
	}
	if rows < len(figures) {
		t.Fatalf("%d rows for %d figures:\n%s", rows, len(figures), all)
	}
	written, err := os.ReadFile(docCopy)
	if err != nil {
		t.Fatal(err)
	}
	w := string(written)
	// The document may hold tables of its own outside the generated one.
	_, table, _ := strings.Cut(w, docBegin)
	table, _, _ = strings.Cut(table, docEnd)
	if strings.Count(table, "\n| ") != rows+2 || !strings.Contains(table, "size tiny") {
		t.Errorf("--doc wrote %d table lines for %d rows:\n%s", strings.Count(table, "\n| "), rows, w)
	}
	before, _, _ := strings.Cut(string(doc), docBegin)
	_, after, _ := strings.Cut(string(doc), docEnd)
	if !strings.HasPrefix(w, before) || !strings.HasSuffix(w, after) {
		t.Error("--doc changed the document outside its table")
	}
}

// TestWriteDocNeedsMarkers: a file without the table's lines is refused and left as it was.
func TestWriteDocNeedsMarkers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "perf.md")
	const text = "# Performance\n\nno table here\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeDoc(path, []Row{row("x", 1, "u", 2, nil)}, "tiny", time.Second, time.Now())
	if err == nil || !strings.Contains(err.Error(), "has no table to replace") {
		t.Fatalf("writeDoc without markers: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != text {
		t.Fatalf("file changed: %q", b)
	}
}
