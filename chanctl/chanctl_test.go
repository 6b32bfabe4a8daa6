package chanctl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRepositoryConfigParses(t *testing.T) {
	c, err := LoadConfig("../chanctl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Hub != "http://127.0.0.1:8580" || len(c.Towers) != 1 || c.MaxProposalTimeout != time.Hour {
		t.Errorf("parsed %+v", c)
	}
}

// TestMaxProposalTimeoutConfig: the wallet's cap on a proposal's timeout is read as a
// duration, and a negative one is refused.
func TestMaxProposalTimeoutConfig(t *testing.T) {
	base, err := os.ReadFile("../chanctl.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		value string
		want  time.Duration
		ok    bool
	}{{"30m", 30 * time.Minute, true}, {"-1m", 0, false}, {"soon", 0, false}} {
		path := filepath.Join(t.TempDir(), "chanctl.yaml")
		b := strings.Replace(string(base), "max_proposal_timeout: 1h", "max_proposal_timeout: "+tc.value, 1)
		if err := os.WriteFile(path, []byte(b), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := LoadConfig(path)
		if ok := err == nil; ok != tc.ok || (ok && c.MaxProposalTimeout != tc.want) {
			t.Errorf("max_proposal_timeout %s: %v, %v; want %s (accepted: %v)", tc.value, c.MaxProposalTimeout, err, tc.want, tc.ok)
		}
	}
}

// TestPathsRelativeToConfig: the keystore, its password file and the state file are
// found beside chanctl.yaml, whatever the working directory; absolute paths are kept.
func TestPathsRelativeToConfig(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(t.TempDir(), "elsewhere-state.json")
	for _, tc := range []struct {
		name, state, key, pwFile   string
		wantState, wantKey, wantPW string
	}{
		{"relative", "./wallet-state.json", "keys/me.json", "pw.txt",
			filepath.Join(dir, "wallet-state.json"), filepath.Join(dir, "keys", "me.json"), filepath.Join(dir, "pw.txt")},
		{"absolute", abs, "/keys/me.json", "/run/pw.txt", abs, "/keys/me.json", "/run/pw.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".yaml")
			body := "hub: http://127.0.0.1:8580\nrpc: http://127.0.0.1:8545\ncontract: \"0x0000000000000000000000000000000000000001\"\n" +
				"keystore: {path: " + tc.key + ", password_file: " + tc.pwFile + "}\nstate: " + tc.state + "\n"
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			t.Chdir(t.TempDir()) // another working directory
			c, err := LoadConfig(path)
			if err != nil {
				t.Fatal(err)
			}
			if c.State != tc.wantState || c.Keystore.Path != tc.wantKey || c.Keystore.PasswordFile != tc.wantPW {
				t.Errorf("state %q, keystore %q, password file %q; want %q, %q, %q", c.State, c.Keystore.Path, c.Keystore.PasswordFile,
					tc.wantState, tc.wantKey, tc.wantPW)
			}
		})
	}
}
