package daemon

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// DecodeStrict decodes YAML into v; unknown keys are errors.
func DecodeStrict(b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("parse config: %w", err)
	}
	return nil
}

// DatabaseConfig is the database section: a postgres:// URL or sqlite:PATH. Secrets never
// live in it: DATABASE_URL overrides it, and a URL with a password is refused.
type DatabaseConfig struct {
	URL string `yaml:"url"`
}

// Fill applies the DATABASE_URL override.
func (d *DatabaseConfig) Fill() {
	if v := os.Getenv("DATABASE_URL"); v != "" {
		d.URL = v
	}
}

// Resolve makes a relative SQLite path relative to dir (the config file's directory).
func (d *DatabaseConfig) Resolve(dir string) { d.URL = ResolveDatabaseURL(d.URL, dir) }

// Validate reports a missing URL or a password in the configured one; errors never
// carry the URL.
func (d DatabaseConfig) Validate() []error {
	if d.URL == "" {
		return []error{errors.New("database.url: required (or set DATABASE_URL)")}
	}
	if u, err := url.Parse(d.URL); err == nil {
		if _, has := u.User.Password(); has && os.Getenv("DATABASE_URL") == "" {
			return []error{errors.New("database.url: must not carry a password; set DATABASE_URL instead")}
		}
	}
	return nil
}

// IsSQLite reports whether the database is an SQLite file.
func (d DatabaseConfig) IsSQLite() bool { return sqlstore.Backend(d.URL) == "sqlite" }

// ResolveDatabaseURL makes a relative SQLite path in url relative to dir; other URLs are
// returned as they are.
func ResolveDatabaseURL(url, dir string) string {
	if p, ok := sqlstore.SQLitePath(url); ok && !filepath.IsAbs(p) {
		return "sqlite:" + filepath.Join(dir, p)
	}
	return url
}

// ChainConfig is the chain section: the RPC endpoints in failover order and how the
// indexer follows them.
type ChainConfig struct {
	RPC           []RPC         `yaml:"rpc"`
	Confirmations uint64        `yaml:"confirmations"` // default 12
	PollInterval  time.Duration `yaml:"poll_interval"` // default 2s
	MaxLag        uint64        `yaml:"max_lag"`       // blocks behind the best endpoint before failing over; default 5
	// BlockInterval times the head polls of an endpoint without head subscriptions (about
	// two per block); 0: measured from the last 64 blocks' timestamps at start. Set it for
	// chains with blocks under a second, whose timestamps cannot show it.
	BlockInterval time.Duration `yaml:"block_interval"`
}

// RPC is one JSON-RPC endpoint.
type RPC struct {
	Name string `yaml:"name"` // what logs and metrics call it; never the URL, which may carry a key
	URL  string `yaml:"url"`  // http(s):// or ws(s)://; may come from URLEnv instead
	// URLEnv names an environment variable holding the URL (for URLs with API keys).
	URLEnv string `yaml:"url_env"`
}

// Fill reads URLs from the environment, names unnamed endpoints and sets defaults.
func (c *ChainConfig) Fill() {
	for i := range c.RPC {
		if e := c.RPC[i].URLEnv; e != "" {
			c.RPC[i].URL = os.Getenv(e)
		}
		if c.RPC[i].Name == "" {
			c.RPC[i].Name = fmt.Sprintf("rpc%d", i)
		}
	}
	if c.Confirmations == 0 {
		c.Confirmations = 12
	}
	if c.PollInterval == 0 {
		c.PollInterval = 2 * time.Second
	}
	if c.MaxLag == 0 {
		c.MaxLag = 5
	}
}

// Validate reports endpoints that are missing or malformed, naming them, never their URL.
func (c ChainConfig) Validate() []error {
	var errs []error
	if len(c.RPC) == 0 {
		errs = append(errs, errors.New("chain.rpc: at least one endpoint is required"))
	}
	for i, r := range c.RPC {
		ok := strings.HasPrefix(r.URL, "http://") || strings.HasPrefix(r.URL, "https://") ||
			strings.HasPrefix(r.URL, "ws://") || strings.HasPrefix(r.URL, "wss://")
		switch {
		case r.URL == "" && r.URLEnv != "":
			errs = append(errs, fmt.Errorf("chain.rpc[%d] (%s): %s is empty", i, r.Name, r.URLEnv))
		case !ok:
			errs = append(errs, fmt.Errorf("chain.rpc[%d] (%s): url must be http(s):// or ws(s)://", i, r.Name))
		}
	}
	if c.PollInterval < 100*time.Millisecond {
		errs = append(errs, fmt.Errorf("chain.poll_interval: %s is below 100ms", c.PollInterval))
	}
	if c.BlockInterval != 0 && c.BlockInterval < 100*time.Millisecond {
		errs = append(errs, fmt.Errorf("chain.block_interval: %s is below 100ms", c.BlockInterval))
	}
	return errs
}

