package hubd_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// proc is one hub process of the group: its own store (through a proxy that can cut it
// off from PostgreSQL without closing anything, as a dead host does) and its own API.
type proc struct {
	hp     *hubd.Hub
	url    string
	proxy  *pgProxy
	cancel context.CancelFunc
	done   chan error
}

// TestFailover runs two hub processes on one database, pays between wallets that know
// both, kills the leader mid-payments (its API goes, its database sessions freeze), and
// checks that payments resume within leader.failover and that every payment's outcome
// matches both sides' books and the chain.
func TestFailover(t *testing.T) { failover(t, false) }

// TestFailoverStreaming is TestFailover with listening wallets: their requests go as
// intents over the stream, batches are co-signed with one signature, and the leader's
// death breaks every stream in the middle of its batches; the wallets reconnect to the
// new leader by themselves and resume.
func TestFailoverStreaming(t *testing.T) { failover(t, true) }

func failover(t *testing.T, listen bool) {
	const users, rounds = 4, 6
	c, err := simchain.New(simchain.Config{Accounts: 1 + users, ChallengePeriod: 600})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.Transact(c.Accounts[0], c.Manager, eth(500), nil); err != nil { // the reserve
		t.Fatal(err)
	}
	mctx, stopMining := context.WithCancel(context.Background())
	var miner sync.WaitGroup
	miner.Add(1)
	go func() { // a block every 50ms
		defer miner.Done()
		for mctx.Err() == nil {
			c.Backend.Commit()
			select {
			case <-mctx.Done():
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	t.Cleanup(func() { stopMining(); miner.Wait() })
	dsn := pgtest.NewDatabase(t)
	log := newTestLog(t)
	start := func(name string) *proc {
		px := newPGProxy(t, dsn)
		st := pgtest.OpenStore(t, px.dsn)
		cfg := &hubd.Config{Chain: daemon.ChainConfig{Confirmations: 1, PollInterval: 50 * time.Millisecond},
			Ops: daemon.OpsConfig{Listen: "127.0.0.1:0"}, Sweep: "@every 1s"}
		cfg.Contract.Address, cfg.Contract.DeployBlock = c.ManagerAddr.Hex(), c.DeployBlock
		cfg.API.Listen = "127.0.0.1:0"
		cfg.Collateral.Target = daemon.Wei{V: eth(20)}
		cfg.Fill()
		ctx, cancel := context.WithCancel(context.Background())
		hp, err := hubd.New(ctx, hubd.Deps{Config: cfg, Key: c.Accounts[0].Key, Store: st, Node: c.Client, ChainID: c.ChainID,
			Log: log.With("proc", name)})
		if err != nil {
			t.Fatal(err)
		}
		p := &proc{hp: hp, url: "http://" + hp.APIAddr().String(), proxy: px, cancel: cancel, done: make(chan error, 1)}
		go func() { p.done <- hp.Run(ctx) }()
		t.Cleanup(func() { px.thaw(); cancel(); <-p.done })
		return p
	}
	a := start("a")
	wait.For(t, "a to lead", a.hp.Leading)
	b := start("b")

	ws := make([]*client.Wallet, users)
	for i := range ws {
		w, err := client.Open(client.Config{HubURL: a.url, HubURLs: []string{b.url}, Key: c.Accounts[1+i].Key, ChainID: c.ChainID,
			Contract: c.ManagerAddr, Hub: c.Accounts[0].Addr, StatePath: filepath.Join(t.TempDir(), "wallet.json"), Chain: c.Client,
			Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		ws[i] = w
		if _, err := w.Deposit(t.Context(), client.Ether, eth(10)); err != nil {
			t.Fatal(err)
		}
	}
	settle := func(what string) {
		t.Helper()
		why := make([]string, len(ws))
		if !wait.Poll(90*time.Second, func() bool {
			done := true
			for i, w := range ws {
				why[i] = ""
				if err := w.Sync(t.Context()); err != nil {
					done, why[i] = false, err.Error()
				}
				if s, locks := w.Latest(); s.HasPending() || len(locks) > 0 {
					done, why[i] = false, fmt.Sprintf("%s; nonce %v, %d locks", why[i], s.Nonce, len(locks))
				}
			}
			return done
		}) {
			t.Fatalf("%s: the wallets did not settle: %q; the database's sessions:%s", what, why, sessions(t, dsn))
		}
	}
	wait.Until(t, 60*time.Second, "the deposits to be confirmed", func() bool {
		for _, w := range ws {
			_ = w.Sync(t.Context())
			if s, _ := w.Latest(); s.WeiBalances[1].Cmp(eth(10)) != 0 {
				return false
			}
		}
		return true
	})

	if listen {
		lctx, stop := context.WithCancel(context.Background())
		var listening sync.WaitGroup
		t.Cleanup(func() { stop(); listening.Wait() })
		for _, w := range ws {
			listening.Go(func() { _ = w.Listen(lctx) })
		}
		wait.Until(t, 30*time.Second, "the wallets' streams to open", func() bool {
			for _, w := range ws {
				if !w.Streaming() {
					return false
				}
			}
			return true
		})
	}

	// Payments in rounds: every wallet pays the next. In the third, the leader dies as soon
	// as one payment is taken, with the others in flight and the taken one's claim not yet
	// forwarded (the payee claims at its next sync).
	type attempt struct {
		from, to int
		hash     [32]byte
		err      error
		at       time.Time
	}
	var attempts []attempt
	var killedAt, ledAt, resumedAt time.Time
	var kill sync.Once
	led := make(chan time.Time, 1)
	for r := range rounds {
		var mu sync.Mutex
		var g sync.WaitGroup
		for i := range ws {
			g.Add(1)
			go func() {
				defer g.Done()
				to := (i + 1) % users
				pay := func(wei int64) error {
					h, err := ws[i].Pay(t.Context(), ws[to].Address(), client.Ether, big.NewInt(wei))
					mu.Lock()
					attempts = append(attempts, attempt{from: i, to: to, hash: h, err: err, at: time.Now()})
					mu.Unlock()
					return err
				}
				_ = pay(int64(1e15 * (r + 1)))
				if r == 2 {
					killer := false
					kill.Do(func() {
						killer = true
						killedAt = time.Now()
						a.proxy.freeze() // its sessions hang, as a dead host's do
						a.cancel()       // and its API is gone
						go func() {      // when b leads, to a few milliseconds
							for limit := time.Now().Add(time.Minute); !b.hp.Leading() && time.Now().Before(limit); {
								time.Sleep(5 * time.Millisecond)
							}
							led <- time.Now()
						}()
					})
					// The killer's wallet has nothing in the dead process, unlike the others,
					// whose requests it holds until the wallet's request timeout: it pays
					// again until a payment is taken, as a user would, which times the
					// takeover however many requests the dead process held. The payee
					// syncs between tries, as a wallet listening would: a top-up proposed
					// to it waits for its co-signature, and it is not syncing otherwise
					// until the round ends, which waits for this.
					try := int64(0)
					if killer && !wait.Poll(time.Minute, func() bool {
						try++
						if pay(int64(1e15*(r+1))+try) == nil {
							return true
						}
						_ = ws[to].Sync(t.Context())
						return false
					}) {
						t.Error("no payment was taken within a minute of the leader's death")
					}
				}
			}()
		}
		g.Wait()
		settle(fmt.Sprintf("round %d", r))
	}
	select {
	case ledAt = <-led:
	case <-time.After(time.Minute):
		t.Fatal("b does not lead after a died")
	}
	// The first payment taken after b leads is b's (a is dead by then).
	for _, at := range attempts {
		if at.err == nil && at.at.After(ledAt) && (resumedAt.IsZero() || at.at.Before(resumedAt)) {
			resumedAt = at.at
		}
	}
	if resumedAt.IsZero() {
		t.Fatal("no payment succeeded after the leader died")
	}
	takeover := resumedAt.Sub(killedAt)
	t.Logf("leader killed mid-payments; the other process led %v later, and took its first payment %v after the kill (leader.failover %v)",
		ledAt.Sub(killedAt).Round(time.Millisecond), takeover.Round(time.Millisecond), hubd.DefaultFailoverForTest)
	if takeover > hubd.DefaultFailoverForTest+5*time.Second {
		t.Errorf("payments resumed %v after the leader died, want within leader.failover", takeover)
	}

	// Every payment's outcome: the hub's record, both wallets' books and the chain agree.
	st := pgtest.OpenStore(t, dsn)
	want := make([]*big.Int, users)
	for i := range want {
		want[i] = eth(10)
	}
	paid, after, refused, returned := 0, 0, 0, 0
	for _, at := range attempts {
		if at.hash == ([32]byte{}) {
			t.Logf("payment %d→%d not taken: %v", at.from, at.to, at.err)
			continue
		}
		p, err := st.Payment(t.Context(), c.ManagerAddr, at.hash)
		if errors.Is(err, store.ErrNotFound) && at.err != nil {
			refused++ // refused before it was taken (no collateral yet, a proposal crossed it)
			t.Logf("payment %d→%d refused at %+.3fs from the kill: %v", at.from, at.to, at.at.Sub(killedAt).Seconds(), at.err)
			continue
		}
		if err != nil {
			t.Errorf("payment %d→%d (%x): %v (pay said %v)", at.from, at.to, at.hash[:4], err, at.err)
			continue
		}
		switch p.Status {
		case store.PayCompleted:
			want[at.from].Sub(want[at.from], p.AmountWei)
			want[at.to].Add(want[at.to], p.AmountWei)
			paid++
			if at.at.After(killedAt) {
				after++
			}
		case store.PayRefunded, store.PayFailed:
			// Given back to the payer, on both sides' books (checked below): the hub
			// returns a payment it could not forward.
			if at.err == nil {
				t.Logf("payment %d→%d taken, then %s", at.from, at.to, p.Status)
			}
			returned++
		default:
			t.Errorf("payment %d→%d left %s", at.from, at.to, p.Status)
		}
	}
	if after < users {
		t.Errorf("%d payments completed after the leader died, want at least a round's %d", after, users)
	}
	total := new(big.Int)
	for i, w := range ws {
		s, locks := w.Latest()
		hs, err := st.HubCosigned(t.Context(), c.ManagerAddr, w.Address())
		if err != nil {
			t.Fatal(err)
		}
		if hs.State.Nonce.Cmp(s.Nonce) != 0 || hs.State.WeiBalances[1].Cmp(s.WeiBalances[1]) != 0 || len(locks) != 0 {
			t.Errorf("user %d: wallet at nonce %v with %v and %d locks, hub at %v with %v", i, s.Nonce, s.WeiBalances[1], len(locks),
				hs.State.Nonce, hs.State.WeiBalances[1])
		}
		if s.WeiBalances[1].Cmp(want[i]) != 0 {
			t.Errorf("user %d holds %v, its completed payments leave %v", i, s.WeiBalances[1], want[i])
		}
		oc, err := w.Onchain(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		// The chain holds a state both sides signed, no newer than their books.
		if oc.Nonce.Cmp(s.Nonce) > 0 || oc.OnchainNonce.Cmp(s.OnchainNonce) != 0 {
			t.Errorf("user %d: on-chain nonces %v/%v, the books' %v/%v", i, oc.Nonce, oc.OnchainNonce, s.Nonce, s.OnchainNonce)
		}
		if sum := new(big.Int).Add(s.WeiBalances[0], s.WeiBalances[1]); sum.Cmp(oc.TotalWei) != 0 {
			t.Errorf("user %d: the channel holds %v on-chain, the books split %v", i, oc.TotalWei, sum)
		}
		total.Add(total, s.WeiBalances[1])
	}
	if total.Cmp(eth(10*users)) != 0 {
		t.Errorf("users hold %v in all, deposited %v: money created or lost", total, eth(10*users))
	}
	t.Logf("%d payments completed (%d after the kill), %d given back, %d refused before they were taken, of %d", paid, after, returned,
		refused, len(attempts))
}

func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), simchain.Ether) }

// pgProxy forwards TCP to PostgreSQL until frozen: then it forwards nothing and closes
// nothing, as a host that died without a FIN.
type pgProxy struct {
	ln    net.Listener
	dsn   string
	mu    sync.Mutex
	gate  chan struct{} // closed while forwarding
	conns []net.Conn
}

func newPGProxy(t *testing.T, dsn string) *pgProxy {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	target := u.Host
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u.Host = ln.Addr().String()
	p := &pgProxy{ln: ln, dsn: u.String(), gate: make(chan struct{})}
	close(p.gate)
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go p.pipe(in, out)
			go p.pipe(out, in)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, c := range p.conns {
			c.Close()
		}
	})
	return p
}

func (p *pgProxy) pipe(dst, src net.Conn) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		p.mu.Lock()
		gate := p.gate
		p.mu.Unlock()
		<-gate
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			dst.Close()
			return
		}
	}
}

func (p *pgProxy) freeze() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gate = make(chan struct{})
}

func (p *pgProxy) thaw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.gate:
	default:
		close(p.gate)
	}
}
