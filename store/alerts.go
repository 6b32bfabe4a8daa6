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
	// GroupRef is set once the summary of the group this row was delivered in has been
	// posted (a Slack ts, or a marker), so a restart posts the rest of the group without
	// a second summary.
	GroupRef string
	// Ref identifies the message that delivered the row (a Slack ts), once delivered.
	Ref string
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
