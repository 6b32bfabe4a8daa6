package towerd_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/towerd"
)

// TestInitChainSettings: the config Init writes loads, with 12 confirmations and a 2 s
// poll by default and the given ones for a development chain.
func TestInitChainSettings(t *testing.T) {
	for _, tc := range []struct {
		name    string
		confs   uint64
		poll    time.Duration
		wantC   uint64
		wantPol time.Duration
	}{
		{"defaults", 0, 0, 12, 2 * time.Second},
		{"devnet", 2, 500 * time.Millisecond, 2, 500 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "tower")
			res, err := towerd.Init(towerd.InitOptions{Dir: dir, Contracts: []common.Address{{1}}, Password: "pw", LightKDF: true,
				Confirmations: tc.confs, PollInterval: tc.poll})
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := towerd.LoadConfig(res.ConfigPath)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Chain.Confirmations != tc.wantC || cfg.Chain.PollInterval != tc.wantPol {
				t.Errorf("confirmations %d, poll %s; want %d, %s", cfg.Chain.Confirmations, cfg.Chain.PollInterval, tc.wantC, tc.wantPol)
			}
		})
	}
}
