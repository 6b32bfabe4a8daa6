package hubapi

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// helloTimeout bounds how long a new stream may take to authenticate.
const helloTimeout = 10 * time.Second

// streamPing is how often the hub pings a stream: a wallet that went away without closing
// is noticed, and its slot freed, within about twice this.
const streamPing = 20 * time.Second

// stream serves one wallet's stream (wire.StreamPath): it authenticates the wallet once,
// answers its request, cosign and sync frames in order with the same rules as the HTTP
// API, and pushes the hub's proposals to it as soon as they are stored. It ends when the
// wallet closes, the connection fails, or this process stops leading.
func (s *Server) stream(w http.ResponseWriter, r *http.Request) {
	// A stream outlives the server's read and write timeouts on purpose: it has its own
	// (the hello's, the pings').
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	_ = rc.SetWriteDeadline(time.Time{})
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return // Accept has answered the request
	}
	defer c.CloseNow()
	c.SetReadLimit(MaxBody)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stopOnClose := context.AfterFunc(s.closing, func() {
		_ = c.Close(websocket.StatusGoingAway, "the hub process is stopping")
		cancel()
	})
	defer stopOnClose()
	user, err := s.greet(ctx, c)
	if err != nil {
		s.log.Debug("stream not authenticated", "remote", r.RemoteAddr, "err", err)
		_ = c.Close(websocket.StatusPolicyViolation, closeReason(wire.CodeAuthInvalid, err))
		return
	}
	release, ok := s.streams.enter(user)
	if !ok {
		_ = c.Close(websocket.StatusTryAgainLater, wire.CodeRateLimited+": too many streams open; close one or retry")
		return
	}
	defer release()
	sc := &streamConn{s: s, c: c, user: user, from: new(big.Int), pushed: new(big.Int)}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	wg.Go(func() { sc.push(ctx, cancel) })
	wg.Go(func() { sc.ping(ctx, cancel) })
	err = sc.serve(ctx)
	switch {
	case errors.Is(err, errNotLeading):
		_ = c.Close(websocket.StatusTryAgainLater, wire.CodeNotLeader+": this hub process no longer leads")
	case websocket.CloseStatus(err) != -1, ctx.Err() != nil:
	default:
		s.log.Debug("stream ended", "user", user, "err", err)
		_ = c.Close(websocket.StatusPolicyViolation, closeReason(wire.CodeInvalidJSON, err))
	}
}

// errNotLeading ends a stream on a process that no longer leads.
var errNotLeading = errors.New("this hub process no longer leads")

// closeReason is a close frame's reason: the code, then as much of err as fits the 123
// bytes a close frame carries.
func closeReason(code string, err error) string {
	r := code + ": " + err.Error()
	if len(r) > 123 {
		r = r[:123]
	}
	return r
}

// greet authenticates a new stream: a challenge with a fresh nonce, and the wallet's
// signature over its StreamDigest. It keeps the user's public key, as an authenticated
// HTTP request does.
func (s *Server) greet(ctx context.Context, c *websocket.Conn) (common.Address, error) {
	var n common.Hash
	if _, err := rand.Read(n[:]); err != nil {
		return common.Address{}, err
	}
	d := s.hub.Domain()
	ctx, cancel := context.WithTimeout(ctx, helloTimeout)
	defer cancel()
	if err := wire.SendFrame(ctx, c, wire.FrameChallenge, 0, wire.StreamChallenge{Nonce: n, ChainID: channel.Amount{V: d.ChainID}, Contract: d.Contract}); err != nil {
		return common.Address{}, err
	}
	f, err := wire.ReadFrame(ctx, c)
	if err != nil {
		return common.Address{}, err
	}
	if f.Type != wire.FrameHello {
		return common.Address{}, fmt.Errorf("the first frame must be %q, not %q", wire.FrameHello, f.Type)
	}
	var h wire.StreamHello
	if err := decodeStrict(f.Body, &h); err != nil {
		return common.Address{}, fmt.Errorf("hello: %w", err)
	}
	pub, err := wire.VerifyAuth(wire.StreamDigest(d.ChainID, d.Contract, n), h.Signature, h.User)
	if err != nil {
		return common.Address{}, errors.New("the signature is not the user's over this stream's challenge")
	}
	_ = s.auth.PutUserKey(ctx, h.User, crypto.FromECDSAPub(pub))
	return h.User, wire.SendFrame(ctx, c, wire.FrameWelcome, 0, nil)
}

