package alert

import (
	"context"
	"sync"
	"time"
)

// DefaultDedupKeys bounds how many keys a Dedup remembers when MaxKeys is zero.
const DefaultDedupKeys = 100_000

// Dedup drops an alert whose key was forwarded within Quiet. It forgets a key once its
// window has passed (memory holds only the keys of the last Quiet, at most MaxKeys, the
// oldest forgotten first), and forgets a key at once when an alert resolving it goes
// through, so that the condition alerts again if it comes back; a resolution of a
// condition forwarded since it last resolved is never dropped.
type Dedup struct {
	Next  Sink
	Quiet time.Duration
	// MaxKeys caps the keys remembered (default DefaultDedupKeys).
	MaxKeys int
	// Now is the clock (default time.Now).
	Now func() time.Time

	mu    sync.Mutex
	last  map[string]time.Time
	order []seen // keys by the time they were forwarded, oldest first
	head  int    // order[:head] are consumed
}

type seen struct {
	key string
	at  time.Time
}

// Send forwards a unless its key was forwarded within the quiet period.
func (d *Dedup) Send(ctx context.Context, a Alert) {
	if !d.admit(a) {
		return
	}
	d.Next.Send(ctx, a)
}

func (d *Dedup) admit(a Alert) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	if d.Now != nil {
		now = d.Now()
	}
	if d.last == nil {
		d.last = map[string]time.Time{}
	}
	d.expire(now)
	resolvesOpen := false
	if a.Resolves != "" {
		_, resolvesOpen = d.last[a.Resolves]
		delete(d.last, a.Resolves)
	}
	// A resolution of a condition forwarded since its last resolution goes through, however
	// recently an alert with its own key went: a condition that came back and cleared
	// again within the window would otherwise be left showing as firing.
	if t, ok := d.last[a.Key]; ok && now.Sub(t) < d.Quiet && !resolvesOpen {
		return false
	}
	d.last[a.Key] = now
	d.order = append(d.order, seen{a.Key, now})
	max := d.MaxKeys
	if max <= 0 {
		max = DefaultDedupKeys
	}
	for len(d.last) > max && d.head < len(d.order) {
		d.drop(d.order[d.head])
		d.head++
	}
	return true
}

// expire forgets keys forwarded Quiet or longer ago.
func (d *Dedup) expire(now time.Time) {
	for d.head < len(d.order) && now.Sub(d.order[d.head].at) >= d.Quiet {
		d.drop(d.order[d.head])
		d.head++
	}
	// Compact once the consumed prefix dominates, so order stays proportional to the keys.
	if d.head > 1024 && d.head*2 > len(d.order) {
		d.order = append(d.order[:0], d.order[d.head:]...)
		d.head = 0
	}
}

// drop forgets s.key unless it was forwarded again after s.
func (d *Dedup) drop(s seen) {
	if t, ok := d.last[s.key]; ok && !t.After(s.at) {
		delete(d.last, s.key)
	}
}

// Len returns how many keys the window holds.
func (d *Dedup) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.last)
}
