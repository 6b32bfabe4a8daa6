package watcher

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/vigil-hub/vigil/internal/backoff"
)

// HeadsConfig sets up a Heads.
type HeadsConfig struct {
	// BlockInterval is the chain's block interval; 0: measured at start from the
	// timestamps of the head and of the block up to 64 below it.
	BlockInterval time.Duration
	// IdlePoll is how often to poll while blocks are late by more than an interval (an
	// idle dev chain that mines on demand, a missed slot); default 2s.
	IdlePoll time.Duration
	Logger   *slog.Logger
}

// Heads is the one source of new chain heads in a process: one head subscription where
// the endpoint offers it, else about two polls per block, timed from the block interval;
// every part of the process reads the head from it (Chain wraps a node so that its
// latest-header reads are answered here) instead of polling the node itself.
//
// Polling: a new head seen at time t, the next is due at t+I. The first poll is at
// t+7I/8, then one every I/8 until one arrives: a head waits at most I/8 to be seen, at
// about two calls per block. When none arrives within 2I (blocks stopped), it polls every
// IdlePoll.
type Heads struct {
	cfg   HeadsConfig
	chain Chain
	log   *slog.Logger

	mu       sync.Mutex
	interval time.Duration
	latest   *types.Header
	failing  error // the last poll's error, while no head is newer than it
	recent   linkedHeaders
	subs     map[*headSub]struct{}
}

// minInterval and maxInterval bound a measured block interval: timestamps are whole
// seconds, and a chain slower than maxInterval is polled at least that often.
const (
	minInterval  = time.Second
	maxInterval  = 15 * time.Second
	measureDepth = 64
)

// NewHeads returns a head source reading chain; Run follows the head.
func NewHeads(chain Chain, cfg HeadsConfig) *Heads {
	if cfg.IdlePoll <= 0 {
		cfg.IdlePoll = 2 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Heads{cfg: cfg, chain: chain, log: cfg.Logger, recent: newLinkedHeaders(256), subs: map[*headSub]struct{}{}}
}

// Latest returns the newest head seen, or nil before the first.
func (s *Heads) Latest() *types.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.latest
}

// Interval returns the block interval polls are timed by (0 before Run measured it).
func (s *Heads) Interval() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.interval
}

// Run follows the head until ctx ends: on the chain's head subscription when it offers
// one (renewed when it ends, polled meanwhile), by polling otherwise.
func (s *Heads) Run(ctx context.Context) error {
	if err := s.measure(ctx); err != nil {
		return err
	}
	hs, ok := s.chain.(HeadSubscriber)
	if !ok {
		s.log.Info("following the chain head by polling", "block_interval", s.Interval())
		s.poll(ctx, nil)
		return nil
	}
	delays := backoff.Exponential(250*time.Millisecond, 10*time.Second)
	for ctx.Err() == nil {
		ch := make(chan *types.Header, 16)
		sub, err := hs.SubscribeNewHead(ctx, ch)
		if errors.Is(err, rpc.ErrNotificationsUnsupported) {
			s.log.Info("endpoint has no head subscriptions; following the head by polling", "block_interval", s.Interval())
			s.poll(ctx, nil)
			return nil
		}
		if err == nil {
			if s.follow(ctx, sub.Err(), ch) {
				delays = backoff.Exponential(250*time.Millisecond, 10*time.Second)
			}
			sub.Unsubscribe()
			if ctx.Err() != nil {
				return nil
			}
			err = errors.New("subscription ended")
		}
		delay, _ := delays.Next()
		s.log.Warn("head subscription failed; polling until it is renewed", "err", err, "in", delay)
		pctx, cancel := context.WithTimeout(ctx, delay)
		s.poll(pctx, nil)
		cancel()
	}
	return nil
}

