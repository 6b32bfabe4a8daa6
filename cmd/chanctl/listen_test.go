package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer a command writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// listener is chanctl listen running as a user until the test ends.
type listener struct {
	out, errOut syncBuffer
	stop        func()
	done        chan error
}

func (e *env) listen(u user, args ...string) *listener {
	e.t.Helper()
	ctx, stop := context.WithCancel(e.t.Context())
	l := &listener{stop: stop, done: make(chan error, 1)}
	go func() {
		l.done <- runIO(ctx, append([]string{"--config", u.config, "listen"}, args...), &l.out, &l.errOut)
	}()
	e.t.Cleanup(func() {
		stop()
		if err := <-l.done; err != nil {
			e.t.Errorf("listen: %v\n%s", err, l.errOut.String())
		}
	})
	return l
}

// lines decodes every line listen --json printed; each must be one JSON object.
func (l *listener) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(l.out.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("listen --json printed a line that is not one JSON object: %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

// event returns the first line of kind whose fields match want, or nil.
func (l *listener) event(t *testing.T, kind string, want map[string]string) map[string]any {
	t.Helper()
	for _, m := range l.lines(t) {
		if m["event"] != kind {
			continue
		}
		ok := true
		for k, v := range want {
			ok = ok && strings.EqualFold(str(m[k]), v) // addresses are lower case in JSON
		}
		if ok {
			return m
		}
	}
	return nil
}

// TestListenPrintsEvents: listen --json prints one JSON object per line for each event —
// the hub's top-up toward the payee, the payment received and sent, the exit and the
// settlement — with amounts in ether and wei, the counterparty, the nonce, the
// transaction and block of on-chain ones, and UTC times; payments lists the payment on
// both sides, and status shows the dispute with its deadline in UTC and what to do.
func TestListenPrintsEvents(t *testing.T) {
	defer setChainEventInterval(200 * time.Millisecond)()
	e := newEnv(t)
	alice, bob := e.wallet(1), e.wallet(2)
	e.deposited(alice, "1")
	e.deposited(bob, "1")
	la, lb := e.listen(alice, "--json"), e.listen(bob, "--json")
	e.until("both to listen", func() bool {
		return strings.Contains(la.out.String(), `"listening":true`) && strings.Contains(lb.out.String(), `"listening":true`)
	})
	e.until("alice's payment to go through", func() bool {
		_, _, err := e.ctl(alice, "pay", bob.addr.Hex(), "0.25")
		return err == nil // the first waits for bob's listen to co-sign the hub's top-up
	})
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("alice's listen:\n%s%s\nbob's listen:\n%s%s", la.out.String(), la.errOut.String(), lb.out.String(), lb.errOut.String())
		}
	})
	e.until("bob's listen to print the payment", func() bool {
		return lb.event(t, "payment_received", map[string]string{"counterparty": alice.addr.Hex()}) != nil
	})
	got := lb.event(t, "payment_received", nil)
	if str(got["amount"]) != "0.25" || str(got["unit"]) != "ether" || str(got["wei"]) != "250000000000000000" ||
		!strings.EqualFold(str(got["channel"]), bob.addr.Hex()) || str(got["nonce"]) == "" || str(got["hashlock"]) == "" {
		t.Errorf("payment_received: %v", got)
	}
	checkUTC(t, got)
	if up := lb.event(t, "topup", map[string]string{"amount": "5"}); up == nil {
		t.Errorf("bob's listen printed no top-up of 5 ether:\n%s", lb.out.String())
	}
	e.until("alice's listen to print the payment sent", func() bool {
		return la.event(t, "payment_sent", map[string]string{"counterparty": bob.addr.Hex(), "wei": "250000000000000000"}) != nil
	})

	// payments, on both sides.
	out, errOut, err := e.ctl(alice, "payments", "--json")
	if err != nil {
		t.Fatalf("payments: %v\n%s", err, errOut)
	}
	p := field(decode(t, out), "payments", 0)
	if str(field(p, "direction")) != "sent" || !strings.EqualFold(str(field(p, "counterparty")), bob.addr.Hex()) || str(field(p, "amount")) != "0.25" ||
		str(field(p, "status")) != "complete" || !strings.HasSuffix(str(field(p, "timeUTC")), "Z") {
		t.Errorf("alice's payments --json: %s", out)
	}
	if out, _, err := e.ctl(bob, "payments"); err != nil || !strings.Contains(out, "received 0.25 ether from "+alice.addr.Hex()) {
		t.Errorf("bob's payments: %v\n%s", err, out)
	}

	// The exit and the settlement, as the chain shows them.
	if out, errOut, err := e.ctl(alice, "exit"); err != nil {
		t.Fatalf("exit: %v\n%s%s", err, out, errOut)
	}
	e.until("alice's listen to print the exit", func() bool { return la.event(t, "exit", nil) != nil })
	x := la.event(t, "exit", nil)
	if str(x["by"]) != "user" || !strings.EqualFold(str(x["counterparty"]), alice.addr.Hex()) || str(x["tx"]) == "" || num(x["block"]) <= 0 || num(x["deadline"]) <= 0 {
		t.Errorf("exit: %v", x)
	}
	checkUTC(t, x)
	deadline := uint64(num(x["deadline"]))
	s := e.status(alice)
	d := field(s, "dispute")
	if str(field(d, "closedBy")) != "user" || str(field(d, "exitNonce")) != str(x["nonce"]) || field(d, "challenged") != false ||
		num(field(d, "deadline")) != float64(deadline) || str(field(d, "deadlineUTC")) != utc(deadline) ||
		!strings.Contains(str(field(d, "whatToDo")), "chanctl settle") {
		t.Errorf("status --json during the dispute: %v", d)
	}
	if out, _, _ := e.ctl(alice, "status"); !strings.Contains(out, "dispute: you ("+alice.addr.Hex()+") closed the channel on-chain") ||
		!strings.Contains(out, "challenge deadline "+utc(deadline)) || !strings.Contains(out, "what to do: ") {
		t.Errorf("status during the dispute:\n%s", out)
	}
	e.node.AdvanceTo(deadline + 1)
	if out, errOut, err := e.ctl(alice, "settle"); err != nil {
		t.Fatalf("settle: %v\n%s%s", err, out, errOut)
	}
	e.until("alice's listen to print the settlement", func() bool { return la.event(t, "settlement", nil) != nil })
	st := la.event(t, "settlement", nil)
	if str(st["wei"]) != "750000000000000000" || str(st["amount"]) != "0.75" || str(st["tx"]) == "" || num(st["block"]) <= 0 {
		t.Errorf("settlement: %v", st)
	}
	checkUTC(t, st)
}

// checkUTC checks an event's time: RFC 3339 in UTC, the same instant as its Unix time.
func checkUTC(t *testing.T, m map[string]any) {
	t.Helper()
	at, err := time.Parse(time.RFC3339, str(m["timeUTC"]))
	if err != nil || !strings.HasSuffix(str(m["timeUTC"]), "Z") || at.Unix() != int64(num(m["time"])) || num(m["time"]) == 0 {
		t.Errorf("%s: time %v, timeUTC %q: %v", m["event"], m["time"], m["timeUTC"], err)
	}
}
