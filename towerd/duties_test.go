package towerd

import (
	"context"
	"log/slog"
	"net"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/watcher"
)

// waitKinds waits until rec holds an alert of every kind in want.
func waitKinds(t *testing.T, rec *alert.Recorder, want ...string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got := rec.Kinds()
		missing := false
		for _, k := range want {
			missing = missing || !slices.Contains(got, k)
		}
		if !missing {
			return
		}
	}
	t.Fatalf("alerts %v, want every one of %v", rec.Kinds(), want)
}

// TestScheduledJobs runs the upkeep jobs on one-second schedules against a real SQLite
// store and a dead RPC endpoint: prune and digest succeed (their last success is a
// metric, the digest reaches the alerts), the RPC check fails, alerts rpc_unreachable and
// job_failed, and counts the failure.
func TestScheduledJobs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := daemon.OpenStore(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"), "watchtower")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String()
	l.Close()
	dc, err := ethclient.Dial(dead)
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	rec := &alert.Recorder{}
	m := daemon.NewMetrics("watchtower")
	every := "@every 1s"
	d := &Duties{Store: st, Endpoints: []watcher.Endpoint{{Name: "dead", Chain: dc}}, Alerts: rec, Metrics: m,
		Schedules: Schedules{Prune: every, RPCHealth: every, Digest: every, LagCheck: every}, Log: slog.New(slog.DiscardHandler)}
	c, err := d.schedule(ctx, d.Log)
	if err != nil {
		t.Fatal(err)
	}
	c.Start()
	defer func() { cancel(); <-c.Stop().Done() }()
	waitKinds(t, rec, "digest", alert.RPCUnreachable, alert.JobFailed)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if testutil.ToFloat64(m.JobSuccess("prune")) > 0 && testutil.ToFloat64(m.JobFailures("rpc_health")) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("prune's last success or rpc_health's failures never recorded")
		}
	}
}

// TestFailingStoreAlerts: a job whose store fails (closed under it) alerts job_failed.
func TestFailingStoreAlerts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := sqlstore.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	rec := &alert.Recorder{}
	d := &Duties{Store: st, Alerts: rec, Schedules: Schedules{Prune: "@every 1s", Digest: "@yearly"}, Log: slog.New(slog.DiscardHandler)}
	c, err := d.schedule(ctx, d.Log)
	if err != nil {
		t.Fatal(err)
	}
	c.Start()
	defer func() { cancel(); <-c.Stop().Done() }()
	waitKinds(t, rec, alert.JobFailed)
}
