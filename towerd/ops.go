package towerd

import (
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/watcher"
)

// registerMetrics adds the tower's own gauges: leadership and the indexer's progress.
func registerMetrics(m *daemon.Metrics, ix *watcher.Indexer, replica *Replica) {
	m.Gauge("vigil_leader", "1 while this replica indexes and sends.", func() float64 {
		if replica.Leading() {
			return 1
		}
		return 0
	})
	m.Gauge("vigil_indexer_head_block", "Latest chain head the indexer saw.", func() float64 { h, _ := ix.Progress(); return float64(h) })
	m.Gauge("vigil_indexer_indexed_block", "Last block indexed.", func() float64 { _, i := ix.Progress(); return float64(i) })
	m.Gauge("vigil_indexer_lag_blocks", "Blocks between the chain head and the last block indexed.", func() float64 {
		h, i := ix.Progress()
		if h < i {
			return 0
		}
		return float64(h - i)
	})
}
