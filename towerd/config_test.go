package towerd

import (
	"os"
	"strings"
	"testing"
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
