package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vigil-hub/vigil/store"
)

// EnqueueAlert appends a pending alert to its sink's queue and returns its id. It is
// durable when it returns.
func (s *Store) EnqueueAlert(ctx context.Context, a store.QueuedAlert) (int64, error) {
	created := a.CreatedAt
	if created.IsZero() {
		created = now()
	}
	var id int64
	err := s.w.QueryRowContext(ctx, `
		INSERT INTO alert_queue (sink, kind, severity, priority, akey, payload, created_ms)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		a.Sink, a.Kind, a.Severity, a.Priority, a.Key, string(a.Payload), created.UnixMilli()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("enqueue %s alert %s: %w", a.Sink, a.Kind, err)
	}
	return id, nil
}

const alertColumns = `id, sink, kind, severity, priority, akey, payload, status, created_ms, attempts, last_error, group_ref, ref`

// LeaseAlertSink takes or renews owner's lease on sink's delivery until at+lease and
// reports whether owner holds it: it does when no one held it, when owner held it, or
// when the holder's lease ran out before at. Only the holder delivers sink's alerts, so
// replicas sharing the database never post one twice while a lease runs. A call that does
// not get the lease writes nothing.
func (s *Store) LeaseAlertSink(ctx context.Context, sink, owner string, at time.Time, lease time.Duration) (bool, error) {
	until, nowMS := at.Add(lease).UnixMilli(), at.UnixMilli()
	res, err := s.w.ExecContext(ctx, `UPDATE alert_sinks SET owner = $2, lease_ms = $3 WHERE sink = $1 AND (owner = $2 OR lease_ms < $4)`,
		sink, owner, until, nowMS)
	if err == nil {
		if n, _ := res.RowsAffected(); n == 1 {
			return true, nil
		}
		res, err = s.w.ExecContext(ctx, `INSERT INTO alert_sinks (sink, owner, lease_ms) VALUES ($1, $2, $3) ON CONFLICT (sink) DO NOTHING`,
			sink, owner, until)
	}
	if err != nil {
		return false, fmt.Errorf("lease %s alerts to %s: %w", sink, owner, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ReleaseAlertSink gives up owner's lease on sink, so that another delivery loop may take
// it at once (a clean shutdown). It does nothing when owner does not hold it.
func (s *Store) ReleaseAlertSink(ctx context.Context, sink, owner string) error {
	if _, err := s.w.ExecContext(ctx, `UPDATE alert_sinks SET lease_ms = 0 WHERE sink = $1 AND owner = $2`, sink, owner); err != nil {
		return fmt.Errorf("release %s alerts: %w", sink, err)
	}
	return nil
}

// PendingAlerts returns up to limit pending alerts of sink whose id is above after, in id
// order. It only reads: the caller holds the sink's lease and decides what to do with
// them in memory.
func (s *Store) PendingAlerts(ctx context.Context, sink string, after int64, limit int) ([]store.QueuedAlert, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+alertColumns+` FROM alert_queue
		WHERE sink = $1 AND status = 'pending' AND id > $2 ORDER BY id LIMIT $3`, sink, after, limit)
	if err != nil {
		return nil, fmt.Errorf("read pending %s alerts: %w", sink, err)
	}
	out, err := scanAlerts(rows)
	if err != nil {
		return nil, fmt.Errorf("read pending %s alerts: %w", sink, err)
	}
	return out, nil
}

// FinishAlerts records the final state of pending alerts (store.AlertDelivered or
// store.AlertDead) with their attempts, last error, message and group, in one
// transaction. An alert already final is left as it is: the first outcome stays.
func (s *Store) FinishAlerts(ctx context.Context, done []store.AlertDone) error {
	if len(done) == 0 {
		return nil
	}
	// Alerts delivered by one message share every field but the id: one statement each.
	type shape struct {
		status, ref, group, lastErr string
		attempts                    int
		at                          int64
	}
	var order []shape
	byShape := map[shape][]int64{}
	for _, d := range done {
		if d.Status != store.AlertDelivered && d.Status != store.AlertDead {
			return fmt.Errorf("finish alert %d: status %q is not final", d.ID, d.Status)
		}
		k := shape{d.Status, d.Ref, d.GroupRef, d.LastError, d.Attempts, d.At.UnixMilli()}
		if _, ok := byShape[k]; !ok {
			order = append(order, k)
		}
		byShape[k] = append(byShape[k], d.ID)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, k := range order {
			args := []any{k.status, k.ref, k.group, k.attempts, k.lastErr, k.at}
			for chunk := range slices.Chunk(byShape[k], s.d.maxParams-len(args)) {
				q := fmt.Sprintf(`UPDATE alert_queue SET status = $1, ref = $2, group_ref = $3, attempts = $4, last_error = $5, done_ms = $6
					WHERE status = 'pending' AND id IN (%s)`, placeholders(len(args)+1, len(chunk)))
				if _, err := tx.ExecContext(ctx, q, append(append([]any{}, args...), int64sAsAny(chunk)...)...); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("finish %d alerts: %w", len(done), err)
	}
	return nil
}

// OpenAlertGroup records a group whose summary is posted and whose detail is still to
// go out, and returns its id.
func (s *Store) OpenAlertGroup(ctx context.Context, g store.AlertGroup) (int64, error) {
	ids := make([]string, len(g.IDs))
	for i, id := range g.IDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO alert_groups (sink, ref, ids, created_ms) VALUES ($1, $2, $3, $4) RETURNING id`,
		g.Sink, g.Ref, strings.Join(ids, ","), now().UnixMilli()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("open %s alert group %s: %w", g.Sink, g.Ref, err)
	}
	return id, nil
}

