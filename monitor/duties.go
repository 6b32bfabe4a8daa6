// Package monitor holds the duties both daemons schedule: the watchtower's leader runs
// its indexer, dispute engine and sender with them (Duties.Run); the hub, which runs
// those itself, has its gas, its indexer's lag and its RPC endpoints watched the same
// way (Duties.Monitor). Each job recovers from a panic, never overlaps its previous run,
// records its last success as a metric and alerts when it fails.
package monitor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/robfig/cron/v3"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
)

// Schedules are cron specs (robfig/cron, with descriptors such as "@every 15s") for what
// the leader does on a clock, and the thresholds its checks use.
type Schedules struct {
	Reconcile    string `yaml:"reconcile"`     // re-examine every disputed channel; default @every 15s
	BalanceCheck string `yaml:"balance_check"` // alert on a low gas balance; default @every 5m
	Prune        string `yaml:"prune"`         // delete what nothing needs; default @every 1h
	LagCheck     string `yaml:"lag_check"`     // alert when the indexer falls behind; default @every 1m
	RPCHealth    string `yaml:"rpc_health"`    // alert when every RPC endpoint fails; default @every 1m
	Digest       string `yaml:"digest"`        // a daily summary to Slack; default @daily (midnight UTC)
	StorageCheck string `yaml:"storage_check"` // measure the database against its budget; default @every 1m
	// Retention is how long finished outbox entries and old confirmed events are kept
	// (default 30 days); MaxLagBlocks how far the indexer may trail the head (default 20);
	// StallAfter how long without a new head counts as behind (default 5m).
	Retention    time.Duration `yaml:"retention"`
	MaxLagBlocks uint64        `yaml:"max_lag_blocks"`
	StallAfter   time.Duration `yaml:"stall_after"`
}

// Fill sets the default of every schedule and threshold left out.
func (s *Schedules) Fill() {
	for _, d := range []struct {
		spec *string
		def  string
	}{{&s.Reconcile, "@every 15s"}, {&s.BalanceCheck, "@every 5m"}, {&s.Prune, "@every 1h"},
		{&s.LagCheck, "@every 1m"}, {&s.RPCHealth, "@every 1m"}, {&s.Digest, "CRON_TZ=UTC 0 0 * * *"},
		{&s.StorageCheck, "@every 1m"}} {
		if *d.spec == "" {
			*d.spec = d.def
		}
	}
	if s.Retention == 0 {
		s.Retention = 30 * 24 * time.Hour
	}
	if s.MaxLagBlocks == 0 {
		s.MaxLagBlocks = 20
	}
	if s.StallAfter == 0 {
		s.StallAfter = 5 * time.Minute
	}
}

// Specs names every schedule by its configuration key, for validation.
func (s Schedules) Specs() map[string]string {
	return map[string]string{"schedules.reconcile": s.Reconcile, "schedules.balance_check": s.BalanceCheck,
		"schedules.prune": s.Prune, "schedules.lag_check": s.LagCheck, "schedules.rpc_health": s.RPCHealth,
		"schedules.digest": s.Digest, "schedules.storage_check": s.StorageCheck}
}

// upkeepStore is the store's side of the upkeep jobs.
type upkeepStore interface {
	daemon.Upkeep
	PruneAlerts(ctx context.Context, before time.Time) (int, error)
	PruneUnseen(ctx context.Context, before time.Time) (int64, error)
}

// Duties are what only the leader does: index, decide, send, and run the scheduled jobs.
type Duties struct {
	Indexer      *watcher.Indexer
	Engine       *disputes.Engine
	Sender       *disputes.Sender
	Schedules    Schedules
	BalanceFloor *big.Int // wei; no balance check when nil
	Log          *slog.Logger
	// The scheduled upkeep's parts; a job whose part is nil is not scheduled.
	Store     upkeepStore
	Endpoints []watcher.Endpoint
	Balance   func(ctx context.Context, a common.Address) (*big.Int, error)
	Alerts    alert.Sink
	Metrics   *daemon.Metrics
	// AlertRetention is how long the prune job keeps delivered and given-up alerts
	// (alerts.retention; default alert.DefaultRetention).
	AlertRetention time.Duration
	// UnseenTTL is how long the prune job keeps the state of a channel never seen
	// on-chain (api.unseen_ttl); zero keeps it.
	UnseenTTL time.Duration
	// Jobs are the daemon's own scheduled jobs besides these (the tower's storage check).
	Jobs []Job

	mu          sync.Mutex
	lastHead    uint64
	lastHeadAt  time.Time
	lastBalance *big.Int
	failing     map[string]bool // conditions alerted and not yet resolved, by key
}

// Raise sends a when its condition is new; Resolve sends ok when a condition alerted
// before has cleared: each condition yields one alert and one "resolved" follow-up.
func (d *Duties) Raise(ctx context.Context, a alert.Alert) {
	d.mu.Lock()
	if d.failing == nil {
		d.failing = map[string]bool{}
	}
	d.failing[a.Key] = true
	d.mu.Unlock()
	d.alert(ctx, a)
}

