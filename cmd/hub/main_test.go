package main

import (
	"path/filepath"
	"testing"

	"github.com/vigil-hub/vigil/internal/cli/clitest"
)

// TestCommandLine runs the hub's command line in-process against the conventions every
// Vigil program keeps (internal/cli/clitest), and its own cases.
func TestCommandLine(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	cases := clitest.Conventions(app(), []string{"run"}, [][]string{{"run"}, {"migrate"}}, missing)
	cases = append(cases, clitest.Case{Name: "run with arguments", Args: []string{"run", "now"}, Code: 2, Stderr: `run takes no arguments, got "now"`})
	clitest.Run(t, "hub", run, cases)
}

// TestDefaultConfig: without --config the hub reads hub.yaml from the working directory.
func TestDefaultConfig(t *testing.T) {
	clitest.DefaultConfig(t, "hub", run, []string{"migrate"}, "hub.yaml")
}
