package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/wire"
)

// Mass exit: `watchtower run`, as operators run it — on PostgreSQL, its alerts going to
// Slack (a fake on loopback, fakeslack.go), settling disputes after their deadline —
// guards channels on anvil, holding for each, deposited over its API, a state newer than
// the one the hub then closes it with. The hub closes them all, a batch per block over
// massSpread blocks mined a block time apart (masschain.go). The figures: for every
// channel, the blocks from the block holding its close to the block holding the tower's
// challenge, median and max; and once every dispute has settled (anvil's clock moved past
// the challenge period, the tower's settlements mined) and the tower's alerts are
// delivered, the database's growth per channel, pg_database_size after less before the
// closes. A close left unanswered fails the figure.

// massChallengePeriod is the manager's challenge period, in seconds.
const massChallengePeriod = 3600

// Bounds of the mass exit's waits, in blocks mined after the last close (or after the
// clock moved past the deadlines) and in time. Each is far inside the challenge period:
// a figure that passes answered every close before its deadline.
const (
	massAnswerPatience = 300
	massSettlePatience = 600
	massDrainPatience  = 10 * time.Minute
)

// massResult is what a mass exit measured.
type massResult struct {
	channels, spread int
	blockTime        time.Duration
	blocks           []int         // per channel, the challenge's block less the close's, sorted
	answered         time.Duration // from the first close's block to the last challenge's
	settled          time.Duration // from the clock's jump past the deadlines to the last settlement
	took             time.Duration // the whole figure, setup included
	before, after    dbStat
	alerts           map[string]int    // alert queue rows by kind
	pending          int               // alerts not delivered when the size was read
	posts, threaded  int               // Slack messages, and those of them in a thread
	stages           map[string]string // where the time to a challenge went (stages, massminer.go)
	cpu              string            // tower/PostgreSQL/anvil CPU time while the closes were answered, and the wall time
	// xactsPerClose and rowsRead are PostgreSQL's transactions (autocommitted statements
	// included) and the rows it read from its most read tables, per close, while the
	// closes were answered.
	xactsPerClose, rowsRead string
	warnings, errors        int // the tower's log lines at warn and error level
	autovacuum              string
}

