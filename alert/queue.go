package alert

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sethvargo/go-retry"

	"github.com/vigil-hub/vigil/internal/backoff"
	"github.com/vigil-hub/vigil/store"
)

// Defaults of a delivery loop.
const (
	DefaultPollInterval = 2 * time.Second  // how often a loop looks for alerts other processes queued
	DefaultLease        = time.Minute      // how long a sink's lease keeps other loops off
	DefaultBackoff      = time.Second      // first wait after a failed delivery
	DefaultMaxBackoff   = 5 * time.Minute  // longest wait between attempts
	deliverBatch        = 2000             // due alerts handed to one delivery pass
	maxHeld             = 10_000           // pending alerts a loop holds in memory
	readPage            = 1000             // pending alerts read at once
	rescanEvery         = 30 * time.Second // how often every pending row is read again
	markTimeout         = 10 * time.Second // for recording a delivery after shutdown began
	// settle is how long a loop woken by Send lets a burst accumulate before delivering,
	// so that a flood is grouped rather than posted one alert at a time.
	settle = 50 * time.Millisecond
)

// Delivery results passed to an Observe hook.
const (
	ResultDelivered = "delivered" // the destination accepted it
	ResultRetry     = "retry"     // an attempt failed and will be retried
	ResultDead      = "dead"      // given up for good
	ResultDropped   = "dropped"   // could not even be queued (the store failed)
)

// item is a pending alert the loop holds: its row (Attempts, LastError and GroupRef kept
// current in memory, written only with its final state), its decoded alert, when it may
// be attempted next, and the open group its summary went out in.
type item struct {
	row   store.QueuedAlert
	a     Alert
	next  time.Time
	group int64
}

// openGroup is a group whose summary is posted and whose detail is not all out.
type openGroup struct {
	ref  string
	left int // members still pending
}

// engine is the durable queue under a sink. Send writes a row (its one write before the
// final one) and hands it to the loop; run holds the sink's lease, keeps the pending
// alerts in memory — what other processes queued is read, never claimed row by row — and
// hands the due ones to the sink's deliver function, which records only final states.
// Grouping, pacing, retries and deferrals live in memory: after a crash every pending row
// is read again and delivered, so an alert is delivered at least once (twice when a
// crash falls between its post and the write of its final state).
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

	mu       sync.Mutex
	inbox    []*item // queued by this process, not yet taken by the loop
	inflight int     // enqueues between their insert and their inbox entry

	// Owned by run's goroutine.
	held     bool
	renewed  time.Time // wall clock of the last renewal of the lease
	items    map[int64]*item
	after    int64     // the highest id held or read: new rows are read above it
	read     time.Time // wall clock of the last read of new rows
	rescan   time.Time // wall clock of the last read of every pending row
	backlog  bool      // more rows pending than memory took
	groups   map[int64]*openGroup
	memberOf map[int64]int64 // pending alert -> open group, for rows not read yet
	// done are alerts finished since no enqueue was in flight: a row read before its
	// inbox entry arrived must not be held again when the entry does.
	done map[int64]bool
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

