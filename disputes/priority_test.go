package disputes_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// TestChallengeBeforeSettlements: the tower has settlements queued for many expired
// disputes — due, and signed as far as it will — when a stale close comes. The challenge
// is in the next block: it is signed before any settlement, and the settlements ahead of
// it in the account's nonces are few enough to be mined with it. The blocks from the
// close to the challenge are logged (the measure).
func TestChallengeBeforeSettlements(t *testing.T) {
	for _, n := range []int{0, 1000} {
		t.Run(fmt.Sprintf("settlements=%d", n), func(t *testing.T) {
			if n > 0 && testing.Short() {
				t.Skip("1,000 channels")
			}
			// A block holds about 300 settlements, so 1,000 signed at once take several.
			e := newEnv(t, envConfig{users: n + 1, autoSettle: true, blockGasLimit: 15_000_000})
			victim := e.users[n]
			s3 := pay(e.open(victim, 10, 0), 6)
			held := pay(s3, -5)
			e.deposit(e.st, held)
			if n > 0 {
				// n channels the hub closes with their latest states: nothing to answer, a
				// settlement each after the deadline.
				e.closeAll(e.openMany(e.users[:n]))
				e.rounds(e.tw, 1)
				e.passDeadline(e.users[n-1].Addr) // the last of them
			}
			e.rounds(e.tw, 1) // the settlements due are signed, as far as the sender goes
			queued, signed := 0, 0
			for _, tx := range e.activeTxs(e.tw) {
				if tx.Kind == store.KindSettle {
					queued++
					if len(tx.Attempts) > 0 {
						signed++
					}
				}
			}
			if queued != n {
				t.Fatalf("%d settlements in the outbox, want %d", queued, n)
			}

			// The stale close, outbidding the settlements for a place in its block.
			opts := e.c.Opts(e.hub)
			opts.GasTipCap, opts.GasFeeCap = big.NewInt(100e9), big.NewInt(200e9)
			tx, err := e.c.Manager.RawTransact(opts, e.m.PackStartExitWithUpdate(contracts.State(s3), e.sign(s3, e.hub), e.sign(s3, victim)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.c.Mine(tx); err != nil {
				t.Fatal(err)
			}
			closed := e.head()
			blocks := 0
			for blocks = 1; blocks <= 20; blocks++ {
				e.react(e.tw)
				e.c.Backend.Commit()
				if e.challengeBlock(e.tower.Addr, victim.Addr) != 0 {
					break
				}
			}
			at := e.challengeBlock(e.tower.Addr, victim.Addr)
			t.Logf("%d settlements queued (%d signed before the close): challenge %d block(s) after the stale close", n, signed, at-closed)
			if at == 0 || at != closed+1 {
				t.Fatalf("challenge in block %d, the stale close in %d: want the next block", at, closed)
			}
			if ch := e.onchain(victim.Addr); ch.Nonce.Cmp(held.Nonce) != 0 {
				t.Fatalf("on-chain nonce %s, want %s", ch.Nonce, held.Nonce)
			}
			// The settlements held back all go out, a batch at a time.
			for range 200 {
				left := 0
				for _, tx := range e.activeTxs(e.tw) {
					if tx.Kind == store.KindSettle && tx.Status != store.TxIncluded {
						left++
					}
				}
				if left == 0 {
					break
				}
				e.rounds(e.tw, 1)
			}
			if got := e.countEvents("Settled"); got != n {
				t.Fatalf("%d of %d disputes settled", got, n)
			}
		})
	}
}

// gatedStates holds every examination of a channel but one until the gate opens: a
// reconcile pass that takes longer than a block.
type gatedStates struct {
	*sqlstore.Store
	gate <-chan struct{}
	pass common.Address
}

func (g gatedStates) State(ctx context.Context, contract, user common.Address) (store.StoredState, error) {
	if user != g.pass {
		select {
		case <-g.gate:
		case <-ctx.Done():
			return store.StoredState{}, ctx.Err()
		}
	}
	return g.Store.State(ctx, contract, user)
}

// TestRestartWithDisputesOpenChallengesNextBlock: the tower is down while the hub closes
// a channel with a stale state; it restarts with 1,000 other disputes open, and
// examining those takes longer than a block (here, until the challenge is mined). The
// challenge is in the next block all the same: a restart does not wait for the full pass.
func TestRestartWithDisputesOpenChallengesNextBlock(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.rounds(e.tw, 1)
	// 1,000 other disputes, nearer their deadlines, as the store holds them. Their users'
	// first bytes differ from u's, so that no examination of theirs holds u's channel.
	if err := e.st.Exec(t.Context(), `
		INSERT INTO channels (contract, user_addr, status, nonce, onchain_nonce, deadline, last_block)
		SELECT $1, substr(sha256(int8send(i)), 1, 20), 'disputed', 5, 1, $2, 1 FROM generate_series(1, 1100) AS i
		WHERE get_byte(sha256(int8send(i)), 0) % 64 <> $3 LIMIT 1000`,
		e.c.ManagerAddr[:], e.c.Now()+100, int(u.Addr[0]%64)); err != nil {
		t.Fatal(err)
	}

	e.exitWith(e.hub, s3) // while the tower is down
	closed := e.head()

	gate := make(chan struct{})
	tw := e.newTowerOver(gatedStates{Store: e.st, gate: gate, pass: u.Addr}, e.tower)
	d := &monitor.Duties{Indexer: tw.ix, Engine: tw.eng, Sender: tw.snd, Schedules: monitor.Schedules{Reconcile: "@every 1h"}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		close(gate)
		cancel()
		<-done
	}()
	if err := e.c.WaitPending(e.tower.Addr, 1); err != nil {
		t.Fatalf("no challenge in the pool while the other disputes are examined: %v", err)
	}
	e.c.Backend.Commit()
	if at := e.challengeBlock(e.tower.Addr, u.Addr); at != closed+1 {
		t.Fatalf("challenge in block %d, the stale close in %d: want the block after the restart", at, closed)
	}
	if ch := e.onchain(u.Addr); ch.Nonce.Cmp(held.Nonce) != 0 {
		t.Fatalf("on-chain nonce %s, want %s", ch.Nonce, held.Nonce)
	}
}

// TestDepositDuringDisputeIsChallenged: the hub closes with the state the tower holds —
// nothing to answer — and the user, online again during the window, deposits its newer
// state. The tower examines the channel at once (not at the next reconcile, an hour
// away here) and its challenge is in the next block.
func TestDepositDuringDisputeIsChallenged(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	s4 := pay(s3, -5)
	e.deposit(e.st, s3)
	d := &monitor.Duties{Indexer: e.tw.ix, Engine: e.tw.eng, Sender: e.tw.snd, Schedules: monitor.Schedules{Reconcile: "@every 1h"}}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	defer func() {
		cancel()
		<-done
	}()
	e.exitWith(e.hub, s3)
	closed := e.head()
	eventually(t, "the close to be indexed", func() bool {
		ch, err := e.st.Channel(t.Context(), e.c.ManagerAddr, u.Addr)
		return err == nil && ch.Status == store.StatusDisputed
	})
	if txs := e.outbox(e.st, u.Addr); len(txs) != 0 {
		t.Fatalf("outbox %+v before the deposit, want nothing: the close was with the held state", txs)
	}

	e.deposit(e.st, s4)
	if err := e.c.WaitPending(e.tower.Addr, 1); err != nil {
		t.Fatalf("no challenge in the pool after the deposit: %v", err)
	}
	e.c.Backend.Commit()
	if at := e.challengeBlock(e.tower.Addr, u.Addr); at != closed+1 {
		t.Fatalf("challenge in block %d, the close in %d: want the block after the deposit", at, closed)
	}
	if ch := e.onchain(u.Addr); ch.Nonce.Cmp(s4.Nonce) != 0 {
		t.Fatalf("on-chain nonce %s, want %s", ch.Nonce, s4.Nonce)
	}
}

// openMany has the hub open a channel with each user, 1 ether of collateral from its
// reserve, then pay it all to the user; the tower holds each latest state (nonce 3),
// which it returns.
func (e *env) openMany(users []simchain.Account) []*channel.State {
	e.t.Helper()
	_, latest := e.openManyStale(users)
	return latest
}

// openManyStale is openMany that also returns the states before the payment (nonce 2),
// with which the hub would rather close.
func (e *env) openManyStale(users []simchain.Account) (stale, latest []*channel.State) {
	e.t.Helper()
	stale, latest = make([]*channel.State, len(users)), make([]*channel.State, len(users))
	e.hubSends(func(next func() *big.Int) {
		for i, u := range users {
			s := state(u.Addr, 1, 1)
			s.PendingWei[channel.HubDeposit] = eth(1)
			s.Timeout.SetUint64(e.c.Now() + 3600)
			e.rawTransact(next(), e.m.PackHubAuthorizedUpdate(contracts.State(s), e.sign(s, u)))
			conf := state(u.Addr, 2, 1)
			conf.WeiBalances = [2]*big.Int{eth(1), new(big.Int)}
			stale[i], latest[i] = conf, pay(conf, -1)
			e.deposit(e.st, latest[i])
		}
	})
	return stale, latest
}

// closeAll has the hub close every channel with the given states, and mines them.
func (e *env) closeAll(states []*channel.State) {
	e.t.Helper()
	e.hubSends(func(next func() *big.Int) {
		for _, s := range states {
			e.rawTransact(next(), e.m.PackStartExitWithUpdate(contracts.State(s), e.sign(s, e.hub), e.sign(s, e.userOf(s.User))))
		}
	})
}

// hubSends runs send, which sends hub transactions at the nonces next hands out, then
// mines until all of them are included.
func (e *env) hubSends(send func(next func() *big.Int)) {
	e.t.Helper()
	ctx := e.t.Context()
	nonce, err := e.c.Client.PendingNonceAt(ctx, e.hub.Addr)
	if err != nil {
		e.t.Fatal(err)
	}
	sent := 0
	send(func() *big.Int {
		if sent++; sent%200 == 0 { // what was sent so far, once the pool has taken it in
			if err := e.c.WaitPending(e.hub.Addr, nonce); err != nil {
				e.t.Fatal(err)
			}
			e.c.Backend.Commit()
		}
		n := new(big.Int).SetUint64(nonce)
		nonce++
		return n
	})
	if err := e.c.WaitPending(e.hub.Addr, nonce); err != nil {
		e.t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; {
		e.c.Backend.Commit()
		if mined, err := e.c.Client.NonceAt(ctx, e.hub.Addr, nil); err != nil {
			e.t.Fatal(err)
		} else if mined >= nonce {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatal("the hub's transactions were never all mined")
		}
	}
}

// rawTransact sends calldata to the manager from the hub at nonce, without mining.
func (e *env) rawTransact(nonce *big.Int, calldata []byte) {
	e.t.Helper()
	opts := e.c.Opts(e.hub)
	opts.Nonce = nonce
	if _, err := e.c.Manager.RawTransact(opts, calldata); err != nil {
		e.t.Fatal(err)
	}
}

// head returns the latest block number.
func (e *env) head() uint64 {
	e.t.Helper()
	n, err := e.c.Client.BlockNumber(e.t.Context())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// activeTxs returns tw's active outbox entries.
func (e *env) activeTxs(tw *towerProc) []store.OutboxTx {
	e.t.Helper()
	txs, err := tw.st.ActiveTxs(e.t.Context(), e.c.ChainID, tw.snd.Address())
	if err != nil {
		e.t.Fatal(err)
	}
	return txs
}

// TestSettlementsLeaveChallengeReserve: the tower's account holds enough for the
// settlements of many expired disputes, or for them and one challenge, not both — and
// then a stale close comes. Settlements left the reserve untouched, so the challenge is
// paid for and lands in the next block; the settlements go out once the account is
// topped up.
func TestSettlementsLeaveChallengeReserve(t *testing.T) {
	const n = 40
	e := newEnv(t, envConfig{users: n + 1, autoSettle: true})
	victim := e.users[n]
	s3 := pay(e.open(victim, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.closeAll(e.openMany(e.users[:n]))
	e.passDeadline(e.users[n-1].Addr)
	// What 14 settlements may cost at most, at the fees of their window's start: about
	// what all 40 cost as mined.
	gas, err := e.c.Client.EstimateGas(t.Context(), ethereum.CallMsg{From: e.hub.Addr, To: &e.c.ManagerAddr, Data: e.m.PackSettle(e.users[0].Addr)})
	if err != nil {
		t.Fatal(err)
	}
	head, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	perSettle := new(big.Int).Mul(new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), big.NewInt(1e9)), big.NewInt(int64(gas+gas/4)))
	acct := e.brokeTower(new(big.Int).Mul(perSettle, big.NewInt(14)))
	tw := e.newTower(e.st, acct, e.c.Client)
	e.rounds(tw, 6) // the settlements are due: they spend what they may
	t.Logf("before the stale close: %d of %d settled, %s wei left, a settlement costs at most %s",
		e.countEvents("Settled"), n, e.c.Balance(acct.Addr), perSettle)

	e.exitWith(e.hub, s3)
	closed := e.head()
	e.react(tw)
	e.c.Backend.Commit()
	if at := e.challengeBlock(acct.Addr, victim.Addr); at != closed+1 {
		t.Fatalf("challenge in block %d, the stale close in %d: want the next block (settlements spent its gas?)", at, closed)
	}
	e.transfer(e.hub, acct.Addr, eth(1))
	for range 10 {
		e.rounds(tw, 1)
	}
	if got := e.countEvents("Settled"); got != n {
		t.Fatalf("%d of %d disputes settled after the top-up", got, n)
	}
}
