// Package hubd wires the hub process: configuration, store, chain, the hub and its HTTP
// API, the indexer that confirms on-chain operations, the sweeper, and the dispute engine
// that defends the hub's channels.
//
// hubd is the top of the hub: nothing but cmd/hub and tests import it, and it must never
// import the wallet (client, chanctl).
package hubd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/robfig/cron/v3"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/internal/keyfile"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
)

// PasswordEnv is the variable every hub command reads its keystore password from: `hub
// deploy`, and `hub run` through the password_env the shipped hub.yaml names. It is not
// the watchtower's (VIGIL_KEYSTORE_PASSWORD), so that a hub and a tower started from one
// shell with keys of their own do not share a password.
const PasswordEnv = "VIGIL_HUB_KEYSTORE_PASSWORD"

// Config is hub.yaml. Secrets stay out of it, as for the watchtower. The database, chain,
// disputes, alerts and ops sections are the watchtower's (package daemon).
type Config struct {
	Database daemon.DatabaseConfig `yaml:"database"`
	Chain    daemon.ChainConfig    `yaml:"chain"`
	Contract struct {
		Address     string `yaml:"address"`
		DeployBlock uint64 `yaml:"deploy_block"`
	} `yaml:"contract"`
	API struct {
		Listen string `yaml:"listen"`
		// ReadTimeout bounds reading a request, WriteTimeout writing an answer (long polls
		// have their own cap), IdleTimeout a kept-alive connection's wait.
		ReadTimeout  time.Duration `yaml:"read_timeout"`
		WriteTimeout time.Duration `yaml:"write_timeout"`
		IdleTimeout  time.Duration `yaml:"idle_timeout"`
		// MaxPollsPerUser and MaxPolls cap concurrent long polls; NonceRate is the auth
		// nonces one address may ask for per second.
		MaxPollsPerUser int     `yaml:"max_polls_per_user"`
		MaxPolls        int     `yaml:"max_polls"`
		NonceRate       float64 `yaml:"nonce_rate"`
	} `yaml:"api"`
	Ops      daemon.OpsConfig `yaml:"ops"`
	Keystore keyfile.Config   `yaml:"keystore"`
	// Leader elects, among hub processes sharing the database, the one that owns the
	// channels (leader.go).
	Leader   LeaderConfig `yaml:"leader"`
	Payments struct {
		MinLockTime time.Duration `yaml:"min_lock_time"`
		MaxLockTime time.Duration `yaml:"max_lock_time"`
		LockMargin  time.Duration `yaml:"lock_margin"`
		// CollectGrace is how long a payer may leave the hub's claim of its lock
		// unsigned before the hub publishes the secret on-chain (default 30s).
		CollectGrace time.Duration `yaml:"collect_grace"`
		// MaxUncollectedPerPayer caps what a payer's payments hold that the hub has not
		// collected (default 10 ether); a payment past it is refused.
		MaxUncollectedPerPayer daemon.Wei `yaml:"max_uncollected_per_payer"`
	} `yaml:"payments"`
	Collateral struct {
		Target daemon.Wei `yaml:"target"` // a payee's channel is topped up to this
		// TokenTarget is the same for a token payment, in the token's own units (read
		// from its decimals() at start); unset, a token top-up covers what the payment needs.
		TokenTarget TokenAmount `yaml:"token_target"`
	} `yaml:"collateral"`
	ProposalTimeout time.Duration         `yaml:"proposal_timeout"`
	Disputes        daemon.DisputesConfig `yaml:"disputes"`
	Alerts          alert.Config          `yaml:"alerts"`
	Sweep           string                `yaml:"sweep"` // cron spec; default @every 10s
	// Reconcile is when every channel's newest state is checked against the contract, and
	// a channel whose state could no longer be executed is frozen (cron spec; default
	// @every 5m).
	Reconcile string `yaml:"reconcile"`
	// Monitor schedules the watch on the hub's account and chain link, as a tower's: cron
	// specs (defaults @every 5m, @every 1m, @every 1m) and the lag thresholds (defaults 20
	// blocks, 5m without a new head).
	Monitor struct {
		BalanceCheck string        `yaml:"balance_check"` // alert below disputes.balance_floor
		LagCheck     string        `yaml:"lag_check"`     // alert when the indexer falls behind
		RPCHealth    string        `yaml:"rpc_health"`    // alert when every RPC endpoint fails
		MaxLagBlocks uint64        `yaml:"max_lag_blocks"`
		StallAfter   time.Duration `yaml:"stall_after"`
	} `yaml:"monitor"`
}

