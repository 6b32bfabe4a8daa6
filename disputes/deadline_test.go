package disputes_test

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/store"
)

// TestNoChallengeAtDeadline: the tower learns of a stale close only in the block whose
// time is the dispute's deadline. The contract takes a challenge while block.timestamp <
// deadline, and the next block's time is above the head's: an attempt sent now can only
// revert. Before, the sender kept it queued (head time > deadline was its test), trying it
// again each pass, and said nothing until the block after; now it gives it up unsent at
// once, with the missed-deadline alert.
func TestNoChallengeAtDeadline(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	tw := e.newTower(e.st, e.tower, e.c.Client)
	a := e.users[0]
	s := pay(e.open(a, 10, 0), 6)
	e.deposit(e.st, pay(s, -5))
	e.rounds(tw, 1)
	e.exitWith(e.hub, s)
	deadline := e.onchain(a.Addr).Deadline.Uint64()
	if err := e.c.AdvanceTime(time.Duration(deadline-e.c.Now()-1) * time.Second); err != nil {
		t.Fatal(err)
	}
	if now := e.c.Now(); now != deadline {
		t.Fatalf("head time %d, want the deadline %d", now, deadline)
	}
	e.react(tw) // indexes the close at the deadline's block, and sends
	txs := e.outbox(e.st, a.Addr)
	if len(txs) == 0 {
		t.Fatal("the stale close was not answered with a queued challenge")
	}
	for _, at := range txs[0].Attempts {
		var stx types.Transaction
		if err := stx.UnmarshalBinary(at.Raw); err != nil {
			t.Fatal(err)
		}
		if *stx.To() == e.c.ManagerAddr {
			t.Fatalf("a challenge signed at block %d, whose time is the deadline: it can only revert", at.HeadNumber)
		}
	}
	if txs[0].Status != store.TxFailed {
		t.Fatalf("the challenge is %s (%s) at its deadline, want given up (failed) and alerted", txs[0].Status, txs[0].LastError)
	}
}
