package repotest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// checkTree runs scripts/check-tree.sh on files and returns its exit code and stderr.
func checkTree(t *testing.T, files ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{"scripts/check-tree.sh"}, files...)...)
	cmd.Dir = "../.."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

func TestCheckTreeCatchesBinaries(t *testing.T) {
	dir := t.TempDir()
	self, err := os.Executable() // this test binary: an ELF executable
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"hub.test":  exe,
		"big.json":  bytes.Repeat([]byte("{}\n"), 1<<20), // 3 MB of text
		"small.txt": []byte("fine\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, msg := checkTree(t, filepath.Join(dir, "hub.test")); code != 1 || !strings.Contains(msg, "executable binary") {
		t.Errorf("an executable passed the check (exit %d): %s", code, msg)
	}
	if code, msg := checkTree(t, filepath.Join(dir, "big.json")); code != 1 || !strings.Contains(msg, "2 MB") {
		t.Errorf("a 3 MB file passed the check (exit %d): %s", code, msg)
	}
	if code, msg := checkTree(t, filepath.Join(dir, "small.txt")); code != 0 {
		t.Errorf("a small text file failed the check (exit %d): %s", code, msg)
	}
}

func TestTreeIsClean(t *testing.T) {
	if code, msg := checkTree(t); code != 0 {
		t.Errorf("tracked files fail the tree check:\n%s", msg)
	}
}

// maxFileLines is the longest a hand-written Go file may be: past it a file holds more
// than one concern and is split by concern. Generated files (abigen's bindings) are
// exempt.
const maxFileLines = 500

// TestNoLongFiles: no hand-written Go file of the repository is over maxFileLines lines.
func TestNoLongFiles(t *testing.T) {
	out, err := exec.Command("git", "-C", "../..", "ls-files", "*.go").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	for _, f := range strings.Fields(string(out)) {
		b, err := os.ReadFile(filepath.Join("../..", f))
		if os.IsNotExist(err) {
			continue // deleted, not yet staged
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b[:min(len(b), 200)], []byte("Code generated")) {
			continue
		}
		if n := bytes.Count(b, []byte("\n")); n > maxFileLines {
			t.Errorf("%s has %d lines, over %d: split it by concern", f, n, maxFileLines)
		}
	}
}
