package towerd_test

import (
	"context"
	"database/sql"
	"math/big"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/towerd"
)

// freezer is a TCP proxy that can stop forwarding without closing anything, in either
// direction: to both ends, the peer looks frozen (a stopped process, a host whose
// packets are dropped) while their kernels keep the connections up — no FIN, no RST, and
// keepalives still answered.
type freezer struct {
	ln     net.Listener
	target string
	frozen chan struct{}
	closed chan struct{}
	once   sync.Once
	mu     sync.Mutex
	conns  []net.Conn
}

func newFreezer(t *testing.T, target string) *freezer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &freezer{ln: ln, target: target, frozen: make(chan struct{}), closed: make(chan struct{})}
	go f.serve()
	t.Cleanup(f.Close)
	return f
}

func (f *freezer) serve() {
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.track(c)
		select {
		case <-f.frozen: // accepted, never answered
			continue
		default:
		}
		s, err := net.Dial("tcp", f.target)
		if err != nil {
			c.Close()
			continue
		}
		f.track(s)
		go f.pipe(s, c)
		go f.pipe(c, s)
	}
}

func (f *freezer) track(c net.Conn) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.conns = append(f.conns, c)
}

// pipe copies src to dst until either fails (then closes both) or the proxy freezes
// (then stops, closing nothing).
func (f *freezer) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		select {
		case <-f.frozen:
			<-f.closed
			return
		default:
		}
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				err = werr
			}
		}
		if err != nil {
			dst.Close()
			src.Close()
			return
		}
	}
}

// Freeze stops all forwarding, leaving every connection open.
func (f *freezer) Freeze() { close(f.frozen) }

// Close closes the listener and every connection.
func (f *freezer) Close() {
	f.once.Do(func() {
		close(f.closed)
		f.ln.Close()
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, c := range f.conns {
			c.Close()
		}
	})
}

// timeline records when each replica's duties started and stopped, in order.
type timeline struct {
	mu     sync.Mutex
	events []string
	at     map[string]time.Time
}

func (tl *timeline) add(ev string) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	tl.events = append(tl.events, ev)
	if tl.at == nil {
		tl.at = map[string]time.Time{}
	}
	tl.at[ev] = time.Now()
}

func (tl *timeline) get(ev string) (time.Time, int) {
	tl.mu.Lock()
	defer tl.mu.Unlock()
	for i, e := range tl.events {
		if e == ev {
			return tl.at[ev], i
		}
	}
	return time.Time{}, -1
}

// TestFrozenLeaderIsReplaced: two replicas share a database; the leader's connection to
// PostgreSQL runs through a proxy that then stops forwarding without closing anything
// (a frozen process, a dropped network). PostgreSQL would hold the leader's advisory lock
// until TCP gave up — with default keepalives, about two hours, and never while the
// proxy's end stays up. With a failover bound, the leader's duties stop first and the
// other replica leads within the bound. The measured failover time is logged.
func TestFrozenLeaderIsReplaced(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the failover bound")
	}
	for _, bound := range []time.Duration{3 * time.Second, towerd.DefaultFailover} {
		t.Run(bound.String(), func(t *testing.T) { testFrozenLeader(t, bound) })
	}
}

func testFrozenLeader(t *testing.T, bound time.Duration) {
	dsn := pgtest.NewDatabase(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newFreezer(t, u.Host)
	viaProxy := *u
	viaProxy.Host = proxy.ln.Addr().String()
	q := viaProxy.Query()
	q.Set("application_name", "vigil-frozen")
	viaProxy.RawQuery = q.Encode()

	var tl timeline
	duties := func(name string) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			tl.add(name + " leads")
			<-ctx.Done()
			tl.add(name + " stops")
			return ctx.Err()
		}
	}
	stores := map[string]*sqlstore.Store{}
	start := func(name, dsn string) (*towerd.Replica, func()) {
		st := pgtest.OpenStore(t, dsn)
		stores[name] = st
		r := &towerd.Replica{Store: st, LockKey: 7011, Duties: duties(name), Retry: 200 * time.Millisecond, Failover: bound}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- r.Run(ctx) }()
		return r, func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("replica %s: %v", name, err)
			}
		}
	}
	a, stopA := start("a", viaProxy.String())
	wait.Until(t, 30*time.Second, "replica a to lead", a.Leading)
	b, stopB := start("b", dsn)
	defer stopB()
	defer stopA()
	defer proxy.Close() // first: a's connections fail and it can stop
	// b contends while a leads: after two of its tries, it must still follow.
	wait.Until(t, 30*time.Second, "replica b to try for the lead twice", func() bool { return b.Tries() >= 2 })
	if b.Leading() {
		t.Fatal("both replicas lead")
	}

	// The leader froze inside a transaction that holds the account's nonce counter.
	ctx := t.Context()
	chainID, sender := big.NewInt(1), common.Address{0x5e}
	id, _, err := stores["b"].Enqueue(ctx, store.Intent{ChainID: chainID, Contract: common.Address{0xc0}, User: common.Address{1},
		Nonce: big.NewInt(2), Kind: store.KindChallenge, Sender: sender, Calldata: []byte{1}, Deadline: 100})
	if err != nil {
		t.Fatal(err)
	}
	if err := stores["b"].Exec(ctx, `INSERT INTO sender_accounts (chain_id, address, next_nonce) VALUES (1, $1, 0)`, sender[:]); err != nil {
		t.Fatal(err)
	}
	stuck, err := sql.Open("postgres", viaProxy.String())
	if err != nil {
		t.Fatal(err)
	}
	tx, err := stuck.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		proxy.Close() // so that the rollback fails at once instead of waiting on the frozen proxy
		_ = tx.Rollback()
		stuck.Close()
	}()
	if _, err := tx.ExecContext(ctx, `SELECT next_nonce FROM sender_accounts FOR UPDATE`); err != nil {
		t.Fatal(err)
	}

	proxy.Freeze()
	frozen := time.Now()
	wait.Until(t, bound+30*time.Second, "replica b to lead", b.Leading)
	took := time.Since(frozen)
	t.Logf("failover bound %v: replica b led %v after the leader froze", bound, took.Round(10*time.Millisecond))

	aStopped, ia := tl.get("a stops")
	bLed, ib := tl.get("b leads")
	if ia < 0 || ia > ib {
		t.Fatalf("timeline %v: the frozen leader's duties must stop before another replica leads", tl.events)
	}
	t.Logf("the frozen leader stopped its duties %v after it froze, %v before b led",
		aStopped.Sub(frozen).Round(10*time.Millisecond), bLed.Sub(aStopped).Round(10*time.Millisecond))
	if took > bound+2*time.Second {
		t.Fatalf("replica b led %v after the leader froze, beyond the failover bound of %v", took, bound)
	}
	// The new leader can take the next account nonce: the frozen transaction was ended.
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	as, err := stores["b"].SignEach(sctx, chainID, sender, 0, []store.SignRequest{{ID: id, GasLimit: 21000, Sign: func(n uint64) (store.Attempt, error) {
		return store.Attempt{Hash: common.Hash{1}, FeeCap: big.NewInt(1), TipCap: big.NewInt(1), Raw: []byte{1}}, nil
	}}})
	if err != nil || as[0].Raw == nil {
		t.Fatalf("the new leader cannot sign: the frozen leader's transaction still holds the nonce counter: %v", err)
	}
}
