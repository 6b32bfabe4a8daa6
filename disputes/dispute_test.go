package disputes_test

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/store"
)

// TestCheatingHubIsChallenged: the hub closes a user's channel with a stale state while
// the user is offline. The tower, holding the user's latest state, challenges at once,
// settles after the deadline, and the user receives exactly the latest balance.
func TestCheatingHubIsChallenged(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true})
	u := e.users[0]
	s2 := e.open(u, 10, 0) // [hub 0, user 10]
	s3 := pay(s2, 6)       // [6, 4]: the hub would rather close with this
	s4 := pay(s3, -5)      // [1, 9]: the latest, deposited with the tower
	e.deposit(e.st, s4)
	e.rounds(e.tw, 1)

	e.exitWith(e.hub, s3) // the user is offline from here on
	userBefore := e.c.Balance(u.Addr)
	e.react(e.tw)
	txs := e.outbox(e.st, u.Addr)
	if len(txs) != 2 || txs[0].Kind != store.KindChallenge || txs[0].Nonce.Int64() != 4 || txs[0].Status != store.TxSent {
		t.Fatalf("after the stale close the outbox holds %+v, want a sent challenge at nonce 4 (and a queued settle)", txs)
	}
	e.rounds(e.tw, 4)
	if ch := e.onchain(u.Addr); ch.Nonce.Int64() != 4 || ch.Status != contracts.StatusDisputed {
		t.Fatalf("on-chain after the challenge: nonce %s status %d, want 4, disputed", ch.Nonce, ch.Status)
	}
	if got := e.challengesFrom(e.tower.Addr); len(got) != 1 {
		t.Fatalf("tower challenged %d times, want once", len(got))
	}
	e.passDeadline(u.Addr)
	e.rounds(e.tw, 5)
	if ch := e.onchain(u.Addr); ch.Status != contracts.StatusOpen {
		t.Fatalf("channel status %d after the deadline, want settled (open)", ch.Status)
	}
	if got, want := new(big.Int).Sub(e.c.Balance(u.Addr), userBefore), eth(9); got.Cmp(want) != 0 {
		t.Errorf("offline user received %s wei, want %s (the latest state's balance)", got, want)
	}
	for _, tx := range e.outbox(e.st, u.Addr) {
		if tx.Status != store.TxConfirmed {
			t.Errorf("outbox %s at nonce %s: %s (%s), want confirmed", tx.Kind, tx.Nonce, tx.Status, tx.LastError)
		}
	}
	e.rounds(e.tw, 3) // the Settled event is confirmed
	for _, k := range []string{alert.StaleClose, alert.ChallengeSent, alert.ChallengeConfirmed, alert.SettleSent, alert.SettleDone} {
		if !slices.Contains(e.alerts.Kinds(), k) {
			t.Errorf("no %s alert; got %v", k, e.alerts.Kinds())
		}
	}
	for _, a := range e.alerts.Alerts() {
		if a.Kind == alert.SettleDone && (a.UserFunds.Wei == nil || a.UserFunds.Wei.Cmp(eth(9)) != 0 || a.User != u.Addr) {
			t.Errorf("settle done alert %+v, want the user's 9 ether", a)
		}
	}
}

// TestCheatingUserIsAnsweredByHub: the hub runs the same engine over its own states,
// sending from its own account. A user who closes with a state that paid the user more
// than the latest is challenged by the hub.
func TestCheatingUserIsAnsweredByHub(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true})
	u := e.users[0]
	hubStore := e.st // the hub's own database holds every state it signed
	hub := e.newTower(hubStore, e.hub, e.c.Client)
	s2 := e.open(u, 10, 10) // [10, 10]
	s3 := pay(s2, -4)       // [6, 14]: the user would rather close with this
	s4 := pay(s3, 8)        // [14, 6]: the latest
	e.deposit(hubStore, s4)
	e.rounds(hub, 1)

	reserveBefore := e.reserve()
	e.exitWith(u, s3)
	e.rounds(hub, 4)
	if got := e.challengesFrom(e.hub.Addr); len(got) != 1 || got[0].Nonce.Int64() != 4 {
		t.Fatalf("hub's challenges: %+v, want one at nonce 4", got)
	}
	e.passDeadline(u.Addr)
	e.rounds(hub, 5)
	if got, want := new(big.Int).Sub(e.reserve(), reserveBefore), eth(14); got.Cmp(want) != 0 {
		t.Errorf("hub reserve grew by %s, want %s (its balance in the latest state)", got, want)
	}
}

