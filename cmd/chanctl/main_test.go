package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/internal/cli/clitest"
)

// TestCommandLine runs chanctl's command line in-process against the conventions every
// Vigil program keeps (internal/cli/clitest): a bad command line exits 2 before any file
// is read, and --config is honoured wherever it stands, also after a command's arguments.
func TestCommandLine(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	const payee = "0x00000000000000000000000000000000000000b0"
	cases := clitest.Conventions(app(), []string{"status"}, [][]string{{"status"}, {"deposit", "1", "ether"},
		{"pay", payee, "1"}, {"listen"}, {"withdraw", "1", "ether", payee}, {"close"}, {"exit"}, {"settle"}, {"towers"}, {"payments"}, {"typed-data"}}, missing)
	cases = append(cases,
		clitest.Case{Name: "too many arguments", Args: []string{"status", "now", "--config", missing}, Code: 2, Stderr: `status takes no arguments, got ["now"]`},
		clitest.Case{Name: "too few arguments", Args: []string{"pay", payee, "--config", missing}, Code: 2, Stderr: "pay takes <address> <amount>"},
		clitest.Case{Name: "config after arguments", Args: []string{"pay", payee, "1", "ether", "--config", missing}, Code: 1, Stderr: missing},
		clitest.Case{Name: "config between arguments", Args: []string{"withdraw", "1", "--config", missing, "ether"}, Code: 1, Stderr: missing},
		clitest.Case{Name: "typed data example needs no config", Args: []string{"typed-data", "--example", "--config", missing}, Stdout: `"primaryType": "State"`},
		clitest.Case{Name: "towers --json after the config", Args: []string{"towers", "--config", missing, "--json"}, Code: 1, Stderr: `"code":"config"`},
		clitest.Case{Name: "version --json", Args: []string{"version", "--json"}, Stdout: `{"command":"version","version":"chanctl `},
		clitest.Case{Name: "a bad amount", Args: []string{"deposit", "1", "finney", "--config", missing}, Code: 2, Stderr: `unknown unit "finney"`},
		clitest.Case{Name: "a bad payee", Args: []string{"pay", "0xb0", "1", "--config", missing}, Code: 2, Stderr: `"0xb0" is not an address`})
	clitest.Run(t, "chanctl", run, cases)
}

// TestDefaultConfig: without --config chanctl reads chanctl.yaml from the working directory.
func TestDefaultConfig(t *testing.T) {
	clitest.DefaultConfig(t, "chanctl", run, []string{"status"}, "chanctl.yaml")
}

// TestJSONErrors: with --json, wherever it stands, an error is one JSON object on
// standard error with a machine-readable code, nothing is printed on standard output, and
// the exit code is still 2 for a usage error and 1 for a failed command.
func TestJSONErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	for _, tc := range []struct {
		args    []string
		exit    int
		code    string
		message string
	}{
		{[]string{"--json", "fly"}, 2, "usage", `unknown command "fly"`},
		{[]string{"status", "now", "--json"}, 2, "usage", "status takes no arguments"},
		{[]string{"pay", "0x00000000000000000000000000000000000000b0", "--json"}, 2, "usage", "pay takes <address> <amount>"},
		{[]string{"withdraw", "lots", "--json"}, 2, "usage", `"lots" is not a non-negative number`},
		{[]string{"status", "--config", missing, "--json"}, 1, "config", missing},
		{[]string{"-json", "towers", "--config", missing}, 1, "config", missing},
		{[]string{"towers", "--config", missing, "VIGIL_CHANCTL_JSON=true"}, 1, "config", missing},
		{[]string{"fly", "VIGIL_CHANCTL_JSON=1"}, 2, "usage", `unknown command "fly"`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if env, ok := strings.CutPrefix(tc.args[len(tc.args)-1], "VIGIL_CHANCTL_JSON="); ok { // from the environment
				t.Setenv("VIGIL_CHANCTL_JSON", env)
				tc.args = tc.args[:len(tc.args)-1]
			}
			var stdout, stderr bytes.Buffer
			if got := run(append([]string{"chanctl"}, tc.args...), &stdout, &stderr); got != tc.exit {
				t.Errorf("exit %d, want %d", got, tc.exit)
			}
			var e struct{ Error, Code string }
			dec := json.NewDecoder(&stderr)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&e); err != nil || dec.More() {
				t.Fatalf("stderr is not one JSON error object (%v): %s", err, stderr.String())
			}
			if e.Code != tc.code || !strings.Contains(e.Error, tc.message) {
				t.Errorf("error %+v, want code %s and %q", e, tc.code, tc.message)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout: %s", &stdout)
			}
		})
	}
}
