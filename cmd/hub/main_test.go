package main

import (
	"os"
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

// TestFlagFromEnvironment: a command's own flags are read from their variables, VIGIL_HUB_
// and the name: deploy's required --rpc from VIGIL_HUB_RPC, --password-file from
// VIGIL_HUB_PASSWORD_FILE, and the command goes on to fail on the keystore instead of on
// the command line.
func TestFlagFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	keystore, password := filepath.Join(dir, "missing-key.json"), filepath.Join(dir, "password")
	if err := os.WriteFile(password, []byte("pw\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"deploy", "--keystore", keystore, "--token", "0x00000000000000000000000000000000000000b0"}
	t.Setenv("VIGIL_HUB_RPC", "")
	os.Unsetenv("VIGIL_HUB_RPC")
	clitest.Run(t, "hub", run, []clitest.Case{{Name: "without", Args: args, Code: 2, Stderr: "rpc"}})
	t.Setenv("VIGIL_HUB_RPC", "http://127.0.0.1:1")
	t.Setenv("VIGIL_HUB_PASSWORD_FILE", password)
	clitest.Run(t, "hub", run, []clitest.Case{{Name: "from the environment", Args: args, Code: 1, Stderr: "missing-key.json"}})
}
