package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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

// TestDeployPassword: deploy reads the hub's own password variable; without it, the old
// shared one is read with a warning naming both; with neither, the missing one is named.
func TestDeployPassword(t *testing.T) {
	ks := filepath.Join(t.TempDir(), "missing-key.json")
	args := []string{"hub", "deploy", "--rpc", "http://127.0.0.1:1", "--keystore", ks, "--token", "0x00000000000000000000000000000000000000aa"}
	for _, tc := range []struct {
		name          string
		hub, old      string
		code          int
		says, notSays string
	}{
		{"neither", "", "", 2, "VIGIL_HUB_KEYSTORE_PASSWORD is not set", "deprecated"},
		{"the hub's", "pw", "", 1, "read keystore", "deprecated"},
		{"the old one", "", "pw", 1, "deprecated=VIGIL_KEYSTORE_PASSWORD use=VIGIL_HUB_KEYSTORE_PASSWORD", ""},
		{"both", "pw", "pw", 1, "read keystore", "deprecated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("VIGIL_HUB_KEYSTORE_PASSWORD", tc.hub)
			t.Setenv("VIGIL_KEYSTORE_PASSWORD", tc.old)
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.says) || (tc.notSays != "" && strings.Contains(stderr.String(), tc.notSays)) {
				t.Errorf("exit %d, want %d saying %q and not %q:\n%s", code, tc.code, tc.says, tc.notSays, &stderr)
			}
		})
	}
}
