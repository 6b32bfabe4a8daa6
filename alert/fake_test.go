package alert

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// fakeSlack is a local stand-in for Slack's Web API (chat.postMessage) and an incoming
// webhook (/hook). answer, when set, decides each request's fate before it is accepted:
// it returns 0 to accept, or an HTTP status to answer with (429 gets Retry-After), or -1
// to answer Slack's {"ok":false,"error":"invalid_auth"}.
type fakeSlack struct {
	t        *testing.T
	mu       sync.Mutex
	answer   func(n int) int
	requests int
	posts    []post
	srv      *httptest.Server
}

// post is one accepted message.
type post struct {
	channel, thread, text, auth string
	blocks                      string // the blocks' JSON
}

func newFakeSlack(t *testing.T, answer func(n int) int) *fakeSlack {
	f := &fakeSlack{t: t, answer: answer}
	f.srv = httptest.NewServer(f)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) apiURL() string  { return f.srv.URL + "/api/" }
func (f *fakeSlack) hookURL() string { return f.srv.URL + "/hook/T000/B000/s3cr3t-hook-path" }

func (f *fakeSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if f.answer != nil {
		switch code := f.answer(f.requests); {
		case code == -1:
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"ok":false,"error":"invalid_auth"}`))
			return
		case code == http.StatusTooManyRequests:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(code)
			return
		case code != 0:
			w.WriteHeader(code)
			return
		}
	}
	switch {
	case r.URL.Path == "/api/chat.postMessage":
		if err := r.ParseForm(); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		auth := r.Header.Get("Authorization")
		if tok := r.Form.Get("token"); tok != "" {
			auth = "Bearer " + tok
		}
		ts := fmt.Sprintf("1700000000.%06d", len(f.posts)+1)
		f.posts = append(f.posts, post{channel: r.Form.Get("channel"), thread: r.Form.Get("thread_ts"), text: r.Form.Get("text"),
			auth: auth, blocks: r.Form.Get("blocks")})
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":%q}`, r.Form.Get("channel"), ts)
	case strings.HasPrefix(r.URL.Path, "/hook/"):
		var m struct {
			Text   string          `json:"text"`
			Blocks json.RawMessage `json:"blocks"`
		}
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &m); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte("invalid_payload"))
			return
		}
		f.posts = append(f.posts, post{text: m.Text, blocks: string(m.Blocks)})
		w.Write([]byte("ok"))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func (f *fakeSlack) snapshot() ([]post, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]post(nil), f.posts...), f.requests
}

// runLoop runs a delivery loop until the test ends (or stop is called).
func runLoop(t *testing.T, run func(context.Context) error) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { run(ctx); close(done) }()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop
}

// testStore is what the tests need of a store.
type testStore interface {
	UserStore
	QueuedAlerts(ctx context.Context, sink string) ([]store.QueuedAlert, error)
}

// backends opens a fresh migrated store per backend; reopen opens the same database again
// (a restarted process).
type backend struct {
	name string
	open func(t *testing.T) (testStore, func(t *testing.T) testStore)
}

func backends() []backend {
	openURL := func(t *testing.T, url string) testStore {
		st, err := sqlstore.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return st
	}
	return []backend{
		{name: "sqlite", open: func(t *testing.T) (testStore, func(*testing.T) testStore) {
			url := "sqlite:" + filepath.Join(t.TempDir(), "vigil.db")
			return openURL(t, url), func(t *testing.T) testStore { return openURL(t, url) }
		}},
		{name: "postgres", open: func(t *testing.T) (testStore, func(*testing.T) testStore) {
			url := pgtest.NewDatabase(t)
			return openURL(t, url), func(t *testing.T) testStore { return openURL(t, url) }
		}},
	}
}

func rows(t *testing.T, st testStore, sink string) []store.QueuedAlert {
	t.Helper()
	r, err := st.QueuedAlerts(context.Background(), sink)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func countStatus(rs []store.QueuedAlert, status string) int {
	n := 0
	for _, r := range rs {
		if r.Status == status {
			n++
		}
	}
	return n
}

// logBuffer captures a logger's output.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// fixture values.
var (
	t0       = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	contract = common.HexToAddress("0x00000000000000000000000000000000C0FFEE01")
	towerAcc = common.HexToAddress("0x0000000000000000000000000000000000005E4D")
	explorer = "https://etherscan.io"
)

func userAddr(i int) common.Address { return common.BigToAddress(big.NewInt(int64(0xA11CE000 + i))) }

func ethers(s string) *big.Int {
	r, _ := new(big.Rat).SetString(s)
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)))
	return new(big.Int).Set(r.Num())
}

// stale is the stale close of user i's channel, 10 minutes before its deadline.
func stale(i int) Alert {
	return Alert{Severity: Warning, Kind: StaleClose, Key: fmt.Sprintf("stale/%d", i), Contract: contract, User: userAddr(i),
		Nonce: big.NewInt(7), OnchainNonce: big.NewInt(3), Deadline: uint64(t0.Add(10*time.Minute + time.Duration(i)*time.Second).Unix()),
		AtStake: Funds{Wei: ethers("0.5"), Token: big.NewInt(20_000_000)}}
}

func clock(at time.Time) func() time.Time { return func() time.Time { return at } }

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
}
