package disputes_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
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

// TestUnwinnableChallengeCancelled: the tower holds a co-signed state of a's channel that
// the contract refuses (its balances add up to 11 ether in a 10-ether channel: a hub that
// co-signed garbage), and the hub closes a's channel stale. Before, the challenge was
// queued and retried every pass until its deadline, and while it waited the sender signed
// no settlement: b's dispute, past its deadline, was not settled. Now the challenge is
// cancelled at its first estimate, with an alert naming the contract's error, and b's
// settlement is sent.
func TestUnwinnableChallengeCancelled(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, autoSettle: true})
	a, b := e.users[0], e.users[1]
	sa := pay(e.open(a, 10, 0), 6)
	bogus := pay(sa, -5)
	bogus.WeiBalances[channel.User].Add(bogus.WeiBalances[channel.User], eth(1))
	e.deposit(e.st, bogus)
	sb := pay(e.open(b, 10, 0), 3)
	e.deposit(e.st, sb)
	e.rounds(e.tw, 1)
	e.exitWith(e.hub, sb) // b's dispute, with the newest state: nothing to challenge
	if err := e.c.AdvanceTime(601 * time.Second); err != nil {
		t.Fatal(err)
	}
	e.exitWith(e.hub, sa) // a's, stale
	e.rounds(e.tw, 4)

	var challenge *store.OutboxTx
	for _, tx := range e.outbox(e.st, a.Addr) {
		if tx.Kind == store.KindChallenge {
			challenge = &tx
		}
	}
	if challenge == nil || challenge.Status != store.TxCancelled || !strings.Contains(challenge.LastError, "BalanceMismatch") {
		t.Fatalf("the challenge the contract refuses: %+v, want cancelled naming BalanceMismatch", challenge)
	}
	named := false
	for _, al := range e.alerts.Alerts() {
		named = named || (al.Kind == alert.ChallengeFailed && strings.Contains(al.Text, "BalanceMismatch"))
	}
	if !named {
		t.Errorf("no challenge_failed alert naming the contract's error: %v", e.alerts.Kinds())
	}
	if ch := e.onchain(b.Addr); ch.Status == contracts.StatusDisputed {
		t.Fatalf("b's dispute, past its deadline, was not settled while a's hopeless challenge waited")
	}
}
