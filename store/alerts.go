package store

import (
	"errors"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// ErrStaleRegistration reports a user-webhook registration whose timestamp is not above
// the stored one: a replay, or a request overtaken by a newer one.
var ErrStaleRegistration = errors.New("registration not newer than the stored one")

// Alert queue statuses. Pending rows wait for their delivery loop; the others are final.
const (
	AlertPending   = "pending"   // not delivered yet
	AlertDelivered = "delivered" // the destination accepted the message that carried it
	AlertDead      = "dead"      // given up: the destination refused it for good
)

// QueuedAlert is one alert waiting in (or gone through) the durable alert queue of one
// delivery loop (Sink: "slack", "user", …). Payload is the alert itself, encoded by its
// producer; the store reads nothing in it.
type QueuedAlert struct {
	ID       int64
	Sink     string
	Kind     string
	Severity int
	// Priority orders delivery: higher first, then oldest first.
	Priority  int
	Key       string
	Payload   []byte
	Status    string
	CreatedAt time.Time
	Attempts  int
	LastError string
	// GroupRef is the summary of the group this row was delivered in (a Slack ts, or a
	// marker), recorded with its final state.
	GroupRef string
	// Ref identifies the message that delivered the row (a Slack ts), once delivered.
	Ref string
}

// AlertDone is the final state of one alert: what the delivery loop that held it
// decided, written once.
type AlertDone struct {
	ID       int64
	Status   string // AlertDelivered or AlertDead
	Ref      string // the message that delivered it
	GroupRef string // the summary of its group, if it went out in one
	// Attempts are the failed attempts before the final one, and LastError the reason
	// of the last failure (or of the refusal, for a dead alert).
	Attempts  int
	LastError string
	At        time.Time
}

// AlertGroup is a group of pending alerts whose summary message is posted while their
// per-alert detail is not all delivered yet: after a crash the next delivery loop posts
// the rest of the detail under Ref without a second summary.
type AlertGroup struct {
	ID   int64
	Sink string
	Ref  string // the posted summary (a Slack ts), or a marker when it has none
	IDs  []int64
}

// UserWebhook is a channel user's registration of an incoming-webhook URL for alerts
// about its own channel. URL is a secret: never log it.
type UserWebhook struct {
	Contract common.Address
	User     common.Address
	URL      string // empty: the registration was removed (kept so replays stay refused)
	Format   string // "slack" or "json"
	// SignedAt is the unix time the user signed the registration; a registration is
	// replaced only by one signed later.
	SignedAt  uint64
	UpdatedAt time.Time
}