// measure reads the head and sets the block interval: the configured one, or the mean
// over the last blocks.
func (s *Heads) measure(ctx context.Context) error {
	for d := backoff.Exponential(250*time.Millisecond, 10*time.Second); ; {
		iv, err := s.measureOnce(ctx)
		if err == nil {
			s.setInterval(iv)
			if s.cfg.BlockInterval == 0 {
				s.log.Info("measured the block interval", "interval", iv, "over_blocks", measureDepth)
			}
			return nil
		}
		wait, _ := d.Next()
		s.log.Warn("measuring the block interval failed, retrying", "err", err, "in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

func (s *Heads) measureOnce(ctx context.Context) (time.Duration, error) {
	head, err := s.chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("read head: %w", err)
	}
	s.publish(head)
	if s.cfg.BlockInterval > 0 {
		return s.cfg.BlockInterval, nil
	}
	n := head.Number.Uint64()
	k := min(n, measureDepth)
	if k == 0 {
		return minInterval, nil
	}
	old, err := s.HeaderByNumber(ctx, new(big.Int).SetUint64(n-k))
	if err != nil {
		return 0, fmt.Errorf("read header %d: %w", n-k, err)
	}
	iv := time.Duration(head.Time-min(head.Time, old.Time)) * time.Second / time.Duration(k)
	return min(max(iv, minInterval), maxInterval), nil
}

func (s *Heads) setInterval(iv time.Duration) {
	s.mu.Lock()
	s.interval = iv
	s.mu.Unlock()
}

// follow publishes the subscription's heads until it ends or ctx does, and reports
// whether any arrived. A notified header is checked once against the node's: an endpoint
// whose notifications leave out fields (their hash would differ) is read for each head.
// A subscription can also go quiet without ending: when no head arrives for two block
// intervals (at least IdlePoll), the head is read, and a head the subscription missed
// ends it, to be renewed.
func (s *Heads) follow(ctx context.Context, errc <-chan error, ch <-chan *types.Header) bool {
	got, trusted, checked := false, false, false
	quiet := max(2*s.Interval(), s.cfg.IdlePoll)
	watchdog := time.NewTimer(quiet)
	defer watchdog.Stop()
	for {
		select {
		case <-ctx.Done():
			return got
		case <-watchdog.C:
			h, err := s.chain.HeaderByNumber(ctx, nil)
			if err == nil && s.publish(h) {
				s.log.Warn("the head subscription missed a head; renewing it", "block", h.Number)
				return got
			}
			watchdog.Reset(quiet)
		case err := <-errc:
			s.log.Warn("head subscription ended", "err", err)
			return got
		case h := <-ch:
			got = true
			if !trusted {
				full, err := s.chain.HeaderByNumber(ctx, h.Number)
				if err != nil {
					s.log.Warn("reading a notified head failed", "block", h.Number, "err", err)
					continue
				}
				if !checked {
					trusted, checked = full.Hash() == h.Hash(), true
					if !trusted {
						s.log.Info("head notifications differ from headers; reading each head", "block", h.Number)
					}
				}
				h = full
			}
			s.publish(h)
			watchdog.Reset(quiet)
		}
	}
}

// poll reads the head on the schedule Heads describes until ctx ends; done, when set, is
// called after each poll (tests).
func (s *Heads) poll(ctx context.Context, done func()) {
	iv := s.Interval()
	lastNew := time.Now()
	for {
		h, err := s.chain.HeaderByNumber(ctx, nil)
		now := time.Now()
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.mu.Lock()
			s.failing = err
			s.mu.Unlock()
			s.log.Warn("reading the chain head failed", "err", err)
		default:
			if s.publish(h) {
				lastNew = now
			}
		}
		if done != nil {
			done()
		}
		var wait time.Duration
		switch since := now.Sub(lastNew); {
		case since < iv*7/8:
			wait = iv*7/8 - since
		case since < 2*iv:
			wait = iv / 8
		default:
			wait = s.cfg.IdlePoll
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// publish records h and, when it is a new head, tells every subscriber. It reports
// whether h was new.
func (s *Heads) publish(h *types.Header) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failing = nil
	if s.latest != nil && s.latest.Hash() == h.Hash() {
		return false
	}
	s.latest = h
	s.recent.head(h)
	for sub := range s.subs {
		select {
		case sub.ch <- h:
		default: // a wake-up is pending: the subscriber reads Latest
		}
	}
	return true
}
