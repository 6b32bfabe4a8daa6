package disputes_test

import (
	"bytes"
	"context"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/store"
)

// clock is a settable clock for the settle budget's days and retries.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// estimateCounter counts the gas estimates of one channel's settlement.
type estimateCounter struct {
	disputes.Chain
	settle []byte
	n      atomic.Int64
}

func (c *estimateCounter) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	if bytes.Equal(msg.Data, c.settle) {
		c.n.Add(1)
	}
	return c.Chain.EstimateGas(ctx, msg)
}

// settleHeld returns the settle-held alerts about user's channel.
func (e *env) settleHeld(user common.Address) []alert.Alert {
	var out []alert.Alert
	for _, a := range e.alerts.Alerts() {
		if a.Kind == alert.SettleHeld && a.User == user {
			out = append(out, a)
		}
	}
	return out
}

// settleOf returns the settle entry of u's channel.
func (e *env) settleOf(u common.Address) store.OutboxTx {
	e.t.Helper()
	for _, tx := range e.outbox(e.st, u) {
		if tx.Kind == store.KindSettle {
			return tx
		}
	}
	e.t.Fatalf("no settlement queued for %s", u)
	return store.OutboxTx{}
}

// TestSettleOverGasCapIsHeld: a dispute's deadline passed and its settlement is estimated
// above max_gas_per_settle (as a payout receiver that burns gas would make it; ChannelManager
// v2 pays with a stipend, so here the cap is set below a plain settlement). The settlement
// is not sent and an alert names the channel, the estimate and the cap; it is not estimated
// again every pass, only after the retry time. A stale close of another channel is still
// challenged in the next block.
func TestSettleOverGasCapIsHeld(t *testing.T) {
	clk := &clock{now: time.Now()}
	const maxGas = 50_000 // a plain settlement is estimated at about 130,000 on this chain
	e := newEnv(t, envConfig{users: 2, autoSettle: true, sender: func(c *disputes.SenderConfig) {
		c.MaxGasPerSettle, c.Now = maxGas, clk.Now
	}})
	settled, victim := e.users[0], e.users[1]
	s3 := pay(e.open(victim, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.closeAll(e.openMany(e.users[:1])) // closed with its latest state: only a settlement to do
	chain := &estimateCounter{Chain: e.c.Client, settle: e.m.PackSettle(settled.Addr)}
	tw := e.newTower(e.st, e.tower, chain)
	e.rounds(tw, 1)
	e.passDeadline(settled.Addr)
	e.rounds(tw, 5)

	if n := e.countEvents("Settled"); n != 0 {
		t.Fatalf("%d settlements mined, want none above max_gas_per_settle", n)
	}
	if tx := e.settleOf(settled.Addr); tx.Status != store.TxQueued || len(tx.Attempts) != 0 ||
		!strings.Contains(tx.LastError, "max_gas_per_settle") {
		t.Fatalf("settlement %s with %d attempts (%q), want queued, unsigned, held over max_gas_per_settle",
			tx.Status, len(tx.Attempts), tx.LastError)
	}
	got := e.settleHeld(settled.Addr)
	if len(got) != 1 || got[0].Contract != e.c.ManagerAddr || !strings.Contains(got[0].Text, "50000") ||
		!strings.Contains(got[0].Text, "gas estimate 1") {
		t.Fatalf("settle-held alerts %+v, want one naming the channel, the estimate and the cap of %d", got, maxGas)
	}
	if n := chain.n.Load(); n != 1 {
		t.Fatalf("settlement estimated %d times in 6 passes, want once (held until the retry time)", n)
	}

	e.exitWith(e.hub, s3)
	closed := e.head()
	e.react(tw)
	e.c.Backend.Commit()
	if at := e.challengeBlock(e.tower.Addr, victim.Addr); at != closed+1 {
		t.Fatalf("challenge in block %d, the stale close in %d: want the next block", at, closed)
	}

	clk.advance(11 * time.Minute) // the retry time: estimated again, still too costly
	e.rounds(tw, 2)
	if n := chain.n.Load(); n != 2 {
		t.Fatalf("settlement estimated %d times after the retry time, want 2", n)
	}
	if n := e.countEvents("Settled"); n != 0 {
		t.Fatalf("%d settlements mined after the retry, want none", n)
	}
}

// TestSettleBudgetPerDay: two disputes expire at once and the day's settle budget pays for
// one settlement at most. One is sent; the other is held with an alert, and a stale close
// is still challenged in the next block (challenges are not counted against the budget).
// The next day the held settlement goes out.
func TestSettleBudgetPerDay(t *testing.T) {
	clk := &clock{now: time.Now()}
	var budget big.Int
	e := newEnv(t, envConfig{users: 3, autoSettle: true, sender: func(c *disputes.SenderConfig) {
		c.SettleBudget, c.Now = &budget, clk.Now
	}})
	victim := e.users[2]
	s3 := pay(e.open(victim, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.closeAll(e.openMany(e.users[:2]))
	tw := e.newTower(e.st, e.tower, e.c.Client)
	e.rounds(tw, 1)
	e.passDeadline(e.users[1].Addr)

	// One and a half settlements at the fee cap the sender offers now (twice the base fee
	// and a tip of about 1 gwei).
	gas, err := e.c.Client.EstimateGas(t.Context(), ethereum.CallMsg{From: e.tower.Addr, To: &e.c.ManagerAddr,
		Data: e.m.PackSettle(e.users[0].Addr)})
	if err != nil {
		t.Fatal(err)
	}
	head, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), big.NewInt(1.2e9))
	budget.Mul(feeCap, big.NewInt(int64(gas+gas/4)*3/2))
	e.rounds(tw, 5)

	if n := e.countEvents("Settled"); n != 1 {
		t.Fatalf("%d settlements mined, want 1 within the day's budget of %s wei", n, &budget)
	}
	var waiting common.Address
	for _, u := range e.users[:2] {
		if tx := e.settleOf(u.Addr); tx.Status == store.TxQueued {
			waiting = u.Addr
			if len(tx.Attempts) != 0 || !strings.Contains(tx.LastError, "settle_budget_per_day") {
				t.Fatalf("held settlement has %d attempts (%q), want none, held over the budget", len(tx.Attempts), tx.LastError)
			}
		}
	}
	if got := e.settleHeld(waiting); waiting == (common.Address{}) || len(got) != 1 || !strings.Contains(got[0].Text, budget.String()) {
		t.Fatalf("settle-held alerts %+v for %s, want one naming the budget %s", got, waiting, &budget)
	}

	e.exitWith(e.hub, s3)
	closed := e.head()
	e.react(tw)
	e.c.Backend.Commit()
	if at := e.challengeBlock(e.tower.Addr, victim.Addr); at != closed+1 {
		t.Fatalf("challenge in block %d, the stale close in %d: want the next block", at, closed)
	}

	clk.advance(24 * time.Hour)
	e.rounds(tw, 5)
	if n := e.countEvents("Settled"); n != 2 {
		t.Fatalf("%d settlements mined the next day, want 2", n)
	}
}
