package alert

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/vigil-hub/vigil/store"
)

// Defaults of a delivery loop.
const (
	DefaultPollInterval = 2 * time.Second  // how often a loop looks for alerts other processes queued
	DefaultLease        = time.Minute      // how long a claimed alert is kept from other loops
	DefaultBackoff      = time.Second      // first wait after a failed delivery
	DefaultMaxBackoff   = 5 * time.Minute  // longest wait between attempts
	claimBatch          = 2000             // alerts claimed at once
	markTimeout         = 10 * time.Second // for recording a delivery after shutdown began
	// settle is how long a loop woken by Send lets a burst accumulate before claiming, so
	// that a flood is grouped rather than claimed one alert at a time.
	settle = 50 * time.Millisecond
)

// Delivery results passed to an Observe hook.
const (
	ResultDelivered = "delivered" // the destination accepted it
	ResultRetry     = "retry"     // an attempt failed and will be retried
	ResultDead      = "dead"      // given up for good
	ResultDropped   = "dropped"   // could not even be queued (the store failed)
)

// item is a claimed row with its decoded alert.
type item struct {
	row store.QueuedAlert
	a   Alert
}

// engine is the durable queue under a sink: Send writes a row, run claims rows with a
// lease and hands them to the sink's deliver function, which records the outcome of each.
type engine struct {
	sink    string
	st      QueueStore
	owner   string
	lease   time.Duration
	poll    time.Duration
	now     func() time.Time
	log     *slog.Logger
	observe func(sink, kind, result string)
	wake    chan struct{}
	passes  atomic.Int64 // completed loop passes, for tests
	claimed time.Time    // when the current pass claimed its rows (wall clock)
}

func newEngine(sink string, st QueueStore, owner string, lease, poll time.Duration, now func() time.Time, log *slog.Logger,
	observe func(sink, kind, result string)) *engine {
	if owner == "" {
		b := make([]byte, 8)
		rand.Read(b)
		owner = sink + "-" + hex.EncodeToString(b)
	}
	if lease <= 0 {
		lease = DefaultLease
	}
	if poll <= 0 {
		poll = DefaultPollInterval
	}
	if now == nil {
		now = time.Now
	}
	if observe == nil {
		observe = func(string, string, string) {}
	}
	return &engine{sink: sink, st: st, owner: owner, lease: lease, poll: poll, now: now, log: log, observe: observe,
		wake: make(chan struct{}, 1)}
}

// enqueue writes a durably and wakes the loop. The write outlives a cancelled ctx (an
// alert raised during shutdown is still kept), bounded by markTimeout.
func (e *engine) enqueue(ctx context.Context, a Alert) {
	if a.At.IsZero() {
		a.At = e.now().UTC()
	}
	payload, err := json.Marshal(a)
	if err == nil {
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
		_, err = e.st.EnqueueAlert(wctx, store.QueuedAlert{Sink: e.sink, Kind: a.Kind, Severity: int(a.Severity),
			Priority: a.priority(), Key: a.Key, Payload: payload, CreatedAt: a.At})
		cancel()
	}
	if err != nil {
		e.observe(e.sink, a.Kind, ResultDropped)
		e.log.Error("alert not queued for delivery; it is only in this log", "sink", e.sink, "alert", a.Kind, "key", a.Key, "err", err)
		return
	}
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// run claims due alerts and hands them to deliver until ctx ends; deliver returns how long
// the loop may sleep before the next pass (0: claim again at once). Leases are released
// on the way out so that another loop can take over at once.
func (e *engine) run(ctx context.Context, deliver func(ctx context.Context, items []item) time.Duration) error {
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
		defer cancel()
		if err := e.st.ReleaseAlerts(rctx, e.sink, e.owner); err != nil {
			e.log.Warn("alert queue: release leases", "sink", e.sink, "err", err)
		}
	}()
	for ctx.Err() == nil {
		wait := e.poll
		e.claimed = time.Now()
		rows, err := e.st.ClaimAlerts(ctx, e.sink, e.owner, e.now(), e.lease, claimBatch)
		switch {
		case err != nil && ctx.Err() == nil:
			e.log.Warn("alert queue: claim failed", "sink", e.sink, "err", err)
		case len(rows) > 0:
			if items := e.decode(ctx, rows); len(items) > 0 {
				wait = min(wait, deliver(ctx, items))
			} else {
				wait = 0
			}
		}
		e.passes.Add(1)
		if wait <= 0 {
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-e.wake:
			// Let a burst land, then claim it in one go.
			t.Reset(settle)
			select {
			case <-ctx.Done():
			case <-t.C:
			}
		case <-t.C:
		}
		t.Stop()
	}
	return nil
}

