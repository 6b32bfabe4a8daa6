package alert

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// endpoint is a local webhook receiver recording what it is sent.
type endpoint struct {
	mu     sync.Mutex
	bodies []string
	hits   int
	status int    // answer with this instead of 200 when set
	to     string // answer with a redirect here when set
	srv    *httptest.Server
}

func newEndpoint(t *testing.T) *endpoint {
	e := &endpoint{}
	e.srv = httptest.NewServer(e)
	t.Cleanup(e.srv.Close)
	return e
}

func (e *endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.hits++
	if e.to != "" {
		http.Redirect(w, r, e.to, http.StatusTemporaryRedirect)
		return
	}
	if e.status != 0 {
		w.WriteHeader(e.status)
		return
	}
	b, _ := io.ReadAll(r.Body)
	e.bodies = append(e.bodies, string(b))
}

func (e *endpoint) got() ([]string, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.bodies...), e.hits
}

func register(t *testing.T, st WebhookStore, user common.Address, url, format string) {
	t.Helper()
	if err := st.PutUserWebhook(context.Background(), store.UserWebhook{Contract: contract, User: user, URL: url, Format: format,
		SignedAt: uint64(t0.Unix())}); err != nil {
		t.Fatal(err)
	}
}

func userSink(t *testing.T, st UserStore, allow ...string) *UserWebhooks {
	t.Helper()
	l, err := NewAllowlist(allow)
	if err != nil {
		t.Fatal(err)
	}
	u, err := NewUserWebhooks(UserSinkConfig{Store: st, Allow: l, ExplorerURL: explorer, Units: TokenUnits{Symbol: "USDC", Decimals: 6},
		Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxAttempts: 3, PollInterval: 10 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestUserHearsAboutItsChannel: a user with a JSON webhook hears, in order, state stored,
// stale close seen, challenge sent, challenge confirmed and the settlement with its
// amounts, in words meant for it; a Slack-format registration gets Block Kit; operator
// kinds and channels without a registration are never queued.
func TestUserHearsAboutItsChannel(t *testing.T) {
	st, _ := backends()[0].open(t)
	jsonEP, slackEP := newEndpoint(t), newEndpoint(t)
	alice, bob, carol := userAddr(1), userAddr(2), userAddr(3)
	register(t, st, alice, jsonEP.srv.URL+"/hooks/alice-s3cr3t", wire.WebhookJSON)
	register(t, st, bob, slackEP.srv.URL+"/services/T/B/bob-s3cr3t", wire.WebhookSlack)
	u := userSink(t, st, jsonEP.srv.URL, slackEP.srv.URL)
	ch := func(user common.Address, kind string) Alert {
		a := stale(0)
		a.User, a.Kind, a.Key, a.Text = user, kind, kind+user.Hex(), "outbox 17 queued by tower account 0x5e4d"
		return a
	}
	settled := ch(alice, SettleDone)
	settled.UserFunds, settled.HubFunds, settled.TxHash = Funds{Wei: ethers("0.4")}, Funds{Wei: ethers("0.6")}, txHash
	for _, a := range []Alert{ch(alice, StateStored), ch(alice, StaleClose), ch(alice, ChallengeSent), ch(alice, GasLow),
		ch(alice, SettleSent), ch(alice, ChallengeConfirmed), settled, ch(bob, StaleClose), ch(carol, StaleClose),
		{Kind: GasLow, Key: "gas", Account: towerAcc}} {
		u.Send(t.Context(), a)
	}
	if n := len(rows(t, st, UserSink)); n != 6 {
		t.Fatalf("%d alerts queued for users, want 6 (5 for alice, 1 for bob)", n)
	}
	runLoop(t, u.Run)
	wait.For(t, "alice's five and bob's one", func() bool {
		a, _ := jsonEP.got()
		b, _ := slackEP.got()
		return len(a) == 5 && len(b) == 1
	})
	bodies, _ := jsonEP.got()
	var kinds []string
	for _, b := range bodies {
		var ua wire.UserAlert
		if err := wire.DecodeStrict([]byte(b), &ua); err != nil {
			t.Fatalf("alice's webhook got %s: %v", b, err)
		}
		kinds = append(kinds, ua.Kind)
		if ua.Contract != contract || ua.User != alice || ua.Nonce.V.Int64() != 7 || ua.Deadline == 0 || ua.Title == "" {
			t.Errorf("alert %+v", ua)
		}
		if strings.Contains(ua.Text, "outbox") || strings.Contains(ua.Text, "0x5e4d") {
			t.Errorf("the operator's text reached the user: %q", ua.Text)
		}
		if ua.Kind == SettleDone {
			if ua.UserFunds.Wei.V.Cmp(ethers("0.4")) != 0 || ua.HubFunds.Wei.V.Cmp(ethers("0.6")) != 0 ||
				ua.TxURL != explorer+"/tx/"+txHash.Hex() || !strings.Contains(ua.Text, "0.4 ETH paid to you") {
				t.Errorf("settlement %+v", ua)
			}
		}
	}
	want := []string{StateStored, StaleClose, ChallengeSent, ChallengeConfirmed, SettleDone}
	if strings.Join(kinds, ",") != strings.Join(want, ",") {
		t.Errorf("alice heard %v, want %v", kinds, want)
	}
	b, _ := slackEP.got()
	var msg struct {
		Text   string          `json:"text"`
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(b[0]), &msg); err != nil {
		t.Fatal(err)
	}
	if body := texts(t, string(msg.Blocks)); !strings.Contains(body, "Stale close detected") || !strings.Contains(body, "Your channel was closed on-chain with the older nonce 3") {
		t.Errorf("bob's Slack message:\n%s", body)
	}
	wait.For(t, "all marked delivered", func() bool { return countStatus(rows(t, st, UserSink), store.AlertDelivered) == 6 })
}

// TestUserWebhookAllowlist: a registration whose host is not on the list (stored behind
// the API's back, or the list changed) gets no request; a redirect from an allowed host
// to another is not followed; the client itself refuses other hosts, and a name that
// resolves to a loopback address.
func TestUserWebhookAllowlist(t *testing.T) {
	st, _ := backends()[0].open(t)
	other, redirector := newEndpoint(t), newEndpoint(t)
	redirector.to = other.srv.URL + "/stolen"
	dave, erin := userAddr(4), userAddr(5)
	register(t, st, dave, other.srv.URL+"/hook", wire.WebhookJSON)
	register(t, st, erin, redirector.srv.URL+"/hook", wire.WebhookJSON)
	var logs logBuffer
	u := userSink(t, st, redirector.srv.URL)
	u.log = logs.logger()
	for _, user := range []common.Address{dave, erin} {
		a := stale(0)
		a.User, a.Key = user, user.Hex()
		u.Send(t.Context(), a)
	}
	runLoop(t, u.Run)
	wait.For(t, "both given up", func() bool { return countStatus(rows(t, st, UserSink), store.AlertDead) == 2 })
	if _, hits := other.got(); hits != 0 {
		t.Errorf("a host off the list got %d requests", hits)
	}
	if _, hits := redirector.got(); hits != 1 {
		t.Errorf("the redirecting host got %d requests, want 1", hits)
	}
	for _, r := range rows(t, st, UserSink) {
		if !strings.Contains(r.LastError, "not on the webhook allowlist") && !strings.Contains(r.LastError, "redirect") {
			t.Errorf("row given up with %q", r.LastError)
		}
		if strings.Contains(r.LastError, "/hook") {
			t.Errorf("the error keeps the URL's path: %q", r.LastError)
		}
	}
	if strings.Contains(logs.String(), "/hook") {
		t.Errorf("log holds a webhook path:\n%s", logs.String())
	}

	// The client refuses on its own, whatever URL it is handed.
	l, _ := NewAllowlist([]string{redirector.srv.URL, "https://localhost:" + other.srv.URL[strings.LastIndex(other.srv.URL, ":")+1:]})
	c := l.Client(5 * time.Second)
	for _, target := range []string{other.srv.URL + "/direct", "https://localhost:" + other.srv.URL[strings.LastIndex(other.srv.URL, ":")+1:] + "/x"} {
		resp, err := c.Post(target, "application/json", strings.NewReader("{}"))
		if err == nil {
			resp.Body.Close()
			t.Errorf("client reached %s", target)
		} else if !errors.Is(err, ErrHostNotAllowed) {
			t.Errorf("client to %s: %v, want ErrHostNotAllowed", target, err)
		}
	}
	if _, hits := other.got(); hits != 0 {
		t.Errorf("a host off the list got %d requests", hits)
	}
}

// TestFailingUserEndpoint: one user's endpoint failing does not hold up another's; its
// alerts are retried in order with backoff and given up after MaxAttempts.
func TestFailingUserEndpoint(t *testing.T) {
	st, _ := backends()[0].open(t)
	bad, good := newEndpoint(t), newEndpoint(t)
	bad.status = http.StatusBadGateway
	frank, grace := userAddr(6), userAddr(7)
	register(t, st, frank, bad.srv.URL+"/h", wire.WebhookJSON)
	register(t, st, grace, good.srv.URL+"/h", wire.WebhookJSON)
	u := userSink(t, st, bad.srv.URL, good.srv.URL)
	for i, k := range []string{StaleClose, ChallengeSent} {
		for _, user := range []common.Address{frank, grace} {
			a := stale(i)
			a.User, a.Kind, a.Key = user, k, k+user.Hex()
			u.Send(t.Context(), a)
		}
	}
	runLoop(t, u.Run)
	wait.For(t, "frank's given up, grace's delivered", func() bool {
		r := rows(t, st, UserSink)
		return countStatus(r, store.AlertDead) == 2 && countStatus(r, store.AlertDelivered) == 2
	})
	if _, hits := bad.got(); hits != 6 {
		t.Errorf("failing endpoint got %d requests, want 3 attempts × 2 alerts", hits)
	}
	for _, r := range rows(t, st, UserSink) {
		if r.Status == store.AlertDead && (r.Attempts != 3 || !strings.Contains(r.LastError, "status 502")) {
			t.Errorf("given up after %d attempts (%q), want 3 and the 502", r.Attempts, r.LastError)
		}
	}
	if b, _ := good.got(); len(b) != 2 {
		t.Errorf("the working endpoint got %d alerts", len(b))
	}
}

func TestAllowlistEntries(t *testing.T) {
	l, err := NewAllowlist([]string{"hooks.slack.com", "hooks.example.org:8443", "https://alerts.example.net", "http://127.0.0.1:9000", "http://[::1]:9001"})
	if err != nil {
		t.Fatal(err)
	}
	for url, ok := range map[string]bool{
		"https://hooks.slack.com/services/T/B/x":     true,
		"https://HOOKS.slack.com./services/T/B/x":    true,
		"https://hooks.slack.com:443/services/x":     true,
		"http://hooks.slack.com/services/x":          false,
		"https://hooks.slack.com:8443/x":             false,
		"https://hooks.slack.com.evil.example/x":     false,
		"https://evilhooks.slack.com/x":              false,
		"https://hooks.example.org:8443/x":           true,
		"https://hooks.example.org/x":                false,
		"https://alerts.example.net/x":               true,
		"http://127.0.0.1:9000/x":                    true,
		"http://127.0.0.1:9002/x":                    false,
		"http://localhost:9000/x":                    false,
		"http://[::1]:9001/x":                        true,
		"https://user:pw@hooks.slack.com/services/x": false,
		"ftp://hooks.slack.com/x":                    false,
		"hooks.slack.com/services/x":                 false,
		"":                                           false,
	} {
		_, err := l.Check(url)
		if (err == nil) != ok {
			t.Errorf("Check(%q) = %v, want ok %v", url, err, ok)
		}
		if err != nil && strings.Contains(err.Error(), "/x") {
			t.Errorf("Check(%q) error holds the path: %v", url, err)
		}
	}
	def, _ := NewAllowlist(nil)
	if _, err := def.Check("http://127.0.0.1:9000/x"); !errors.Is(err, ErrHostNotAllowed) {
		t.Errorf("the default list accepts loopback http: %v", err)
	}
	for _, bad := range []string{"http://10.0.0.1", "http://hooks.slack.com", "*.slack.com", "https://x/path", "ftp://x", "https://u@x"} {
		if _, err := NewAllowlist([]string{bad}); err == nil {
			t.Errorf("entry %q accepted", bad)
		}
	}
	for ip, public := range map[string]bool{"8.8.8.8": true, "2606:4700::1": true, "127.0.0.1": false, "10.1.2.3": false,
		"192.168.0.1": false, "169.254.169.254": false, "100.64.0.1": false, "::1": false, "fe80::1": false, "0.0.0.0": false, "fd00::1": false} {
		if got := publicIP(net.ParseIP(ip)); got != public {
			t.Errorf("publicIP(%s) = %v", ip, got)
		}
	}
}
