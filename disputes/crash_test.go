package disputes_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// staleClose sets up a channel whose latest state (nonce 4) the tower holds, then has the
// hub close it with nonce 3. It returns the held state.
func (e *env) staleClose() *channel.State {
	e.t.Helper()
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	s4 := pay(s3, -5)
	e.deposit(e.st, s4)
	e.rounds(e.tw, 1)
	e.exitWith(e.hub, s3)
	return s4
}

// checkAnsweredOnce asserts that the tower's challenge is on-chain exactly once, from a
// single signed attempt, and that its outbox entry reached the wanted status.
func (e *env) checkAnsweredOnce(held *channel.State, status store.TxStatus) {
	e.t.Helper()
	e.checkAnsweredOnceWith(held, func(tx store.OutboxTx) {
		if tx.Status != status || len(tx.Attempts) != 1 {
			e.t.Fatalf("challenge outbox entry %s with %d attempts; want %s with one attempt", tx.Status, len(tx.Attempts), status)
		}
	})
}

// checkAnsweredOnceWith asserts that the tower's challenge is on-chain exactly once and
// confirmed, from a single outbox entry, which it hands to check.
func (e *env) checkAnsweredOnceWith(held *channel.State, check func(store.OutboxTx)) {
	e.t.Helper()
	got := e.challengesFrom(e.tower.Addr)
	if len(got) != 1 || got[0].Nonce.Cmp(held.Nonce) != 0 {
		e.t.Fatalf("tower's challenges on-chain: %d, want exactly one at nonce %s", len(got), held.Nonce)
	}
	if ch := e.onchain(held.User); ch.Nonce.Cmp(held.Nonce) != 0 {
		e.t.Fatalf("on-chain nonce %s, want %s", ch.Nonce, held.Nonce)
	}
	var ch []store.OutboxTx
	for _, tx := range e.outbox(e.st, held.User) {
		if tx.Kind == store.KindChallenge {
			ch = append(ch, tx)
		}
	}
	if len(ch) != 1 || ch[0].Status != store.TxConfirmed {
		var got []string
		for _, tx := range ch {
			got = append(got, fmt.Sprintf("%s with %d attempts", tx.Status, len(tx.Attempts)))
		}
		e.t.Fatalf("challenge outbox entries: %v; want one, confirmed", got)
	}
	check(ch[0])
}

// TestCrashPoints kills the tower at each point of sending a challenge and restarts it
// over the same database: the dispute is answered exactly once, with the transaction
// signed before the crash.
func TestCrashPoints(t *testing.T) {
	for _, tc := range []struct {
		name             string
		before, after    bool
		wantKilledInStep bool
	}{
		{name: "after signing, before broadcast", before: true, wantKilledInStep: true},
		{name: "after broadcast, before recording it", after: true, wantKilledInStep: true},
		{name: "after recording the broadcast, before the receipt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 1})
			held := e.staleClose()
			ctx, kill := context.WithCancel(t.Context())
			defer kill()
			cc := &crashChain{Chain: e.c.Client, kill: kill, beforeTx: tc.before, afterTx: tc.after}
			doomed := e.newTower(e.st, e.tower, cc)
			e.sync(doomed)
			_ = doomed.snd.Step(ctx)
			if cc.sentCount != 1 || (ctx.Err() != nil) != tc.wantKilledInStep {
				t.Fatalf("crash harness: %d sends, killed %v", cc.sentCount, ctx.Err() != nil)
			}
			e.c.Backend.Commit() // whatever reached the node is mined; the tower is down

			tw := e.newTower(e.st, e.tower, e.c.Client)
			e.rounds(tw, 5)
			e.checkAnsweredOnce(held, store.TxConfirmed)
		})
	}
}
