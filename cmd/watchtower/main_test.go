package main

import (
	"path/filepath"
	"testing"

	"github.com/vigil-hub/vigil/internal/cli/clitest"
)

// TestCommandLine runs the watchtower's command line in-process against the conventions every
// Vigil program keeps (internal/cli/clitest), and its own cases.
func TestCommandLine(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	cases := clitest.Conventions(app(), []string{"run"}, [][]string{{"run"}, {"migrate"}, {"status"}}, missing)
	cases = append(cases, clitest.Case{Name: "run with arguments", Args: []string{"run", "now"}, Code: 2, Stderr: `run takes no arguments, got "now"`})
	clitest.Run(t, "watchtower", run, cases)
}

// TestDefaultConfig: without --config the watchtower reads config.yaml from the working directory.
func TestDefaultConfig(t *testing.T) {
	clitest.DefaultConfig(t, "watchtower", run, []string{"migrate"}, "config.yaml")
}
