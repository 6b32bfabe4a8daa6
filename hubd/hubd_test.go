package hubd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRepositoryHubConfigParses(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	c, err := LoadConfig("../hub.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Payments.MinLockTime.Minutes() != 10 || c.Collateral.Target.V.String() != "1000000000000000000" || c.API.Listen != "127.0.0.1:8580" ||
		c.Collateral.TokenTarget.S != "1000" || c.Payments.CollectGrace != 30*time.Second ||
		c.Payments.MaxUncollectedPerPayer.V.String() != "10000000000000000000" ||
		c.Leader.Failover != 10*time.Second || c.Leader.Advertise != "http://127.0.0.1:8580" || c.Leader.LockKey != 0x76687562 {
		t.Errorf("parsed %+v", c)
	}
}

func TestHubConfigRejections(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	for name, tc := range map[string]struct{ yaml, want string }{
		"unknown key":           {"nope: 1\n", "field nope not found"},
		"no rpc":                {"database: {url: x}\ncontract: {address: \"0x00000000000000000000000000000000000000aa\"}\nkeystore: {path: k, password_env: P}\n", "chain.rpc"},
		"bad address":           {"database: {url: x}\nchain: {rpc: [{url: \"http://127.0.0.1:8545\"}]}\ncontract: {address: zz}\nkeystore: {path: k, password_env: P}\n", "contract.address"},
		"bad sweep":             {"database: {url: x}\nchain: {rpc: [{url: \"http://127.0.0.1:8545\"}]}\ncontract: {address: \"0x00000000000000000000000000000000000000aa\"}\nkeystore: {path: k, password_env: P}\nsweep: sometimes\n", "sweep"},
		"bad collateral":        {"collateral: {target: lots}\n", "amount"},
		"bad token target":      {"collateral: {token_target: \"-5\"}\n", "non-negative"},
		"rpc as a string":       {"chain: {rpc: ws://127.0.0.1:8545}\n", "into []daemon.RPC"},
		"lock margin too short": {"payments: {lock_margin: 10s}\n", "payments.lock_margin: 10s: at least 1m0s"},
		"lock margin in ms":     {"payments: {lock_margin: 90500ms}\n", "payments.lock_margin: 1m30.5s: a positive whole number of seconds"},
		"negative lock time":    {"payments: {min_lock_time: -10m}\n", "payments.min_lock_time: -10m0s"},
		"min within the margin": {"payments: {min_lock_time: 4m}\n", "payments.min_lock_time: 4m0s: must exceed payments.lock_margin (5m0s)"},
		"max below min":         {"payments: {min_lock_time: 2h, max_lock_time: 1h}\n", "payments.max_lock_time: 1h0m0s: below payments.min_lock_time (2h0m0s)"},
		"grace in ms":           {"payments: {collect_grace: 1500ms}\n", "payments.collect_grace: 1.5s: a positive whole number of seconds"},
		"negative grace":        {"payments: {collect_grace: -30s}\n", "payments.collect_grace: -30s"},
		"grace past the margin": {"payments: {collect_grace: 5m}\n", "payments.collect_grace: 5m0s: must be below payments.min_lock_time less payments.lock_margin (5m0s)"},
		"zero uncollected cap":  {"payments: {max_uncollected_per_payer: 0 ether}\n", "payments.max_uncollected_per_payer: 0 wei: must be positive"},
		"bad uncollected cap":   {"payments: {max_uncollected_per_payer: lots}\n", "amount"},
		"no tip":                {"disputes: {tip: 0 wei}\n", "disputes.tip: must be positive"},
		"leader on sqlite":      {"database: {url: \"sqlite:hub.db\"}\nleader: {failover: 5s}\n", "leader: hub processes share a PostgreSQL database"},
		"failover too short":    {"leader: {failover: 1s}\n", "leader.failover: 1s is below the 2s minimum"},
		"ops on the api port":   {"database: {url: x}\nchain: {rpc: [{url: \"http://127.0.0.1:8545\"}]}\ncontract: {address: \"0x00000000000000000000000000000000000000aa\"}\nkeystore: {path: k, password_env: P}\napi: {listen: \"127.0.0.1:7000\"}\nops: {listen: \"127.0.0.1:7000\"}\n", "ops.listen"},
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "hub.yaml")
			os.WriteFile(p, []byte(tc.yaml), 0o600)
			_, err := LoadConfig(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
}
