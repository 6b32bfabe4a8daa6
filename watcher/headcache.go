package watcher

import (
	"context"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// HeaderByNumber returns a header as of the latest head Heads saw. The latest (number
// nil) is that head, unless none was seen yet or the last poll failed: then the node is
// asked, so that its error is the caller's. A recent block is answered from the headers
// linked by parent hash below that head (the canonical chain as of it); others are read
// from the node.
func (s *Heads) HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error) {
	s.mu.Lock()
	var h *types.Header
	if number == nil {
		if s.failing == nil {
			h = s.latest
		}
	} else if number.IsUint64() {
		h = s.recent.get(number.Uint64())
	}
	s.mu.Unlock()
	if h != nil {
		return h, nil
	}
	h, err := s.chain.HeaderByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	if number == nil {
		s.publish(h)
	} else {
		s.mu.Lock()
		s.recent.add(h)
		s.mu.Unlock()
	}
	return h, nil
}

// SubscribeNewHead delivers every new head Heads sees to ch until the subscription is
// ended. A head that finds ch full is not delivered: ch is a wake-up, Latest the head.
func (s *Heads) SubscribeNewHead(_ context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	sub := &headSub{s: s, ch: ch, err: make(chan error)}
	s.mu.Lock()
	s.subs[sub] = struct{}{}
	s.mu.Unlock()
	return sub, nil
}

// headSub is one subscriber of a Heads.
type headSub struct {
	s    *Heads
	ch   chan<- *types.Header
	err  chan error
	once sync.Once
}

func (u *headSub) Unsubscribe() {
	u.once.Do(func() {
		u.s.mu.Lock()
		delete(u.s.subs, u)
		u.s.mu.Unlock()
		close(u.err)
	})
}

func (u *headSub) Err() <-chan error { return u.err }

// linkedHeaders holds the last headers seen, by number, up to the latest head. A header
// is answered only while every header from it up to the head is held and linked by
// parent hash: a reorg, or a head that skipped blocks, leaves the older ones unanswered
// until they are read again.
type linkedHeaders struct {
	keep uint64
	top  uint64
	byN  map[uint64]linked
}

type linked struct {
	h    *types.Header
	hash common.Hash
}

func newLinkedHeaders(keep uint64) linkedHeaders {
	return linkedHeaders{keep: keep, byN: map[uint64]linked{}}
}

// head makes h the head: what is held at or above its number is dropped.
func (l *linkedHeaders) head(h *types.Header) {
	n := h.Number.Uint64()
	for k := range l.byN {
		if k >= n || k+l.keep < n {
			delete(l.byN, k)
		}
	}
	l.byN[n], l.top = linked{h: h, hash: h.Hash()}, n
}

// add holds h, read from the node, if it lies below the head.
func (l *linkedHeaders) add(h *types.Header) {
	if n := h.Number.Uint64(); n < l.top && n+l.keep >= l.top {
		l.byN[n] = linked{h: h, hash: h.Hash()}
	}
}

// get returns the header at n if it is linked to the head, else nil.
func (l *linkedHeaders) get(n uint64) *types.Header {
	e, ok := l.byN[n]
	if !ok || n > l.top {
		return nil
	}
	for k, cur := n, e; k < l.top; k++ {
		next, ok := l.byN[k+1]
		if !ok || next.h.ParentHash != cur.hash {
			return nil
		}
		cur = next
	}
	return e.h
}