// streamConn is one authenticated stream.
type streamConn struct {
	s    *Server
	c    *websocket.Conn
	user common.Address

	mu     sync.Mutex
	from   *big.Int         // the newest nonce the wallet named: it holds the states up to it
	pushed *big.Int         // the newest proposal pushed
	sent   []store.HubState // the proposals pushed after from, in order

	then func() // what the frame being answered starts once its answer is sent (serve's own)
}

// serve answers the wallet's frames, one at a time, in order.
func (sc *streamConn) serve(ctx context.Context) error {
	for {
		f, err := wire.ReadFrame(ctx, sc.c)
		if err != nil {
			return err
		}
		res, err := sc.answer(ctx, f)
		if err != nil {
			return err
		}
		if err := sc.write(ctx, res); err != nil {
			return err
		}
		if then := sc.then; then != nil { // what the answer need not wait for
			sc.then = nil
			then()
		}
		if res.Error != nil && res.Error.Code == wire.CodeNotLeader {
			return errNotLeading
		}
	}
}

// answer acts on one of the wallet's frames and returns its result; an error ends the
// stream (a frame that is not one).
func (sc *streamConn) answer(ctx context.Context, f wire.Frame) (wire.Frame, error) {
	res := wire.Frame{Type: wire.FrameResult, ID: f.ID}
	if f.ID == 0 {
		return res, fmt.Errorf("a %q frame without an id", f.Type)
	}
	refuse := func(status int, code, msg string) (wire.Frame, error) {
		res.Status, res.Error = status, &wire.Error{Code: code, Message: msg}
		return res, nil
	}
	if f.Type == wire.FrameRequest || f.Type == wire.FrameIntent || f.Type == wire.FrameCosign {
		if ok, addr := sc.s.leads(ctx); !ok {
			return refuse(http.StatusServiceUnavailable, wire.CodeNotLeader, notLeaderMessage(addr))
		}
	}
	var out any
	var err error
	switch f.Type {
	case wire.FrameRequest:
		var req wire.HubRequest
		if derr := decodeStrict(f.Body, &req); derr != nil {
			return refuse(http.StatusBadRequest, decodeCode(derr), "request: "+derr.Error())
		}
		hs, rerr := sc.s.hub.Request(ctx, sc.user, hubRequest(req))
		out, err = toWire(hs), rerr
	case wire.FrameIntent:
		var req wire.HubIntent
		if derr := decodeStrict(f.Body, &req); derr != nil {
			return refuse(http.StatusBadRequest, decodeCode(derr), "intent: "+derr.Error())
		}
		c, then, ierr := sc.s.hub.Intent(ctx, sc.user, hubRequest(wire.HubRequest{Update: req.Update, Payee: req.Payee, SealedSecret: req.SealedSecret}))
		out, err, sc.then = channelWire(c), ierr, then
	case wire.FrameCosign:
		var req wire.HubCosign
		if derr := decodeStrict(f.Body, &req); derr != nil {
			return refuse(http.StatusBadRequest, decodeCode(derr), "cosign: "+derr.Error())
		}
		err = sc.s.hub.Cosign(ctx, sc.user, req.Nonce.V, req.SigUser)
		out = wire.HubCosigned{Status: "cosigned"}
		if err == nil {
			sc.saw(req.Nonce.V)
		}
	case wire.FrameSync:
		var req wire.StreamSync
		if derr := decodeStrict(f.Body, &req); derr != nil {
			return refuse(http.StatusBadRequest, decodeCode(derr), "sync: "+derr.Error())
		}
		if req.From.V == nil || req.From.V.Sign() < 0 {
			return refuse(http.StatusBadRequest, wire.CodeInvalidField, "sync: from must be a nonce")
		}
		c, verr := sc.s.hub.View(ctx, sc.user, req.From.V)
		out, err = channelWire(c), verr
		if err == nil {
			sc.saw(req.From.V)
		}
	default:
		return refuse(http.StatusBadRequest, wire.CodeMethodNotFound, fmt.Sprintf("%q is not a frame a wallet sends", f.Type))
	}
	sc.s.frames.WithLabelValues(f.Type).Inc()
	if err != nil {
		status, e := sc.s.errorFor(err)
		res.Status, res.Error = status, &e
		return res, nil
	}
	nf, err := wire.NewFrame(wire.FrameResult, f.ID, out)
	return nf, err
}

