package disputes_test

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
)

// sendClock records when the node accepted each transaction.
type sendClock struct {
	disputes.Chain
	sent chan time.Time
}

func (c *sendClock) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	err := c.Chain.SendTransaction(ctx, tx)
	if err == nil {
		c.sent <- time.Now()
	}
	return err
}

// BenchmarkReactionLatency measures, with 10,000 and 1,000,000 other channels' states
// stored, the time from a block with a stale close becoming visible to the tower (the
// indexer's next look at the chain) to the node accepting the tower's challenge: the
// indexer, the engine, the outbox and the sender in between, as they run in production.
// It reports the median and p99 over b.N closes.
func BenchmarkReactionLatency(b *testing.B) {
	for _, stored := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("channels=%d", stored), func(b *testing.B) { benchReaction(b, stored) })
	}
}

func benchReaction(b *testing.B, stored int) {
	ctx := b.Context()
	c, err := simchain.New(simchain.Config{Accounts: 2, ChallengePeriod: challengePeriod})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	hub, tower := c.Accounts[0], c.Accounts[1]
	if _, err := c.Transact(hub, c.Manager, eth(100_000), nil); err != nil {
		b.Fatal(err)
	}
	st := pgtest.NewStore(b)
	if err := st.AddContract(ctx, store.Contract{ChainID: c.ChainID, Address: c.ManagerAddr, Hub: hub.Addr,
		DeployBlock: c.DeployBlock, ChallengePeriod: challengePeriod}); err != nil {
		b.Fatal(err)
	}
	// Fill the store: other channels' states and on-chain views, as many as a large
	// deployment holds. Only their number matters here, not their signatures: one state is
	// deposited and copied.
	fill := time.Now()
	tmpl := pay(state(common.Address{1}, 2, 1), 0)
	if _, _, err := st.PutState(ctx, store.StoredState{Contract: c.ManagerAddr, State: tmpl, Digest: common.Hash{1},
		SigHub: make([]byte, 65), SigUser: make([]byte, 65)}, channel.Receipt{IssuedAt: 1, Signature: make([]byte, 65)}); err != nil {
		b.Fatal(err)
	}
	if err := st.Exec(ctx, `
		INSERT INTO channel_states (contract, user_addr, nonce, digest, state, sig_hub, sig_user, received_at,
			receipt_issued_at, receipt_tower, receipt_sig)
		SELECT t.contract, substr(sha256(int8send(i)), 1, 20), 7, sha256(int8send(-i)), t.state, t.sig_hub, t.sig_user, t.received_at,
			t.receipt_issued_at, t.receipt_tower, t.receipt_sig
		FROM channel_states t, generate_series(1, $1::bigint) AS i`, stored); err != nil {
		b.Fatal(err)
	}
	if err := st.Exec(ctx, `
		INSERT INTO channels (contract, user_addr, status, nonce, onchain_nonce, last_block)
		SELECT $1, substr(sha256(int8send(i)), 1, 20), 'open', 5, 1, 1 FROM generate_series(1, $2::bigint) AS i`,
		c.ManagerAddr[:], stored); err != nil {
		b.Fatal(err)
	}
	if err := st.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored %d channels in %v", stored, time.Since(fill).Round(time.Millisecond))

	quiet := slog.New(slog.DiscardHandler)
	clock := &sendClock{Chain: c.Client, sent: make(chan time.Time, 16)}
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: c.ChainID, Key: tower.Key, MaxFeePerGas: big.NewInt(1000e9),
		Confirmations: 2, Interval: time.Hour, Logger: quiet}, clock, st)
	if err != nil {
		b.Fatal(err)
	}
	eng := disputes.NewEngine(disputes.EngineConfig{ChainID: c.ChainID, Sender: tower.Addr, Wake: snd.Wake, Logger: quiet},
		disputes.EngineStores{States: st, Channels: st, Intents: st, Unanswered: st, Held: st})
	ix, err := watcher.New(watcher.Config{ChainID: c.ChainID, Contracts: []common.Address{c.ManagerAddr},
		StartBlock: c.DeployBlock, Confirmations: 2, InitialRange: 1000, MaxRange: 1000, Logger: quiet}, c.Client, st, eng.Consume)
	if err != nil {
		b.Fatal(err)
	}
	sync := func() {
		for done := false; !done; {
			if done, err = ix.Sync(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	sync()
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	go snd.Run(runCtx)

	sign := func(s *channel.State, k *ecdsa.PrivateKey) []byte {
		d, err := c.Domain.Digest(s)
		if err != nil {
			b.Fatal(err)
		}
		sig, err := channel.Sign(d, k)
		if err != nil {
			b.Fatal(err)
		}
		return sig
	}
	var lat []time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		// A new channel: the hub opens it with collateral, pays it all to the user, and
		// the user backs the latest state up with the tower.
		key, _ := crypto.GenerateKey()
		user := crypto.PubkeyToAddress(key.PublicKey)
		s1 := state(user, 1, 1)
		s1.PendingWei[channel.HubDeposit] = eth(1)
		s1.Timeout.SetUint64(c.Now() + 3600)
		if _, err := c.Transact(hub, c.Manager, nil, c.ManagerABI.PackHubAuthorizedUpdate(contracts.State(s1), sign(s1, key))); err != nil {
			b.Fatal(err)
		}
		conf := state(user, 2, 1)
		conf.WeiBalances = [2]*big.Int{eth(1), new(big.Int)}
		latest := pay(conf, -1)
		d, _ := c.Domain.Digest(latest)
		r := channel.Receipt{Contract: c.ManagerAddr, User: user, Nonce: channel.Amount{V: latest.Nonce}, StateDigest: d,
			IssuedAt: uint64(time.Now().Unix()), Tower: tower.Addr}
		rd, _ := channel.ReceiptDigest(c.ChainID, &r)
		r.Signature, _ = channel.Sign(rd, tower.Key)
		if _, _, err := st.PutState(ctx, store.StoredState{Contract: c.ManagerAddr, State: latest, Digest: d,
			SigHub: sign(latest, hub.Key), SigUser: sign(latest, key)}, r); err != nil {
			b.Fatal(err)
		}
		sync()
		// The hub closes with the stale state; the block is mined.
		tx, err := c.Manager.RawTransact(c.Opts(hub), c.ManagerABI.PackStartExitWithUpdate(contracts.State(conf),
			sign(conf, hub.Key), sign(conf, key)))
		if err != nil {
			b.Fatal(err)
		}
		if err := c.WaitPending(hub.Addr, tx.Nonce()+1); err != nil {
			b.Fatal(err)
		}
		c.Backend.Commit()

		b.StartTimer()
		t0 := time.Now()
		sync() // the tower looks at the chain
		t1 := <-clock.sent
		b.StopTimer()
		lat = append(lat, t1.Sub(t0))
		c.Backend.Commit()
		sync()
		snd.Wake()
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
}
