package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	mrand "math/rand/v2"
	"net/http"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/crypto/ecies"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/wire"
)

// Payments: users pay each other through the hub over HTTP on loopback, every wallet
// paying random others, one payment after another, and syncing in between (co-signing
// what the hub proposes, claiming what it is paid). A payment counts once complete: the
// payer's lock, the hub's lock toward the payee, the payee's claim and the hub's claim
// from the payer, each co-signed and persisted by both sides (the hub in PostgreSQL, each
// wallet in its state file with fsync) before it is answered, each request authenticated.
// The chain is go-ethereum's simulated one, mined every second (payments never touch it).
// The ceiling is the crypto of a complete payment, on every core: four states each
// digested, signed and recovered by both sides, the secret sealed to the payee and
// opened, and the seven requests signed and recovered.

// authedRequests is how many authenticated requests a payment takes: the payer's sync
// and lock, the payee's sync, co-signature and claim, the payer's sync and co-signature.
const authedRequests = 7

func (b *bench) payments(ctx context.Context) error {
	n := b.sc.payUsers
	c, err := simchain.New(simchain.Config{Accounts: 1 + n, ChallengePeriod: 600})
	if err != nil {
		return err
	}
	defer c.Close()
	eth := func(v int64) *big.Int { return new(big.Int).Mul(big.NewInt(v), simchain.Ether) }
	hubAcct := c.Accounts[0]
	if _, err := c.Transact(hubAcct, c.Manager, eth(int64(30*n+100)), nil); err != nil { // the reserve
		return err
	}
	be, err := b.postgres(ctx)
	if err != nil {
		return err
	}
	defer be.close()
	quiet := slog.New(slog.DiscardHandler)
	// The production hub (hubd.New, as `hub run` builds it) with its defaults but one
	// confirmation, on a chain with a block every second, as anvil's devnet has; its API
	// and operations on free loopback ports. Its metrics count the requests a payment
	// takes. (A block every 50 ms kept its indexer a block behind most of the time, and a
	// hub behind its chain refuses to co-sign: a third more requests per payment.)
	cfg := &hubd.Config{Chain: daemon.ChainConfig{Confirmations: 1, PollInterval: 100 * time.Millisecond},
		Ops: daemon.OpsConfig{Listen: "127.0.0.1:0"}}
	cfg.Contract.Address, cfg.Contract.DeployBlock = c.ManagerAddr.Hex(), c.DeployBlock
	cfg.API.Listen = "127.0.0.1:0"
	cfg.Collateral.Target = daemon.Wei{V: eth(20)}
	cfg.Disputes.MaxFeePerGas = daemon.Wei{V: big.NewInt(1000e9)}
	cfg.Fill()
	mx := hubd.NewMetrics()
	hp, err := hubd.New(ctx, hubd.Deps{Config: cfg, Key: hubAcct.Key, Store: be.st, Node: c.Client, ChainID: c.ChainID,
		Metrics: mx, Log: quiet})
	if err != nil {
		return err
	}
	h, addr := hp.Hub(), hp.APIAddr().String()
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stop(); wg.Wait() }()
	wg.Go(func() { hp.Run(runCtx) })
	wg.Go(func() { // a block every second
		for runCtx.Err() == nil {
			c.Backend.Commit()
			time.Sleep(time.Second)
		}
	})

	transport := &http.Transport{MaxIdleConnsPerHost: 2 * n, DisableCompression: true}
	defer transport.CloseIdleConnections()
	ws := make([]*client.Wallet, n)
	for i := range ws {
		ws[i], err = client.Open(client.Config{HubURL: "http://" + addr, Key: c.Accounts[1+i].Key, ChainID: c.ChainID, Contract: c.ManagerAddr,
			Hub: hubAcct.Addr, StatePath: filepath.Join(b.tmp, fmt.Sprintf("wallet-%d.json", i)), Chain: c.Client, Logger: quiet,
			HTTPClient: &http.Client{Transport: transport, Timeout: time.Minute}})
		if err != nil {
			return err
		}
	}
	setup := time.Now()
	if err := fund(ctx, h, ws, eth(50)); err != nil {
		return err
	}
	b.log.Info("channels funded", "users", n, "took", time.Since(setup).Round(time.Millisecond))

	// The figure is the hub's steady state: after a warm-up, with the statistics that
	// autovacuum gathers within its first minute on a running hub (a plan made for empty
	// tables scans a whole index where a busy hub's finds one row).
	wei := new(big.Int).Div(simchain.Ether, big.NewInt(1000)) // per payment
	if _, err := payAll(ctx, ws, max(1, b.sc.payPerUser/5), wei); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	if err := complete(ctx, be, c.ManagerAddr, ws); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	if _, err := be.admin.ExecContext(ctx, "ANALYZE"); err != nil {
		return err
	}
	before, opCPU, err := b.paymentCeiling(ctx)
	if err != nil {
		return err
	}
	stopProf, err := b.profile("payments")
	if err != nil {
		return err
	}
	cpu := startCPU(ctx, be.admin)
	requestsBefore, err := hubRequests(mx)
	if err != nil {
		return err
	}
	start := time.Now()
	count, err := payAll(ctx, ws, b.sc.payPerUser, wei)
	if err != nil {
		stopProf()
		return err
	}
	if err := complete(ctx, be, c.ManagerAddr, ws); err != nil {
		stopProf()
		return err
	}
	elapsed := time.Since(start)
	cpu.stop(ctx)
	stopProf()
	after, opCPU2, err := b.paymentCeiling(ctx)
	if err != nil {
		return err
	}
	p := map[string]any{"users": n, "payments": count, "store": "postgres", "wallets": "state file, fsync",
		"ceiling": "crypto of a complete payment (4 states both sides, ECIES, 7 signed requests), all cores", "target": "≥ 1,000/s"}
	cpu.report(p, count, "payment", min(opCPU, opCPU2))
	requestsAfter, err := hubRequests(mx)
	if err != nil {
		return err
	}
	for route, n := range requestsAfter {
		if n == requestsBefore[route] {
			continue
		}
		p["requests/payment "+route] = fmt.Sprintf("%.1f", (n-requestsBefore[route])/float64(count))
	}
	if err := b.rep.add(row(fmt.Sprintf("payments/s, complete, %d users", n), float64(count)/elapsed.Seconds(), "payments/s", max(before, after), p)); err != nil {
		return err
	}
	if err := b.paymentLatency(ctx, be, ws, float64(count)/elapsed.Seconds(), b.sc.payLatency, wei); err != nil {
		return err
	}
	return b.phaseRead(ctx, be, c.ManagerAddr, ws)
}

