package towerd

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/robfig/cron/v3"
	"golang.org/x/time/rate"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/internal/keyfile"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/towerapi"
)

// Config is the watchtower's config.yaml. Secrets never live in it: the database URL may
// come from DATABASE_URL, and the keystore password from a file or an environment variable.
type Config struct {
	Database  DatabaseConfig        `yaml:"database"`
	Chain     daemon.ChainConfig    `yaml:"chain"`
	Contracts []ContractConfig      `yaml:"contracts"`
	API       APIConfig             `yaml:"api"`
	Ops       daemon.OpsConfig      `yaml:"ops"`
	Keystore  keyfile.Config        `yaml:"keystore"`
	Disputes  daemon.DisputesConfig `yaml:"disputes"`
	Leader    LeaderConfig          `yaml:"leader"`
	Schedules monitor.Schedules     `yaml:"schedules"`
	Alerts    alert.Config          `yaml:"alerts"`
}

// APIConfig is the deposit API's listener and limits (towerapi.Limits); a limit left
// out takes its default (towerapi.DefaultLimits).
type APIConfig struct {
	Listen string `yaml:"listen"`
	// MaxUnseenChannels is how many channels not seen on-chain the tower holds states
	// for, per contract (default 1000); UnseenTTL how long such a state is kept after the
	// first was stored (default 7 days), pruned by the prune job.
	MaxUnseenChannels int64         `yaml:"max_unseen_channels"`
	UnseenTTL         time.Duration `yaml:"unseen_ttl"`
	// ClientRate is the requests per second one address may make, a deposit request
	// counting one per state (default 100), in bursts of ClientBurst (default 1000, at
	// least a batch of 100); UserRate the newer states per second stored for one user
	// (default 10), in bursts of UserBurst (default 100).
	ClientRate  float64 `yaml:"client_rate"`
	ClientBurst int     `yaml:"client_burst"`
	UserRate    float64 `yaml:"user_rate"`
	UserBurst   int     `yaml:"user_burst"`
}

func (a *APIConfig) fill() {
	d := towerapi.DefaultLimits()
	if a.Listen == "" {
		a.Listen = "127.0.0.1:8480"
	}
	if a.MaxUnseenChannels == 0 {
		a.MaxUnseenChannels = d.MaxUnseen
	}
	if a.UnseenTTL == 0 {
		a.UnseenTTL = 7 * 24 * time.Hour
	}
	if a.ClientRate == 0 {
		a.ClientRate = float64(d.ClientRate)
	}
	if a.ClientBurst == 0 {
		a.ClientBurst = d.ClientBurst
	}
	if a.UserRate == 0 {
		a.UserRate = float64(d.UserRate)
	}
	if a.UserBurst == 0 {
		a.UserBurst = d.UserBurst
	}
}

func (a APIConfig) validate() []error {
	var errs []error
	for _, f := range []struct {
		name string
		bad  bool
		why  string
	}{
		{"api.max_unseen_channels", a.MaxUnseenChannels < 0, "must not be negative"},
		{"api.unseen_ttl", a.UnseenTTL < 0, "must not be negative"},
		{"api.client_rate", a.ClientRate < 0 || math.IsNaN(a.ClientRate) || math.IsInf(a.ClientRate, 0), "must be a positive number"},
		{"api.client_burst", a.ClientBurst < towerapi.MaxBatch, fmt.Sprintf("%d is below a batch of %d states", a.ClientBurst, towerapi.MaxBatch)},
		{"api.user_rate", a.UserRate < 0 || math.IsNaN(a.UserRate) || math.IsInf(a.UserRate, 0), "must be a positive number"},
		{"api.user_burst", a.UserBurst < 1, "must be at least 1"},
	} {
		if f.bad {
			errs = append(errs, fmt.Errorf("%s: %s", f.name, f.why))
		}
	}
	return errs
}

// Limits are the API's limits as configured.
func (a APIConfig) Limits() towerapi.Limits {
	return towerapi.Limits{MaxUnseen: a.MaxUnseenChannels, ClientRate: rate.Limit(a.ClientRate), ClientBurst: a.ClientBurst,
		UserRate: rate.Limit(a.UserRate), UserBurst: a.UserBurst}
}

// LeaderConfig sets leader election among replicas sharing the database.
type LeaderConfig struct {
	LockKey int64 `yaml:"lock_key"` // PostgreSQL advisory lock key; default 0x76696769 ("vigi")
	// Failover bounds how long the replicas go without a leader when it dies, freezes or
	// is cut off (default 10s; at least 2s): PostgreSQL ends the leader's lock session
	// after that long without a renewal, and the leader stops its duties after half of it.
	Failover time.Duration `yaml:"failover"`
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
	c.Database.Resolve(dir)
}

// ParseConfig parses config YAML strictly (unknown keys are errors), applies environment
// overrides and defaults, and validates it.
func ParseConfig(b []byte) (*Config, error) {
	var c Config
	if err := daemon.DecodeStrict(b, &c); err != nil {
		return nil, err
	}
	c.Database.Fill()
	var errs []error
	if (c.Leader.LockKey != 0 || c.Leader.Failover != 0) && c.Database.IsSQLite() {
		errs = append(errs, errors.New("leader: replicas need a shared PostgreSQL database; an SQLite store has one node, which always leads (remove the leader section or use postgres://)"))
	}
	if c.Leader.Failover != 0 && c.Leader.Failover < 2*time.Second {
		errs = append(errs, fmt.Errorf("leader.failover: %v is below the 2s minimum (replicas retry every 500ms)", c.Leader.Failover))
	}
	c.Fill()
	return &c, errors.Join(append(errs, c.validate())...)
}

// Fill sets the default of every setting left out, the database's URL and the RPC
// endpoints' environment variables aside (ParseConfig reads those).
func (c *Config) Fill() {
	c.Database.fillLimits()
	c.Chain.Fill()
	c.Disputes.Fill()
	c.API.fill()
	if c.Ops.Listen == "" {
		c.Ops.Listen = "127.0.0.1:9480"
	}
	if c.Leader.LockKey == 0 {
		c.Leader.LockKey = 0x76696769
	}
	if c.Leader.Failover == 0 {
		c.Leader.Failover = DefaultFailover
	}
	c.Alerts.Fill()
	c.Schedules.Fill()
}

func (c *Config) validate() error {
	var errs []error
	errs = append(errs, c.Database.Validate()...)
	errs = append(errs, c.API.validate()...)
	errs = append(errs, c.Chain.Validate()...)
	errs = append(errs, c.Disputes.Validate()...)
	if c.Ops.Listen == c.API.Listen {
		errs = append(errs, fmt.Errorf("ops.listen: %s is api.listen too; metrics belong on their own listener", c.Ops.Listen))
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
	for name, spec := range c.Schedules.Specs() {
		if _, err := cron.ParseStandard(spec); err != nil {
			errs = append(errs, fmt.Errorf("%s: %q: %w", name, spec, err))
		}
	}
	if err := c.Alerts.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.Keystore.Check(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
