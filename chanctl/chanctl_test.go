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
