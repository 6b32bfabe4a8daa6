package daemon

import (
	"context"
	"log/slog"
	"os"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/alert"
)

// AlertStore is the store's side of alerts: the durable queue and users' registrations.
type AlertStore interface {
	alert.UserStore
	// PruneAlerts deletes delivered and given-up alerts finished before before.
	PruneAlerts(ctx context.Context, before time.Time) (int, error)
}

// Alerts is a process's alert path: every alert goes to the log and the metrics, to Slack
// through the persisted queue when configured, and — on the tower — to the webhook a
// channel's user registered; repeats within the quiet period are dropped first.
type Alerts struct {
	// Sink is where the process sends alerts; Send never blocks on delivery.
	Sink alert.Sink
	// Users is the user-webhook sink and Allow its hosts (nil when users hear nothing).
	Users *alert.UserWebhooks
	Allow *alert.Allowlist
	runs  []func(ctx context.Context) error
}

// NewAlerts builds the alert path from the alerts section. withUsers adds users'
// webhooks (the tower's; the hub has none). Secrets come from the environment and never
// reach a log or an error.
func NewAlerts(cfg alert.Config, st AlertStore, withUsers bool, m *Metrics, log *slog.Logger) (*Alerts, error) {
	a := &Alerts{}
	next := alert.Fanout{alert.Log{Logger: log}}
	if m != nil {
		next = append(next, m)
	}
	sc, ok, err := cfg.SlackConfig(os.Getenv)
	if err != nil {
		return nil, err
	}
	if ok {
		sc.Store, sc.Logger, sc.Observe = st, log, m.AlertDelivery
		slk, err := alert.NewSlack(sc)
		if err != nil {
			return nil, err
		}
		next = append(next, slk)
		a.runs = append(a.runs, slk.Run)
	}
	if withUsers {
		uc, ok, err := cfg.UserSinkConfig(st)
		if err != nil {
			return nil, err
		}
		if ok {
			uc.Logger, uc.Observe = log, m.AlertDelivery
			if a.Users, err = alert.NewUserWebhooks(uc); err != nil {
				return nil, err
			}
			a.Allow = uc.Allow
			next = append(next, a.Users)
			a.runs = append(a.runs, a.Users.Run)
		}
	}
	a.Sink = &alert.Dedup{Next: next, Quiet: cfg.Quiet}
	return a, nil
}

// Run delivers queued alerts until ctx ends. Every replica may run it: one loop per sink
// holds the sink's lease and delivers what every replica queued; another takes over when
// it stops.
func (a *Alerts) Run(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, run := range a.runs {
		g.Go(func() error { return run(gctx) })
	}
	return g.Wait()
}