// leaseLeft reports whether the current pass may go on delivering: it stops at half the
// lease, so that rows are never posted after another loop could have taken them; the
// next pass renews the lease and carries on.
func (e *engine) leaseLeft() bool { return time.Since(e.claimed) < e.lease/2 }

// decode turns rows into items; a row whose payload does not decode is given up.
func (e *engine) decode(ctx context.Context, rows []store.QueuedAlert) []item {
	out := make([]item, 0, len(rows))
	for _, r := range rows {
		var a Alert
		if err := json.Unmarshal(r.Payload, &a); err != nil {
			e.log.Error("alert queue: undecodable alert given up", "sink", e.sink, "id", r.ID, "err", err)
			e.dead(ctx, []item{{row: r, a: Alert{Kind: r.Kind}}}, "undecodable payload: "+err.Error())
			continue
		}
		out = append(out, item{row: r, a: a})
	}
	return out
}

func ids(items []item) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.row.ID
	}
	return out
}

// record runs a store write that must not be lost once a message went out: it retries
// until it succeeds or markTimeout passes after ctx ended.
func (e *engine) record(ctx context.Context, what string, write func(context.Context) error) {
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(markTimeout, cancel) })
	defer stop()
	wait := 50 * time.Millisecond
	for {
		err := write(wctx)
		if err == nil {
			return
		}
		if wctx.Err() != nil {
			e.log.Error("alert queue: could not record; the alert may be delivered again", "sink", e.sink, "what", what, "err", err)
			return
		}
		e.log.Warn("alert queue: recording failed; retrying", "sink", e.sink, "what", what, "err", err)
		select {
		case <-wctx.Done():
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Second)
	}
}

func (e *engine) delivered(ctx context.Context, items []item, ref string) {
	e.record(ctx, "delivered", func(c context.Context) error { return e.st.AlertsDelivered(c, ids(items), ref, e.now()) })
	for _, it := range items {
		e.observe(e.sink, it.a.Kind, ResultDelivered)
	}
}

func (e *engine) grouped(ctx context.Context, items []item, ref string) {
	e.record(ctx, "grouped", func(c context.Context) error { return e.st.AlertsGrouped(c, ids(items), ref) })
	for i := range items {
		items[i].row.GroupRef = ref
	}
}

func (e *engine) retry(ctx context.Context, items []item, err error, next time.Time) {
	e.record(ctx, "retry", func(c context.Context) error { return e.st.AlertsRetry(c, ids(items), err.Error(), next) })
	for _, it := range items {
		e.observe(e.sink, it.a.Kind, ResultRetry)
	}
}

func (e *engine) deferred(ctx context.Context, items []item, next time.Time) {
	e.record(ctx, "defer", func(c context.Context) error { return e.st.AlertsDefer(c, ids(items), next) })
}

func (e *engine) dead(ctx context.Context, items []item, reason string) {
	e.record(ctx, "dead", func(c context.Context) error { return e.st.AlertsDead(c, ids(items), reason, e.now()) })
	for _, it := range items {
		e.observe(e.sink, it.a.Kind, ResultDead)
	}
}

// sleep waits d or until ctx ends; it reports whether the wait completed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
