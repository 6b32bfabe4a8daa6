package alert

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// QueueStore is the durable alert queue the sinks write to and their delivery loops
// drain (store/sqlstore implements it; MemoryQueue is a volatile one for tests and the
// demo). An alert row is written twice: when it is queued and when it is final. The one
// loop holding a sink's lease reads the pending rows and decides grouping, pacing,
// retries and deferrals in memory. Every method's contract is in store/sqlstore's doc
// comments.
type QueueStore interface {
	// EnqueueAlert appends a pending alert; it is durable when it returns.
	EnqueueAlert(ctx context.Context, a store.QueuedAlert) (int64, error)
	// LeaseAlertSink takes or renews owner's lease on sink until at+lease and reports
	// whether owner holds it; only the holder delivers sink's alerts.
	LeaseAlertSink(ctx context.Context, sink, owner string, at time.Time, lease time.Duration) (bool, error)
	// ReleaseAlertSink gives up owner's lease on sink.
	ReleaseAlertSink(ctx context.Context, sink, owner string) error
	// PendingAlerts reads up to limit pending alerts of sink with ids above after, in id
	// order.
	PendingAlerts(ctx context.Context, sink string, after int64, limit int) ([]store.QueuedAlert, error)
	// FinishAlerts records pending alerts' final states; a final state stays.
	FinishAlerts(ctx context.Context, done []store.AlertDone) error
	// OpenAlertGroup records a group whose summary is posted and detail is not.
	OpenAlertGroup(ctx context.Context, g store.AlertGroup) (int64, error)
	// AlertGroups returns sink's open groups.
	AlertGroups(ctx context.Context, sink string) ([]store.AlertGroup, error)
	// CloseAlertGroup forgets a group whose detail is all out.
	CloseAlertGroup(ctx context.Context, id int64) error
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
