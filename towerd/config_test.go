package towerd

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/towerapi"
)

func TestRepositoryConfigParses(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	b, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ParseConfig(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Chain.RPC) != 2 || c.API.Listen != "127.0.0.1:8480" || c.Chain.Confirmations != 12 {
		t.Errorf("parsed %+v", c)
	}
	if c.Disputes.MaxFeePerGas.V.String() != "500000000000" || c.Disputes.BalanceFloor.V.String() != "100000000000000000" ||
		!c.Disputes.AutoSettle || c.Alerts.Slack.Channels["critical"] != "#vigil-disputes" {
		t.Errorf("disputes/alerts parsed as %+v %+v", c.Disputes, c.Alerts)
	}
	if c.Disputes.MaxGasPerSettle != 1_000_000 || c.Disputes.SettleBudgetPerDay.V.String() != "500000000000000000" {
		t.Errorf("settle limits parsed as %d gas, %s wei per day", c.Disputes.MaxGasPerSettle, c.Disputes.SettleBudgetPerDay.V)
	}
}

func TestConfigRejections(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	base := `
database: {url: "postgres://postgres@127.0.0.1/vigil"}
chain: {rpc: [{url: "http://127.0.0.1:8545"}]}
contracts: [{address: "0x00000000000000000000000000000000000000aa"}]
keystore: {path: k.json, password_env: PW}
`
	if c, err := ParseConfig([]byte(base)); err != nil {
		t.Fatalf("base config: %v", err)
	} else if c.Leader.Failover != DefaultFailover {
		t.Fatalf("leader.failover defaults to %v, want %v", c.Leader.Failover, DefaultFailover)
	}
	tests := []struct{ name, yaml, want string }{
		{"unknown key", base + "extra: 1\n", "field extra not found"},
		{"password in url", strings.Replace(base, "postgres@", "postgres:hunter2@", 1), "must not carry a password"},
		{"bad rpc scheme", strings.Replace(base, "http://", "ftp://", 1), "chain.rpc[0]"},
		{"block interval too short", strings.Replace(base, `8545"}]}`, `8545"}], block_interval: 10ms}`, 1), "chain.block_interval"},
		{"bad address", strings.Replace(base, "0x00000000000000000000000000000000000000aa", "0xzz", 1), "contracts[0].address"},
		{"two password sources", strings.Replace(base, "password_env: PW", "password_env: PW, password_file: f", 1), "exactly one"},
		{"bad fee unit", base + "disputes: {max_fee_per_gas: 5 szabo}\n", "unknown unit"},
		{"negative fee", base + "disputes: {max_fee_per_gas: -5 gwei}\n", "not a non-negative number"},
		{"fractional wei", base + "disputes: {tip: 0.5 wei}\n", "whole number of wei"},
		{"tip above cap", base + "disputes: {tip: 2 gwei, max_fee_per_gas: 1 gwei}\n", "disputes.tip"},
		{"bad schedule", base + "schedules: {reconcile: \"every now and then\"}\n", "schedules.reconcile"},
		{"slack token without channel", base + "alerts: {slack: {token_env: T}}\n", "alerts.slack.channels"},
		{"slack unknown severity", base + "alerts: {slack: {webhook_env: W, channels: {loud: \"#x\"}}}\n", "unknown severity"},
		{"leader with sqlite", strings.Replace(base, `"postgres://postgres@127.0.0.1/vigil"`, "sqlite:vigil.db", 1) + "leader: {lock_key: 7}\n", "replicas need a shared PostgreSQL database"},
		{"failover with sqlite", strings.Replace(base, `"postgres://postgres@127.0.0.1/vigil"`, "sqlite:vigil.db", 1) + "leader: {failover: 5s}\n", "replicas need a shared PostgreSQL database"},
		{"failover too short", base + "leader: {failover: 900ms}\n", "leader.failover"},
		{"settle budget zero", base + "disputes: {settle_budget_per_day: 0 ether}\n", "disputes.settle_budget_per_day"},
		// Strict YAML: a second parser must read the same file.
		{"duplicate key", base + "database: {url: \"sqlite:other.db\"}\n", `mapping key "database" already defined`},
		{"duplicate nested key", base + "disputes: {tip: 1 gwei, tip: 2 gwei}\n", `mapping key "tip" already defined`},
		{"key in another case", base + "Ops: {listen: \"127.0.0.1:1\"}\n", "field Ops not found"},
		{"key beside its upper case", base + "disputes: {tip: 1 gwei, TIP: 2 gwei}\n", "field TIP not found"},
		{"nested key in another case", strings.Replace(base, "password_env: PW", "Password_Env: PW", 1), "field Password_Env not found"},
		{"client burst below a batch", base + "api: {client_burst: 10}\n", "api.client_burst"},
		{"negative user rate", base + "api: {user_rate: -1}\n", "api.user_rate"},
		{"negative unseen quota", base + "api: {max_unseen_channels: -5}\n", "api.max_unseen_channels"},
		{"high water above one", strings.Replace(base, `vigil"}`, `vigil", high_water: 1.5}`, 1), "database.high_water"},
		{"size without a number", strings.Replace(base, `vigil"}`, `vigil", max_size: GB}`, 1), "not a non-negative number"},
		{"size in an unknown unit", strings.Replace(base, `vigil"}`, `vigil", max_size: 10 parsecs}`, 1), "unknown unit"},
		{"bad storage schedule", base + "schedules: {storage_check: \"now\"}\n", "schedules.storage_check"},
		{"no contracts", strings.Replace(base, `contracts: [{address: "0x00000000000000000000000000000000000000aa"}]`, "", 1), "contracts: at least one"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error mentioning %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error leaks the password: %v", err)
			}
		})
	}
}

