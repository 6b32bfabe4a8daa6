package disputes_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/store"
)

// TestExitReminedAfterReorgIsChallenged: a stale exit is seen and a challenge queued; a
// one-block reorg removes the exit and the unsigned challenge is cancelled; the cheater
// mines the exit again. The re-included exit gets a live challenge, and alerts again.
func TestExitReminedAfterReorgIsChallenged(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.rounds(e.tw, 1)
	fork, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	e.exitWith(e.hub, s3)
	e.sync(e.tw) // seen, queued; the sender has not run
	if err := e.c.Backend.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	e.c.Backend.Rollback()
	e.c.Backend.Commit()
	e.c.Backend.Commit()
	e.rounds(e.tw, 2)
	if txs := e.outbox(e.st, u.Addr); len(txs) != 1 || txs[0].Status != store.TxCancelled {
		t.Fatalf("after the reorg: %+v, want the challenge cancelled", txs)
	}
	stale := countKind(e.alerts, alert.StaleClose)

	e.exitWith(e.hub, s3) // the same close, mined again
	e.rounds(e.tw, 5)
	if ch := e.onchain(u.Addr); ch.Nonce.Cmp(held.Nonce) != 0 {
		t.Fatalf("on-chain nonce %s after the exit was mined again, want the held %s: not challenged", ch.Nonce, held.Nonce)
	}
	txs := e.outbox(e.st, u.Addr)
	if len(txs) != 2 || txs[0].Status != store.TxCancelled || txs[1].Arm != 1 || txs[1].Status != store.TxConfirmed {
		t.Fatalf("outbox %+v, want the cancelled challenge and a confirmed second arm", txs)
	}
	if got := countKind(e.alerts, alert.StaleClose); got != stale+1 {
		t.Errorf("%d stale-close alerts after the exit came back, want %d", got, stale+1)
	}
}

// TestChallengeMinedBeforeReincludedExit: the exit and the tower's challenge are both
// orphaned by a reorg; the challenge is mined again first, where it reverts (no dispute),
// and then the cheater mines the exit again. The tower challenges again after the exit.
func TestChallengeMinedBeforeReincludedExit(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.rounds(e.tw, 1)
	fork, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	e.exitWith(e.hub, s3)
	e.rounds(e.tw, 1) // the challenge is sent and mined
	if got := e.challengesFrom(e.tower.Addr); len(got) != 1 {
		t.Fatalf("tower challenged %d times before the reorg, want once", len(got))
	}
	if err := e.c.Backend.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	e.c.Backend.Rollback()
	for range 3 { // the new chain is longer; nothing of ours is on it
		e.c.Backend.Commit()
	}
	e.rounds(e.tw, 2) // the tower sends its orphaned challenge again: mined without an exit, it reverts
	txs := e.outbox(e.st, u.Addr)
	if len(txs) != 1 || txs[0].Status != store.TxIncluded || txs[0].Succeeded {
		t.Fatalf("outbox %+v, want the challenge included and reverted", txs)
	}

	e.exitWith(e.hub, s3) // the exit comes back after it
	e.rounds(e.tw, 5)
	if ch := e.onchain(u.Addr); ch.Nonce.Cmp(held.Nonce) != 0 {
		t.Fatalf("on-chain nonce %s after the exit came back, want the held %s: not challenged again", ch.Nonce, held.Nonce)
	}
	txs = e.outbox(e.st, u.Addr)
	if len(txs) != 2 || txs[0].Status != store.TxReverted || txs[1].Arm != 1 || txs[1].Status != store.TxConfirmed {
		t.Fatalf("outbox %+v, want the reverted challenge and a confirmed second arm", txs)
	}
}

// lowGas under-reports the first challenge's gas, as when a cheater changes the storage
// a challenge writes between the estimate and the inclusion.
type lowGas struct {
	disputes.Chain
	tricked bool
}

func (c *lowGas) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	g, err := c.Chain.EstimateGas(ctx, msg)
	if err == nil && !c.tricked && len(msg.Data) > 0 {
		c.tricked = true
		return g / 2, nil
	}
	return g, err
}

// TestChallengeOutOfGasIsArmedAgain: the tower's first challenge runs out of gas and
// reverts. The revert sends the channel back to the engine, which arms the challenge
// again; the new attempt's gas is estimated again and it lands.
func TestChallengeOutOfGasIsArmedAgain(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	tw := e.newTower(e.st, e.tower, &lowGas{Chain: e.c.Client})
	held := e.staleClose()
	e.rounds(tw, 6)
	if ch := e.onchain(held.User); ch.Nonce.Cmp(held.Nonce) != 0 {
		t.Fatalf("on-chain nonce %s, want the held %s: the challenge that ran out of gas was not armed again", ch.Nonce, held.Nonce)
	}
	txs := e.outbox(e.st, held.User)
	if len(txs) != 2 || txs[0].Status != store.TxReverted || txs[1].Status != store.TxConfirmed {
		t.Fatalf("outbox %+v, want a reverted challenge, then a confirmed one", txs)
	}
	if g0, g1 := txs[0].GasLimit, txs[1].GasLimit; g1 <= g0 {
		t.Errorf("gas limits %d then %d: the second was not estimated again", g0, g1)
	}
}

func countKind(r *alert.Recorder, kind string) int {
	return len(slices.DeleteFunc(r.Kinds(), func(k string) bool { return k != kind }))
}

// challengeBlock returns the block of the tower's challenge of u on the canonical
// chain, or 0.
func (e *env) challengeBlock(from, u common.Address) uint64 {
	e.t.Helper()
	for _, ev := range e.challengesFrom(from) {
		if ev.User == u {
			return ev.Raw.BlockNumber
		}
	}
	return 0
}
