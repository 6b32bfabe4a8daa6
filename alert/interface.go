package alert

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// QueueStore is the durable alert queue the sinks write to and their delivery loops
// drain (store/sqlstore implements it; MemoryQueue is a volatile one for tests and the
// demo). Every method's contract is in store/sqlstore's doc comments.
type QueueStore interface {
	// EnqueueAlert appends a pending alert; it is durable when it returns.
	EnqueueAlert(ctx context.Context, a store.QueuedAlert) (int64, error)
	// ClaimAlerts leases up to limit due, pending alerts of sink to owner until
	// at+lease, highest priority first, then oldest; never a row another owner holds.
	ClaimAlerts(ctx context.Context, sink, owner string, at time.Time, lease time.Duration, limit int) ([]store.QueuedAlert, error)
	// ReleaseAlerts gives up owner's leases on sink's pending alerts.
	ReleaseAlerts(ctx context.Context, sink, owner string) error
	// AlertsDelivered marks pending alerts delivered by message ref.
	AlertsDelivered(ctx context.Context, ids []int64, ref string, at time.Time) error
	// AlertsGrouped records that the summary of these pending alerts' group is posted.
	AlertsGrouped(ctx context.Context, ids []int64, groupRef string) error
	// AlertsRetry records a failed attempt and the earliest time of the next.
	AlertsRetry(ctx context.Context, ids []int64, errText string, next time.Time) error
	// AlertsDefer puts pending alerts off until next without counting an attempt.
	AlertsDefer(ctx context.Context, ids []int64, next time.Time) error
	// AlertsDead gives up pending alerts for good.
	AlertsDead(ctx context.Context, ids []int64, reason string, at time.Time) error
}

// WebhookStore holds channel users' webhook registrations.
type WebhookStore interface {
	// PutUserWebhook records a registration (an empty URL removes it) unless one signed
	// at the same time or later is stored (store.ErrStaleRegistration).
	PutUserWebhook(ctx context.Context, w store.UserWebhook) error
	// UserWebhook returns a channel's registration, or store.ErrNotFound.
	UserWebhook(ctx context.Context, contract, user common.Address) (store.UserWebhook, error)
}

// UserStore is what the user-webhook sink consumes: its queue and the registrations.
type UserStore interface {
	QueueStore
	WebhookStore
}
