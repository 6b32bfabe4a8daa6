package store

import "fmt"

// EventKind is a ChannelManager event, as the indexer decodes it from a log. Every event
// the contract declares has a kind; consumers switch on kinds, never on names.
type EventKind uint8

// The ChannelManager's events.
const (
	EventUnknown EventKind = iota
	EventHubReserveFunded
	EventHubReserveWithdrawn
	EventChannelUpdated
	EventExitStarted
	EventChallenged
	EventSettled
	EventSecretRegistered
	EventLockResolved
	EventPayoutDeferred
	EventOwedWithdrawn
	EventLockPoolClosed
	numEventKinds
)

// eventNames are the Solidity names, which the store records.
var eventNames = [numEventKinds]string{
	EventUnknown:             "",
	EventHubReserveFunded:    "HubReserveFunded",
	EventHubReserveWithdrawn: "HubReserveWithdrawn",
	EventChannelUpdated:      "ChannelUpdated",
	EventExitStarted:         "ExitStarted",
	EventChallenged:          "Challenged",
	EventSettled:             "Settled",
	EventSecretRegistered:    "SecretRegistered",
	EventLockResolved:        "LockResolved",
	EventPayoutDeferred:      "PayoutDeferred",
	EventOwedWithdrawn:       "OwedWithdrawn",
	EventLockPoolClosed:      "LockPoolClosed",
}

// String is the event's Solidity name.
func (k EventKind) String() string {
	if k >= numEventKinds || k == EventUnknown {
		return fmt.Sprintf("EventKind(%d)", uint8(k))
	}
	return eventNames[k]
}

// ParseEventKind returns the kind of the event with Solidity name name.
func ParseEventKind(name string) (EventKind, error) {
	for k := EventUnknown + 1; k < numEventKinds; k++ {
		if eventNames[k] == name {
			return k, nil
		}
	}
	return EventUnknown, fmt.Errorf("event %q: %w", name, ErrUnknownEvent)
}

// EventKinds lists every known kind, in declaration order.
func EventKinds() []EventKind {
	out := make([]EventKind, 0, numEventKinds-1)
	for k := EventUnknown + 1; k < numEventKinds; k++ {
		out = append(out, k)
	}
	return out
}
