package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/wire"
)

// hooks is a local stand-in for Slack's incoming webhook (/slack) and a user's JSON
// webhook (/user), recording when each message arrived.
type hooks struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []hookMsg
}

type hookMsg struct {
	path string
	body string
	at   time.Time
}

func newHooks(t *testing.T) *hooks {
	h := &hooks{}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.got = append(h.got, hookMsg{r.URL.Path, string(b), time.Now()})
		h.mu.Unlock()
		w.Write([]byte("ok"))
	}))
	t.Cleanup(h.srv.Close)
	return h
}

// first returns when the first message to path containing text arrived.
func (h *hooks) first(path, text string) (time.Time, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range h.got {
		if m.path == path && strings.Contains(m.body, text) {
			return m.at, true
		}
	}
	return time.Time{}, false
}

// alertsConfig is the tower's alerts section: Slack's webhook from the environment, and
// users' webhooks allowed to the local stand-in only.
func (h *hooks) alertsConfig() string {
	return "alerts:\n  quiet: 30m\n  group_interval: 1s\n  slack: {webhook_env: VIGIL_SLACK_WEBHOOK}\n" +
		"  user_webhooks: {allowed_hosts: [\"" + h.srv.URL + "\"]}\n"
}

// register signs and posts user's webhook registration for its channel.
func (s *stack) registerWebhook(t *testing.T, url string) {
	t.Helper()
	key := s.node.Key(2)
	user := crypto.PubkeyToAddress(key.PublicKey)
	r := wire.WebhookRegistration{URL: url, Format: wire.WebhookJSON, Timestamp: uint64(time.Now().Unix())}
	if err := wire.SignWebhook(&r, s.chainID, s.manager, key); err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(r)
	resp, err := http.Post(s.towerURL+"/v1/channels/"+s.manager.Hex()+"/"+user.Hex()+"/webhook", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("webhook registration: %d %s", resp.StatusCode, b)
	}
}
