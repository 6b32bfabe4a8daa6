package alert_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/alert"
)

// fakeSlack is a local stand-in for Slack's Web API and an incoming webhook. It answers
// the first `limited` requests with 429 and Retry-After, and the next `failing` with 500.
type fakeSlack struct {
	mu       sync.Mutex
	limited  int
	failing  int
	requests int
	posts    []post
}

type post struct{ channel, text, auth string }

func (f *fakeSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if f.limited > 0 {
		f.limited--
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	if f.failing > 0 {
		f.failing--
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	switch r.URL.Path {
	case "/api/chat.postMessage":
		if err := r.ParseForm(); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		auth := r.Header.Get("Authorization")
		if tok := r.Form.Get("token"); tok != "" {
			auth = "Bearer " + tok
		}
		f.posts = append(f.posts, post{channel: r.Form.Get("channel"), text: r.Form.Get("text"), auth: auth})
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true,"channel":"` + r.Form.Get("channel") + `","ts":"1.0"}`))
	case "/hook":
		var body strings.Builder
		buf := make([]byte, 4096)
		n, _ := r.Body.Read(buf)
		body.Write(buf[:n])
		f.posts = append(f.posts, post{text: body.String()})
		w.Write([]byte("ok"))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func (f *fakeSlack) wait(t *testing.T, n int) []post {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		f.mu.Lock()
		if len(f.posts) >= n {
			out := append([]post(nil), f.posts...)
			f.mu.Unlock()
			return out
		}
		f.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("Slack received %d posts, want %d", len(f.posts), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func run(t *testing.T, s *alert.Slack) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// TestSlackBotRoutesAndHonoursRateLimits posts through slack-go's Web API client: each
// severity goes to its channel (critical falls back to warning's), and a 429 is retried
// after Slack's Retry-After.
func TestSlackBotRoutesAndHonoursRateLimits(t *testing.T) {
	f := &fakeSlack{limited: 1}
	srv := httptest.NewServer(f)
	defer srv.Close()
	s, err := alert.NewSlack(alert.SlackConfig{Token: "xoxb-test", APIURL: srv.URL + "/api/",
		Channels: map[alert.Severity]string{alert.Info: "#vigil", alert.Warning: "#vigil-disputes"}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s)
	start := time.Now()
	s.Send(t.Context(), alert.Alert{Severity: alert.Critical, Kind: alert.ChallengeAtRisk, Key: "k1", Text: "deadline near"})
	s.Send(t.Context(), alert.Alert{Severity: alert.Info, Kind: alert.ChallengeSent, Key: "k2", Text: "sent"})
	posts := f.wait(t, 2)
	if time.Since(start) < time.Second {
		t.Errorf("delivered %v after a 429 with Retry-After: 1s; the rate limit was not honoured", time.Since(start))
	}
	if posts[0].channel != "#vigil-disputes" || !strings.Contains(posts[0].text, "challenge_at_risk") || !strings.Contains(posts[0].text, "deadline near") {
		t.Errorf("critical alert posted as %+v, want to #vigil-disputes with its kind and text", posts[0])
	}
	if posts[1].channel != "#vigil" || posts[0].auth != "Bearer xoxb-test" {
		t.Errorf("info alert posted as %+v (auth %q)", posts[1], posts[0].auth)
	}
}

// TestSlackWebhookRetriesAndDedup posts to an incoming webhook that fails twice; the
// alert arrives once, and a repeat of its key within the quiet period is dropped.
func TestSlackWebhookRetriesAndDedup(t *testing.T) {
	f := &fakeSlack{failing: 2}
	srv := httptest.NewServer(f)
	defer srv.Close()
	s, err := alert.NewSlack(alert.SlackConfig{WebhookURL: srv.URL + "/hook", Backoff: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s)
	d := &alert.Dedup{Next: s, Quiet: time.Hour}
	a := alert.Alert{Severity: alert.Critical, Kind: alert.GasLow, Key: "gas", Text: "top up"}
	d.Send(t.Context(), a)
	d.Send(t.Context(), a)
	d.Send(t.Context(), alert.Alert{Severity: alert.Info, Kind: alert.StaleClose, Key: "other", Text: "x"})
	posts := f.wait(t, 2)
	time.Sleep(100 * time.Millisecond)
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.posts) != 2 || f.requests != 4 {
		t.Errorf("%d posts from %d requests, want 2 posts from 4 (two failures retried, the repeat dropped)", len(f.posts), f.requests)
	}
	if !strings.Contains(posts[0].text, "gas_low") {
		t.Errorf("first post %q", posts[0].text)
	}
}

func TestSlackConfigErrors(t *testing.T) {
	for _, cfg := range []alert.SlackConfig{{}, {Token: "x", WebhookURL: "http://127.0.0.1/h"}, {Token: "x"}} {
		if _, err := alert.NewSlack(cfg); err == nil {
			t.Errorf("NewSlack(%+v) accepted", cfg)
		}
	}
}