// LoadConfig reads hub.yaml strictly and validates it. Relative paths in it are relative
// to the file's directory.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	c, err := ParseConfig(b)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	c.Keystore = c.Keystore.RelativeTo(dir)
	c.Database.Resolve(dir)
	return c, nil
}

// ParseConfig parses hub.yaml strictly (unknown keys are errors), applies environment
// overrides and defaults, and validates it; errors name the field and never a secret.
func ParseConfig(b []byte) (*Config, error) {
	var c Config
	if err := daemon.DecodeStrict(b, &c); err != nil {
		return nil, err
	}
	c.Database.Fill()
	var errs []error
	if (c.Leader.LockKey != 0 || c.Leader.Failover != 0) && c.Database.IsSQLite() {
		errs = append(errs, errors.New("leader: hub processes share a PostgreSQL database to fail over; an SQLite store has one node, which always leads (remove the leader section or use postgres://)"))
	}
	if c.Leader.Failover != 0 && c.Leader.Failover < 2*time.Second {
		errs = append(errs, fmt.Errorf("leader.failover: %v is below the 2s minimum (followers retry every 500ms)", c.Leader.Failover))
	}
	c.Fill()
	errs = append(errs, c.Database.Validate()...)
	errs = append(errs, c.Chain.Validate()...)
	errs = append(errs, c.Disputes.Validate()...)
	if err := c.Alerts.Validate(); err != nil {
		errs = append(errs, err)
	}
	if !common.IsHexAddress(c.Contract.Address) {
		errs = append(errs, fmt.Errorf("contract.address: %q is not an address", c.Contract.Address))
	}
	if c.Ops.Listen == c.API.Listen {
		errs = append(errs, fmt.Errorf("ops.listen: %s is api.listen too; metrics belong on their own listener", c.Ops.Listen))
	}
	if err := c.Keystore.Check(); err != nil {
		errs = append(errs, err)
	}
	for name, spec := range map[string]string{"sweep": c.Sweep, "reconcile": c.Reconcile, "monitor.balance_check": c.Monitor.BalanceCheck,
		"monitor.lag_check": c.Monitor.LagCheck, "monitor.rpc_health": c.Monitor.RPCHealth} {
		if _, err := cron.ParseStandard(spec); spec != "" && err != nil {
			errs = append(errs, fmt.Errorf("%s: %q: %w", name, spec, err))
		}
	}
	if c.Monitor.StallAfter < 0 {
		errs = append(errs, fmt.Errorf("monitor.stall_after: %s: must not be negative", c.Monitor.StallAfter))
	}
	errs = append(errs, c.checkLockTimes()...)
	return &c, errors.Join(errs...)
}

// Fill sets the default of every setting left out, the database's URL and the RPC
// endpoints' environment variables aside (ParseConfig reads those).
func (c *Config) Fill() {
	c.Chain.Fill()
	c.Disputes.Fill()
	c.Alerts.Fill()
	if c.API.Listen == "" {
		c.API.Listen = "127.0.0.1:8580"
	}
	if c.Ops.Listen == "" {
		c.Ops.Listen = "127.0.0.1:9580"
	}
	if c.Sweep == "" {
		c.Sweep = "@every 10s"
	}
	if c.Reconcile == "" {
		c.Reconcile = "@every 5m"
	}
	if c.Leader.LockKey == 0 {
		c.Leader.LockKey = defaultHubLockKey
	}
	if c.Leader.Failover == 0 {
		c.Leader.Failover = monitor.DefaultFailover
	}
	if c.Leader.Advertise == "" {
		c.Leader.Advertise = "http://" + c.API.Listen
	}
}

// minLockMargin is the shortest payments.lock_margin: the time the hub keeps between a
// payee's lock and the payer's, to get a payee's secret registered on-chain before the
// payer's lock expires when the payer does not co-sign the hub's claim.
const minLockMargin = time.Minute

