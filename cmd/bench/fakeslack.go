package main

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// fakeSlackToken is the bot token the bench's towers are given for the fake Slack.
const fakeSlackToken = "xoxb-vigil-bench"

// fakeSlack stands in for Slack's Web API on loopback, so that a tower's alerts go the
// whole way — queued in its database, grouped, posted, marked delivered — as they do in
// production. It accepts every chat.postMessage carrying the bench's token, and counts the
// messages and the lines they carry.
type fakeSlack struct {
	srv *http.Server
	url string

	mu       sync.Mutex
	posts    int
	threaded int // replies in a thread: a group's detail
	lines    int
	refused  int
}

func startFakeSlack() (*fakeSlack, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &fakeSlack{url: "http://" + ln.Addr().String() + "/api/"}
	f.srv = &http.Server{Handler: f, ReadHeaderTimeout: 10 * time.Second}
	go f.srv.Serve(ln) // ends with close
	return f, nil
}

func (f *fakeSlack) apiURL() string { return f.url }

func (f *fakeSlack) close() { f.srv.Close() }

func (f *fakeSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/api/chat.postMessage" || r.ParseForm() != nil {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	auth := r.Header.Get("Authorization")
	if tok := r.Form.Get("token"); tok != "" {
		auth = "Bearer " + tok
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if auth != "Bearer "+fakeSlackToken {
		f.refused++
		w.Write([]byte(`{"ok":false,"error":"invalid_auth"}`))
		return
	}
	f.posts++
	if r.Form.Get("thread_ts") != "" {
		f.threaded++
	}
	f.lines += strings.Count(r.Form.Get("text"), "\n") + 1
	fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"%d.%06d"}`, r.Form.Get("channel"), time.Now().Unix(), f.posts)
}

// counts returns the messages accepted, those of them posted in a thread, the lines they
// carried and the requests refused.
func (f *fakeSlack) counts() (posts, threaded, lines, refused int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.posts, f.threaded, f.lines, f.refused
}
