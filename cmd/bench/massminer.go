package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// errPatience is a wait of the mass exit that ran out of its bound.
var errPatience = errors.New("out of patience")

// massMiner mines the mass exit's blocks a block time apart and reads their events.
type massMiner struct {
	mc    *massChain
	t     *towerProc
	node  *node
	db    *sql.DB // the tower's database: its work, its outbox, its backends' CPU time
	every time.Duration
	next  time.Time
	head  uint64
}

// tick waits for the next block time, mines a block and reads its events.
func (m *massMiner) tick(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-m.t.exited:
		return fmt.Errorf("watchtower exited:\n%s", m.t.logs.Tail(40))
	case <-time.After(time.Until(m.next)):
	}
	m.next = m.next.Add(m.every)
	if now := time.Now(); m.next.Before(now) {
		m.next = now
	}
	head, err := m.mc.mine(ctx)
	if err != nil {
		return err
	}
	m.head = head
	return m.mc.scan(ctx, head)
}

// until mines until cond holds, or returns errPatience after within.
func (m *massMiner) until(ctx context.Context, within time.Duration, cond func() (bool, error)) error {
	for deadline := time.Now().Add(within); ; {
		if ok, err := cond(); err != nil || ok {
			return err
		}
		if time.Now().After(deadline) {
			return errPatience
		}
		if err := m.tick(ctx); err != nil {
			return err
		}
	}
}

// exit sends the hub's stale closes, a batch after each block for r.spread blocks, and
// mines until the tower has challenged every one; each challenge must carry the latest
// state and land before its dispute's deadline.
func (m *massMiner) exit(ctx context.Context, r *massResult, chs []*massChannel) error {
	per := (len(chs) + r.spread - 1) / r.spread
	towerCPU, anvilCPU, pg, wall := procCPU(m.t.cmd.Process.Pid), procCPU(m.node.cmd.Process.Pid), startCPU(ctx, m.db), time.Now()
	work, err := readDBWork(ctx, m.db)
	if err != nil {
		return err
	}
	for sent := 0; sent < len(chs); {
		if err := m.tick(ctx); err != nil {
			return err
		}
		batch := chs[sent:min(sent+per, len(chs))]
		for _, ch := range batch {
			if err := m.mc.d.client.SendTransaction(ctx, ch.close); err != nil {
				return fmt.Errorf("close channel %s: %w", ch.user, err)
			}
		}
		sent += len(batch)
	}
	last := m.head + 1 // the block the last batch goes in
	for len(m.mc.challenges) < len(chs) {
		if m.head > last+massAnswerPatience {
			return fmt.Errorf("%d of %d stale closes mined, %d answered by the tower %d blocks after the last close (the deadline is %d s after each):\n%s",
				len(m.mc.exits), len(chs), len(m.mc.challenges), massAnswerPatience, massChallengePeriod, m.t.logs.Tail(40))
		}
		if err := m.tick(ctx); err != nil {
			return err
		}
	}
	pg.stop(ctx)
	done, err := readDBWork(ctx, m.db)
	if err != nil {
		return err
	}
	r.xactsPerClose, r.rowsRead = describeWork(work, done, len(chs), 4)
	r.cpu = fmt.Sprintf("%.1f/%.1f/%.1f s in %.1f s", (procCPU(m.t.cmd.Process.Pid) - towerCPU).Seconds(), pg.PGUsed.Seconds(),
		(procCPU(m.node.cmd.Process.Pid) - anvilCPU).Seconds(), time.Since(wall).Seconds())
	first, lastChallenge := uint64(math.MaxUint64), uint64(0)
	for _, ch := range chs {
		ex, cl := m.mc.exits[ch.user], m.mc.challenges[ch.user]
		if ex == nil {
			return fmt.Errorf("channel %s challenged without a close", ch.user)
		}
		if cl.Nonce.Cmp(ch.latest.Nonce) != 0 {
			return fmt.Errorf("channel %s challenged at nonce %s, the latest is %s", ch.user, cl.Nonce, ch.latest.Nonce)
		}
		if at := m.mc.times[cl.Raw.BlockNumber]; at >= ex.Deadline.Uint64() {
			return fmt.Errorf("channel %s challenged at block time %d, its deadline was %s", ch.user, at, ex.Deadline)
		}
		r.blocks = append(r.blocks, int(cl.Raw.BlockNumber-ex.Raw.BlockNumber))
		first, lastChallenge = min(first, ex.Raw.BlockNumber), max(lastChallenge, cl.Raw.BlockNumber)
	}
	slices.Sort(r.blocks)
	r.answered = m.mc.mined[lastChallenge].Sub(m.mc.mined[first])
	return nil
}

