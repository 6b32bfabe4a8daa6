package hubapi_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/wire"
)

// serveWith runs the API with limits behind a real server with timeouts, on loopback.
func serveWith(t *testing.T, e *env, l hubapi.Limits, to hubapi.Timeouts) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := hubapi.HTTPServer(hubapi.NewServerWith(e.hub, e.auth, slog.New(slog.DiscardHandler), l).Handler(), to)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// trickle sends a request's head and then its body one byte at a time, every gap,
// and reports whether the server closed the connection before the body was complete.
func trickle(t *testing.T, addr, head string, bodyLen int, gap time.Duration) (status string, closedEarly bool) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "%sContent-Length: %d\r\n\r\n", head, bodyLen)
	answer := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(c).ReadString('\n')
		answer <- strings.TrimSpace(line)
	}()
	for i := 0; i < bodyLen; i++ {
		select {
		case status = <-answer:
			return status, true
		case <-time.After(gap):
		}
		if _, err := c.Write([]byte("x")); err != nil {
			return "", true
		}
	}
	select {
	case status = <-answer:
	case <-time.After(5 * time.Second):
	}
	return status, false
}

// TestSlowBodies: an unauthenticated request is answered 401 before its body is read; a
// signed-looking request trickling its body is cut off by the read timeout; meanwhile a
// signed request succeeds.
func TestSlowBodies(t *testing.T) {
	e := newEnv(t)
	addr := serveWith(t, e, hubapi.Limits{}, hubapi.Timeouts{Read: 300 * time.Millisecond})
	e.url = "http://" + addr
	var wg sync.WaitGroup
	results := make([]string, 2)
	early := make([]bool, 2)
	wg.Go(func() {
		results[0], early[0] = trickle(t, addr, "POST /v1/requests HTTP/1.1\r\nHost: x\r\n", 40, 100*time.Millisecond)
	})
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	wg.Go(func() {
		head := fmt.Sprintf("POST /v1/requests HTTP/1.1\r\nHost: x\r\n%s: %s\r\n%s: 0x%064x\r\n%s: 0x%0130x\r\n",
			wire.HeaderUser, user.Hex(), wire.HeaderNonce, 1, wire.HeaderSignature, 1)
		results[1], early[1] = trickle(t, addr, head, 40, 100*time.Millisecond)
	})
	if code, _ := e.call("GET", "/v1/channel", nil, key, user, e.nonce(user)); code != http.StatusOK {
		t.Errorf("a signed request beside the slow clients: %d", code)
	}
	wg.Wait()
	if !early[0] || !strings.Contains(results[0], "401") {
		t.Errorf("unauthenticated trickle: %q (closed early %v), want 401 before the body", results[0], early[0])
	}
	if !early[1] {
		t.Errorf("a trickled body outlived the read timeout (answer %q)", results[1])
	}
}

// TestPollCaps: long polls beyond the per-user cap are answered 429 with Retry-After.
func TestPollCaps(t *testing.T) {
	e := newEnv(t)
	e.url = "http://" + serveWith(t, e, hubapi.Limits{MaxPollsPerUser: 1}, hubapi.Timeouts{})
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	first := make(chan int, 1)
	go func() {
		code, _ := e.call("GET", "/v1/updates?wait=2s", nil, key, user, e.nonce(user))
		first <- code
	}()
	// The first poll is open once the hub was asked for the user's channel.
	wait.Until(t, 5*time.Second, "the first poll to reach the hub", func() bool { return e.hub.servedTo(user) })
	code, we := e.call("GET", "/v1/updates?wait=1s", nil, key, user, e.nonce(user))
	if code != http.StatusTooManyRequests || we.Code != wire.CodeRateLimited {
		t.Fatalf("a second poll: %d %+v, want 429 rate_limited", code, we)
	}
	if c := <-first; c != http.StatusOK {
		t.Errorf("the first poll: %d", c)
	}
	other, _ := crypto.GenerateKey()
	ou := crypto.PubkeyToAddress(other.PublicKey)
	if code, _ := e.call("GET", "/v1/updates?wait=10ms", nil, other, ou, e.nonce(ou)); code != http.StatusOK {
		t.Errorf("another user's poll: %d", code)
	}
}

// TestNonceRate: one address asking for auth nonces faster than the rate gets 429 with
// Retry-After once its burst is spent.
func TestNonceRate(t *testing.T) {
	e := newEnv(t)
	e.url = "http://" + serveWith(t, e, hubapi.Limits{NonceRate: 1, NonceBurst: 3}, hubapi.Timeouts{})
	body := []byte(`{"user":"0x00000000000000000000000000000000000000aa"}`)
	codes := map[int]int{}
	retry := ""
	for range 10 {
		resp, err := http.Post(e.url+"/v1/auth/nonce", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		codes[resp.StatusCode]++
		if resp.StatusCode == http.StatusTooManyRequests {
			retry = resp.Header.Get("Retry-After")
		}
	}
	if codes[http.StatusOK] < 3 || codes[http.StatusOK] > 4 || codes[http.StatusTooManyRequests] < 6 || retry == "" {
		t.Fatalf("answers %v (Retry-After %q), want the burst of 3 served and the rest 429", codes, retry)
	}
	if len(e.auth.nonces) != codes[http.StatusOK] {
		t.Fatalf("%d nonces stored for %d issued", len(e.auth.nonces), codes[http.StatusOK])
	}
}

// TestStrictRequests: a signed request body with a duplicate key or a key in another
// letter case is refused 400 naming the field.
func TestStrictRequests(t *testing.T) {
	e := newEnv(t)
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	for name, body := range map[string]string{
		"duplicate": `{"nonce":"1","nonce":"2"}`,
		"case":      `{"NONCE":"1"}`,
	} {
		code, we := e.call("POST", "/v1/cosign", []byte(body), key, user, e.nonce(user))
		if code != http.StatusBadRequest || we.Code != wire.CodeInvalidJSON || !strings.Contains(strings.ToLower(we.Message), "nonce") {
			t.Errorf("%s: %d %+v, want 400 invalid_json naming the field", name, code, we)
		}
	}
}

// TestNonceRateIPv6: addresses in one IPv6 /64 share one bucket of auth nonces, so
// rotating through them gains nothing; another /64 has its own.
func TestNonceRateIPv6(t *testing.T) {
	e := newEnv(t)
	h := hubapi.NewServerWith(e.hub, e.auth, slog.New(slog.DiscardHandler), hubapi.Limits{NonceRate: 1, NonceBurst: 3}).Handler()
	ask := func(remote string) int {
		r := httptest.NewRequest("POST", "/v1/auth/nonce", strings.NewReader(`{"user":"0x00000000000000000000000000000000000000aa"}`))
		r.RemoteAddr = remote
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	for i := range 3 {
		if code := ask(fmt.Sprintf("[2001:db8:0:1::%x]:4000", i+1)); code != http.StatusOK {
			t.Fatalf("nonce %d of the /64's burst: %d", i+1, code)
		}
	}
	if code := ask("[2001:db8:0:1:ffff::1]:4000"); code != http.StatusTooManyRequests {
		t.Fatalf("a 4th address in the same /64: %d, want 429", code)
	}
	if code := ask("[2001:db8:0:2::1]:4000"); code != http.StatusOK {
		t.Fatalf("an address in another /64: %d, want 200", code)
	}
}
