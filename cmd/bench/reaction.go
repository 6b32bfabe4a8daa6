package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
)

// Reaction: the time from a block with a stale close becoming visible (the bench's own
// head subscription sees it) to anvil accepting the tower's challenge, through the
// indexer (woken by its WebSocket head subscription), the engine, the outbox and the
// sender, in process, with many other channels stored. Then recovery: `watchtower run`
// started after a stale close made while it was down, with open disputes and a backlog
// of settlements waiting, timed from its start to the challenge's inclusion.

// chainSetup is a deployment with the hub's reserve funded and helpers to open channels
// and close them with a stale state.
type chainSetup struct {
	d    *deployment
	m    *bindings.ChannelManager
	hub  *ecdsa.PrivateKey
	dom  channel.Domain
	gas  *bind.TransactOpts
	inst *bind.BoundContract
}

func newChainSetup(ctx context.Context, d *deployment) (*chainSetup, error) {
	c := &chainSetup{d: d, m: bindings.NewChannelManager(), hub: anvil.Key(0), dom: channel.Domain{ChainID: d.chainID, Contract: d.manager}}
	c.inst = c.m.Instance(d.client, d.manager)
	c.gas = bind.NewKeyedTransactor(c.hub, d.chainID)
	c.gas.Context = ctx
	if err := c.fund(ctx, 1000); err != nil {
		return nil, err
	}
	return c, nil
}

// fund adds ether to the hub's reserve, from which each channel opened takes 1 ether of
// collateral.
func (c *chainSetup) fund(ctx context.Context, ether int64) error {
	c.gas.Value = new(big.Int).Mul(big.NewInt(ether), big.NewInt(1e18))
	tx, err := bind.Transact(c.inst, c.gas, nil)
	c.gas.Value = nil
	if err != nil {
		return fmt.Errorf("fund the reserve: %w", err)
	}
	_, err = bind.WaitMined(ctx, c.d.client, tx.Hash())
	return err
}

func (c *chainSetup) sign(s *channel.State, k *ecdsa.PrivateKey) []byte {
	d, _ := c.dom.Digest(s)
	sig, _ := channel.Sign(d, k)
	return sig
}

// open opens a channel for a new user with 1 ether of the hub's collateral, and returns
// the user, the channel's latest state (the hub paid the user everything: nonce 3) and the
// stale one the hub will close with (nonce 2), both co-signed.
func (c *chainSetup) open(ctx context.Context) (key *ecdsa.PrivateKey, latest, stale *channel.State, err error) {
	key, _ = crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	one := big.NewInt(1e18)
	s1 := channel.NewState(user)
	s1.Nonce.SetInt64(1)
	s1.OnchainNonce.SetInt64(1)
	s1.PendingWei[channel.HubDeposit] = one
	head, err := c.d.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	s1.Timeout.SetUint64(head.Time + 3600)
	tx, err := c.inst.RawTransact(c.gas, c.m.PackHubAuthorizedUpdate(contracts.State(s1), c.sign(s1, key)))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("open a channel: %w", err)
	}
	if r, err := bind.WaitMined(ctx, c.d.client, tx.Hash()); err != nil || r.Status != types.ReceiptStatusSuccessful {
		return nil, nil, nil, fmt.Errorf("open a channel: %v", err)
	}
	stale = channel.NewState(user)
	stale.Nonce.SetInt64(2)
	stale.OnchainNonce.SetInt64(1)
	stale.WeiBalances = [2]*big.Int{new(big.Int).Set(one), new(big.Int)}
	latest = stale.Clone()
	latest.Nonce.SetInt64(3)
	latest.WeiBalances = [2]*big.Int{new(big.Int), new(big.Int).Set(one)}
	return key, latest, stale, nil
}

// deposit stores latest as the tower's held state (what the deposit API does).
func (c *chainSetup) deposit(ctx context.Context, be *backend, key *ecdsa.PrivateKey, latest *channel.State, tower *ecdsa.PrivateKey) error {
	d, _ := c.dom.Digest(latest)
	r := channel.Receipt{Contract: c.d.manager, User: latest.User, Nonce: channel.Amount{V: latest.Nonce}, StateDigest: d,
		IssuedAt: uint64(time.Now().Unix()), Tower: crypto.PubkeyToAddress(tower.PublicKey)}
	rd, _ := channel.ReceiptDigest(c.d.chainID, &r)
	r.Signature, _ = channel.Sign(rd, tower)
	_, _, err := be.st.PutState(ctx, store.StoredState{Contract: c.d.manager, State: latest, Digest: d, SigHub: c.sign(latest, c.hub),
		SigUser: c.sign(latest, key)}, r)
	return err
}

// closeStale has the hub close with the stale state and returns the transaction.
func (c *chainSetup) closeStale(key *ecdsa.PrivateKey, stale *channel.State) (*types.Transaction, error) {
	return c.inst.RawTransact(c.gas, c.m.PackStartExitWithUpdate(contracts.State(stale), c.sign(stale, c.hub), c.sign(stale, key)))
}

