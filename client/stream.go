package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/vigil-hub/vigil/wire"
)

// The stream (wire.StreamPath) carries a listening wallet's latency-bound traffic: its
// requests, co-signatures and syncs, and the hub's proposals pushed as soon as they are
// stored. It is authenticated once, when it opens; each request over HTTP is signed over a
// nonce of its own. While Listen holds a stream open, the wallet's requests go over it;
// otherwise, or to a hub that has none, over HTTP with the same rules.

// errNoStream is a hub without a stream (an older one): the wallet long-polls instead.
var errNoStream = errors.New("the hub serves no stream")

// errNotSent is a frame that never left: the stream had ended. Sent over HTTP instead.
var errNotSent = errors.New("frame not sent")

// streamPing is how often a listening wallet pings the hub's process: one that froze is
// left, for the next of the hub's processes, within about twice this.
const streamPing = 5 * time.Second

// stream is an open, authenticated stream to one hub process.
type stream struct {
	c       *websocket.Conn
	timeout time.Duration // of each frame's answer

	mu      sync.Mutex
	next    uint64
	waiting map[uint64]chan wire.Frame
	err     error         // why it ended, once done is closed
	done    chan struct{} // closed when the reader ends
	pushed  chan wire.HubChannel
}

// dial opens and authenticates a stream to the hub process requests go to now.
func (w *Wallet) dial(ctx context.Context) (*stream, error) {
	base, _ := w.hubs.current()
	hc := *w.cfg.HTTPClient
	hc.Timeout = 0 // the context bounds the handshake; the stream lives on
	ctx, cancel := context.WithTimeout(ctx, w.requestTimeout())
	defer cancel()
	url := "ws" + strings.TrimPrefix(base, "http") + wire.StreamPath
	c, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: &hc})
	if err != nil {
		if resp == nil {
			return nil, fmt.Errorf("hub stream at %s: %w", base, unreachable{err})
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			return nil, errNoStream
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		var e wire.Error
		if json.Unmarshal(b, &e) != nil {
			e.Message = strings.TrimSpace(string(b))
		}
		return nil, &HubError{Status: resp.StatusCode, Code: e.Code, Message: e.Message, Leader: e.Leader}
	}
	c.SetReadLimit(8 << 20)
	if err := w.hello(ctx, c); err != nil {
		c.CloseNow()
		return nil, fmt.Errorf("hub stream at %s: %w", base, err)
	}
	s := &stream{c: c, timeout: w.requestTimeout(), waiting: map[uint64]chan wire.Frame{}, done: make(chan struct{}),
		pushed: make(chan wire.HubChannel, 1)}
	go s.read()
	return s, nil
}

// hello answers the hub's challenge with the user's signature over it, bound to the
// configured chain and contract, and waits for the welcome.
func (w *Wallet) hello(ctx context.Context, c *websocket.Conn) error {
	f, err := wire.ReadFrame(ctx, c)
	if err != nil {
		return err
	}
	var ch wire.StreamChallenge
	if f.Type != wire.FrameChallenge || json.Unmarshal(f.Body, &ch) != nil {
		return fmt.Errorf("the hub opened with %q, not a challenge", f.Type)
	}
	if ch.Contract != w.cfg.Contract || ch.ChainID.V == nil || ch.ChainID.V.Cmp(w.cfg.ChainID) != 0 {
		return fmt.Errorf("the hub serves contract %s on chain %v, not the configured one", ch.Contract, ch.ChainID.V)
	}
	sig, err := wire.SignAuth(wire.StreamDigest(w.cfg.ChainID, w.cfg.Contract, ch.Nonce), w.cfg.Key)
	if err != nil {
		return err
	}
	if err := wire.SendFrame(ctx, c, wire.FrameHello, 0, wire.StreamHello{User: w.addr, Signature: sig}); err != nil {
		return err
	}
	if f, err = wire.ReadFrame(ctx, c); err != nil {
		return err
	}
	if f.Type != wire.FrameWelcome {
		return fmt.Errorf("the hub answered the hello with %q", f.Type)
	}
	return nil
}

// read hands each result to the frame waiting for it and keeps the newest push, until
// the stream fails or closes.
func (s *stream) read() {
	ctx := context.Background() // the connection's close ends the read
	var err error
frames:
	for {
		var f wire.Frame
		if f, err = wire.ReadFrame(ctx, s.c); err != nil {
			break
		}
		switch f.Type {
		case wire.FrameResult:
			s.mu.Lock()
			ch := s.waiting[f.ID]
			delete(s.waiting, f.ID)
			s.mu.Unlock()
			if ch != nil {
				ch <- f
			}
		case wire.FrameProposals:
			var hc wire.HubChannel
			if err = json.Unmarshal(f.Body, &hc); err != nil {
				err = fmt.Errorf("pushed proposals: %w", err)
				s.c.CloseNow()
				break frames
			}
			select { // only the newest push matters: it holds every proposal after the wallet's state
			case <-s.pushed:
			default:
			}
			s.pushed <- hc
		}
	}
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
	close(s.done)
}

