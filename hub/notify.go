package hub

import (
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// notifier wakes long-polling and streaming users when the hub proposes something to
// them, and keeps, for users someone waits for, the newest proposal notified: a stream
// pushes it from memory instead of reading it back.
type notifier struct {
	mu   sync.Mutex
	subs map[common.Address][]chan struct{}
	last map[common.Address]store.HubState
}

func newNotifier() *notifier {
	return &notifier{subs: map[common.Address][]chan struct{}{}, last: map[common.Address]store.HubState{}}
}

// wait returns a channel closed at the user's next notification, and a function that
// forgets it (a long poll that timed out must not leave it behind).
func (n *notifier) wait(user common.Address) (<-chan struct{}, func()) {
	n.mu.Lock()
	defer n.mu.Unlock()
	ch := make(chan struct{})
	n.subs[user] = append(n.subs[user], ch)
	return ch, func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		subs := n.subs[user]
		for i, c := range subs {
			if c == ch {
				n.subs[user] = append(subs[:i:i], subs[i+1:]...)
				break
			}
		}
		if len(n.subs[user]) == 0 {
			delete(n.subs, user)
			delete(n.last, user)
		}
	}
}

// notifyAll wakes every waiting user.
func (n *notifier) notifyAll() {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, subs := range n.subs {
		for _, ch := range subs {
			close(ch)
		}
	}
	clear(n.subs)
}

// notify wakes user's waiters for proposal hs, and keeps it while anyone waits for the
// user (or has since the last notification: a waiter woken comes back for it).
func (n *notifier) notify(user common.Address, hs store.HubState) {
	n.mu.Lock()
	defer n.mu.Unlock()
	// Notifications run after their commits, outside the channel's lock: one may come
	// after a newer one's, and never replaces it.
	if last, kept := n.last[user]; (kept || len(n.subs[user]) > 0) && (!kept || hs.State == nil || last.State == nil ||
		hs.State.Nonce.Cmp(last.State.Nonce) > 0) {
		n.last[user] = hs
	}
	for _, ch := range n.subs[user] {
		close(ch)
	}
	delete(n.subs, user)
}

// lastFor returns the newest proposal notified to user that is kept.
func (n *notifier) lastFor(user common.Address) (store.HubState, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	hs, ok := n.last[user]
	return hs, ok
}