// DisputesConfig sets how a process answers stale closes and pays for it.
type DisputesConfig struct {
	// AutoSettle settles disputes after their deadline unless a contract says otherwise.
	AutoSettle bool `yaml:"auto_settle"`
	// MaxFeePerGas is the budget cap per gas (default 500 gwei); Tip the priority fee
	// when a window opens (default 1 gwei), rising to Urgency times that at the deadline.
	MaxFeePerGas Wei   `yaml:"max_fee_per_gas"`
	Tip          Wei   `yaml:"tip"`
	Urgency      int64 `yaml:"urgency"`
	// StuckBlocks is how long an attempt may wait before it is replaced (default 3).
	StuckBlocks uint64 `yaml:"stuck_blocks"`
	// BalanceFloor raises a gas-balance alert below it (default 0.1 ether).
	BalanceFloor Wei `yaml:"balance_floor"`
	// MaxGasPerSettle is the most gas a settlement may be estimated at (default 1,000,000);
	// SettleBudgetPerDay what the settlements signed in one UTC day may cost at most, gas
	// limit times fee cap (default 0.5 ether). A settlement above either is held back with
	// an alert; challenges are never held back by them.
	MaxGasPerSettle    uint64 `yaml:"max_gas_per_settle"`
	SettleBudgetPerDay Wei    `yaml:"settle_budget_per_day"`
	// ChallengeReserve is how many challenges (200,000 gas each at max_fee_per_gas) the
	// balance keeps for challenges alone: no other transaction may spend it (default 4:
	// 0.4 ether at the default fee cap).
	ChallengeReserve int64 `yaml:"challenge_reserve"`
	// The watchtower's secret registrations (the hub registers its own payments' secrets
	// whatever they cost): outside a dispute a lock is registered only when its wei amount
	// is above SecretValueMargin times its share of the registration's cost (default 2);
	// the registrations queued in one UTC day may cost at most SecretBudgetPerChannel for
	// one channel (default 0.05 ether) and SecretBudgetPerDay in all (default 0.5 ether).
	SecretValueMargin      int64 `yaml:"secret_value_margin"`
	SecretBudgetPerChannel Wei   `yaml:"secret_budget_per_channel"`
	SecretBudgetPerDay     Wei   `yaml:"secret_budget_per_day"`
}

// Fill sets defaults.
func (d *DisputesConfig) Fill() {
	if d.MaxFeePerGas.V == nil {
		d.MaxFeePerGas.V, _ = wei.Parse("500 gwei")
	}
	if d.Tip.V == nil {
		d.Tip.V, _ = wei.Parse("1 gwei")
	}
	if d.BalanceFloor.V == nil {
		d.BalanceFloor.V, _ = wei.Parse("0.1 ether")
	}
	if d.MaxGasPerSettle == 0 {
		d.MaxGasPerSettle = 1_000_000
	}
	if d.SettleBudgetPerDay.V == nil {
		d.SettleBudgetPerDay.V, _ = wei.Parse("0.5 ether")
	}
	if d.ChallengeReserve == 0 {
		d.ChallengeReserve = 4
	}
	if d.SecretValueMargin == 0 {
		d.SecretValueMargin = 2
	}
	if d.SecretBudgetPerChannel.V == nil {
		d.SecretBudgetPerChannel.V, _ = wei.Parse("0.05 ether")
	}
	if d.SecretBudgetPerDay.V == nil {
		d.SecretBudgetPerDay.V, _ = wei.Parse("0.5 ether")
	}
}

// Validate reports values out of range.
func (d DisputesConfig) Validate() []error {
	var errs []error
	if d.MaxFeePerGas.V.Sign() <= 0 {
		errs = append(errs, errors.New("disputes.max_fee_per_gas: must be positive"))
	}
	if d.Tip.V.Sign() <= 0 {
		errs = append(errs, errors.New("disputes.tip: must be positive (fees escalate from it; with none a challenge waits for blocks with room)"))
	}
	if d.Tip.V.Cmp(d.MaxFeePerGas.V) > 0 {
		errs = append(errs, errors.New("disputes.tip: above disputes.max_fee_per_gas"))
	}
	if d.Urgency < 0 {
		errs = append(errs, errors.New("disputes.urgency: must not be negative"))
	}
	if d.SettleBudgetPerDay.V.Sign() <= 0 {
		errs = append(errs, errors.New("disputes.settle_budget_per_day: must be positive (auto_settle: false settles nothing)"))
	}
	if d.ChallengeReserve < 1 {
		errs = append(errs, errors.New("disputes.challenge_reserve: must be at least 1 (challenges)"))
	}
	if d.SecretValueMargin < 1 {
		errs = append(errs, errors.New("disputes.secret_value_margin: must be at least 1"))
	}
	if d.SecretBudgetPerChannel.V.Sign() <= 0 || d.SecretBudgetPerDay.V.Sign() <= 0 {
		errs = append(errs, errors.New("disputes.secret_budget_per_channel and secret_budget_per_day: must be positive"))
	}
	return errs
}

// OpsConfig is the operations listener: /healthz, /readyz and /metrics, apart from the
// public API so that metrics stay off the internet.
type OpsConfig struct {
	Listen string `yaml:"listen"` // default loopback (each program has its own port)
	// Pprof serves Go's profiles under /debug/pprof/ on the ops listener (off by default):
	// CPU and heap profiles of a running process, for its operator.
	Pprof bool `yaml:"pprof"`
}