// settle mines until the tower has seen every challenge confirmed, moves anvil's clock
// past every deadline and mines until every dispute has settled with the latest state,
// the user paid. The clock moves an hour in one block, which no chain does: a challenge
// the tower had not yet seen confirmed would look, to it, past its deadline unconfirmed.
func (m *massMiner) settle(ctx context.Context, r *massResult, chs []*massChannel) error {
	confirmed := func() (bool, error) {
		var n int
		err := m.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE kind = 'challenge' AND status = 'confirmed'`).Scan(&n)
		return n == len(chs), err
	}
	if err := m.until(ctx, massDrainPatience, confirmed); errors.Is(err, errPatience) {
		return fmt.Errorf("the tower did not see every challenge confirmed within %s:\n%s", massDrainPatience, m.t.logs.Tail(40))
	} else if err != nil {
		return err
	}
	if err := m.mc.rpc.CallContext(ctx, nil, "evm_increaseTime", massChallengePeriod+1); err != nil {
		return fmt.Errorf("evm_increaseTime: %w", err)
	}
	from, limit := time.Now(), m.head+massSettlePatience
	for len(m.mc.settled) < len(chs) {
		if m.head > limit {
			return fmt.Errorf("%d of %d disputes settled %d blocks after their deadline:\n%s", len(m.mc.settled), len(chs),
				massSettlePatience, m.t.logs.Tail(40))
		}
		if err := m.tick(ctx); err != nil {
			return err
		}
	}
	r.settled = time.Since(from)
	for _, ch := range chs {
		s := m.mc.settled[ch.user]
		if s.Nonce.Cmp(ch.latest.Nonce) != 0 || s.WeiBalances[1].Cmp(ch.latest.WeiBalances[1]) != 0 {
			return fmt.Errorf("channel %s settled at nonce %s paying the user %s wei; the latest state is nonce %s paying %s", ch.user,
				s.Nonce, s.WeiBalances[1], ch.latest.Nonce, ch.latest.WeiBalances[1])
		}
	}
	return nil
}

// stages says where the time to each challenge went, median and max over the channels:
// from its close's block being mined to the challenge queued (the indexer and the
// engine), from queued to first signed (the outbox and the sender), and the blocks mined
// after the one following its signing before one included it (0: the next block did).
func stages(mc *massChain, times map[common.Address]challengeTimes) map[string]string {
	var mined []uint64
	for n := range mc.mined {
		mined = append(mined, n)
	}
	slices.Sort(mined)
	var detect, sign []time.Duration
	var late []int
	resigned := 0
	for user, ex := range mc.exits {
		c, ok := times[user]
		at, minedHere := mc.mined[ex.Raw.BlockNumber]
		if !ok || c.signed.IsZero() || !minedHere {
			continue
		}
		detect, sign = append(detect, c.queued.Sub(at)), append(sign, c.signed.Sub(c.queued))
		i := sort.Search(len(mined), func(i int) bool { return mc.mined[mined[i]].After(c.signed) })
		if i < len(mined) && c.block >= mined[i] {
			late = append(late, int(c.block-mined[i]))
		}
		if c.attempts > 1 {
			resigned++
		}
	}
	out := map[string]string{"challenges_signed_again": fmt.Sprint(resigned)}
	out["engine_ms_per_close_p50"], out["indexer_ms_p50"] = perBlock(mc, times)
	out["challenges_signed_per_s"] = signRate(times)
	ms := func(xs []time.Duration) string {
		if len(xs) == 0 {
			return "none"
		}
		slices.Sort(xs)
		return fmt.Sprintf("%.0f/%.0f", float64(quantile(xs, 0.5).Microseconds())/1000, float64(xs[len(xs)-1].Microseconds())/1000)
	}
	out["close_to_queued_ms_p50/max"], out["queued_to_signed_ms_p50/max"] = ms(detect), ms(sign)
	if len(late) > 0 {
		slices.Sort(late)
		out["blocks_waited_after_signing_p50/max"] = fmt.Sprintf("%d/%d", quantile(late, 0.5), late[len(late)-1])
	}
	return out
}

// perBlock says how the closes of one block went through the indexer and the engine,
// median over the blocks holding closes: the engine's time per close (the span of the
// block's challenges being queued over their number less one: the indexer hands the
// engine a block's events together, and the engine examines them one after another), and
// the time from the block being mined, or the engine being done with the block before if
// later, to its first challenge queued (the indexer, with the engine's first examination).
func perBlock(mc *massChain, times map[common.Address]challengeTimes) (engine, indexer string) {
	type span struct {
		first, last time.Time
		n           int
	}
	blocks := map[uint64]*span{}
	for user, ex := range mc.exits {
		c, ok := times[user]
		if !ok {
			continue
		}
		b := blocks[ex.Raw.BlockNumber]
		if b == nil {
			b = &span{first: c.queued, last: c.queued}
			blocks[ex.Raw.BlockNumber] = b
		}
		b.first, b.last, b.n = minTime(b.first, c.queued), maxTime(b.last, c.queued), b.n+1
	}
	var perClose, delay []float64
	var prev time.Time
	for _, n := range slices.Sorted(maps.Keys(blocks)) {
		b := blocks[n]
		if b.n > 1 {
			perClose = append(perClose, float64(b.last.Sub(b.first).Microseconds())/1000/float64(b.n-1))
		}
		if at, ok := mc.mined[n]; ok {
			delay = append(delay, float64(b.first.Sub(maxTime(at, prev)).Microseconds())/1000)
		}
		prev = b.last
	}
	med := func(xs []float64) string {
		if len(xs) == 0 {
			return "none"
		}
		slices.Sort(xs)
		return fmt.Sprintf("%.1f", quantile(xs, 0.5))
	}
	return med(perClose), med(delay)
}

// signRate is the challenges the sender signed per second, from its first to its last.
func signRate(times map[common.Address]challengeTimes) string {
	var first, last time.Time
	n := 0
	for _, c := range times {
		if c.signed.IsZero() {
			continue
		}
		if n == 0 {
			first, last = c.signed, c.signed
		}
		first, last, n = minTime(first, c.signed), maxTime(last, c.signed), n+1
	}
	if n < 2 || !last.After(first) {
		return "none"
	}
	return fmt.Sprintf("%.0f", float64(n-1)/last.Sub(first).Seconds())
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
