package hub

import "github.com/vigil-hub/vigil/store"

// SetWithhold makes h withhold the payments f selects from their payees (and not give
// the payer's lock back): a cheating hub, or one that dies right after taking a payment.
func SetWithhold(h *Hub, f func(store.Payment) bool) { h.withhold = f }