func (b *bench) massExit(ctx context.Context) error {
	r, err := b.runMassExit(ctx)
	if err != nil {
		return err
	}
	for _, row := range r.rows() {
		if err := b.rep.add(row); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) runMassExit(ctx context.Context) (*massResult, error) {
	start := time.Now()
	r := &massResult{channels: b.sc.massChannels, spread: b.sc.massSpread, blockTime: b.sc.massBlockTime}
	node, err := b.anvil(ctx, 0)
	if err != nil {
		return nil, err
	}
	defer node.stop()
	d, err := deploy(ctx, node, massChallengePeriod)
	if err != nil {
		return nil, err
	}
	defer d.client.Close()
	c, err := newChainSetup(ctx, d)
	if err != nil {
		return nil, err
	}
	if err := c.fund(ctx, int64(r.channels)); err != nil {
		return nil, err
	}
	towerKey := anvil.Key(2)
	mc, err := newMassChain(ctx, c, anvilAddr(2))
	if err != nil {
		return nil, err
	}
	be, err := b.postgres(ctx)
	if err != nil {
		return nil, err
	}
	defer be.close()
	if err := be.admin.QueryRowContext(ctx, `SHOW autovacuum`).Scan(&r.autovacuum); err != nil {
		return nil, err
	}
	slack, err := startFakeSlack()
	if err != nil {
		return nil, err
	}
	defer slack.close()
	// Settlements cost gas limit times fee cap against the day's budget: a thousand at
	// anvil's fees exceed the default half ether.
	spec, err := b.towerConfig(node, d, towerKey, be.url, towerOptions{autoSettle: true, settleBudget: "1000 ether",
		slack: slack, groupInterval: b.sc.massGroupInterval})
	if err != nil {
		return nil, err
	}
	t, err := b.startTower(ctx, spec)
	if err != nil {
		return nil, err
	}
	defer t.stop()
	if err := t.ready(ctx); err != nil {
		return nil, err
	}
	setup := time.Now()
	chs, err := mc.open(ctx, r.channels)
	if err != nil {
		return nil, err
	}
	// The tower holds a state only for a channel it has seen opened (or a few others).
	if err := t.await(ctx, 2*time.Minute, "the tower to index every opening", func() (bool, error) {
		var n int
		err := be.admin.QueryRowContext(ctx, `SELECT COUNT(*) FROM channels WHERE contract = $1`, d.manager[:]).Scan(&n)
		return n == r.channels, err
	}); err != nil {
		return nil, err
	}
	if err := depositLatest(ctx, t.api, d, c, chs); err != nil {
		return nil, err
	}
	b.log.Info("channels opened and deposited", "channels", r.channels, "took", time.Since(setup).Round(time.Millisecond))
	if r.before, err = readDBStat(ctx, be.admin); err != nil {
		return nil, err
	}

	m := &massMiner{mc: mc, t: t, node: node, db: be.admin, every: r.blockTime}
	if err := m.exit(ctx, r, chs); err != nil {
		return nil, err
	}
	times, err := readChallengeTimes(ctx, be.admin)
	if err != nil {
		return nil, err
	}
	r.stages = stages(mc, times)
	if err := m.settle(ctx, r, chs); err != nil {
		return nil, err
	}
	// The tower's last work: settlements confirmed, their alerts queued, every alert
	// delivered. Blocks keep coming meanwhile, as on a chain.
	drained := func() (bool, error) {
		var active int
		if err := be.admin.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE status IN ('queued', 'sent', 'included')`).Scan(&active); err != nil {
			return false, err
		}
		kinds, pending, err := alertCounts(ctx, be.admin)
		r.alerts, r.pending = kinds, pending
		return err == nil && active == 0 && pending == 0 && kinds["settle_done"] == r.channels, err
	}
	if err := m.until(ctx, massDrainPatience, drained); errors.Is(err, errPatience) {
		b.log.Warn("the tower's alerts were not all delivered: the size is read with some pending", "pending", r.pending)
	} else if err != nil {
		return nil, err
	}
	if r.after, err = readDBStat(ctx, be.admin); err != nil {
		return nil, err
	}
	r.posts, r.threaded, _, _ = slack.counts()
	r.warnings, r.errors = strings.Count(t.logs.String(), `"level":"WARN"`), strings.Count(t.logs.String(), `"level":"ERROR"`)
	r.took = time.Since(start)
	return r, nil
}

// depositLatest deposits every channel's latest state with the tower over its API, 100
// to a request, each co-signed by the hub and the user.
func depositLatest(ctx context.Context, api string, d *deployment, c *chainSetup, chs []*massChannel) error {
	for i := 0; i < len(chs); i += 100 {
		var batch wire.DepositBatch
		for _, ch := range chs[i:min(i+100, len(chs))] {
			batch.States = append(batch.States, wire.Deposit{Contract: d.manager, State: ch.latest, SigHub: c.sign(ch.latest, c.hub),
				SigUser: c.sign(ch.latest, ch.key)})
		}
		body, err := json.Marshal(batch)
		if err != nil {
			return err
		}
		if _, _, err := post(ctx, api, "/v1/states", [][][]byte{{body}}, http.StatusOK, len(batch.States)); err != nil {
			return fmt.Errorf("deposit with the tower: %w", err)
		}
	}
	return nil
}

// await polls cond every 50 ms until it holds, the tower exits or within passes.
func (t *towerProc) await(ctx context.Context, within time.Duration, what string, cond func() (bool, error)) error {
	for deadline := time.Now().Add(within); ; {
		ok, err := cond()
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", what, err)
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waited %s for %s:\n%s", within, what, t.logs.Tail(40))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.exited:
			return fmt.Errorf("watchtower exited:\n%s", t.logs.Tail(40))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// quantile returns the f-quantile of sorted xs (nearest rank).
func quantile[T any](xs []T, f float64) T { return xs[min(len(xs)-1, int(f*float64(len(xs))))] }

// rows are the figure's rows: blocks to a challenge, median and max, beside their
// targets; the database's growth per channel beside its target.
func (r *massResult) rows() []Row {
	median, most := quantile(r.blocks, 0.5), r.blocks[len(r.blocks)-1]
	p := map[string]any{"channels": r.channels, "closes_over_blocks": r.spread, "block_time": r.blockTime.String(),
		"node": "anvil, a block each block_time by evm_mine", "store": "postgres", "tower": "watchtower run",
		"answered_s": fmt.Sprintf("%.1f", r.answered.Seconds()), "blocks_p90": quantile(r.blocks, 0.9),
		"cpu_tower/pg/anvil_answering": r.cpu, "pg_xacts_per_close": r.xactsPerClose,
		"pg_rows_read_per_close": r.rowsRead}
	for k, v := range r.stages {
		p[k] = v
	}
	withTarget := func(t string) map[string]any {
		q := map[string]any{"target": t}
		for k, v := range p {
			q[k] = v
		}
		return q
	}
	grew := r.after.bytes - r.before.bytes
	n := float64(r.channels)
	var alerts []string
	for _, k := range slices.Sorted(maps.Keys(r.alerts)) {
		alerts = append(alerts, fmt.Sprintf("%s %d", k, r.alerts[k]))
	}
	sz := map[string]any{"channels": r.channels, "store": "postgres", "measured": "pg_database_size after settlement and alert delivery less before the closes",
		"tables_per_channel": describeGrowth(growth(r.before, r.after), r.channels, 5), "alerts": strings.Join(alerts, ", "),
		"alerts_pending": r.pending, "slack_posts": r.posts, "slack_thread_posts": r.threaded, "autovacuum": r.autovacuum,
		"settled_s": fmt.Sprintf("%.1f", r.settled.Seconds()), "took_s": fmt.Sprintf("%.0f", r.took.Seconds()),
		"tower_log_warn": r.warnings, "tower_log_error": r.errors, "target": "≤ 20 KB, alerts included (ratio ≤ 1)"}
	return []Row{
		row(fmt.Sprintf("mass exit, blocks from stale close to challenge, median, %d channels", r.channels), float64(median), "blocks", 2,
			withTarget("≤ 2 blocks (ratio ≤ 1)")),
		row(fmt.Sprintf("mass exit, blocks from stale close to challenge, max, %d channels", r.channels), float64(most), "blocks", 4,
			withTarget("≤ 4 blocks (ratio ≤ 1)")),
		row(fmt.Sprintf("mass exit, database growth per disputed and settled channel, %d channels", r.channels), float64(grew)/1024/n, "KB", 20, sz),
	}
}