// call sends a frame of typ with body in and decodes its result into out; a refusal is
// a *HubError, as over HTTP. A stream that fails, or an answer slower than the request
// timeout (a process that froze), ends the stream: the call's outcome is then unknown, as
// a lost HTTP answer's, and the next sync completes it.
func (s *stream) call(ctx context.Context, typ string, in, out any) error {
	ch := make(chan wire.Frame, 1)
	s.mu.Lock()
	s.next++
	id := s.next
	s.waiting[id] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.waiting, id)
		s.mu.Unlock()
	}()
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := wire.SendFrame(ctx, s.c, typ, id, in); err != nil {
		s.c.CloseNow()
		return fmt.Errorf("hub stream %s: %w: %w", typ, errNotSent, unreachable{err})
	}
	select {
	case f := <-ch:
		if f.Error != nil {
			return &HubError{Status: f.Status, Code: f.Error.Code, Message: f.Error.Message, Leader: f.Error.Leader}
		}
		if out != nil {
			if err := json.Unmarshal(f.Body, out); err != nil {
				return fmt.Errorf("hub stream answer to %s: %w", typ, err)
			}
		}
		return nil
	case <-s.done:
		return fmt.Errorf("hub stream %s: %w", typ, unreachable{s.ended()})
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			s.c.CloseNow() // frozen, or too slow to keep
		}
		return fmt.Errorf("hub stream %s: %w", typ, unreachable{ctx.Err()})
	}
}

// ended returns why the stream ended.
func (s *stream) ended() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		return errors.New("stream closed")
	}
	return s.err
}

// alive reports whether the stream is still open.
func (s *stream) alive() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// exchange sends one of the latency-bound calls: over the stream when Listen holds one
// open, else over HTTP (method, path) with the same body and answer.
func (w *Wallet) exchange(ctx context.Context, typ, method, path string, in, out any) error {
	s := w.stream.Load()
	if s == nil || !s.alive() {
		return w.call(ctx, method, path, in, out)
	}
	err := retryHub(ctx, catchUpRetry, func(he *HubError) bool { return he.Code == wire.CodeCatchingUp }, func(ctx context.Context) error {
		return s.call(ctx, typ, in, out)
	})
	if errors.Is(err, errNotSent) {
		return w.call(ctx, method, path, in, out)
	}
	return err
}

// listenStream holds a stream to the hub open and applies what the hub pushes until ctx
// ends or the stream fails; the wallet's requests go over it meanwhile. It first catches
// up (a sync over the stream, which also sends again a co-signature the hub may not have
// heard), so a wallet that reconnects, to the same process or a new leader, resumes.
func (w *Wallet) listenStream(ctx context.Context, opened func()) error {
	_, i := w.hubs.current()
	s, err := w.dial(ctx)
	if err != nil {
		if he := (*HubError)(nil); errors.As(err, &he) && he.Code == wire.CodeNotLeader {
			w.hubs.moveOn(i, he.Leader)
		} else if errors.Is(err, errUnreachable) && len(w.hubs.urls) > 1 {
			w.hubs.moveOn(i, "")
		}
		return err
	}
	opened()
	w.stream.Store(s)
	defer func() {
		w.stream.CompareAndSwap(s, nil)
		_ = s.c.Close(websocket.StatusNormalClosure, "")
	}()
	if err := w.Sync(ctx); err != nil {
		return err
	}
	ping := time.NewTicker(streamPing)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.done:
			switch websocket.CloseStatus(s.ended()) {
			case websocket.StatusTryAgainLater, websocket.StatusGoingAway: // it stopped leading, or is stopping
				if len(w.hubs.urls) > 1 {
					w.hubs.moveOn(i, "")
				}
			}
			return fmt.Errorf("hub stream ended: %w", s.ended())
		case hc := <-s.pushed:
			if err := w.apply(ctx, hc, false); err != nil {
				return err
			}
			if err := w.claimPending(ctx); err != nil {
				return err
			}
		case <-ping.C:
			pctx, cancel := context.WithTimeout(ctx, streamPing)
			err := s.c.Ping(pctx)
			cancel()
			if err != nil && ctx.Err() == nil {
				if len(w.hubs.urls) > 1 {
					w.hubs.moveOn(i, "")
				}
				return fmt.Errorf("hub stream: no answer to a ping: %w", err)
			}
		}
	}
}

// requestTimeout is Config.RequestTimeout or its default.
func (w *Wallet) requestTimeout() time.Duration {
	if w.cfg.RequestTimeout > 0 {
		return w.cfg.RequestTimeout
	}
	return defaultRequestTimeout
}

// Streaming reports whether Listen holds a stream to the hub open now: the wallet's
// requests go over it, and the hub's proposals come as soon as they are stored.
func (w *Wallet) Streaming() bool {
	s := w.stream.Load()
	return s != nil && s.alive()
}
