package disputes

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
)

// settleBudget keeps settlements from spending what challenges need: a cap on the gas one
// settlement may be estimated at (a payout receiver that burns gas makes a settlement
// expensive, and anyone may be such a receiver) and a budget for what the settlements
// signed in one UTC day may cost. A settlement is counted at the worst case of its
// costliest attempt (gas limit times fee cap). Challenges are never counted nor held.
//
// The count lives in memory, fed every pass by the outbox's active entries, so a restart
// still counts the settlements not yet deep enough and forgets only those already
// confirmed that day.
type settleBudget struct {
	maxGas uint64   // 0: no cap
	perDay *big.Int // nil: no budget
	retry  time.Duration
	now    func() time.Time

	mu    sync.Mutex
	spent map[int64]spend     // settlement entries with an attempt, by outbox ID
	held  map[int64]time.Time // settlement entries held back, until when
}

// spend is what one settlement may cost, on the day its first attempt was signed.
type spend struct {
	day  int64
	cost *big.Int
}

func newSettleBudget(cfg SenderConfig) *settleBudget {
	return &settleBudget{maxGas: cfg.MaxGasPerSettle, perDay: cfg.SettleBudget, retry: cfg.SettleRetry, now: cfg.Now,
		spent: map[int64]spend{}, held: map[int64]time.Time{}}
}

func dayOf(t time.Time) int64 { return t.UTC().Unix() / 86400 }

// nextDay is when the budget of the day holding t resets: midnight UTC.
func nextDay(t time.Time) time.Time { return time.Unix((dayOf(t)+1)*86400, 0) }

// note counts settlement t's costliest attempt on the day its first attempt was signed.
func (b *settleBudget) note(t *store.OutboxTx) {
	if len(t.Attempts) == 0 {
		return
	}
	c := new(big.Int)
	for _, a := range t.Attempts {
		if x := costOf(a); x.Cmp(c) > 0 {
			c = x
		}
	}
	signed := t.Attempts[0].SignedAt
	if signed.IsZero() {
		signed = b.now()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.spent[t.ID] = spend{day: dayOf(signed), cost: c}
	delete(b.held, t.ID)
}

// left is what remains of today's budget; entries of earlier days are forgotten.
func (b *settleBudget) left(now time.Time) *big.Int {
	b.mu.Lock()
	defer b.mu.Unlock()
	today := dayOf(now)
	left := new(big.Int).Set(b.perDay)
	for id, sp := range b.spent {
		if sp.day < today {
			delete(b.spent, id)
		} else if sp.day == today {
			left.Sub(left, sp.cost)
		}
	}
	if left.Sign() < 0 {
		left.SetInt64(0)
	}
	return left
}

// waiting reports whether entry id is held back now: it is not even estimated again.
func (b *settleBudget) waiting(id int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	until, ok := b.held[id]
	if ok && !b.now().Before(until) {
		delete(b.held, id)
		return false
	}
	return ok
}

func (b *settleBudget) hold(id int64, until time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.held[id] = until
}

// settleAllowed reports whether settlement t, estimated at estimate gas and costing up to
// cost (its gas limit times fee cap), may be signed now. When it may not, it is held back
// until SettleRetry has passed (or the day's budget resets, if sooner) and an alert names
// the channel, the estimate and the limit it broke.
func (s *Sender) settleAllowed(ctx context.Context, t *store.OutboxTx, estimate uint64, cost *big.Int) bool {
	b := s.budget
	now := b.now()
	until := now.Add(b.retry)
	var why, key string
	switch {
	case b.maxGas > 0 && estimate > b.maxGas:
		key = fmt.Sprintf("settle-gas/%d", t.ID)
		why = fmt.Sprintf("its gas estimate %d is above disputes.max_gas_per_settle %d", estimate, b.maxGas)
	case b.perDay != nil:
		left := b.left(now)
		if cost.Cmp(left) <= 0 {
			return true
		}
		key = fmt.Sprintf("settle-budget/%d/%d", t.ID, dayOf(now))
		why = fmt.Sprintf("it may cost up to %s (gas estimate %d), more than the %s left of today's disputes.settle_budget_per_day of %s",
			wei.Text(cost), estimate, wei.Text(left), wei.Text(b.perDay))
		if reset := nextDay(now); reset.Before(until) {
			until = reset
		}
	default:
		return true
	}
	b.hold(t.ID, until)
	s.log.Warn("settlement held back", "contract", t.Contract, "user", t.User, "outbox", t.ID, "why", why,
		"until", until.UTC())
	_ = s.box.NoteError(ctx, t.ID, "settlement held back: "+why)
	s.cfg.Alerts.Send(ctx, txAlert(alert.Warning, t, alert.SettleHeld, alert.SettleHeld, key,
		fmt.Sprintf("Settlement of channel %s on %s held back: %s. It is estimated again after %s UTC; challenges are not affected.",
			t.User, t.Contract, why, until.UTC().Format(time.DateTime))))
	return false
}
