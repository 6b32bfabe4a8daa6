package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// commitProbe times a one-row commit on the bench's PostgreSQL database every interval
// while a latency figure is measured: a challenge waits for three commits, and the tail of
// a commit — the disk's flush, which on a virtual disk takes hundreds of milliseconds now
// and then — is the tail of the figure. The probe's own commits are ten a second, fewer
// than the tower's. Its results are read only once it has stopped.
type commitProbe struct {
	stop func()
	lat  []time.Duration
	err  error
}

func startCommitProbe(ctx context.Context, db *sql.DB, every time.Duration) (*commitProbe, error) {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bench_commit_probe (at timestamptz NOT NULL)`); err != nil {
		return nil, fmt.Errorf("commit probe: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &commitProbe{}
	done := make(chan struct{})
	p.stop = func() { cancel(); <-done }
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			start := time.Now()
			_, err := db.ExecContext(ctx, `INSERT INTO bench_commit_probe VALUES (now())`)
			if err != nil && ctx.Err() == nil {
				p.err = err
			} else if err == nil {
				p.lat = append(p.lat, time.Since(start))
			}
		}
	}()
	return p, nil
}

// report stops the probe and puts its quantiles into params.
func (p *commitProbe) report(params map[string]any) error {
	p.stop()
	if p.err != nil {
		return fmt.Errorf("commit probe: %w", p.err)
	}
	if len(p.lat) == 0 {
		return nil
	}
	slices.Sort(p.lat)
	q := func(f float64) string {
		return fmt.Sprintf("%.2f", float64(p.lat[min(len(p.lat)-1, int(f*float64(len(p.lat))))].Microseconds())/1000)
	}
	params["probe_commit_p50_ms"], params["probe_commit_p99_ms"], params["probe_commit_max_ms"] = q(0.5), q(0.99), q(1)
	params["probe_commits"] = len(p.lat)
	return nil
}