// enqueue writes a durably and hands it to the loop. The write outlives a cancelled ctx
// (an alert raised during shutdown is still kept), bounded by markTimeout.
func (e *engine) enqueue(ctx context.Context, a Alert) {
	if a.At.IsZero() {
		a.At = e.now().UTC()
	}
	payload, err := json.Marshal(a)
	row := store.QueuedAlert{Sink: e.sink, Kind: a.Kind, Severity: int(a.Severity), Priority: a.priority(), Key: a.Key,
		Payload: payload, Status: store.AlertPending, CreatedAt: a.At}
	if err == nil {
		e.mu.Lock()
		e.inflight++
		e.mu.Unlock()
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
		row.ID, err = e.st.EnqueueAlert(wctx, row)
		cancel()
		e.mu.Lock()
		e.inflight--
		if err == nil && len(e.inbox) < maxHeld {
			e.inbox = append(e.inbox, &item{row: row, a: a})
		} // else the loop reads it from the store once it has room
		e.mu.Unlock()
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

// run delivers until ctx ends: each pass keeps the lease, takes in what was queued, and
// hands the due alerts to deliver, which returns how long the loop may sleep before the
// next pass (0: at once). The lease is released on the way out so that another loop can
// take over at once.
func (e *engine) run(ctx context.Context, deliver func(ctx context.Context, items []*item) time.Duration) error {
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
		defer cancel()
		if err := e.st.ReleaseAlertSink(rctx, e.sink, e.owner); err != nil {
			e.log.Warn("alert queue: release the lease", "sink", e.sink, "err", err)
		}
	}()
	for ctx.Err() == nil {
		wait := e.poll
		if e.keepLease(ctx) {
			e.take(ctx)
			if due, next := e.due(); len(due) > 0 {
				wait = min(wait, deliver(ctx, due))
			} else if next > 0 {
				wait = min(wait, next)
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
			// Let a burst land, then deliver it in one go.
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

// keepLease takes or renews the sink's lease when a third of it has passed, and reports
// whether this loop may deliver. A loop that takes the lease over reads the queue afresh;
// one that loses it forgets what it held.
func (e *engine) keepLease(ctx context.Context) bool {
	if e.held && time.Since(e.renewed) < e.lease/3 {
		return true
	}
	ok, err := e.st.LeaseAlertSink(ctx, e.sink, e.owner, e.now(), e.lease)
	switch {
	case err != nil:
		if ctx.Err() == nil {
			e.log.Warn("alert queue: lease not renewed", "sink", e.sink, "err", err)
		}
		return e.held && e.leaseLeft()
	case !ok:
		if e.held {
			e.log.Warn("alert queue: another delivery loop took the sink over", "sink", e.sink)
		}
		e.held = false
		e.mu.Lock()
		e.inbox = nil // the holder reads them
		e.mu.Unlock()
		return false
	}
	e.renewed = time.Now()
	if !e.held {
		e.held = true
		e.takeOver(ctx)
	}
	return true
}

// leaseLeft reports whether the loop may go on delivering: it stops at half the lease,
// so that nothing is posted after another loop could have taken the sink over; the next
// pass renews the lease and carries on.
func (e *engine) leaseLeft() bool { return e.held && time.Since(e.renewed) < e.lease/2 }

// takeOver starts from the store: every pending row, and the open groups.
func (e *engine) takeOver(ctx context.Context) {
	e.items, e.groups, e.memberOf, e.done = map[int64]*item{}, map[int64]*openGroup{}, map[int64]int64{}, map[int64]bool{}
	// What this process queued so far is in the store: read below if still pending, and
	// maybe delivered by the loop that held the sink before.
	e.mu.Lock()
	e.inbox = nil
	e.mu.Unlock()
	e.after, e.backlog, e.read, e.rescan = 0, false, time.Time{}, time.Time{}
	groups, err := e.st.AlertGroups(ctx, e.sink)
	if err != nil && ctx.Err() == nil {
		e.log.Warn("alert queue: open groups not read; their rest gets a summary of its own", "sink", e.sink, "err", err)
	}
	for _, g := range groups {
		e.groups[g.ID] = &openGroup{ref: g.Ref}
		for _, id := range g.IDs {
			e.memberOf[id] = g.ID
		}
	}
	e.readAll(ctx)
	for id, g := range e.groups {
		if g.left == 0 {
			e.closeGroup(ctx, id)
		}
	}
	e.memberOf = nil // groups are only open from a takeover: later rows never belong to one
}

// take moves what this process queued into memory, and reads what other processes
// queued (or this one, when memory was full): new rows every poll, every pending row every rescanEvery (a row another process committed
// after a higher id was read) or when memory has room again.
func (e *engine) take(ctx context.Context) {
	e.mu.Lock()
	inbox, flying := e.inbox, e.inflight
	e.inbox = nil
	e.mu.Unlock()
	for _, it := range inbox {
		// Its id does not move e.after: a lower id another process queued may not be read yet.
		if !e.done[it.row.ID] && !e.hold(it) {
			e.backlog = true
		}
	}
	if flying == 0 {
		clear(e.done) // every row read so far had its inbox entry taken
	}
	switch {
	case time.Since(e.rescan) >= rescanEvery || e.backlog && len(e.items) < maxHeld/2:
		e.readAll(ctx)
	case time.Since(e.read) >= e.poll:
		e.readNew(ctx, e.after)
	}
}

// readAll reads every pending row (up to maxHeld held).
func (e *engine) readAll(ctx context.Context) {
	e.backlog = false
	e.rescan = time.Now()
	e.readNew(ctx, 0)
}

// readNew reads pending rows above after, page by page, into memory.
func (e *engine) readNew(ctx context.Context, after int64) {
	e.read = time.Now()
	for {
		rows, err := e.st.PendingAlerts(ctx, e.sink, after, readPage)
		if err != nil {
			if ctx.Err() == nil {
				e.log.Warn("alert queue: read failed", "sink", e.sink, "err", err)
			}
			return
		}
		for _, r := range rows {
			after, e.after = r.ID, max(e.after, r.ID)
			if _, ok := e.items[r.ID]; ok {
				continue
			}
			var a Alert
			if err := json.Unmarshal(r.Payload, &a); err != nil {
				e.log.Error("alert queue: undecodable alert given up", "sink", e.sink, "id", r.ID, "err", err)
				e.dead(ctx, []*item{{row: r, a: Alert{Kind: r.Kind}}}, "undecodable payload: "+err.Error())
				continue
			}
			if !e.hold(&item{row: r, a: a}) {
				e.backlog = true
				return
			}
		}
		if len(rows) < readPage {
			return
		}
	}
}

// hold keeps it in memory unless memory is full; a row already held stays as it is.
func (e *engine) hold(it *item) bool {
	if _, ok := e.items[it.row.ID]; ok {
		return true
	}
	if len(e.items) >= maxHeld {
		return false
	}
	if gid, ok := e.memberOf[it.row.ID]; ok && e.groups[gid] != nil {
		it.group, it.row.GroupRef = gid, e.groups[gid].ref
		e.groups[gid].left++
	}
	e.items[it.row.ID] = it
	return true
}

// due returns up to deliverBatch held alerts due now, highest priority first, then
// oldest; and, when none is, how long until the first one is.
func (e *engine) due() ([]*item, time.Duration) {
	now := e.now()
	var out []*item
	var next time.Time
	for _, it := range e.items {
		if it.next.After(now) {
			if next.IsZero() || it.next.Before(next) {
				next = it.next
			}
			continue
		}
		out = append(out, it)
	}
	slices.SortFunc(out, func(a, b *item) int {
		if a.row.Priority != b.row.Priority {
			return b.row.Priority - a.row.Priority
		}
		return cmp.Compare(a.row.ID, b.row.ID)
	})
	if len(out) > 0 || next.IsZero() {
		return out[:min(len(out), deliverBatch)], 0
	}
	return nil, next.Sub(now)
}

func ids(items []*item) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.row.ID
	}
	return out
}

// record runs a store write that must not be lost once a message went out: it retries
// until it succeeds or markTimeout passes after ctx ended. It reports whether it succeeded.
func (e *engine) record(ctx context.Context, what string, write func(context.Context) error) bool {
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(markTimeout, cancel) })
	defer stop()
	var last error
	err := retry.Do(wctx, backoff.Exponential(50*time.Millisecond, 5*time.Second), func(c context.Context) error {
		if last = write(c); last == nil || wctx.Err() != nil {
			return last
		}
		e.log.Warn("alert queue: recording failed; retrying", "sink", e.sink, "what", what, "err", last)
		return retry.RetryableError(last)
	})
	if err != nil {
		e.log.Error("alert queue: could not record; the alert may be delivered again", "sink", e.sink, "what", what, "err", cmp.Or(last, err))
		return false
	}
	return true
}

// finish writes items' final state — the one write after their insert — and forgets
// them; a group whose last member this was is closed.
func (e *engine) finish(ctx context.Context, items []*item, status, ref, reason string) {
	at := e.now()
	done := make([]store.AlertDone, len(items))
	for i, it := range items {
		d := store.AlertDone{ID: it.row.ID, Status: status, Ref: ref, GroupRef: it.row.GroupRef, Attempts: it.row.Attempts,
			LastError: it.row.LastError, At: at}
		if status == store.AlertDead {
			d.Attempts, d.LastError = d.Attempts+1, reason
		}
		done[i] = d
	}
	e.record(ctx, status, func(c context.Context) error { return e.st.FinishAlerts(c, done) })
	for _, it := range items {
		delete(e.items, it.row.ID)
		e.done[it.row.ID] = true
		if g := e.groups[it.group]; g != nil {
			if g.left--; g.left == 0 {
				e.closeGroup(ctx, it.group)
			}
		}
	}
}

func (e *engine) closeGroup(ctx context.Context, id int64) {
	delete(e.groups, id)
	// A group left open costs one row and is closed at the next takeover.
	if err := e.st.CloseAlertGroup(ctx, id); err != nil && ctx.Err() == nil {
		e.log.Warn("alert queue: close group", "sink", e.sink, "group", id, "err", err)
	}
}

func (e *engine) delivered(ctx context.Context, items []*item, ref string) {
	e.finish(ctx, items, store.AlertDelivered, ref, "")
	for _, it := range items {
		e.observe(e.sink, it.a.Kind, ResultDelivered)
	}
}

// grouped records that the summary of items' group is posted as ref: one row, so that
// a restart posts the rest of the detail under it without a second summary.
func (e *engine) grouped(ctx context.Context, items []*item, ref string) {
	var gid int64
	e.record(ctx, "grouped", func(c context.Context) (err error) {
		gid, err = e.st.OpenAlertGroup(c, store.AlertGroup{Sink: e.sink, Ref: ref, IDs: ids(items)})
		return err
	})
	if gid != 0 {
		e.groups[gid] = &openGroup{ref: ref, left: len(items)}
	}
	for _, it := range items {
		it.row.GroupRef, it.group = ref, gid
	}
}

// retry notes a failed attempt at items, in memory: none is attempted again before next.
func (e *engine) retry(items []*item, err error, next time.Time) {
	for _, it := range items {
		it.row.Attempts, it.row.LastError, it.next = it.row.Attempts+1, err.Error(), next
		e.observe(e.sink, it.a.Kind, ResultRetry)
	}
}

// deferred puts items off until next without counting an attempt, in memory.
func (e *engine) deferred(items []*item, next time.Time) {
	for _, it := range items {
		it.next = next
	}
}

func (e *engine) dead(ctx context.Context, items []*item, reason string) {
	e.finish(ctx, items, store.AlertDead, "", reason)
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