// Resolve: see Raise.
func (d *Duties) Resolve(ctx context.Context, key string, ok alert.Alert) {
	d.mu.Lock()
	was := d.failing[key]
	delete(d.failing, key)
	d.mu.Unlock()
	if was {
		d.alert(ctx, ok)
	}
}

// Job is one scheduled job: its name, its spec and what it does.
type Job struct {
	Name, Spec string
	Run        func(ctx context.Context) error
}

// Run works until ctx ends or a part fails. The indexer, the sender and the engine's
// watch (disputes.Engine.Run) start at once: the engine first examines the disputes no
// challenge answers, nearest deadline first, then every disputed channel in the
// background, so that a close indexed just before a crash or a failover is answered and a
// new one never waits for that pass. It schedules its jobs: each recovers from a panic,
// never overlaps its previous run, records its last success as a metric and alerts when
// it fails.
func (d *Duties) Run(ctx context.Context) error {
	log := d.Log
	if log == nil {
		log = slog.Default()
	}
	d.Schedules.Fill()
	c, err := d.schedule(ctx, log)
	if err != nil {
		return err
	}
	c.Start()
	defer func() { <-c.Stop().Done() }()
	d.checkAtStart(ctx, log)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return d.Engine.Run(gctx) })
	g.Go(func() error { return d.Indexer.Run(gctx) })
	g.Go(func() error { return d.Sender.Run(gctx) })
	return g.Wait()
}

// Monitor runs the scheduled jobs alone, until the returned stop is called: for a daemon
// that runs its indexer, engine and sender itself — the hub, whose account needs the
// same watch on its gas, its indexer's lag and its RPC endpoints. Only the jobs whose
// parts are set are scheduled.
func (d *Duties) Monitor(ctx context.Context) (stop func(), err error) {
	log := d.Log
	if log == nil {
		log = slog.Default()
	}
	c, err := d.schedule(ctx, log)
	if err != nil {
		return nil, err
	}
	c.Start()
	d.checkAtStart(ctx, log)
	return func() { <-c.Stop().Done() }, nil
}

// checkAtStart checks the gas balance once at start rather than at the first tick of its
// schedule (5 minutes by default): an account that cannot pay for a challenge says so
// as the daemon starts, with the same alert.
func (d *Duties) checkAtStart(ctx context.Context, log *slog.Logger) {
	if d.BalanceFloor == nil || d.Sender == nil || d.Balance == nil {
		return
	}
	if err := d.checkBalance(ctx); err != nil {
		log.Warn("gas balance check at start failed", "err", err)
	}
}

// schedule adds every job to a new scheduler (not started); each job's run is recorded
// as a metric and its failure alerts.
func (d *Duties) schedule(ctx context.Context, log *slog.Logger) (*cron.Cron, error) {
	if d.Log == nil {
		d.Log = log
	}
	d.Schedules.Fill()
	c := daemon.NewCron(log)
	for _, j := range d.jobs() {
		if _, err := c.AddFunc(j.Spec, func() {
			err := j.Run(ctx)
			if ctx.Err() != nil {
				return
			}
			d.Metrics.JobDone(j.Name, err)
			if err != nil {
				log.Warn("scheduled job failed", "job", j.Name, "err", err)
				d.Raise(ctx, alert.JobFailedAlert(j.Name, err))
				return
			}
			d.Resolve(ctx, "job/"+j.Name, alert.JobRecoveredAlert(j.Name))
		}); err != nil {
			return nil, fmt.Errorf("schedule %s %q: %w", j.Name, j.Spec, err)
		}
	}
	return c, nil
}

func (d *Duties) jobs() []Job {
	s := d.Schedules
	var jobs []Job
	if d.Engine != nil {
		jobs = append(jobs, Job{"reconcile", s.Reconcile, func(ctx context.Context) error {
			if d.Sender != nil {
				defer d.Sender.Wake()
			}
			return d.Engine.Reconcile(ctx)
		}})
	}
	if d.BalanceFloor != nil && d.Sender != nil && d.Balance != nil {
		jobs = append(jobs, Job{"balance_check", s.BalanceCheck, d.checkBalance})
	}
	if d.Indexer != nil {
		jobs = append(jobs, Job{"lag_check", s.LagCheck, d.checkLag})
	}
	if len(d.Endpoints) > 0 {
		jobs = append(jobs, Job{"rpc_health", s.RPCHealth, d.checkRPC})
	}
	if d.Store != nil {
		jobs = append(jobs, Job{"prune", s.Prune, func(ctx context.Context) error {
			before := time.Now().Add(-s.Retention)
			p, err := d.Store.Prune(ctx, store.Prune{Before: before})
			// Finished alerts go whatever else failed: under a mass exit they are most of
			// what the database gained.
			keep := d.AlertRetention
			if keep <= 0 {
				keep = alert.DefaultRetention
			}
			alerts, aerr := d.Store.PruneAlerts(ctx, time.Now().Add(-keep))
			var unseen int64
			if err == nil && d.UnseenTTL > 0 {
				unseen, err = d.Store.PruneUnseen(ctx, time.Now().Add(-d.UnseenTTL))
			}
			if err == nil && (p != (store.Pruned{}) || unseen > 0) || aerr == nil && alerts > 0 {
				d.Log.Info("pruned", "auth_nonces", p.AuthNonces, "receipts", p.Receipts, "outbox", p.OutboxEntries,
					"events", p.Events, "blocks", p.Blocks, "unseen_states", unseen, "alerts", alerts)
			}
			return errors.Join(err, aerr)
		}}, Job{"digest", s.Digest, d.digest})
	}
	return append(jobs, d.Jobs...)
}

