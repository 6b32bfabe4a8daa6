package hubd

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/store"
)

// TestPruneDeletesFinishedAlerts: the hub's prune job deletes delivered and given-up
// alerts older than alerts.retention and keeps pending ones.
func TestPruneDeletesFinishedAlerts(t *testing.T) {
	ctx := context.Background()
	st, err := daemon.OpenStore(ctx, "sqlite:"+filepath.Join(t.TempDir(), "t.db"), "hub")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []int64
	for i := range 3 {
		id, err := st.EnqueueAlert(ctx, store.QueuedAlert{Sink: alert.SlackSink, Kind: alert.HubTxSent, Key: string(rune('a' + i)), Payload: []byte("{}")})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	now := time.Now()
	if err := st.FinishAlerts(ctx, []store.AlertDone{{ID: ids[0], Status: store.AlertDelivered, At: now.Add(-2 * time.Hour)},
		{ID: ids[1], Status: store.AlertDead, LastError: "refused", At: now.Add(-30 * time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	if err := prune(ctx, st, now, time.Hour); err != nil {
		t.Fatal(err)
	}
	rows, err := st.QueuedAlerts(ctx, alert.SlackSink)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].ID != ids[1] || rows[1].ID != ids[2] {
		t.Fatalf("after prune: %+v, want the recent dead alert and the pending one", rows)
	}
}
