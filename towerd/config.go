package towerd

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/internal/keyfile"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// Config is the watchtower's config.yaml. Secrets never live in it: the database URL may
// come from DATABASE_URL, and the keystore password from a file or an environment variable.
type Config struct {
	Database struct {
		URL string `yaml:"url"` // without a password; DATABASE_URL overrides it
	} `yaml:"database"`
	Chain struct {
		RPC           []RPC         `yaml:"rpc"`
		Confirmations uint64        `yaml:"confirmations"`
		PollInterval  time.Duration `yaml:"poll_interval"`
		MaxLag        uint64        `yaml:"max_lag"`
	} `yaml:"chain"`
	Contracts []ContractConfig `yaml:"contracts"`
	API       struct {
		Listen string `yaml:"listen"`
	} `yaml:"api"`
	Keystore  keyfile.Config `yaml:"keystore"`
	Disputes  DisputesConfig `yaml:"disputes"`
	Leader    LeaderConfig   `yaml:"leader"`
	Schedules Schedules      `yaml:"schedules"`
	Alerts    AlertsConfig   `yaml:"alerts"`
}

// DisputesConfig sets how the tower answers stale closes and pays for it.
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
}

// LeaderConfig sets leader election among replicas sharing the database.
type LeaderConfig struct {
	LockKey int64 `yaml:"lock_key"` // PostgreSQL advisory lock key; default 0x76696769 ("vigi")
}

// AlertsConfig sets where alerts go besides the log.
type AlertsConfig struct {
	Slack SlackConfig `yaml:"slack"`
	// Quiet is how long an alert with the same key is not repeated (default 30m).
	Quiet time.Duration `yaml:"quiet"`
}

// RPC is one JSON-RPC endpoint.
type RPC struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"` // http(s):// or ws(s)://; may come from URLEnv instead
	// URLEnv names an environment variable holding the URL (for URLs with API keys).
	URLEnv string `yaml:"url_env"`
}

// ContractConfig is one ChannelManager to watch.
type ContractConfig struct {
	Address     string `yaml:"address"`
	DeployBlock uint64 `yaml:"deploy_block"`
	// AutoSettle overrides disputes.auto_settle for this deployment.
	AutoSettle *bool `yaml:"auto_settle"`
}

// LoadConfig reads and validates a config file. Relative paths in it (the keystore, its
// password file, an SQLite database) are relative to the file's directory.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	c, err := ParseConfig(b)
	if err != nil {
		return nil, err
	}
	c.resolvePaths(filepath.Dir(path))
	return c, nil
}

// resolvePaths makes the config's relative file paths relative to dir.
func (c *Config) resolvePaths(dir string) {
	c.Keystore = c.Keystore.RelativeTo(dir)
	c.Database.URL = ResolveDatabaseURL(c.Database.URL, dir)
}

// ResolveDatabaseURL makes a relative SQLite path in url relative to dir; other URLs are
// returned as they are.
func ResolveDatabaseURL(url, dir string) string {
	if p, ok := sqlstore.SQLitePath(url); ok && !filepath.IsAbs(p) {
		return "sqlite:" + filepath.Join(dir, p)
	}
	return url
}

// ParseConfig parses config YAML strictly (unknown keys are errors), applies environment
// overrides and defaults, and validates it.
func ParseConfig(b []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("parse config: %w", err)
	}
	if v := os.Getenv("DATABASE_URL"); v != "" {
		c.Database.URL = v
	}
	var errs []error
	if c.Leader.LockKey != 0 && sqlstore.Backend(c.Database.URL) == "sqlite" {
		errs = append(errs, errors.New("leader: replicas need a shared PostgreSQL database; an SQLite store has one node, which always leads (remove the leader section or use postgres://)"))
	}
	for i := range c.Chain.RPC {
		if e := c.Chain.RPC[i].URLEnv; e != "" {
			c.Chain.RPC[i].URL = os.Getenv(e)
		}
		if c.Chain.RPC[i].Name == "" {
			c.Chain.RPC[i].Name = fmt.Sprintf("rpc%d", i)
		}
	}
	if c.Chain.Confirmations == 0 {
		c.Chain.Confirmations = 12
	}
	if c.Chain.PollInterval == 0 {
		c.Chain.PollInterval = 2 * time.Second
	}
	if c.Chain.MaxLag == 0 {
		c.Chain.MaxLag = 5
	}
	if c.API.Listen == "" {
		c.API.Listen = "127.0.0.1:8480"
	}
	if c.Disputes.MaxFeePerGas.V == nil {
		c.Disputes.MaxFeePerGas.V, _ = ParseWei("500 gwei")
	}
	if c.Disputes.Tip.V == nil {
		c.Disputes.Tip.V, _ = ParseWei("1 gwei")
	}
	if c.Disputes.BalanceFloor.V == nil {
		c.Disputes.BalanceFloor.V, _ = ParseWei("0.1 ether")
	}
	if c.Leader.LockKey == 0 {
		c.Leader.LockKey = 0x76696769
	}
	if c.Alerts.Quiet == 0 {
		c.Alerts.Quiet = 30 * time.Minute
	}
	return &c, errors.Join(append(errs, c.validate())...)
}