func FuzzParseConfig(f *testing.F) {
	b, _ := os.ReadFile("../config.yaml")
	f.Add(b)
	f.Add([]byte("chain: {rpc: [{url: x}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseConfig(data) // must not panic
	})
}

// TestAPIAndStorageDefaults: the deposit API's limits and the database's room take their
// defaults when left out, and sizes read with their units.
func TestAPIAndStorageDefaults(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	base := `
database: {url: "postgres://postgres@127.0.0.1/vigil"}
chain: {rpc: [{url: "http://127.0.0.1:8545"}]}
contracts: [{address: "0x00000000000000000000000000000000000000aa"}]
keystore: {path: k.json, password_env: PW}
`
	c, err := ParseConfig([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	l := c.API.Limits()
	if l != towerapi.DefaultLimits() || c.API.UnseenTTL != 7*24*time.Hour || c.Database.MaxSize != 0 || c.Database.HighWater != 0.9 ||
		c.Database.MinFree != DefaultMinFree || c.Schedules.StorageCheck != "@every 1m" {
		t.Errorf("defaults: api %+v (limits %+v), database %+v, storage check %q", c.API, l, c.Database, c.Schedules.StorageCheck)
	}
	c, err = ParseConfig([]byte(strings.Replace(base, `vigil"}`, `vigil", max_size: 10GB, high_water: 0.8, min_free: 512MiB}`, 1) +
		"api: {max_unseen_channels: 20, unseen_ttl: 24h, client_rate: 5, client_burst: 200, user_rate: 0.5, user_burst: 3}\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := towerapi.Limits{MaxUnseen: 20, ClientRate: 5, ClientBurst: 200, UserRate: 0.5, UserBurst: 3}
	if c.API.Limits() != want || c.API.UnseenTTL != 24*time.Hour || c.Database.MaxSize != 10_000_000_000 ||
		c.Database.HighWater != 0.8 || c.Database.MinFree != 512<<20 {
		t.Errorf("configured: limits %+v, ttl %v, database %+v", c.API.Limits(), c.API.UnseenTTL, c.Database)
	}
	for in, want := range map[string]ByteSize{"1000": 1000, "1.5 kB": 1500, "2KiB": 2048, "3 gib": 3 << 30, "1TB": 1e12, "7B": 7} {
		if got, err := ParseByteSize(in); err != nil || got != want {
			t.Errorf("ParseByteSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}