// checkLockTimes checks payments.*, unset ones at the hub's defaults.
func (c *Config) checkLockTimes() []error {
	p := c.Payments
	var errs []error
	for _, f := range []struct {
		name string
		d    time.Duration
	}{{"min_lock_time", p.MinLockTime}, {"max_lock_time", p.MaxLockTime}, {"lock_margin", p.LockMargin}, {"collect_grace", p.CollectGrace}} {
		if f.d < 0 || (f.d > 0 && f.d%time.Second != 0) {
			errs = append(errs, fmt.Errorf("payments.%s: %s: a positive whole number of seconds (chain time is in seconds)", f.name, f.d))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	or := func(d, def time.Duration) time.Duration {
		if d == 0 {
			return def
		}
		return d
	}
	lo, hi, margin := or(p.MinLockTime, hub.DefaultMinLockTime*time.Second), or(p.MaxLockTime, hub.DefaultMaxLockTime*time.Second),
		or(p.LockMargin, hub.DefaultLockMargin*time.Second)
	if margin < minLockMargin {
		errs = append(errs, fmt.Errorf("payments.lock_margin: %s: at least %s, for the hub to publish a payee's secret on-chain before the payer's lock expires", margin, minLockMargin))
	}
	if lo <= margin {
		errs = append(errs, fmt.Errorf("payments.min_lock_time: %s: must exceed payments.lock_margin (%s): the payee's lock expires that much earlier", lo, margin))
	}
	if hi < lo {
		errs = append(errs, fmt.Errorf("payments.max_lock_time: %s: below payments.min_lock_time (%s)", hi, lo))
	}
	if grace := or(p.CollectGrace, hub.DefaultCollectGrace*time.Second); lo > margin && grace >= lo-margin {
		errs = append(errs, fmt.Errorf("payments.collect_grace: %s: must be below payments.min_lock_time less payments.lock_margin (%s): "+
			"a payment claimed at once would reach the lock margin first", grace, lo-margin))
	}
	if v := p.MaxUncollectedPerPayer.V; v != nil && v.Sign() <= 0 {
		errs = append(errs, fmt.Errorf("payments.max_uncollected_per_payer: %s wei: must be positive (unset: %d ether)", v, hub.DefaultMaxUncollectedEther))
	}
	return errs
}

// Migrate applies the database migrations, creating a missing PostgreSQL database when
// it may, and says what it did.
func Migrate(ctx context.Context, cfg *Config) (daemon.Migrated, error) {
	return daemon.Migrate(ctx, cfg.Database.URL)
}

// Run is `hub run`: it opens what cfg names — the keystore, the database, the RPC
// endpoints — builds the hub on them (New) and runs it until ctx ends.
func Run(ctx context.Context, cfg *Config, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	key, err := cfg.Keystore.Load()
	if err != nil {
		return err
	}
	st, err := OpenStore(ctx, cfg.Database.URL)
	if err != nil {
		return err
	}
	defer st.Close()
	mx := NewMetrics()
	chain, err := daemon.Dial(ctx, cfg.Chain, mx, log)
	if err != nil {
		return err
	}
	defer chain.Close()
	h, err := New(ctx, Deps{Config: cfg, Key: key, Store: st, Node: chain, ChainID: chain.ID(), Endpoints: chain.Endpoints(),
		Metrics: mx, Log: log})
	if err != nil {
		return err
	}
	return h.Run(ctx)
}

// hubRetention is how long the hub keeps finished outbox entries, old events and nonces.
const hubRetention = 30 * 24 * time.Hour

// prune deletes what the hub no longer needs, and delivered and given-up alerts older
// than alertRetention (alert.DefaultRetention when 0) whatever else failed.
func prune(ctx context.Context, st Store, now time.Time, alertRetention time.Duration) error {
	if alertRetention <= 0 {
		alertRetention = alert.DefaultRetention
	}
	_, err := st.Prune(ctx, store.Prune{Before: now.Add(-hubRetention)})
	_, aerr := st.PruneAlerts(ctx, now.Add(-alertRetention))
	return errors.Join(err, aerr)
}

// caughtUp reports whether ix has indexed up to the head it last saw, within a block
// (a head seen while its range is being indexed).
func caughtUp(ix *watcher.Indexer) bool {
	if ix == nil {
		return false
	}
	head, indexed := ix.Progress()
	return head > 0 && indexed+1 >= head
}
