package towerapi_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// withUserAlerts serves e's store with user alerts on: the allowlist, and a recorder for
// the state-stored alerts.
func withUserAlerts(t *testing.T, e *env, allowed ...string) *alert.Recorder {
	t.Helper()
	allow, err := alert.NewAllowlist(allowed)
	if err != nil {
		t.Fatal(err)
	}
	rec := &alert.Recorder{}
	srv := httptest.NewServer(towerapi.NewServer(e.st, e.tower, slog.New(slog.DiscardHandler)).
		WithUserAlerts(towerapi.UserAlerts{Webhooks: e.st, Allow: allow, Sink: rec}).Handler())
	t.Cleanup(srv.Close)
	e.srv = srv
	return rec
}

func (e *env) registration(url, format string, ts int64, key *ecdsa.PrivateKey) wire.WebhookRegistration {
	e.t.Helper()
	r := wire.WebhookRegistration{URL: url, Format: format, Timestamp: uint64(ts)}
	if err := wire.SignWebhook(&r, e.domain.ChainID, e.contract, key); err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *env) postWebhook(path string, body []byte) (int, string) {
	e.t.Helper()
	if path == "" {
		path = fmt.Sprintf("/v1/channels/%s/%s/webhook", e.contract.Hex(), e.userAddr().Hex())
	}
	resp, err := http.Post(e.srv.URL+path, "application/json", bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.String()
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWebhookRegistration: the channel's user registers a Slack webhook with a request
// signed by its channel key; replays, other signers, stale timestamps, hosts off the
// allowlist (plain http included) and malformed JSON get clear 4xx answers and change
// nothing; an explicitly allowed loopback endpoint is accepted; an empty URL removes the
// registration. A stored state raises a state-stored alert for the user.
func TestWebhookRegistration(t *testing.T) {
	e := newEnv(t)
	target := httptest.NewServer(http.NotFoundHandler())
	defer target.Close()
	rec := withUserAlerts(t, e, "hooks.slack.com", target.URL)
	const hook = "https://hooks.slack.com/services/T0/B0/s3cr3t"
	now := time.Now().Unix()

	// The tower registers webhooks only for channels it guards.
	if code, body := e.postWebhook("", mustJSON(t, e.registration(hook, wire.WebhookSlack, now, e.user))); code != http.StatusNotFound ||
		!strings.Contains(body, wire.CodeNotFound) {
		t.Fatalf("before any state: %d %s", code, body)
	}
	if code, _, werr := e.postDeposit(e.deposit(e.state(5))); code != http.StatusCreated {
		t.Fatalf("deposit: %d %+v", code, werr)
	}
	if code, _, _ := e.postDeposit(e.deposit(e.state(5))); code != http.StatusOK {
		t.Fatalf("deposit again: %d", code)
	}
	got := rec.Alerts()
	if len(got) != 1 || got[0].Kind != alert.StateStored || got[0].User != e.userAddr() || got[0].Contract != e.contract ||
		got[0].Nonce.Int64() != 5 || got[0].UserFunds.Wei.Int64() != 5 {
		t.Fatalf("state-stored alerts: %+v, want one for nonce 5", got)
	}

	reg := mustJSON(t, e.registration(hook, wire.WebhookSlack, now, e.user))
	code, body := e.postWebhook("", reg)
	var ok wire.WebhookRegistered
	if code != http.StatusOK || json.Unmarshal([]byte(body), &ok) != nil || ok.Host != "hooks.slack.com" || ok.Format != wire.WebhookSlack ||
		ok.User != e.userAddr() || ok.Removed {
		t.Fatalf("register: %d %s", code, body)
	}
	if strings.Contains(body, "s3cr3t") {
		t.Errorf("the answer echoes the webhook URL: %s", body)
	}
	stored := func() string {
		w, err := e.st.UserWebhook(t.Context(), e.contract, e.userAddr())
		if errors.Is(err, store.ErrNotFound) {
			return ""
		}
		if err != nil {
			t.Fatal(err)
		}
		return w.URL
	}
	if stored() != hook {
		t.Fatalf("stored %q", stored())
	}

	other, _ := crypto.GenerateKey()
	signedFor := e.registration(hook, wire.WebhookSlack, now+1, e.user)
	signedFor.URL = "https://hooks.slack.com/services/T0/B0/other"
	tooBig := `{"url":"` + strings.Repeat("a", towerapi.MaxWebhookBody) + `"}`
	otherContract := fmt.Sprintf("/v1/channels/%s/%s/webhook", common.HexToAddress("0xdead").Hex(), e.userAddr().Hex())
	for _, tc := range []struct {
		name, path string
		body       []byte
		status     int
		code       string
	}{
		{"replay", "", reg, http.StatusConflict, wire.CodeStaleTimestamp},
		{"host off the list", "", mustJSON(t, e.registration("https://evil.example/hook", wire.WebhookJSON, now+1, e.user)), http.StatusUnprocessableEntity, wire.CodeHostNotAllowed},
		{"plain http to slack", "", mustJSON(t, e.registration("http://hooks.slack.com/services/T0/B0/x", wire.WebhookSlack, now+1, e.user)), http.StatusUnprocessableEntity, wire.CodeHostNotAllowed},
		{"loopback port off the list", "", mustJSON(t, e.registration("http://127.0.0.1:1/hook", wire.WebhookJSON, now+1, e.user)), http.StatusUnprocessableEntity, wire.CodeHostNotAllowed},
		{"user info", "", mustJSON(t, e.registration("https://u:p@hooks.slack.com/services/x", wire.WebhookSlack, now+1, e.user)), http.StatusBadRequest, wire.CodeInvalidField},
		{"not a URL", "", mustJSON(t, e.registration("hooks.slack.com/services/x", wire.WebhookSlack, now+1, e.user)), http.StatusBadRequest, wire.CodeInvalidField},
		{"another signer", "", mustJSON(t, e.registration(hook+"2", wire.WebhookSlack, now+1, other)), http.StatusUnauthorized, wire.CodeBadUserSignature},
		{"signed for another URL", "", mustJSON(t, signedFor), http.StatusUnauthorized, wire.CodeBadUserSignature},
		{"timestamp too old", "", mustJSON(t, e.registration(hook+"2", wire.WebhookSlack, now-600, e.user)), http.StatusBadRequest, wire.CodeStaleTimestamp},
		{"timestamp ahead", "", mustJSON(t, e.registration(hook+"2", wire.WebhookSlack, now+600, e.user)), http.StatusBadRequest, wire.CodeStaleTimestamp},
		{"format", "", mustJSON(t, e.registration(hook+"2", "xml", now+1, e.user)), http.StatusBadRequest, wire.CodeInvalidField},
		{"short signature", "", []byte(`{"url":"` + hook + `","format":"slack","timestamp":1,"signature":"0x01"}`), http.StatusBadRequest, wire.CodeInvalidField},
		{"unknown field", "", bytes.Replace(reg, []byte(`"url"`), []byte(`"hook":1,"url"`), 1), http.StatusBadRequest, wire.CodeInvalidJSON},
		{"duplicate key", "", bytes.Replace(reg, []byte(`"url":`), []byte(`"url":"https://hooks.slack.com/services/dup","url":`), 1), http.StatusBadRequest, wire.CodeInvalidJSON},
		{"case variant", "", bytes.Replace(reg, []byte(`"format"`), []byte(`"FORMAT"`), 1), http.StatusBadRequest, wire.CodeInvalidJSON},
		{"trailing data", "", append(append([]byte{}, reg...), []byte(` {}`)...), http.StatusBadRequest, wire.CodeInvalidJSON},
		{"not JSON", "", []byte(`url=x`), http.StatusBadRequest, wire.CodeInvalidJSON},
		{"too large", "", []byte(tooBig), http.StatusRequestEntityTooLarge, wire.CodeBodyTooLarge},
		{"unknown contract", otherContract, mustJSON(t, e.registration(hook+"2", wire.WebhookSlack, now+1, e.user)), http.StatusNotFound, wire.CodeUnknownContract},
		{"bad address", "/v1/channels/0x12/" + e.userAddr().Hex() + "/webhook", reg, http.StatusBadRequest, wire.CodeInvalidField},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := e.postWebhook(tc.path, tc.body)
			var werr wire.Error
			if err := json.Unmarshal([]byte(body), &werr); err != nil || code != tc.status || werr.Code != tc.code || werr.Message == "" {
				t.Errorf("%d %s, want %d %s", code, body, tc.status, tc.code)
			}
			if strings.Contains(body, "s3cr3t") {
				t.Errorf("the answer echoes a webhook URL: %s", body)
			}
			if stored() != hook {
				t.Errorf("a rejected registration changed the stored one to %q", stored())
			}
		})
	}

	// A loopback endpoint on the list (a test's own), then removal.
	local := target.URL + "/hook"
	if code, body := e.postWebhook("", mustJSON(t, e.registration(local, wire.WebhookJSON, now+1, e.user))); code != http.StatusOK || stored() != local {
		t.Fatalf("register the allowed loopback endpoint: %d %s", code, body)
	}
	code, body = e.postWebhook("", mustJSON(t, e.registration("", wire.WebhookJSON, now+2, e.user)))
	if code != http.StatusOK || !strings.Contains(body, `"removed":true`) || stored() != "" {
		t.Fatalf("remove: %d %s (stored %q)", code, body, stored())
	}
	if code, _ := e.postWebhook("", mustJSON(t, e.registration(local, wire.WebhookJSON, now+1, e.user))); code != http.StatusConflict {
		t.Errorf("replay after removal: %d, want 409", code)
	}
}

