package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
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

// ClaimAlerts leases up to limit pending alerts of sink to owner until now+lease and
// returns them, highest priority first, then oldest first. It takes rows that are due
// (not waiting for a retry) and not leased to another owner, or whose lease ran out;
// rows owner already holds are returned again with their lease renewed. Concurrent
// claimers never receive the same row while its lease runs.
func (s *Store) ClaimAlerts(ctx context.Context, sink, owner string, at time.Time, lease time.Duration, limit int) ([]store.QueuedAlert, error) {
	lock := ""
	if s.d.name == postgres.name {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	nowMS := at.UnixMilli()
	rows, err := s.w.QueryContext(ctx, `
		UPDATE alert_queue SET owner = $2, lease_ms = $3
		WHERE id IN (SELECT id FROM alert_queue
			WHERE sink = $1 AND status = 'pending' AND next_ms <= $4 AND (owner = $2 OR lease_ms < $4)
			ORDER BY priority DESC, id LIMIT $5`+lock+`)
		RETURNING `+alertColumns,
		sink, owner, at.Add(lease).UnixMilli(), nowMS, limit)
	if err != nil {
		return nil, fmt.Errorf("claim %s alerts: %w", sink, err)
	}
	out, err := scanAlerts(rows)
	if err != nil {
		return nil, fmt.Errorf("claim %s alerts: %w", sink, err)
	}
	// RETURNING gives no order.
	slices.SortFunc(out, func(a, b store.QueuedAlert) int {
		if a.Priority != b.Priority {
			return b.Priority - a.Priority
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// ReleaseAlerts gives up owner's leases on sink's pending alerts, so that another
// delivery loop may take them at once (a clean shutdown).
func (s *Store) ReleaseAlerts(ctx context.Context, sink, owner string) error {
	_, err := s.w.ExecContext(ctx, `UPDATE alert_queue SET owner = '', lease_ms = 0 WHERE sink = $1 AND owner = $2 AND status = 'pending'`,
		sink, owner)
	if err != nil {
		return fmt.Errorf("release %s alerts: %w", sink, err)
	}
	return nil
}

// AlertsDelivered marks pending alerts delivered by the message ref at time at. Alerts
// no longer pending are left as they are.
func (s *Store) AlertsDelivered(ctx context.Context, ids []int64, ref string, at time.Time) error {
	return s.updateAlerts(ctx, "mark delivered", `UPDATE alert_queue SET status = 'delivered', ref = $1, done_ms = $2, owner = '', lease_ms = 0
		WHERE status = 'pending' AND id IN (%s)`, ids, ref, at.UnixMilli())
}

// AlertsGrouped records that the summary of the group holding these pending alerts has
// been posted as groupRef.
func (s *Store) AlertsGrouped(ctx context.Context, ids []int64, groupRef string) error {
	return s.updateAlerts(ctx, "mark grouped", `UPDATE alert_queue SET group_ref = $1 WHERE status = 'pending' AND id IN (%s)`, ids, groupRef)
}

// AlertsRetry records a failed attempt at delivering pending alerts: one more attempt,
// the error, and no new attempt before next.
func (s *Store) AlertsRetry(ctx context.Context, ids []int64, errText string, next time.Time) error {
	return s.updateAlerts(ctx, "note retry", `UPDATE alert_queue SET attempts = attempts + 1, last_error = $1, next_ms = $2
		WHERE status = 'pending' AND id IN (%s)`, ids, errText, next.UnixMilli())
}

// AlertsDefer puts pending alerts off until next without counting an attempt (an
// earlier alert to the same destination is waiting for its retry).
func (s *Store) AlertsDefer(ctx context.Context, ids []int64, next time.Time) error {
	return s.updateAlerts(ctx, "defer", `UPDATE alert_queue SET next_ms = $1 WHERE status = 'pending' AND id IN (%s)`, ids, next.UnixMilli())
}

// AlertsDead gives up pending alerts the destination refused for good, with the reason.
func (s *Store) AlertsDead(ctx context.Context, ids []int64, reason string, at time.Time) error {
	return s.updateAlerts(ctx, "give up", `UPDATE alert_queue SET status = 'dead', attempts = attempts + 1, last_error = $1, done_ms = $2,
		owner = '', lease_ms = 0 WHERE status = 'pending' AND id IN (%s)`, ids, reason, at.UnixMilli())
}

// updateAlerts runs query (with %s standing for the id list, after args) over ids in
// chunks under the dialect's parameter limit, in one transaction.
func (s *Store) updateAlerts(ctx context.Context, what, query string, ids []int64, args ...any) error {
	if len(ids) == 0 {
		return nil
	}
	per := s.d.maxParams - len(args)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for chunk := range slices.Chunk(ids, per) {
			params := append(append([]any{}, args...), int64sAsAny(chunk)...)
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(query, placeholders(len(args)+1, len(chunk))), params...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("alerts: %s %d: %w", what, len(ids), err)
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
