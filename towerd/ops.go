package towerd

import (
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/watcher"
)

// registerMetrics adds the tower's own gauges: leadership, the indexer's progress and the
// database's room as the storage check last measured it.
func registerMetrics(m *daemon.Metrics, ix *watcher.Indexer, replica *Replica, room *Storage) {
	m.Gauge("vigil_database_bytes", "Size of the database at the last storage check.", func() float64 { return float64(room.Last().Usage.Bytes) })
	m.Gauge("vigil_database_free_bytes", "Free space beside the database at the last storage check (-1: unknown).", func() float64 {
		return float64(room.Last().Usage.Free)
	})
	m.Gauge("vigil_deposits_stopped", "1 while the database is at its high-water mark and deposits are refused.", func() float64 {
		if room.Full() {
			return 1
		}
		return 0
	})
	m.Gauge("vigil_leader", "1 while this replica indexes and sends.", func() float64 {
		if replica.Leading() {
			return 1
		}
		return 0
	})
	m.Gauge("vigil_indexer_head_block", "Latest chain head the indexer saw.", func() float64 { h, _ := ix.Progress(); return float64(h) })
	m.Gauge("vigil_indexer_indexed_block", "Last block indexed.", func() float64 { _, i := ix.Progress(); return float64(i) })
	m.Gauge("vigil_indexer_skipped_logs", "Logs of watched contracts that did not decode and were skipped.", func() float64 { return float64(ix.Skipped()) })
	m.Gauge("vigil_indexer_lag_blocks", "Blocks between the chain head and the last block indexed.", func() float64 {
		h, i := ix.Progress()
		if h < i {
			return 0
		}
		return float64(h - i)
	})
}
