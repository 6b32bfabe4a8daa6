package alert

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/vigil-hub/vigil/store"
)

// ErrQueueFull reports a MemoryQueue at its capacity.
var ErrQueueFull = errors.New("alert queue full")

// MemoryQueue is a QueueStore in memory, for tests, the demo and a sink built without a
// store: it keeps the queue's semantics (leases, final states, open groups) but a crash
// loses what it holds. It forgets rows once they are final.
type MemoryQueue struct {
	// Cap bounds the pending rows (default 10,000); EnqueueAlert fails beyond it.
	Cap int

	mu     sync.Mutex
	next   int64
	rows   map[int64]store.QueuedAlert
	leases map[string]memLease
	groups []store.AlertGroup
}

type memLease struct {
	owner string
	until time.Time
}

// EnqueueAlert appends a pending alert.
func (m *MemoryQueue) EnqueueAlert(_ context.Context, a store.QueuedAlert) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rows == nil {
		m.rows = map[int64]store.QueuedAlert{}
	}
	limit := m.Cap
	if limit <= 0 {
		limit = 10_000
	}
	if len(m.rows) >= limit {
		return 0, ErrQueueFull
	}
	m.next++
	a.ID, a.Status = m.next, store.AlertPending
	if a.CreatedAt.IsZero() {
		a.CreatedAt = time.Now()
	}
	m.rows[a.ID] = a
	return a.ID, nil
}

// LeaseAlertSink takes or renews owner's lease on sink.
func (m *MemoryQueue) LeaseAlertSink(_ context.Context, sink, owner string, at time.Time, lease time.Duration) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.leases == nil {
		m.leases = map[string]memLease{}
	}
	if l, ok := m.leases[sink]; ok && l.owner != owner && !l.until.Before(at) {
		return false, nil
	}
	m.leases[sink] = memLease{owner: owner, until: at.Add(lease)}
	return true, nil
}

// ReleaseAlertSink drops owner's lease on sink.
func (m *MemoryQueue) ReleaseAlertSink(_ context.Context, sink, owner string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if l, ok := m.leases[sink]; ok && l.owner == owner {
		delete(m.leases, sink)
	}
	return nil
}

// PendingAlerts returns sink's pending rows above after, in id order.
func (m *MemoryQueue) PendingAlerts(_ context.Context, sink string, after int64, limit int) ([]store.QueuedAlert, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.QueuedAlert
	for _, r := range m.rows {
		if r.Sink == sink && r.ID > after {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b store.QueuedAlert) int { return int(a.ID - b.ID) })
	return out[:min(len(out), limit)], nil
}

// FinishAlerts forgets final rows.
func (m *MemoryQueue) FinishAlerts(_ context.Context, done []store.AlertDone) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range done {
		delete(m.rows, d.ID)
	}
	return nil
}

// OpenAlertGroup records an open group.
func (m *MemoryQueue) OpenAlertGroup(_ context.Context, g store.AlertGroup) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next++
	g.ID, g.IDs = m.next, slices.Clone(g.IDs)
	m.groups = append(m.groups, g)
	return g.ID, nil
}

// AlertGroups returns sink's open groups.
func (m *MemoryQueue) AlertGroups(_ context.Context, sink string) ([]store.AlertGroup, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.AlertGroup
	for _, g := range m.groups {
		if g.Sink == sink {
			out = append(out, g)
		}
	}
	return out, nil
}

// CloseAlertGroup forgets a group.
func (m *MemoryQueue) CloseAlertGroup(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.groups = slices.DeleteFunc(m.groups, func(g store.AlertGroup) bool { return g.ID == id })
	return nil
}

// Pending returns how many rows wait.
func (m *MemoryQueue) Pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.rows)
}
