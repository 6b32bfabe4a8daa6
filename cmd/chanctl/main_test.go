package main

import (
	"path/filepath"
	"testing"

	"github.com/vigil-hub/vigil/chanctl"
	"github.com/vigil-hub/vigil/internal/cli/clitest"
)

// TestCommandLine runs chanctl's command line in-process against the conventions every
// Vigil program keeps (internal/cli/clitest): a bad command line exits 2 before any file
// is read, and --config is honoured wherever it stands, also after a command's arguments.
func TestCommandLine(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	const payee = "0x00000000000000000000000000000000000000b0"
	cases := clitest.Conventions(chanctl.App(), []string{"status"}, [][]string{{"status"}, {"deposit", "1", "ether"},
		{"pay", payee, "1"}, {"listen"}, {"withdraw", "1", "ether", payee}, {"close"}, {"exit"}, {"settle"}, {"typed-data"}}, missing)
	cases = append(cases,
		clitest.Case{Name: "too many arguments", Args: []string{"status", "now", "--config", missing}, Code: 2, Stderr: `status takes no arguments, got ["now"]`},
		clitest.Case{Name: "too few arguments", Args: []string{"pay", payee, "--config", missing}, Code: 2, Stderr: "pay takes <address> <amount>"},
		clitest.Case{Name: "config after arguments", Args: []string{"pay", payee, "1", "ether", "--config", missing}, Code: 1, Stderr: missing},
		clitest.Case{Name: "config between arguments", Args: []string{"withdraw", "1", "--config", missing, "ether"}, Code: 1, Stderr: missing},
		clitest.Case{Name: "typed data example needs no config", Args: []string{"typed-data", "--example", "--config", missing}, Stdout: `"primaryType": "State"`})
	clitest.Run(t, "chanctl", run, cases)
}

// TestDefaultConfig: without --config chanctl reads chanctl.yaml from the working directory.
func TestDefaultConfig(t *testing.T) {
	clitest.DefaultConfig(t, "chanctl", run, []string{"status"}, "chanctl.yaml")
}
