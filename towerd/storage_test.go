package towerd

import (
	"context"
	"log/slog"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/store"
)

// TestStorageCheck measures real databases (PostgreSQL's pg_database_size, an SQLite
// file's pages and its file system's free space) against budgets: over the high-water
// mark deposits stop and storage_full is raised once per condition; below it again they
// resume and the alert is resolved.
func TestStorageCheck(t *testing.T) {
	for _, be := range []struct {
		Name string
		URL  func(t *testing.T) string
	}{
		{"postgres", func(t *testing.T) string { return pgtest.NewDatabase(t) }},
		{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "t.db") }},
	} {
		t.Run(be.Name, func(t *testing.T) {
			st, err := daemon.OpenStore(t.Context(), be.URL(t), "watchtower")
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			u, err := st.Usage(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			rec := &alert.Recorder{}
			room := &Storage{Store: st, MaxSize: ByteSize(u.Bytes) * 100, HighWater: 0.9}
			d := &monitor.Duties{Alerts: rec, Log: slog.New(slog.DiscardHandler)}
			check := func(wantFull bool) {
				t.Helper()
				if err := room.checkAlerting(t.Context(), d); err != nil {
					t.Fatal(err)
				}
				if room.Full() != wantFull {
					t.Fatalf("full %v after a check of %+v (budget %s), want %v", room.Full(), room.Last(), room.MaxSize, wantFull)
				}
			}
			check(false)
			room.MaxSize = ByteSize(u.Bytes) // 90% of its own size: over the mark
			check(true)
			if r := room.Last(); r.Why == "" || r.Usage.Bytes < u.Bytes {
				t.Errorf("reading over the mark: %+v", r)
			}
			room.MaxSize = 0
			check(false)
			if be.Name == "sqlite" {
				room.MinFree = 1 << 60 // more than any disk has
				check(true)
				room.MinFree = 1
				check(false)
			}
			var kinds []string
			for _, a := range rec.Alerts() {
				kinds = append(kinds, a.Key)
			}
			want := []string{"storage-full", "storage-ok"}
			if be.Name == "sqlite" {
				want = append(want, want...)
			}
			if len(kinds) != len(want) {
				t.Fatalf("alerts %v, want %v", kinds, want)
			}
			for i := range want {
				if kinds[i] != want[i] {
					t.Fatalf("alerts %v, want %v", kinds, want)
				}
			}
		})
	}
}

// TestPruneExpiresUnseen: the prune job deletes the states of channels never seen
// on-chain once api.unseen_ttl has passed since the first was stored, and keeps the states
// of channels seen on-chain.
func TestPruneExpiresUnseen(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := daemon.OpenStore(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"), "watchtower")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	chainID, contract := big.NewInt(1337), common.HexToAddress("0xc0ffee")
	if err := st.AddContract(ctx, store.Contract{ChainID: chainID, Address: contract, Hub: common.HexToAddress("0xb0b")}); err != nil {
		t.Fatal(err)
	}
	seen, unseen := common.HexToAddress("0x5ee4"), common.HexToAddress("0xfa6e")
	b := store.Block{Number: 1, Hash: common.HexToHash("0x01"), Time: 1}
	if err := st.ApplyRange(ctx, chainID, nil, b, []store.Block{b}, []store.Event{{Contract: contract, BlockNumber: 1, BlockHash: b.Hash,
		Kind: store.EventChannelUpdated, User: seen, Nonce: big.NewInt(1), OnchainNonce: big.NewInt(1), Fields: []byte("{}")}}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []common.Address{seen, unseen} {
		s := channel.NewState(u)
		s.Nonce.SetInt64(2)
		res, err := st.PutStates(ctx, []store.Deposit{{State: store.StoredState{Contract: contract, State: s, Digest: common.Hash{1},
			SigHub: []byte{1}, SigUser: []byte{2}}, Receipt: channel.Receipt{IssuedAt: 1, Signature: []byte{3}}, MaxUnseen: 10}})
		if err != nil || res[0].Err != nil {
			t.Fatalf("deposit for %s: %v %+v", u, err, res)
		}
	}
	d := &monitor.Duties{Store: st, Alerts: &alert.Recorder{}, Metrics: daemon.NewMetrics("watchtower"), UnseenTTL: time.Millisecond,
		Schedules: monitor.Schedules{Prune: "@every 1s", Digest: "@yearly"}, Log: slog.New(slog.DiscardHandler)}
	stop, err := d.Monitor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); stop() }()
	wait.Until(t, 15*time.Second, "the unseen channel's state to be pruned after its ttl", func() bool {
		_, err := st.State(ctx, contract, unseen)
		return err != nil
	})
	if _, err := st.State(ctx, contract, seen); err != nil {
		t.Fatalf("the state of a channel seen on-chain was pruned: %v", err)
	}
}

// finishedAlerts queues three alerts: one delivered two hours ago, one given up two hours
// ago, one pending; it returns the pending one's id.
func finishedAlerts(t *testing.T, st alert.QueueStore) int64 {
	t.Helper()
	ctx, old := context.Background(), time.Now().Add(-2*time.Hour)
	var ids []int64
	for i := range 3 {
		id, err := st.EnqueueAlert(ctx, store.QueuedAlert{Sink: alert.SlackSink, Kind: alert.StaleClose, Key: string(rune('a' + i)), Payload: []byte("{}")})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := st.FinishAlerts(ctx, []store.AlertDone{{ID: ids[0], Status: store.AlertDelivered, Ref: "1", At: old},
		{ID: ids[1], Status: store.AlertDead, LastError: "refused", At: old}}); err != nil {
		t.Fatal(err)
	}
	return ids[2]
}

// TestPruneDeletesFinishedAlerts: the prune job deletes delivered and given-up alerts
// older than alerts.retention, and keeps pending ones, whatever its other retention.
func TestPruneDeletesFinishedAlerts(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := daemon.OpenStore(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"), "watchtower")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pending := finishedAlerts(t, st)
	d := &monitor.Duties{Store: st, Alerts: &alert.Recorder{}, Metrics: daemon.NewMetrics("watchtower"), AlertRetention: time.Hour,
		Schedules: monitor.Schedules{Prune: "@every 1s", Digest: "@yearly"}, Log: slog.New(slog.DiscardHandler)}
	stop, err := d.Monitor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); stop() }()
	var rows []store.QueuedAlert
	wait.Until(t, 15*time.Second, "the finished alerts to be pruned", func() bool {
		var err error
		if rows, err = st.QueuedAlerts(ctx, alert.SlackSink); err != nil {
			t.Fatal(err)
		}
		return len(rows) <= 1
	})
	if len(rows) != 1 || rows[0].ID != pending || rows[0].Status != store.AlertPending {
		t.Fatalf("kept %+v, want the pending alert alone", rows)
	}
}
