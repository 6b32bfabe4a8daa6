package disputes_test

import (
	"testing"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// TestReorgRemovesExitBeforeChallengeSent: the stale close is seen and a challenge
// queued, then a reorg removes the close. The queued challenge is dropped, never signed.
func TestReorgRemovesExitBeforeChallengeSent(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true})
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	e.deposit(e.st, pay(s3, -5))
	e.rounds(e.tw, 1)
	fork, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	e.exitWith(e.hub, s3)
	e.sync(e.tw) // seen, queued; the sender has not run
	if txs := e.outbox(e.st, u.Addr); len(txs) != 2 || txs[0].Status != store.TxQueued {
		t.Fatalf("outbox after the close: %+v, want a queued challenge and settle", txs)
	}
	if err := e.c.Backend.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	e.c.Backend.Rollback() // the close is not re-included
	e.c.Backend.Commit()
	e.c.Backend.Commit()
	e.rounds(e.tw, 3)
	for _, tx := range e.outbox(e.st, u.Addr) {
		if tx.Status != store.TxCancelled || len(tx.Attempts) != 0 {
			t.Errorf("%s after the close was reorged out: %s with %d attempts, want cancelled and unsigned", tx.Kind, tx.Status, len(tx.Attempts))
		}
	}
	if got := e.challengesFrom(e.tower.Addr); len(got) != 0 {
		t.Errorf("tower challenged %d times, want none", len(got))
	}
}

// TestReorgRemovesExitAfterChallengeSent: the close and the tower's challenge are both
// orphaned. The signed challenge is followed to its end (its account nonce must be used)
// and nothing new is signed; the queued settle is dropped.
func TestReorgRemovesExitAfterChallengeSent(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true})
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	e.deposit(e.st, pay(s3, -5))
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
	for range 3 {
		e.c.Backend.Commit()
	}
	e.rounds(e.tw, 6)
	txs := e.outbox(e.st, u.Addr)
	if len(txs) != 2 {
		t.Fatalf("outbox %+v, want a challenge and a settle", txs)
	}
	ch, settle := txs[0], txs[1]
	if ch.Status != store.TxReverted || len(ch.Attempts) != 1 {
		t.Errorf("challenge: %s with %d attempts, want reverted (no dispute on the new chain) from its one attempt", ch.Status, len(ch.Attempts))
	}
	if settle.Status != store.TxCancelled {
		t.Errorf("settle: %s, want cancelled", settle.Status)
	}
}

// TestReorgRemovesChallenge: the close stays but the block with the tower's challenge is
// orphaned. The tower sends the same transaction again and it lands on the new chain.
func TestReorgRemovesChallenge(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	held := e.staleClose()
	fork, err := e.c.Client.HeaderByNumber(t.Context(), nil) // the block with the close
	if err != nil {
		t.Fatal(err)
	}
	e.rounds(e.tw, 1)
	if got := e.challengesFrom(e.tower.Addr); len(got) != 1 {
		t.Fatalf("tower challenged %d times before the reorg, want once", len(got))
	}
	if err := e.c.Backend.Fork(fork.Hash()); err != nil {
		t.Fatal(err)
	}
	e.c.Backend.Rollback() // the node forgets the challenge
	e.c.Backend.Commit()
	e.c.Backend.Commit()
	if got := e.challengesFrom(e.tower.Addr); len(got) != 0 {
		t.Fatalf("challenge still on the new chain: the reorg did not remove it")
	}
	e.rounds(e.tw, 6)
	e.checkAnsweredOnce(held, store.TxConfirmed)
}

// TestLeftoverChallengeCancelled: a challenge is queued for a channel not in dispute — as
// when a reorg rolled its exit back and the tower crashed before it examined the channel
// again. Its gas estimate fails; the sender has the engine decide the channel again at
// once, which cancels it, instead of retrying it every pass until its deadline while
// every settlement waits behind it.
func TestLeftoverChallengeCancelled(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	u := e.users[0]
	held := pay(pay(e.open(u, 10, 0), 6), -5)
	e.deposit(e.st, held)
	e.rounds(e.tw, 1)
	calldata, err := e.m.TryPackChallenge(contracts.State(held), e.sign(held, e.hub), e.sign(held, u))
	if err != nil {
		t.Fatal(err)
	}
	now := e.c.Now()
	id, _, err := e.st.Enqueue(t.Context(), store.Intent{ChainID: e.c.ChainID, Contract: e.c.ManagerAddr, User: u.Addr, Nonce: held.Nonce,
		Kind: store.KindChallenge, Sender: e.tower.Addr, Calldata: calldata, Deadline: now + 3600, WindowStart: now})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.tw.snd.Step(t.Context()); err == nil {
		t.Fatal("the leftover challenge's estimate succeeded: the channel is not in dispute, it should revert")
	}
	for _, tx := range e.outbox(e.st, u.Addr) {
		if tx.ID == id && tx.Status != store.TxCancelled {
			t.Fatalf("the leftover challenge is %s after one pass, want cancelled (%s)", tx.Status, tx.LastError)
		}
	}
}