// saw notes a nonce the wallet holds: pushes start after it.
func (sc *streamConn) saw(n *big.Int) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if n.Cmp(sc.from) > 0 {
		sc.from.Set(n)
	}
}

// push sends the wallet the hub's proposals after the newest nonce it named whenever the
// hub proposes something new to it, and ends the stream when this process stops leading
// (the hub wakes every waiter then).
func (sc *streamConn) push(ctx context.Context, end context.CancelFunc) {
	for ctx.Err() == nil {
		woken, forget := sc.s.hub.Wait(sc.user) // before looking, so no proposal slips between
		if err := sc.pushNew(ctx); err != nil {
			forget()
			if ctx.Err() == nil {
				sc.s.log.Debug("stream push failed", "user", sc.user, "err", err)
			}
			end()
			return
		}
		select {
		case <-woken:
			if ok, _ := sc.s.leads(ctx); !ok {
				forget()
				_ = sc.c.Close(websocket.StatusTryAgainLater, wire.CodeNotLeader+": this hub process no longer leads")
				end()
				return
			}
		case <-ctx.Done():
			forget()
			return
		}
	}
}

// pushNew pushes the proposals after the wallet's nonce, if the newest is one not pushed.
// When the hub's newest proposal to the user directly follows what the wallet holds and
// was pushed (the common case: one proposal at a time), it is pushed from memory with
// the ones pushed before it; otherwise the channel is read.
func (sc *streamConn) pushNew(ctx context.Context) error {
	c, ok := sc.fromMemory()
	if !ok {
		sc.mu.Lock()
		from := new(big.Int).Add(sc.from, big.NewInt(1)) // the wallet holds the state at sc.from
		sc.mu.Unlock()
		var err error
		if c, err = sc.s.hub.View(ctx, sc.user, from); err != nil {
			return err
		}
	}
	if len(c.Proposals) == 0 {
		return nil
	}
	newest := c.Proposals[len(c.Proposals)-1].State.Nonce
	sc.mu.Lock()
	fresh := newest.Cmp(sc.pushed) > 0
	if fresh {
		sc.pushed.Set(newest)
		sc.sent = c.Proposals
	}
	sc.mu.Unlock()
	if !fresh {
		return nil
	}
	f, err := wire.NewFrame(wire.FrameProposals, 0, channelWire(c))
	if err != nil {
		return err
	}
	sc.s.frames.WithLabelValues(wire.FrameProposals).Inc()
	return sc.write(ctx, f)
}

// fromMemory returns the proposals to push without reading the channel: those pushed
// after the wallet's nonce and the hub's newest, when it is the very next one.
func (sc *streamConn) fromMemory() (hub.Channel, bool) {
	last, ok := sc.s.hub.LastProposed(sc.user)
	if !ok {
		return hub.Channel{}, false
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	var c hub.Channel
	held := sc.from
	for _, p := range sc.sent {
		if p.State.Nonce.Cmp(held) > 0 {
			c.Proposals = append(c.Proposals, p)
		}
	}
	if n := len(c.Proposals); n > 0 {
		held = c.Proposals[n-1].State.Nonce
	}
	if last.State.Nonce.Cmp(new(big.Int).Add(held, big.NewInt(1))) != 0 {
		return hub.Channel{}, false
	}
	c.Proposals = append(c.Proposals, last)
	return c, true
}

// ping checks the wallet is still there, and ends the stream when it is not.
func (sc *streamConn) ping(ctx context.Context, end context.CancelFunc) {
	t := time.NewTicker(streamPing)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			pctx, cancel := context.WithTimeout(ctx, streamPing)
			err := sc.c.Ping(pctx)
			cancel()
			if err != nil {
				end()
				return
			}
		}
	}
}

// write sends one frame; frames from the answers and the pushes may interleave, each
// whole.
func (sc *streamConn) write(ctx context.Context, f wire.Frame) error {
	return wire.WriteFrame(ctx, sc.c, f)
}

// newFrameCounter counts the stream's frames by type: the wallets' frames answered, and
// the proposals pushed.
func newFrameCounter() *prometheus.CounterVec {
	return prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_stream_frames_total",
		Help: "Stream frames the hub answered (request, cosign, sync) or pushed (proposals), by type."}, []string{"type"})
}

// Collectors returns the API's own metrics, for the process's registry.
func (s *Server) Collectors() []prometheus.Collector { return []prometheus.Collector{s.frames} }