// TestWebhookRegistrationDisabled: without user alerts the endpoint is 404 and
// deposits raise nothing.
func TestWebhookRegistrationDisabled(t *testing.T) {
	e := newEnv(t)
	if code, _, _ := e.postDeposit(e.deposit(e.state(5))); code != http.StatusCreated {
		t.Fatal("deposit")
	}
	code, body := e.postWebhook("", mustJSON(t, e.registration("https://hooks.slack.com/services/x", wire.WebhookSlack, time.Now().Unix(), e.user)))
	if code != http.StatusNotFound || !strings.Contains(body, "not enabled") {
		t.Errorf("%d %s", code, body)
	}
}

// TestStateStoredReachesTheUser wires the API to the user-webhook sink as a tower does:
// after the user registers a JSON webhook, its next deposit reaches the webhook as a
// state_stored alert.
func TestStateStoredReachesTheUser(t *testing.T) {
	e := newEnv(t)
	got := make(chan wire.UserAlert, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ua wire.UserAlert
		if err := json.NewDecoder(r.Body).Decode(&ua); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		got <- ua
	}))
	defer hook.Close()
	allow, err := alert.NewAllowlist([]string{hook.URL})
	if err != nil {
		t.Fatal(err)
	}
	users, err := alert.NewUserWebhooks(alert.UserSinkConfig{Store: e.st, Allow: allow, PollInterval: 10 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- users.Run(ctx) }()
	defer func() { cancel(); <-done }()
	srv := httptest.NewServer(towerapi.NewServer(e.st, e.tower, slog.New(slog.DiscardHandler)).
		WithUserAlerts(towerapi.UserAlerts{Webhooks: e.st, Allow: allow, Sink: users}).Handler())
	defer srv.Close()
	e.srv = srv
	if code, _, _ := e.postDeposit(e.deposit(e.state(5))); code != http.StatusCreated {
		t.Fatal("first deposit")
	}
	if code, body := e.postWebhook("", mustJSON(t, e.registration(hook.URL+"/alice", wire.WebhookJSON, time.Now().Unix(), e.user))); code != http.StatusOK {
		t.Fatalf("register: %d %s", code, body)
	}
	if code, _, _ := e.postDeposit(e.deposit(e.state(6))); code != http.StatusCreated {
		t.Fatal("second deposit")
	}
	select {
	case ua := <-got:
		if ua.Kind != alert.StateStored || ua.Nonce.V.Int64() != 6 || ua.User != e.userAddr() || ua.Contract != e.contract {
			t.Errorf("the user heard %+v", ua)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the user's webhook heard nothing")
	}
}
