package alert

import (
	"cmp"
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
// store: it keeps the queue's semantics (priorities, leases, retries) but a crash loses
// what it holds. It forgets rows once they are final.
type MemoryQueue struct {
	// Cap bounds the pending rows (default 10,000); EnqueueAlert fails beyond it.
	Cap int

	mu   sync.Mutex
	next int64
	rows map[int64]*memRow
}

type memRow struct {
	store.QueuedAlert
	nextAt, leaseUntil time.Time
	owner              string
}

// EnqueueAlert appends a pending alert.
func (m *MemoryQueue) EnqueueAlert(_ context.Context, a store.QueuedAlert) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rows == nil {
		m.rows = map[int64]*memRow{}
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
	m.rows[a.ID] = &memRow{QueuedAlert: a}
	return a.ID, nil
}

// ClaimAlerts leases due pending rows of sink to owner.
func (m *MemoryQueue) ClaimAlerts(_ context.Context, sink, owner string, at time.Time, lease time.Duration, limit int) ([]store.QueuedAlert, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var cand []*memRow
	for _, r := range m.rows {
		if r.Sink == sink && !r.nextAt.After(at) && (r.owner == owner || r.leaseUntil.Before(at)) {
			cand = append(cand, r)
		}
	}
	slices.SortFunc(cand, func(a, b *memRow) int {
		if a.Priority != b.Priority {
			return b.Priority - a.Priority
		}
		return cmp.Compare(a.ID, b.ID)
	})
	cand = cand[:min(len(cand), limit)]
	out := make([]store.QueuedAlert, len(cand))
	for i, r := range cand {
		r.owner, r.leaseUntil = owner, at.Add(lease)
		out[i] = r.QueuedAlert
	}
	return out, nil
}

// ReleaseAlerts drops owner's leases on sink's rows.
func (m *MemoryQueue) ReleaseAlerts(_ context.Context, sink, owner string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.rows {
		if r.Sink == sink && r.owner == owner {
			r.owner, r.leaseUntil = "", time.Time{}
		}
	}
	return nil
}

// AlertsDelivered forgets delivered rows.
func (m *MemoryQueue) AlertsDelivered(_ context.Context, ids []int64, _ string, _ time.Time) error {
	m.each(ids, func(r *memRow) { delete(m.rows, r.ID) })
	return nil
}

// AlertsGrouped records the group's summary on the rows.
func (m *MemoryQueue) AlertsGrouped(_ context.Context, ids []int64, ref string) error {
	m.each(ids, func(r *memRow) { r.GroupRef = ref })
	return nil
}

// AlertsRetry records a failed attempt.
func (m *MemoryQueue) AlertsRetry(_ context.Context, ids []int64, errText string, next time.Time) error {
	m.each(ids, func(r *memRow) { r.Attempts, r.LastError, r.nextAt = r.Attempts+1, errText, next })
	return nil
}

// AlertsDefer puts rows off without counting an attempt.
func (m *MemoryQueue) AlertsDefer(_ context.Context, ids []int64, next time.Time) error {
	m.each(ids, func(r *memRow) { r.nextAt = next })
	return nil
}

// AlertsDead forgets rows given up.
func (m *MemoryQueue) AlertsDead(_ context.Context, ids []int64, _ string, _ time.Time) error {
	m.each(ids, func(r *memRow) { delete(m.rows, r.ID) })
	return nil
}

// Pending returns how many rows wait.
func (m *MemoryQueue) Pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.rows)
}

func (m *MemoryQueue) each(ids []int64, fn func(*memRow)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		if r, ok := m.rows[id]; ok {
			fn(r)
		}
	}
}
