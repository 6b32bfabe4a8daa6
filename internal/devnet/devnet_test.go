package devnet

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/hubd"
)

// TestSetupRefusesExisting: a directory holding a stack is left as it is, before any
// node is dialled.
func TestSetupRefusesExisting(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hub.yaml"), []byte("mine"), 0o600)
	_, err := Setup(context.Background(), Options{Dir: dir, RPC: "http://127.0.0.1:1"})
	if !errors.Is(err, ErrExists) {
		t.Fatalf("Setup: %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "hub.yaml")); string(b) != "mine" {
		t.Errorf("hub.yaml was overwritten: %q", b)
	}
}

// TestHubTemplateLoads: the hub.yaml devnet writes loads strictly, on SQLite beside it,
// its keystore's password from the file beside it, with one or two endpoints.
func TestHubTemplateLoads(t *testing.T) {
	s := &Stack{Manager: common.HexToAddress("0x00000000000000000000000000000000000000aa"), DeployBlock: 7}
	for _, rpc := range [][]string{{"http://127.0.0.1:8545"}, {"ws://127.0.0.1:8545", "http://127.0.0.1:8545"}} {
		b, err := render(hubTemplate, map[string]any{"RPC": rpc, "Stack": s, "API": "127.0.0.1:8580", "Ops": "127.0.0.1:9580"})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "hub.yaml")
		os.WriteFile(path, b, 0o600)
		cfg, err := hubd.LoadConfig(path)
		if err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		if len(cfg.Chain.RPC) != len(rpc) || cfg.Contract.DeployBlock != 7 || cfg.Keystore.PasswordFile != filepath.Join(dir, "password.txt") ||
			cfg.Keystore.Path != filepath.Join(dir, "hub-key.json") {
			t.Errorf("hub.yaml loads as %+v", cfg)
		}
	}
}
