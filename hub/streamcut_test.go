package hub_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/store"
)

// cutProxy passes TCP connections to the hub's API through, and cuts a connection instead
// of passing the hub's answer on when cut says so: the answer to a frame lost with its
// stream, after the hub acted on it.
type cutProxy struct {
	ln     net.Listener
	target string
	cut    func(fromHub []byte) bool
	cuts   atomic.Int64
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  []net.Conn // closed at the end: idle keep-alive connections stay open
}

func newCutProxy(t *testing.T, target string, cut func([]byte) bool) *cutProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target, cut: cut}
	p.wg.Go(p.accept)
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

func (p *cutProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Go(func() { p.pass(c) })
	}
}

func (p *cutProxy) pass(c net.Conn) {
	defer c.Close()
	h, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer h.Close()
	p.mu.Lock()
	p.conns = append(p.conns, c, h)
	p.mu.Unlock()
	done := make(chan struct{})
	go func() { io.Copy(h, c); h.Close(); close(done) }()
	buf := make([]byte, 64<<10)
	for {
		n, err := h.Read(buf)
		if n > 0 {
			if p.cut(buf[:n]) {
				p.cuts.Add(1)
				c.Close()
				break
			}
			if _, werr := c.Write(buf[:n]); werr != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	c.Close()
	<-done
}

// TestStreamCutMidIntent: the hub takes a listening payer's intent and signs its lock,
// and the stream breaks before the answer arrives: the payer's wallet does not know
// whether the hub acted. It reconnects by itself, finds the hub's state of its own
// request in its sync, checks it as the request it kept and co-signs it; the payment
// completes once, and asking for it again is that payment, not a second one.
func TestStreamCutMidIntent(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	u, _ := url.Parse(e.srv.URL)
	var armed atomic.Bool
	px := newCutProxy(t, u.Host, func(b []byte) bool {
		// The answer to the payer's intent: a result carrying its lock's state.
		return armed.Load() && bytes.Contains(b, []byte(`"t":"result"`)) && bytes.Contains(b, []byte(`"role":"pay"`)) && armed.CompareAndSwap(true, false)
	})
	a := e.wallet(e.users[0], func(c *client.Config) { c.HubURL = "http://" + px.ln.Addr().String() })
	b := e.wallet(e.users[1])
	e.deposit(a, eth(5))
	e.deposit(b, eth(5))
	e.collateral(b)
	e.listen(a, b)

	armed.Store(true)
	hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
	var he *client.HubError
	if err == nil || errors.As(err, &he) {
		t.Fatalf("a payment whose answer was cut: %v, want a transport error", err)
	}
	if px.cuts.Load() != 1 {
		t.Fatalf("the proxy cut %d answers, want the intent's", px.cuts.Load())
	}
	e.eventually("the payment to complete after the payer reconnected", func() bool {
		p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted
	})
	again, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	if again == hl {
		t.Fatal("a payment asked for after the first completed reused its hashlock")
	}
	e.eventually("the second payment to complete", func() bool {
		p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, again)
		return err == nil && p.Status == store.PayCompleted
	})
	e.eventually("both wallets to hold the final states", func() bool {
		_, ub := balance(b)
		_, ua := balance(a)
		return ub.Cmp(eth(7)) == 0 && ua.Cmp(eth(3)) == 0
	})
}

// listen has the wallets listen until the test ends, and waits until each holds its
// stream open.
func (e *env) listen(ws ...*client.Wallet) {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var listening sync.WaitGroup
	e.t.Cleanup(func() { cancel(); listening.Wait() })
	for _, w := range ws {
		listening.Go(func() { _ = w.Listen(ctx) })
	}
	e.eventually("the wallets to open their streams", func() bool {
		for _, w := range ws {
			if !w.Streaming() {
				return false
			}
		}
		return true
	})
}