// onchainNonce reads a channel's nonce from the contract.
func (c *chainSetup) onchainNonce(ctx context.Context, user common.Address) (*big.Int, error) {
	ch, err := bind.Call(c.inst, &bind.CallOpts{Context: ctx}, c.m.PackGetChannel(user), c.m.UnpackGetChannel)
	if err != nil {
		return nil, err
	}
	return ch.Nonce, nil
}

// sendClock is the sender's chain, noting when the node accepted each transaction.
type sendClock struct {
	disputes.Chain
	sent chan time.Time
}

func (c *sendClock) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	err := c.Chain.SendTransaction(ctx, tx)
	if err == nil {
		select {
		case c.sent <- time.Now():
		default:
		}
	}
	return err
}

func (b *bench) reaction(ctx context.Context) error {
	if err := b.reactionLatency(ctx); err != nil {
		return err
	}
	return b.recovery(ctx)
}

func (b *bench) reactionLatency(ctx context.Context) error {
	n, err := b.anvil(ctx, 0)
	if err != nil {
		return err
	}
	defer n.stop()
	d, err := deploy(ctx, n, 3600)
	if err != nil {
		return err
	}
	defer d.client.Close()
	c, err := newChainSetup(ctx, d)
	if err != nil {
		return err
	}
	be, err := b.postgres(ctx)
	if err != nil {
		return err
	}
	defer be.close()
	if err := be.st.AddContract(ctx, store.Contract{ChainID: d.chainID, Address: d.manager, Hub: anvilAddr(0), DeployBlock: d.deployBlock,
		ChallengePeriod: 3600}); err != nil {
		return err
	}
	fill := time.Now()
	if err := b.fillChannels(ctx, be, d.manager, b.sc.reactionStored, 2, store.StatusOpen, 0); err != nil {
		return err
	}
	b.log.Info("channels stored", "channels", b.sc.reactionStored, "took", time.Since(fill).Round(time.Millisecond))

	ws, err := ethclient.DialContext(ctx, n.ws())
	if err != nil {
		return err
	}
	defer ws.Close()
	tower := anvil.Key(2)
	quiet := slog.New(slog.DiscardHandler)
	clock := &sendClock{Chain: d.client, sent: make(chan time.Time, 4)}
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: d.chainID, Key: tower, MaxFeePerGas: big.NewInt(1000e9),
		Confirmations: 2, Interval: time.Hour, Logger: quiet}, clock, be.st)
	if err != nil {
		return err
	}
	eng := disputes.NewEngine(disputes.EngineConfig{ChainID: d.chainID, Sender: snd.Address(), Wake: snd.Wake, Logger: quiet},
		disputes.EngineStores{States: be.st, Channels: be.st, Intents: be.st, Unanswered: be.st, Held: be.st})
	ix, err := watcher.New(watcher.Config{ChainID: d.chainID, Contracts: []common.Address{d.manager}, StartBlock: d.deployBlock,
		Confirmations: 2, PollInterval: time.Hour, Logger: quiet}, ws, be.st, eng.Consume)
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan struct{}, 3)
	for _, run := range []func(context.Context) error{ix.Run, snd.Run, eng.Run} {
		go func() { run(runCtx); done <- struct{}{} }()
	}
	defer func() { stop(); <-done; <-done; <-done }()

	heads := make(chan *types.Header, 64)
	sub, err := ws.SubscribeNewHead(ctx, heads)
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	probe, err := startCommitProbe(ctx, be.admin, 100*time.Millisecond)
	if err != nil {
		return err
	}
	defer probe.stop()
	var lat []time.Duration
	for i := range b.sc.reactionCloses {
		key, latest, stale, err := c.open(ctx)
		if err != nil {
			return err
		}
		if err := c.deposit(ctx, be, key, latest, tower); err != nil {
			return err
		}
		// Let the tower index the opening first, as it would have long before a close.
		time.Sleep(100 * time.Millisecond)
		for len(heads) > 0 {
			<-heads
		}
		for len(clock.sent) > 0 {
			<-clock.sent
		}
		tx, err := c.closeStale(key, stale)
		if err != nil {
			return fmt.Errorf("close %d: %w", i, err)
		}
		var t0 time.Time
		for t0.IsZero() {
			select {
			case h := <-heads:
				arrived := time.Now()
				if blk, err := d.client.BlockByHash(ctx, h.Hash()); err == nil && blk.Transaction(tx.Hash()) != nil {
					t0 = arrived
				}
			case err := <-sub.Err():
				return err
			case <-time.After(30 * time.Second):
				return fmt.Errorf("close %d never mined", i)
			}
		}
		select {
		case t1 := <-clock.sent:
			lat = append(lat, t1.Sub(t0))
			b.log.Debug("close answered", "close", i, "took", t1.Sub(t0))
		case <-time.After(30 * time.Second):
			return fmt.Errorf("close %d never challenged", i)
		}
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			nonce, err := c.onchainNonce(ctx, latest.User)
			if err == nil && nonce.Cmp(latest.Nonce) == 0 {
				break
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("close %d: the challenge never landed", i)
			}
		}
	}
	slices.Sort(lat)
	q := func(f float64) float64 {
		return float64(lat[min(len(lat)-1, int(f*float64(len(lat))))].Microseconds()) / 1000
	}
	p := map[string]any{"channels": b.sc.reactionStored, "closes": len(lat), "node": "anvil, WebSocket heads", "store": "postgres",
		"target": "no regression (10 ms median, 18–21 ms p99 on the simulated chain before)"}
	if err := probe.report(p); err != nil {
		return err
	}
	for _, r := range []Row{
		row(fmt.Sprintf("reaction latency p50, stale close to challenge accepted, %d channels", b.sc.reactionStored), q(0.5), "ms", 0, p),
		row(fmt.Sprintf("reaction latency p99, stale close to challenge accepted, %d channels", b.sc.reactionStored), q(0.99), "ms", 0, p),
	} {
		if err := b.rep.add(r); err != nil {
			return err
		}
	}
	return nil
}

