package hub

import (
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// notifier wakes long-polling users when the hub proposes something to them.
type notifier struct {
	mu   sync.Mutex
	subs map[common.Address][]chan struct{}
}

func newNotifier() *notifier { return &notifier{subs: map[common.Address][]chan struct{}{}} }

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

func (n *notifier) notify(user common.Address) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, ch := range n.subs[user] {
		close(ch)
	}
	delete(n.subs, user)
}