// phaseRead measures what the channel's phase check adds to each hub request: one read
// of the channel's on-chain view (hub.onchain: store.Channel, no RPC), timed on the
// payments' database after their run.
func (b *bench) phaseRead(ctx context.Context, be *backend, contract common.Address, ws []*client.Wallet) error {
	lat := make([]time.Duration, 0, 20*len(ws))
	for i := range cap(lat) {
		t0 := time.Now()
		if _, err := be.st.Channel(ctx, contract, ws[i%len(ws)].Address()); err != nil {
			return fmt.Errorf("phase read: %w", err)
		}
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	q := func(f float64) float64 {
		return float64(lat[min(len(lat)-1, int(f*float64(len(lat))))].Microseconds()) / 1000
	}
	p := map[string]any{"reads": len(lat), "store": "postgres", "what": "store.Channel: the on-chain view the hub checks a channel's phase in"}
	for _, r := range []struct {
		name string
		f    float64
	}{{"p50", 0.5}, {"p99", 0.99}} {
		if err := b.rep.add(row("hub request's phase read "+r.name+", on-chain view of the channel", q(r.f), "ms", 0, p)); err != nil {
			return err
		}
	}
	return nil
}

// fund gives every wallet a deposit and the hub's collateral, and waits until both are
// confirmed.
func fund(ctx context.Context, h *hub.Hub, ws []*client.Wallet, deposit *big.Int) error {
	var wg sync.WaitGroup
	errs := make(chan error, len(ws))
	sem := make(chan struct{}, 10)
	for _, w := range ws {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := w.Deposit(ctx, client.Ether, deposit); err != nil {
				errs <- err
				return
			}
			if err := w.RequestCollateral(ctx); err != nil && !isCode(err, wire.CodeSyncFirst) && !isCode(err, wire.CodePending) {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		return err
	}
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		done := true
		for _, w := range ws {
			_ = w.Sync(ctx)
			v, err := h.View(ctx, w.Address(), big.NewInt(0))
			s, _ := w.Latest()
			if err != nil || len(v.Proposals) > 0 || v.Cosigned == nil || s.HasPending() || s.Nonce.Cmp(v.Cosigned.State.Nonce) != 0 {
				done = false
				continue
			}
			if s.WeiBalances[channel.Hub].Sign() == 0 || s.WeiBalances[channel.User].Cmp(deposit) != 0 {
				_ = w.RequestCollateral(ctx)
				done = false
			}
		}
		if done {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("channels not funded within 5 minutes")
		}
	}
}

func isCode(err error, code string) bool {
	var he *client.HubError
	return errors.As(err, &he) && he.Code == code
}

// payAll has every wallet make k payments of wei to random others, all at once, syncing
// after each and retrying what the hub asks to retry. It returns how many were made.
func payAll(ctx context.Context, ws []*client.Wallet, k int, wei *big.Int) (int, error) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	total := 0
	for i, w := range ws {
		wg.Go(func() {
			r := mrand.New(mrand.NewPCG(uint64(i), 7))
			for sent := 0; sent < k; {
				to := ws[r.IntN(len(ws))]
				if to == w {
					continue
				}
				_, err := w.Pay(ctx, to.Address(), client.Ether, wei)
				switch {
				case err == nil:
					sent++
				case isCode(err, wire.CodeSyncFirst), isCode(err, wire.CodeNonce), isCode(err, wire.CodeCollateral), isCode(err, wire.CodeInsufficient):
					// a proposal arrived meanwhile, or funds are locked in flight: sync and go on
				default:
					mu.Lock()
					first = fmt.Errorf("payment from %s: %w", w.Address(), err)
					mu.Unlock()
					return
				}
				_ = w.Sync(ctx)
			}
			mu.Lock()
			total += k
			mu.Unlock()
		})
	}
	wg.Wait()
	return total, first
}

