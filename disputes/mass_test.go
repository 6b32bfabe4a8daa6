package disputes_test

import (
	"math/big"
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// TestMassExit: the hub closes 1,000 channels with stale states in one block. The tower
// holds the latest state of each and challenges every one before the deadline.
func TestMassExit(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 channels")
	}
	const n = 1000
	e := newEnv(t, envConfig{users: n, blockGasLimit: 2_000_000_000})
	ctx := t.Context()
	// The hub opens every channel with collateral from its reserve, many per block.
	stale := make([]*channel.State, n)
	opts := e.c.Opts(e.hub)
	nonce, err := e.c.Client.PendingNonceAt(ctx, e.hub.Addr)
	if err != nil {
		t.Fatal(err)
	}
	next := func() *big.Int { // the pool may not have promoted the last one yet
		n := new(big.Int).SetUint64(nonce)
		nonce++
		return n
	}
	for i, u := range e.users {
		s := state(u.Addr, 1, 1)
		s.PendingWei[channel.HubDeposit] = eth(1)
		s.Timeout.SetUint64(e.c.Now() + 3600)
		opts.Nonce = next()
		if _, err := e.c.Manager.RawTransact(opts, e.m.PackHubAuthorizedUpdate(contracts.State(s), e.sign(s, u))); err != nil {
			t.Fatal(err)
		}
		conf := state(u.Addr, 2, 1)
		conf.WeiBalances = [2]*big.Int{eth(1), new(big.Int)}
		stale[i] = conf                // the hub keeps all its collateral here
		e.deposit(e.st, pay(conf, -1)) // and paid it all to the user since
		if i%200 == 199 {
			e.c.Backend.Commit()
		}
	}
	e.c.Backend.Commit()
	e.rounds(e.tw, 1)

	// All stale closes in one block.
	for _, s := range stale {
		opts.Nonce = next()
		if _, err := e.c.Manager.RawTransact(opts, e.m.PackStartExitWithUpdate(contracts.State(s), e.sign(s, e.hub),
			e.sign(s, e.userOf(s.User)))); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.c.WaitPending(e.hub.Addr, nonce); err != nil {
		t.Fatal(err)
	}
	e.c.Backend.Commit()
	closeBlock, err := e.c.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	deadline := closeBlock.Time + challengePeriod
	e.rounds(e.tw, 4)

	got := e.challengesFrom(e.tower.Addr)
	if len(got) != n {
		t.Fatalf("tower challenged %d of %d stale closes", len(got), n)
	}
	challenged := map[[20]byte]bool{}
	for _, ev := range got {
		h, err := e.c.Client.HeaderByHash(ctx, ev.Raw.BlockHash)
		if err != nil {
			t.Fatal(err)
		}
		if h.Time >= deadline {
			t.Errorf("challenge for %s at block time %d, deadline %d", ev.User, h.Time, deadline)
		}
		challenged[ev.User] = true
	}
	for _, u := range e.users {
		if !challenged[u.Addr] {
			t.Errorf("channel %s not challenged", u.Addr)
		}
		if ch := e.onchain(u.Addr); ch.Nonce.Int64() != 3 {
			t.Errorf("channel %s at nonce %s on-chain, want 3", u.Addr, ch.Nonce)
		}
	}
	txs, err := e.st.ActiveTxs(ctx, e.c.ChainID, e.tower.Addr)
	if err != nil {
		t.Fatal(err)
	}
	for _, tx := range txs {
		if tx.Status != store.TxIncluded {
			t.Errorf("outbox entry for %s: %s", tx.User, tx.Status)
		}
	}
}
