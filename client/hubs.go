package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vigil-hub/vigil/wire"
)

// hubs are the URLs of one hub's processes, which share one database: one of them leads
// and owns the channels, the others answer reads and refuse the rest with not_leader
// until they take over. The wallet keeps to the URL that last answered and moves on, by
// itself, when a process cannot be reached or does not lead.
type hubs struct {
	urls []string
	cur  atomic.Int32
}

// newHubs returns the distinct URLs of first and more, first first.
func newHubs(first string, more []string) *hubs {
	h := &hubs{}
	for _, u := range append([]string{first}, more...) {
		u = strings.TrimRight(strings.TrimSpace(u), "/")
		if u != "" && !slices.Contains(h.urls, u) {
			h.urls = append(h.urls, u)
		}
	}
	return h
}

// current returns the URL requests go to now, and its place.
func (h *hubs) current() (string, int) {
	i := int(h.cur.Load())
	return h.urls[i], i
}

// moveOn leaves URL i for the leader a refusal named, when it is one of the hub's URLs
// (a process cannot send the wallet anywhere else), or for the next one.
func (h *hubs) moveOn(i int, leader string) {
	next := (i + 1) % len(h.urls)
	if j := slices.Index(h.urls, strings.TrimRight(leader, "/")); j >= 0 && j != i {
		next = j
	}
	h.cur.CompareAndSwap(int32(i), int32(next))
}

// hubFailover bounds how long a request looks for the leading process: longer than a
// takeover (the hub's leader.failover, 10 s by default), with short waits between rounds.
var hubFailover = schedule{first: 100 * time.Millisecond, most: time.Second, budget: 30 * time.Second}

// doAny sends req to the hub's processes until one answers it, and returns the answer
// (do's). A refusal with not_leader, or a process that refused the connection, is asked of
// the next process at once, then in rounds for at most hubFailover's budget (a hub of
// one process is asked again only when it does not lead yet). A request
// that may have reached a process that then failed is not sent again if it writes (a
// POST): it may have been acted on, and the protocol's own path for a lost answer (the
// next sync) completes it; the next request goes to the next process.
func (w *Wallet) doAny(req *http.Request, out any) (http.Header, error) {
	ctx := req.Context()
	wait, start := hubFailover.first, time.Now()
	for tried := 1; ; tried++ {
		base, i := w.hubs.current()
		h, err := w.doOne(req, base, out)
		leader, again, move := classify(req.Method, err)
		if !move || ctx.Err() != nil {
			return h, err
		}
		if len(w.hubs.urls) == 1 && !isNotLeader(err) {
			return h, err // a hub of one process that is down: say so at once
		}
		w.hubs.moveOn(i, leader)
		w.log.Info("hub process unavailable; trying the next", "url", base, "err", err)
		if !again {
			return h, err
		}
		if tried%len(w.hubs.urls) != 0 {
			continue // the next process, at once
		}
		if d := retryAfter(err); d > wait {
			wait = d
		}
		if time.Since(start)+wait > hubFailover.budget {
			return h, err
		}
		select {
		case <-ctx.Done():
			return h, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, hubFailover.most)
	}
}

// defaultRequestTimeout is Config.RequestTimeout's default.
const defaultRequestTimeout = 15 * time.Second

// doOne sends req to base, bounded by the request timeout unless it is a long poll.
func (w *Wallet) doOne(req *http.Request, base string, out any) (http.Header, error) {
	r, err := retarget(req, base)
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(req.URL.Path, "/v1/updates") {
		d := w.cfg.RequestTimeout
		if d <= 0 {
			d = defaultRequestTimeout
		}
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		r = r.WithContext(ctx)
	}
	return w.do(r, out)
}

// classify says of a request's outcome whether the wallet should move to another of the
// hub's processes (move), whether the request may be sent there now (again), and the
// leader a not_leader refusal named.
func classify(method string, err error) (leader string, again, move bool) {
	if err == nil {
		return "", false, false
	}
	if he := (*HubError)(nil); errors.As(err, &he) {
		if he.Code == wire.CodeNotLeader {
			return he.Leader, true, true // refused before anything was done
		}
		return "", false, false
	}
	if !errors.Is(err, errUnreachable) {
		return "", false, false
	}
	if op := (*net.OpError)(nil); errors.As(err, &op) && op.Op == "dial" {
		return "", true, true // never reached the process
	}
	return "", method == http.MethodGet, true
}

// isNotLeader reports a refusal from a process that does not lead (yet): one that is
// starting, or following while another takes over, asks to be asked again.
func isNotLeader(err error) bool {
	he := (*HubError)(nil)
	return errors.As(err, &he) && he.Code == wire.CodeNotLeader
}

// retarget returns req sent to base instead, with its body again.
func retarget(req *http.Request, base string) (*http.Request, error) {
	r := req.Clone(req.Context())
	u, err := r.URL.Parse(base + req.URL.RequestURI())
	if err != nil {
		return nil, err
	}
	r.URL, r.Host = u, u.Host
	if req.GetBody != nil {
		if r.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// errUnreachable marks a request that got no answer from the hub process it was sent to.
var errUnreachable = errors.New("hub process unreachable")

// unreachable is a transport failure, wrapping errUnreachable and the cause.
type unreachable struct{ err error }

func (u unreachable) Error() string   { return u.err.Error() }
func (u unreachable) Unwrap() []error { return []error{errUnreachable, u.err} }

// hubURL is the URL of the hub process requests go to now.
func (w *Wallet) hubURL() string { u, _ := w.hubs.current(); return u }
