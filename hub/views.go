package hub

// What a user may read of its channel, and the long-poll wait for changes.

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// View returns user's channel from nonce from (0: everything kept).
func (h *Hub) View(ctx context.Context, user common.Address, from *big.Int) (Channel, error) {
	cosigned, states, err := h.st.HubStates(ctx, h.cfg.Contract, user, from)
	if err != nil {
		return Channel{}, err
	}
	var c Channel
	for i := range states {
		s := states[i]
		switch {
		case s.State.Nonce.Cmp(cosigned) == 0:
			c.Cosigned = &s
		case s.State.Nonce.Cmp(cosigned) > 0:
			c.Proposals = append(c.Proposals, s)
		}
	}
	return c, nil
}

// Wait returns a channel closed when the hub next proposes something to user, and a
// function to call when no longer waiting.
func (h *Hub) Wait(user common.Address) (<-chan struct{}, func()) { return h.notes.wait(user) }

// LastProposed returns the newest proposal the hub made to user while someone waited for
// it (Wait), if it still keeps it: a stream pushes it without reading the channel again.
func (h *Hub) LastProposed(user common.Address) (store.HubState, bool) { return h.notes.lastFor(user) }

// WakeAll wakes every long poll, for a process that stops leading: each looks again and
// sends its wallet to the new leader.
func (h *Hub) WakeAll() { h.notes.notifyAll() }

// Payments returns user's payment history, newest first.
func (h *Hub) Payments(ctx context.Context, user common.Address, limit int) ([]store.Payment, error) {
	return h.st.Payments(ctx, h.cfg.Contract, user, limit)
}