func (c *Config) validate() error {
	var errs []error
	if c.Database.URL == "" {
		errs = append(errs, errors.New("database.url: required (or set DATABASE_URL)"))
	} else if u, err := url.Parse(c.Database.URL); err == nil {
		if _, has := u.User.Password(); has && os.Getenv("DATABASE_URL") == "" {
			errs = append(errs, errors.New("database.url: must not carry a password; set DATABASE_URL instead"))
		}
	}
	if len(c.Chain.RPC) == 0 {
		errs = append(errs, errors.New("chain.rpc: at least one endpoint is required"))
	}
	for i, r := range c.Chain.RPC {
		ok := strings.HasPrefix(r.URL, "http://") || strings.HasPrefix(r.URL, "https://") ||
			strings.HasPrefix(r.URL, "ws://") || strings.HasPrefix(r.URL, "wss://")
		if !ok {
			errs = append(errs, fmt.Errorf("chain.rpc[%d] (%s): url must be http(s):// or ws(s)://", i, r.Name))
		}
	}
	if c.Chain.PollInterval < 100*time.Millisecond {
		errs = append(errs, fmt.Errorf("chain.poll_interval: %s is below 100ms", c.Chain.PollInterval))
	}
	if len(c.Contracts) == 0 {
		errs = append(errs, errors.New("contracts: at least one contract is required"))
	}
	seen := map[string]bool{}
	for i, ct := range c.Contracts {
		if !common.IsHexAddress(ct.Address) {
			errs = append(errs, fmt.Errorf("contracts[%d].address: %q is not an address", i, ct.Address))
		} else if a := strings.ToLower(ct.Address); seen[a] {
			errs = append(errs, fmt.Errorf("contracts[%d].address: %s listed twice", i, ct.Address))
		} else {
			seen[a] = true
		}
	}
	if c.Disputes.MaxFeePerGas.V.Sign() <= 0 {
		errs = append(errs, errors.New("disputes.max_fee_per_gas: must be positive"))
	}
	if c.Disputes.Tip.V.Cmp(c.Disputes.MaxFeePerGas.V) > 0 {
		errs = append(errs, errors.New("disputes.tip: above disputes.max_fee_per_gas"))
	}
	if c.Disputes.Urgency < 0 {
		errs = append(errs, errors.New("disputes.urgency: must not be negative"))
	}
	for name, spec := range map[string]string{"schedules.reconcile": c.Schedules.Reconcile, "schedules.balance_check": c.Schedules.BalanceCheck} {
		if spec == "" {
			continue
		}
		if _, err := cron.ParseStandard(spec); err != nil {
			errs = append(errs, fmt.Errorf("%s: %q: %w", name, spec, err))
		}
	}
	errs = append(errs, c.Alerts.Slack.validate()...)
	if err := c.Keystore.Check(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// SlackConfig sends alerts to Slack: a bot token (from the environment variable TokenEnv)
// posting to a channel per severity, or an incoming webhook (URL from WebhookEnv).
type SlackConfig struct {
	TokenEnv   string            `yaml:"token_env"`
	WebhookEnv string            `yaml:"webhook_env"`
	Channels   map[string]string `yaml:"channels"` // keys: info, warning, critical
	APIURL     string            `yaml:"api_url"`  // Slack's Web API base; default Slack's
}

// Enabled reports whether Slack is configured.
func (s SlackConfig) Enabled() bool { return s.TokenEnv != "" || s.WebhookEnv != "" }

func (s SlackConfig) validate() []error {
	var errs []error
	if s.TokenEnv != "" && s.WebhookEnv != "" {
		errs = append(errs, errors.New("alerts.slack: set token_env or webhook_env, not both"))
	}
	if s.TokenEnv != "" && len(s.Channels) == 0 {
		errs = append(errs, errors.New("alerts.slack.channels: a bot token needs at least one channel"))
	}
	for k := range s.Channels {
		if _, ok := severities[k]; !ok {
			errs = append(errs, fmt.Errorf("alerts.slack.channels: unknown severity %q (info, warning, critical)", k))
		}
	}
	return errs
}

var severities = map[string]alert.Severity{"info": alert.Info, "warning": alert.Warning, "critical": alert.Critical}

// sink builds the alert sink: the log, Slack when configured, de-duplicated.
func (a AlertsConfig) sink(log *slog.Logger, extra ...alert.Sink) (alert.Sink, *alert.Slack, error) {
	sinks := append(alert.Fanout{alert.Log{Logger: log}}, extra...)
	var sl *alert.Slack
	if a.Slack.Enabled() {
		cfg := alert.SlackConfig{APIURL: a.Slack.APIURL, Channels: map[alert.Severity]string{}, Logger: log}
		if a.Slack.TokenEnv != "" {
			if cfg.Token = os.Getenv(a.Slack.TokenEnv); cfg.Token == "" {
				return nil, nil, fmt.Errorf("alerts.slack.token_env: %s is empty", a.Slack.TokenEnv)
			}
		} else if cfg.WebhookURL = os.Getenv(a.Slack.WebhookEnv); cfg.WebhookURL == "" {
			return nil, nil, fmt.Errorf("alerts.slack.webhook_env: %s is empty", a.Slack.WebhookEnv)
		}
		for k, ch := range a.Slack.Channels {
			cfg.Channels[severities[k]] = ch
		}
		var err error
		if sl, err = alert.NewSlack(cfg); err != nil {
			return nil, nil, err
		}
		sinks = append(sinks, sl)
	}
	return &alert.Dedup{Next: sinks, Quiet: a.Quiet}, sl, nil
}
