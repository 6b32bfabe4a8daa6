package main

import (
	"context"
	"crypto/ecdsa"
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

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/crypto/ecies"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/internal/foundry"
	"github.com/vigil-hub/vigil/wire"
)

// Payments: users pay each other through the hub, every wallet paying random others, one
// payment after another. The hub is `hub run`, built from this module, in a process of its
// own on anvil (a block a second; payments never touch the chain) and PostgreSQL; the
// wallets are in the bench's process, each listening on its stream, as an online user's
// does: each asks with intents, co-signs what the hub proposes and claims what it is paid
// as the hub's proposals arrive. A payment counts once complete: the payer's lock, the
// hub's lock toward the payee, the payee's claim and the hub's claim from the payer, each
// signed by the hub, covered by the user's co-signature and persisted by both sides (the
// hub in PostgreSQL, each wallet in its state file with fsync) before it is answered. The
// CPU time of the hub's process, the wallets' and PostgreSQL's is counted apart. The
// ceiling is the crypto of a complete payment on every core (paymentCeiling).

func (b *bench) payments(ctx context.Context) error {
	n := b.sc.payUsers
	eth := func(v int64) *big.Int { return new(big.Int).Mul(big.NewInt(v), big.NewInt(1e18)) }
	node, err := b.anvil(ctx, 1) // a block every second (payments never touch the chain)
	if err != nil {
		return err
	}
	defer node.stop()
	d, err := deploy(ctx, node, 600)
	if err != nil {
		return err
	}
	if err := sendValue(ctx, d, foundry.DevKey(0), d.manager, eth(int64(30*n+100))); err != nil { // the hub's reserve
		return fmt.Errorf("fund the reserve: %w", err)
	}
	be, err := b.postgres(ctx)
	if err != nil {
		return err
	}
	defer be.close()
	// The production hub, `hub run` as operators run it, in a process of its own with its
	// defaults but one confirmation: the wallets, here, reach it over loopback.
	hp, err := b.startHub(ctx, node, d, be.url)
	if err != nil {
		return err
	}
	defer hp.stop()
	quiet := slog.New(slog.DiscardHandler)
	// The wallets' node over WebSocket, as a listening wallet's is: they follow its head by
	// a subscription instead of asking for the latest block at each check.
	walletNode, err := ethclient.DialContext(ctx, node.ws())
	if err != nil {
		return err
	}
	defer walletNode.Close()
	transport := &http.Transport{MaxIdleConnsPerHost: 2 * n, DisableCompression: true}
	defer transport.CloseIdleConnections()
	ws := make([]*client.Wallet, n)
	for i := range ws {
		key, err := crypto.GenerateKey()
		if err != nil {
			return err
		}
		if err := d.client.Client().CallContext(ctx, nil, "anvil_setBalance", crypto.PubkeyToAddress(key.PublicKey),
			(*hexutil.Big)(eth(100))); err != nil {
			return fmt.Errorf("fund a wallet's account: %w", err)
		}
		ws[i], err = client.Open(client.Config{HubURL: "http://" + hp.api, Key: key, ChainID: d.chainID, Contract: d.manager,
			Hub: anvilAddr(0), StatePath: filepath.Join(b.tmp, fmt.Sprintf("wallet-%d.json", i)), Chain: walletNode, Logger: quiet,
			ReceiptPoll: 100 * time.Millisecond, HTTPClient: &http.Client{Transport: transport, Timeout: time.Minute}})
		if err != nil {
			return err
		}
	}
	setup := time.Now()
	if err := fund(ctx, be, d.manager, ws, eth(50)); err != nil {
		return err
	}
	// Every wallet listens, as an online user's does: its requests go over its stream, and
	// the hub's proposals come on it as soon as they are stored.
	listenCtx, stopListening := context.WithCancel(ctx)
	var listening sync.WaitGroup
	defer func() { stopListening(); listening.Wait() }()
	for _, w := range ws {
		listening.Go(func() { _ = w.Listen(listenCtx) })
	}
	for deadline := time.Now().Add(time.Minute); !allStreaming(ws); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			return errors.New("wallets' streams not open within a minute")
		}
	}
	b.log.Info("channels funded", "users", n, "took", time.Since(setup).Round(time.Millisecond))

	// The figure is the hub's steady state: after a warm-up, with the statistics that
	// autovacuum gathers within its first minute on a running hub (a plan made for empty
	// tables scans a whole index where a busy hub's finds one row).
	wei := new(big.Int).Div(eth(1), big.NewInt(1000)) // per payment
	if _, err := payAll(ctx, ws, max(1, b.sc.payPerUser/5), wei); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	if err := complete(ctx, be, d.manager, ws); err != nil {
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
	hubProf := b.profileHub(ctx, hp, "payments", b.sc.hubProfileSeconds)
	cpu := startCPU(ctx, be.admin)
	hubCPU := hp.cpu()
	requestsBefore, err := hp.requests(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	count, err := payAll(ctx, ws, b.sc.payPerUser, wei)
	if err != nil {
		stopProf()
		return err
	}
	if err := complete(ctx, be, d.manager, ws); err != nil {
		stopProf()
		return err
	}
	elapsed := time.Since(start)
	hubCPU = hp.cpu() - hubCPU
	cpu.stop(ctx)
	stopProf()
	if err := hubProf(); err != nil {
		return err
	}
	after, opCPU2, err := b.paymentCeiling(ctx)
	if err != nil {
		return err
	}
	p := map[string]any{"users": n, "payments": count, "store": "postgres", "wallets": "state file, fsync; a stream each; this process",
		"hub": "`hub run`, a process of its own", "chain": "anvil, a block a second",
		"ceiling": "crypto of a complete payment (4 states the hub signs, 3 the wallets co-sign, ECIES), all cores", "target": "≥ 800/s"}
	wallets, pg := cpu.per(count)
	hubPer := float64(hubCPU.Microseconds()) / float64(count)
	p["wallets_cpu_µs/payment"] = fmt.Sprintf("%.0f", wallets)
	p["pg_cpu_µs/payment"] = fmt.Sprintf("%.0f", pg)
	p["hub_cpu_µs/payment"] = fmt.Sprintf("%.0f", hubPer)
	ceilingOp := min(opCPU, opCPU2)
	p["ceiling_cpu_µs/payment"] = fmt.Sprintf("%.0f", float64(ceilingOp.Microseconds()))
	if all := wallets + pg + hubPer; all > 0 {
		p["cpu_ratio"] = fmt.Sprintf("%.2f", float64(ceilingOp.Microseconds())/all)
	}
	requestsAfter, err := hp.requests(ctx)
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
	if err := b.rep.add(row("hub CPU per complete payment, its own process", hubPer/1000, "ms", 0, map[string]any{
		"users": n, "payments": count, "what": "the `hub run` process's user and system time over the run, per payment",
		"pg_cpu_µs/payment": p["pg_cpu_µs/payment"], "wallets_cpu_µs/payment": p["wallets_cpu_µs/payment"]})); err != nil {
		return err
	}
	if err := b.paymentLatency(ctx, be, ws, float64(count)/elapsed.Seconds(), b.sc.payLatency, wei); err != nil {
		return err
	}
	return b.phaseRead(ctx, be, d.manager, ws)
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
// confirmed: each wallet's newest state co-signed by both sides, as the hub's store has it.
func fund(ctx context.Context, be *backend, contract common.Address, ws []*client.Wallet, deposit *big.Int) error {
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
			latest, err := be.st.HubLatest(ctx, contract, w.Address())
			s, _ := w.Latest()
			if err != nil || latest.SigUser == nil || s.HasPending() || s.Nonce.Cmp(latest.State.Nonce) != 0 {
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

// sendValue sends value from key to `to` and waits until it is mined.
func sendValue(ctx context.Context, d *deployment, key *ecdsa.PrivateKey, to common.Address, value *big.Int) error {
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := d.client.PendingNonceAt(ctx, from)
	if err != nil {
		return err
	}
	tip, feeCap, err := d.fees(ctx)
	if err != nil {
		return err
	}
	gas, err := d.client.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &to, Value: value})
	if err != nil {
		return err
	}
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(d.chainID), &types.DynamicFeeTx{ChainID: d.chainID, Nonce: nonce,
		GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: &to, Value: value})
	if err != nil {
		return err
	}
	if err := d.client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	rcpt, err := bind.WaitMined(ctx, d.client, tx.Hash())
	if err != nil {
		return err
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("transfer to %s reverted", to)
	}
	return nil
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
					sent++ // the stream brings what follows
					continue
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

// paymentCeiling is the crypto of one complete payment on every core, as the stream's
// protocol does it: the hub signs four states (the payer's lock, the forward, the claim,
// the collect), each digested by both sides and its signature recovered by the wallet;
// the wallets co-sign three (the payer its lock and the collect, the payee the claim,
// whose signature covers the forward under it), each recovered by the hub; the secret is
// sealed to the payee and opened. No request is signed: a stream is authenticated once.
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
		for i, s := range states {
			for range 2 { // each side computes the digest it signs or checks
				if _, err := dom.Digest(s); err != nil {
					return err
				}
			}
			d, _ := dom.Digest(s)
			sh, _ := channel.Sign(d, hubKey)
			if err := channel.VerifySigner(d, sh, hubAddr); err != nil {
				return err
			}
			if i == 1 {
				continue // the forward: covered by the payee's signature of the claim
			}
			su, _ := channel.Sign(d, payer)
			if err := channel.VerifySigner(d, su, payerAddr); err != nil {
				return err
			}
		}
		return nil
	})
}

// allStreaming reports whether every wallet holds its stream open.
func allStreaming(ws []*client.Wallet) bool {
	for _, w := range ws {
		if !w.Streaming() {
			return false
		}
	}
	return true
}