// TestLatestCloseSendsNothing: a close with the held state, or a newer one, sends nothing;
// a held state below the on-chain nonce is marked superseded.
func TestLatestCloseSendsNothing(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a, b := e.users[0], e.users[1]
	sa := pay(e.open(a, 10, 0), 1)
	sb := pay(e.open(b, 10, 0), 2)
	e.deposit(e.st, sa)
	e.deposit(e.st, sb)
	e.rounds(e.tw, 1)

	e.exitWith(a, sa)          // the latest state: fine
	e.exitWith(b, pay(sb, -1)) // newer than what the tower holds: fine too
	e.rounds(e.tw, 5)
	for _, u := range []common.Address{a.Addr, b.Addr} {
		if txs := e.outbox(e.st, u); len(txs) != 0 {
			t.Errorf("outbox for %s holds %+v, want nothing", u, txs)
		}
	}
	if got := e.challengesFrom(e.tower.Addr); len(got) != 0 {
		t.Errorf("tower sent %d challenges, want none", len(got))
	}
	stA, _ := e.st.State(t.Context(), e.c.ManagerAddr, a.Addr)
	stB, _ := e.st.State(t.Context(), e.c.ManagerAddr, b.Addr)
	if stA.Superseded || !stB.Superseded {
		t.Errorf("superseded: a %v (closed with it, want false), b %v (closed with newer, want true)", stA.Superseded, stB.Superseded)
	}
}

// TestCheaterWalksThroughOldStates: the cheating hub answers each challenge with a newer
// but still old state while the user keeps depositing newer ones; every step is answered
// and the dispute settles on the newest state.
func TestCheaterWalksThroughOldStates(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true})
	u := e.users[0]
	states := []*channel.State{e.open(u, 20, 0)}
	for i := range 8 {
		amount := int64(1)
		if i%2 == 1 {
			amount = -1 // alternate, so the hub prefers every other old state
		}
		states = append(states, pay(states[len(states)-1], amount))
	}
	// states[i] has nonce i+2. The tower first holds nonce 4.
	e.deposit(e.st, states[2])
	e.rounds(e.tw, 1)
	e.exitWith(e.hub, states[1]) // nonce 3
	e.rounds(e.tw, 2)
	for _, step := range []struct{ cheat, held int }{{3, 4}, {5, 6}, {7, 8}} {
		e.deposit(e.st, states[step.held])         // the user comes online and backs up a newer state
		e.challengeWith(e.hub, states[step.cheat]) // the hub answers with an old one
		e.rounds(e.tw, 3)
		if ch := e.onchain(u.Addr); ch.Nonce.Cmp(states[step.held].Nonce) != 0 {
			t.Fatalf("after the hub's challenge at nonce %s: on-chain nonce %s, want the held %s",
				states[step.cheat].Nonce, ch.Nonce, states[step.held].Nonce)
		}
	}
	if got := e.challengesFrom(e.tower.Addr); len(got) != 4 {
		t.Errorf("tower challenged %d times, want 4 (one per stale step)", len(got))
	}
	userBefore := e.c.Balance(u.Addr)
	e.passDeadline(u.Addr)
	e.rounds(e.tw, 5)
	if got, want := new(big.Int).Sub(e.c.Balance(u.Addr), userBefore), states[8].WeiBalances[1]; got.Cmp(want) != 0 {
		t.Errorf("user received %s, want %s", got, want)
	}
}

// TestOutOfGasFunds: the tower's account is empty when a stale close comes. It raises a
// gas alert, keeps the challenge queued (nothing signed, nothing lost) and keeps
// indexing; once the account is topped up the challenge goes out.
func TestOutOfGasFunds(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	key, _ := crypto.GenerateKey()
	broke := simchain.Account{Key: key, Addr: crypto.PubkeyToAddress(key.PublicKey)}
	e.tower = broke
	tw := e.newTower(e.st, broke, e.c.Client)
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.exitWith(e.hub, s3)
	e.rounds(tw, 3)
	if !slices.Contains(e.alerts.Kinds(), alert.GasLow) {
		t.Fatalf("no gas alert; alerts: %v", e.alerts.Kinds())
	}
	// The alert says whose account to top up (a hub's sender says "Hub account").
	for _, a := range e.alerts.Alerts() {
		if a.Kind == alert.GasLow && !strings.HasPrefix(a.Text, "Tower account "+broke.Addr.Hex()) {
			t.Errorf("gas alert %q does not name the tower's account %s", a.Text, broke.Addr)
		}
	}
	txs := e.outbox(e.st, u.Addr)
	if len(txs) != 1 || txs[0].Status != store.TxQueued || len(txs[0].Attempts) != 0 {
		t.Fatalf("outbox %d entries, first %s with %d attempts; want one queued, unsigned", len(txs), txs[0].Status, len(txs[0].Attempts))
	}
	head, err := e.c.Client.BlockNumber(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, indexed := tw.ix.Progress(); indexed != head {
		t.Fatalf("indexer at block %d, head %d: indexing stopped", indexed, head)
	}
	// Top the account up: the challenge goes out.
	e.transfer(e.hub, broke.Addr, eth(1))
	e.rounds(tw, 4)
	e.checkAnsweredOnce(held, store.TxConfirmed)
}
