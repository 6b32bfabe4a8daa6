package monitor

import (
	"context"
	"log/slog"
	"math/big"
	"net"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/watcher"
)

// waitKinds waits until rec holds an alert of every kind in want.
func waitKinds(t *testing.T, rec *alert.Recorder, want ...string) {
	t.Helper()
	ok := wait.Poll(15*time.Second, func() bool {
		got := rec.Kinds()
		for _, k := range want {
			if !slices.Contains(got, k) {
				return false
			}
		}
		return true
	})
	if !ok {
		t.Fatalf("alerts %v, want every one of %v", rec.Kinds(), want)
	}
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
	wait.Until(t, 10*time.Second, "prune's last success and rpc_health's failures recorded", func() bool {
		return testutil.ToFloat64(m.JobSuccess("prune")) > 0 && testutil.ToFloat64(m.JobFailures("rpc_health")) > 0
	})
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

// TestBalanceFloor: a balance check below the floor alerts, critical, with the account and
// its balance; the first check above the floor again resolves it, once.
func TestBalanceFloor(t *testing.T) {
	key, _ := crypto.GenerateKey()
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: big.NewInt(1337), Key: key, MaxFeePerGas: big.NewInt(1e9)}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	floor := big.NewInt(100)
	balances := []int64{150, 99, 99, 100, 200} // enough, short, short, enough again, enough
	i := 0
	rec := &alert.Recorder{}
	d := &Duties{Sender: snd, BalanceFloor: floor, Alerts: rec, Log: slog.New(slog.DiscardHandler),
		Balance: func(context.Context, common.Address) (*big.Int, error) { i++; return big.NewInt(balances[i-1]), nil }}
	for range balances {
		if err := d.checkBalance(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, a := range rec.Alerts() {
		if a.Kind != alert.GasLow || a.Account != snd.Address() || a.Balance == nil {
			t.Errorf("alert %+v: want gas_low with the account and its balance", a)
		}
		got = append(got, a.Key+"@"+a.Balance.String())
	}
	low, ok := "gas-floor/"+snd.Address().Hex(), "gas-floor-ok/"+snd.Address().Hex()
	if want := []string{low + "@99", low + "@99", ok + "@100"}; !slices.Equal(got, want) {
		t.Fatalf("gas alerts %q, want %q", got, want)
	}
}

// TestBalanceCheckedAtStart: an account below the floor alerts as the monitor starts,
// not at the first tick of its schedule.
func TestBalanceCheckedAtStart(t *testing.T) {
	key, _ := crypto.GenerateKey()
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: big.NewInt(1337), Key: key, MaxFeePerGas: big.NewInt(1e9)}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec := &alert.Recorder{}
	d := &Duties{Sender: snd, BalanceFloor: big.NewInt(100), Alerts: rec, Log: slog.New(slog.DiscardHandler),
		Schedules: Schedules{BalanceCheck: "@yearly"},
		Balance:   func(context.Context, common.Address) (*big.Int, error) { return new(big.Int), nil }}
	stop, err := d.Monitor(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if kinds := rec.Kinds(); !slices.Contains(kinds, alert.GasLow) {
		t.Fatalf("alerts at start %v, want %s", kinds, alert.GasLow)
	}
}