// recovery times `watchtower run` from its start to the inclusion of its challenge of a
// close made while it was down, for each number of other open disputes, without and with
// a backlog of expired disputes to settle (auto_settle on). Each run has a fresh chain and
// database. The ceiling of each figure is the run with no other dispute and no backlog:
// flat is a ratio near 1.
func (b *bench) recovery(ctx context.Context) error {
	var base float64
	for _, backlog := range []int{0, b.sc.recoverySettle} {
		for _, open := range b.sc.recoveryOpen {
			took, err := b.recoverOnce(ctx, open, backlog)
			if err != nil {
				return fmt.Errorf("recovery with %d open disputes, %d to settle: %w", open, backlog, err)
			}
			s := took.Seconds()
			if base == 0 {
				base = s
			}
			if err := b.rep.add(row(fmt.Sprintf("recovery, start to first challenge, %d open disputes, %d to settle", open, backlog), s, "s", base,
				map[string]any{"open_disputes": open, "settle_backlog": backlog, "store": "postgres", "node": "anvil",
					"ceiling": "the same with none", "target": "flat (ratio ≈ 1)"})); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *bench) recoverOnce(ctx context.Context, open, backlog int) (time.Duration, error) {
	n, err := b.anvil(ctx, 0)
	if err != nil {
		return 0, err
	}
	defer n.stop()
	d, err := deploy(ctx, n, 3600)
	if err != nil {
		return 0, err
	}
	defer d.client.Close()
	c, err := newChainSetup(ctx, d)
	if err != nil {
		return 0, err
	}
	be, err := b.postgres(ctx)
	if err != nil {
		return 0, err
	}
	defer be.close()
	tower := anvil.Key(2)
	if err := be.st.AddContract(ctx, store.Contract{ChainID: d.chainID, Address: d.manager, Hub: anvilAddr(0), DeployBlock: d.deployBlock,
		ChallengePeriod: 3600}); err != nil {
		return 0, err
	}
	head, err := d.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, err
	}
	// Disputes the tower has nothing to answer (its state is the one on-chain), deadlines
	// ahead; and the backlog: disputes past their deadline, to settle.
	if err := b.fillChannels(ctx, be, d.manager, open, 3, store.StatusDisputed, head.Time+3600); err != nil {
		return 0, err
	}
	if err := b.fillChannels(ctx, be, d.manager, backlog, 4, store.StatusDisputed, head.Time-60); err != nil {
		return 0, err
	}
	// While the tower is down: a channel opens, its user backs up its latest state, and
	// the hub closes with an older one.
	key, latest, stale, err := c.open(ctx)
	if err != nil {
		return 0, err
	}
	if err := c.deposit(ctx, be, key, latest, tower); err != nil {
		return 0, err
	}
	tx, err := c.closeStale(key, stale)
	if err != nil {
		return 0, err
	}
	if _, err := bind.WaitMined(ctx, d.client, tx.Hash()); err != nil {
		return 0, err
	}
	spec, err := b.towerConfig(n, d, tower, be.url, towerOptions{autoSettle: backlog > 0})
	if err != nil {
		return 0, err
	}
	t, err := b.startTower(ctx, spec)
	if err != nil {
		return 0, err
	}
	defer t.stop()
	for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(5 * time.Millisecond) {
		nonce, err := c.onchainNonce(ctx, latest.User)
		if err == nil && nonce.Cmp(latest.Nonce) == 0 {
			return time.Since(t.started), nil
		}
		select {
		case <-t.exited:
			return 0, fmt.Errorf("watchtower exited:\n%s", t.logs.String())
		default:
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("no challenge within 3 minutes:\n%.4000s", t.logs.String())
		}
	}
}