// AlertGroups returns sink's open groups, oldest first.
func (s *Store) AlertGroups(ctx context.Context, sink string) ([]store.AlertGroup, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, ref, ids FROM alert_groups WHERE sink = $1 ORDER BY id`, sink)
	if err != nil {
		return nil, fmt.Errorf("read %s alert groups: %w", sink, err)
	}
	defer rows.Close()
	var out []store.AlertGroup
	for rows.Next() {
		g := store.AlertGroup{Sink: sink}
		var ids string
		if err := rows.Scan(&g.ID, &g.Ref, &ids); err != nil {
			return nil, fmt.Errorf("read %s alert groups: %w", sink, err)
		}
		for f := range strings.SplitSeq(ids, ",") {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("read %s alert group %d: id %q: %w", sink, g.ID, f, err)
			}
			g.IDs = append(g.IDs, id)
		}
		out = append(out, g)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s alert groups: %w", sink, err)
	}
	return out, nil
}

// CloseAlertGroup forgets a group whose detail is all out (or given up).
func (s *Store) CloseAlertGroup(ctx context.Context, id int64) error {
	if _, err := s.w.ExecContext(ctx, `DELETE FROM alert_groups WHERE id = $1`, id); err != nil {
		return fmt.Errorf("close alert group %d: %w", id, err)
	}
	return nil
}

// PruneAlerts deletes delivered and given-up alerts finished before before, and returns
// how many. Pending alerts are never pruned.
func (s *Store) PruneAlerts(ctx context.Context, before time.Time) (int, error) {
	res, err := s.w.ExecContext(ctx, `DELETE FROM alert_queue WHERE status <> 'pending' AND done_ms < $1`, before.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("prune alerts: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// QueuedAlerts returns every alert of sink still in the table, oldest first, whatever
// its status (for operators and tests).
func (s *Store) QueuedAlerts(ctx context.Context, sink string) ([]store.QueuedAlert, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+alertColumns+` FROM alert_queue WHERE sink = $1 ORDER BY id`, sink)
	if err != nil {
		return nil, fmt.Errorf("read %s alerts: %w", sink, err)
	}
	out, err := scanAlerts(rows)
	if err != nil {
		return nil, fmt.Errorf("read %s alerts: %w", sink, err)
	}
	return out, nil
}

type rowScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close() error
}

func scanAlerts(rows rowScanner) ([]store.QueuedAlert, error) {
	defer rows.Close()
	var out []store.QueuedAlert
	for rows.Next() {
		var a store.QueuedAlert
		var payload string
		var created int64
		if err := rows.Scan(&a.ID, &a.Sink, &a.Kind, &a.Severity, &a.Priority, &a.Key, &payload, &a.Status, &created,
			&a.Attempts, &a.LastError, &a.GroupRef, &a.Ref); err != nil {
			return nil, err
		}
		a.Payload, a.CreatedAt = []byte(payload), time.UnixMilli(created).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

func int64sAsAny(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
