package hubapi

import (
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// pollGate counts open long polls, per user and in all.
type pollGate struct {
	perUser, total int
	mu             sync.Mutex
	open           map[common.Address]int
	all            int
}

func newPollGate(perUser, total int) *pollGate {
	return &pollGate{perUser: perUser, total: total, open: map[common.Address]int{}}
}

// enter admits one more poll of user unless a cap is reached; release lets it go.
func (g *pollGate) enter(user common.Address) (release func(), ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.all >= g.total || g.open[user] >= g.perUser {
		return nil, false
	}
	g.all++
	g.open[user]++
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.all--
		if g.open[user]--; g.open[user] <= 0 {
			delete(g.open, user)
		}
	}, true
}

// Timeouts bound how long one connection may take; zero fields take their defaults.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration // defaults 5s, 15s, 30s, 2m
	MaxHeaderBytes                int           // default 16 KiB
}

// HTTPServer returns a server for h whose reads, writes and idle connections are bounded,
// so that slow or idle clients cannot hold the hub's connections; long polls extend their
// own write deadline up to their wait.
func HTTPServer(h http.Handler, t Timeouts) *http.Server {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&t.ReadHeader, 5*time.Second)
	def(&t.Read, 15*time.Second)
	def(&t.Write, 30*time.Second)
	def(&t.Idle, 2*time.Minute)
	if t.MaxHeaderBytes <= 0 {
		t.MaxHeaderBytes = 16 << 10
	}
	return &http.Server{Handler: h, ReadHeaderTimeout: t.ReadHeader, ReadTimeout: t.Read, WriteTimeout: t.Write,
		IdleTimeout: t.Idle, MaxHeaderBytes: t.MaxHeaderBytes}
}