// complete syncs the wallets until the hub has no payment open.
func complete(ctx context.Context, be *backend, contract common.Address, ws []*client.Wallet) error {
	for deadline := time.Now().Add(2 * time.Minute); ; {
		open, err := be.st.OpenPayments(ctx, contract)
		if err != nil {
			return err
		}
		if len(open) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%d payments never completed", len(open))
		}
		syncAll(ctx, ws)
	}
}

func syncAll(ctx context.Context, ws []*client.Wallet) {
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Go(func() { _ = w.Sync(ctx) })
	}
	wg.Wait()
}

// paymentCeiling is the crypto of one complete payment on every core.
func (b *bench) paymentCeiling(ctx context.Context) (float64, time.Duration, error) {
	hubKey, _ := crypto.GenerateKey()
	payer, _ := crypto.GenerateKey()
	payee, _ := crypto.GenerateKey()
	dom := channel.Domain{ChainID: big.NewInt(1337), Contract: common.HexToAddress("0x00000000000000000000000000000000c0ffee04")}
	var states []*channel.State
	for i := range 4 {
		s := channel.NewState(crypto.PubkeyToAddress(payer.PublicKey))
		s.Nonce.SetInt64(int64(10 + i))
		s.WeiBalances = [2]*big.Int{big.NewInt(1e18), big.NewInt(int64(i))}
		s.LocksRoot = common.Hash{byte(i + 1)}
		states = append(states, s)
	}
	payeePub := ecies.ImportECDSAPublic(&payee.PublicKey)
	payeePriv := ecies.ImportECDSA(payee)
	authDigest := wire.AuthDigest(dom.ChainID, dom.Contract, common.Hash{7}, "POST", "/v1/requests", []byte(`{"update":{}}`))
	hubAddr, payerAddr := crypto.PubkeyToAddress(hubKey.PublicKey), crypto.PubkeyToAddress(payer.PublicKey)
	return ceiling(ctx, b.sc.ceilingTime, func(_, _ int) error {
		var sealedPlain [96]byte // the secret and the payment's amounts, as a payer seals them
		rand.Read(sealedPlain[:32])
		sealed, err := ecies.Encrypt(rand.Reader, payeePub, sealedPlain[:], nil, nil)
		if err != nil {
			return err
		}
		if _, err := payeePriv.Decrypt(sealed, nil, nil); err != nil {
			return err
		}
		for _, s := range states {
			for range 2 { // each side computes the digest it signs and checks
				if _, err := dom.Digest(s); err != nil {
					return err
				}
			}
			d, _ := dom.Digest(s)
			su, _ := channel.Sign(d, payer)
			sh, _ := channel.Sign(d, hubKey)
			if err := channel.VerifySigner(d, su, payerAddr); err != nil {
				return err
			}
			if err := channel.VerifySigner(d, sh, hubAddr); err != nil {
				return err
			}
		}
		for range authedRequests {
			sig, err := wire.SignAuth(authDigest, payer)
			if err != nil {
				return err
			}
			if _, err := wire.VerifyAuth(authDigest, sig, payerAddr); err != nil {
				return err
			}
		}
		return nil
	})
}

// hubRequests reads the hub's API requests served so far by route, from its metrics.
func hubRequests(mx *daemon.Metrics) (map[string]float64, error) {
	families, err := mx.Registry.Gather()
	if err != nil {
		return nil, err
	}
	by := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "vigil_http_requests_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			route := ""
			for _, l := range m.GetLabel() {
				if l.GetName() == "route" {
					route = l.GetValue()
				}
			}
			by[route] += m.GetCounter().GetValue()
		}
	}
	return by, nil
}