func (d *Duties) alert(ctx context.Context, a alert.Alert) {
	if d.Alerts != nil {
		d.Alerts.Send(ctx, a)
	}
}

// checkBalance alerts when the sending account holds less than BalanceFloor wei, and
// resolves that alert once it holds enough again.
func (d *Duties) checkBalance(ctx context.Context) error {
	a := d.Sender.Address()
	bal, err := d.Balance(ctx, a)
	if err != nil {
		return fmt.Errorf("read balance of %s: %w", a, err)
	}
	d.Metrics.SetBalance(bal)
	if bal.Cmp(d.BalanceFloor) < 0 {
		d.Raise(ctx, alert.GasFloorAlert(a, bal, d.BalanceFloor))
		return nil
	}
	ok := alert.GasFloorOKAlert(a, bal, d.BalanceFloor)
	d.Resolve(ctx, ok.Resolves, ok)
	return nil
}

// checkLag alerts when the indexer trails the head by more than MaxLagBlocks, or has seen
// no new head for StallAfter.
func (d *Duties) checkLag(ctx context.Context) error {
	head, indexed := d.Indexer.Progress()
	now := time.Now()
	d.mu.Lock()
	if head != d.lastHead || d.lastHeadAt.IsZero() {
		d.lastHead, d.lastHeadAt = head, now
	}
	stalled := now.Sub(d.lastHeadAt)
	d.mu.Unlock()
	switch {
	case head > indexed+d.Schedules.MaxLagBlocks:
		d.Raise(ctx, alert.IndexerBehindAlert(indexed, head, 0))
	case stalled > d.Schedules.StallAfter:
		d.Raise(ctx, alert.IndexerBehindAlert(indexed, head, stalled))
	default:
		d.Resolve(ctx, "indexer-behind", alert.IndexerCaughtUpAlert(indexed))
	}
	return nil
}

// checkRPC asks every endpoint for its head and alerts when none answers.
func (d *Duties) checkRPC(ctx context.Context) error {
	var failed []string
	for _, e := range d.Endpoints {
		cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		_, err := e.Chain.HeaderByNumber(cctx, nil)
		cancel()
		if err != nil {
			failed = append(failed, e.Name)
		}
	}
	if len(failed) == len(d.Endpoints) {
		err := fmt.Errorf("every RPC endpoint is unreachable (%s)", strings.Join(failed, ", "))
		d.Raise(ctx, alert.RPCUnreachableAlert(len(d.Endpoints), err))
		return err
	}
	d.Resolve(ctx, "rpc-unreachable", alert.RPCReachableAlert(len(d.Endpoints)-len(failed), len(d.Endpoints)))
	return nil
}

// digest sends the daily summary: states watched, disputes open and answered, the outbox,
// and the gas balance with what it spent since the last digest.
func (d *Duties) digest(ctx context.Context) error {
	st, err := d.Store.Stats(ctx)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "daily digest: %d channel states watched, %d disputes open", st.StatesStored, st.DisputesOpen)
	for _, c := range st.Outbox {
		fmt.Fprintf(&b, "; %s %s: %d", c.Kind, c.Status, c.N)
	}
	if d.Balance != nil && d.Sender != nil {
		bal, err := d.Balance(ctx, d.Sender.Address())
		if err != nil {
			return fmt.Errorf("digest: read balance: %w", err)
		}
		fmt.Fprintf(&b, "; gas balance %s", wei.Text(bal))
		d.mu.Lock()
		if d.lastBalance != nil && d.lastBalance.Cmp(bal) >= 0 {
			fmt.Fprintf(&b, " (%s spent since the last digest)", wei.Text(new(big.Int).Sub(d.lastBalance, bal)))
		}
		d.lastBalance = bal
		d.mu.Unlock()
	}
	d.alert(ctx, alert.Alert{Severity: alert.Info, Kind: alert.Digest, Key: "digest/" + time.Now().UTC().Format(time.DateOnly), Text: b.String()})
	return nil
}
