package disputes_test

import (
	"context"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// signedNonces checks that no outbox entry of the users holds an account nonce without
// an attempt signed at it (a nonce nothing will ever use), and returns the nonces held.
func (e *env) signedNonces(users []simchain.Account) []uint64 {
	e.t.Helper()
	var held []uint64
	for _, u := range users {
		for _, tx := range e.outbox(e.st, u.Addr) {
			if tx.AccountNonce == nil {
				continue
			}
			signed := false
			for _, a := range tx.Attempts {
				var stx types.Transaction
				if err := stx.UnmarshalBinary(a.Raw); err != nil {
					e.t.Fatal(err)
				}
				signed = signed || stx.Nonce() == *tx.AccountNonce
			}
			if !signed {
				e.t.Fatalf("outbox entry %d (%s of %s, %s) holds account nonce %d without a signed transaction",
					tx.ID, tx.Kind, u.Addr, tx.Status, *tx.AccountNonce)
			}
			held = append(held, *tx.AccountNonce)
		}
	}
	slices.Sort(held)
	return held
}

// brokeTower is a tower account holding wei.
func (e *env) brokeTower(wei *big.Int) simchain.Account {
	e.t.Helper()
	key, _ := crypto.GenerateKey()
	a := simchain.Account{Key: key, Addr: crypto.PubkeyToAddress(key.PublicKey)}
	if wei.Sign() > 0 {
		e.transfer(e.hub, a.Addr, wei)
	}
	e.tower = a
	return a
}

// TestGasRunsOutDuringMassExit: the hub closes two groups of channels with stale states,
// the second later than the first; the tower's account can pay for a few challenges
// only. At no point does an entry hold an account nonce it has not signed at; the first
// group's deadline passes; the account is topped up and every challenge of the second
// group lands — no nonce gap holds them back.
func TestGasRunsOutDuringMassExit(t *testing.T) {
	const n = 10 // per group
	e := newEnv(t, envConfig{users: 2 * n})
	head, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// About three challenges' worth at the fees of a window's start.
	per := new(big.Int).Mul(new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), big.NewInt(params.GWei)), big.NewInt(130_000))
	acct := e.brokeTower(new(big.Int).Mul(per, big.NewInt(3)))
	tw := e.newTower(e.st, acct, e.c.Client)
	first, second := e.users[:n], e.users[n:]
	staleA, _ := e.openManyStale(first)
	staleB, _ := e.openManyStale(second)
	e.rounds(tw, 1)
	e.closeAll(staleA)
	deadlineA := e.onchain(first[0].Addr).Deadline.Uint64()
	if err := e.c.AdvanceTime(300 * time.Second); err != nil {
		t.Fatal(err)
	}
	e.closeAll(staleB)
	for range 3 {
		e.rounds(tw, 1)
		e.signedNonces(e.users)
	}
	if got := len(e.challengesFrom(acct.Addr)); got == 0 || got >= n {
		t.Fatalf("%d challenges landed before the account ran dry; the test wants some, not all, of the first group", got)
	}
	if !slices.Contains(e.alerts.Kinds(), alert.GasLow) {
		t.Fatalf("no gas alert; alerts: %v", e.alerts.Kinds())
	}

	// The first group's window closes with challenges unpaid; then the top-up.
	if now := e.c.Now(); now <= deadlineA {
		if err := e.c.AdvanceTime(time.Duration(deadlineA-now+1) * time.Second); err != nil {
			t.Fatal(err)
		}
	}
	e.rounds(tw, 1)
	e.signedNonces(e.users)
	e.transfer(e.hub, acct.Addr, eth(1))
	for range 6 {
		e.rounds(tw, 1)
		e.signedNonces(e.users)
	}
	for _, u := range second {
		if ch := e.onchain(u.Addr); ch.Nonce.Int64() != 3 {
			t.Errorf("channel %s of the second group at nonce %s, want 3: not answered after the top-up", u.Addr, ch.Nonce)
		}
	}
	held := e.signedNonces(e.users)
	mined, err := e.c.Client.NonceAt(t.Context(), acct.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, nonce := range held {
		if nonce != uint64(i) {
			t.Fatalf("account nonces held %v: a gap at %d", held, i)
		}
	}
	if mined != uint64(len(held)) {
		t.Fatalf("account nonce %d on-chain, %d held by the outbox: some signed nonce was never used", mined, len(held))
	}
}

// TestAbandonedNonceIsFilled: an entry holds an account nonce it never signed at (as an
// older version left one given up, or a crash between the two steps) and its deadline
// passes. The sender fills the nonce with a zero-value transfer to itself, so the
// challenge signed at the next nonce for another dispute is mined.
func TestAbandonedNonceIsFilled(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a, b := e.users[0], e.users[1]
	s3a := pay(e.open(a, 10, 0), 6)
	s3b := pay(e.open(b, 10, 0), 6)
	e.deposit(e.st, pay(s3a, -5))
	heldB := pay(s3b, -5)
	e.deposit(e.st, heldB)
	e.rounds(e.tw, 1)
	e.exitWith(e.hub, s3a)
	e.sync(e.tw) // a challenge of a is queued
	txs := e.outbox(e.st, a.Addr)
	if len(txs) != 1 {
		t.Fatalf("outbox of a: %+v", txs)
	}
	if err := e.st.Exec(t.Context(), `UPDATE outbox SET account_nonce = 0 WHERE id = $1`, txs[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := e.st.Exec(t.Context(), `INSERT INTO sender_accounts (chain_id, address, next_nonce) VALUES ($1, $2, 1)`,
		e.c.ChainID.String(), e.tower.Addr[:]); err != nil {
		t.Fatal(err)
	}
	if err := e.c.AdvanceTime(400 * time.Second); err != nil {
		t.Fatal(err)
	}
	e.exitWith(e.hub, s3b)
	e.sync(e.tw)
	if err := e.c.AdvanceTime(time.Duration(e.onchain(a.Addr).Deadline.Uint64()-e.c.Now()+1) * time.Second); err != nil {
		t.Fatal(err)
	}
	e.rounds(e.tw, 6)

	if ch := e.onchain(b.Addr); ch.Nonce.Cmp(heldB.Nonce) != 0 {
		t.Fatalf("b at nonce %s on-chain, want %s: its challenge waited behind a's abandoned nonce", ch.Nonce, heldB.Nonce)
	}
	tx := e.outbox(e.st, a.Addr)[0]
	if tx.Status != store.TxFailed || len(tx.Attempts) != 1 || !strings.Contains(tx.LastError, "filled") {
		t.Fatalf("a's entry %s (%s) with %d attempts, want failed with its nonce filled", tx.Status, tx.LastError, len(tx.Attempts))
	}
	var fill types.Transaction
	if err := fill.UnmarshalBinary(tx.Attempts[0].Raw); err != nil {
		t.Fatal(err)
	}
	if fill.Nonce() != 0 || *fill.To() != e.tower.Addr || fill.Value().Sign() != 0 || len(fill.Data()) != 0 {
		t.Fatalf("fill at nonce %d to %s of %s wei with %d bytes, want a zero-value transfer to the tower at nonce 0", fill.Nonce(), fill.To(), fill.Value(), len(fill.Data()))
	}
}

// TestForeignNonceIsReassigned: another sender with the tower's key (an operator, the
// hub's executor) takes the nonce of the tower's challenge while it waits in the pool.
// The tower notices, alerts, and signs the challenge again at a fresh nonce at once.
func TestForeignNonceIsReassigned(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	held := e.staleClose()
	e.react(e.tw) // the challenge is in the pool at nonce 0
	txs := e.outbox(e.st, held.User)
	if len(txs) != 1 || txs[0].AccountNonce == nil || *txs[0].AccountNonce != 0 {
		t.Fatalf("outbox %+v, want the challenge signed at nonce 0", txs)
	}
	a := txs[0].Attempts[0]
	foreign, err := types.SignNewTx(e.tower.Key, types.LatestSignerForChainID(e.c.ChainID), &types.DynamicFeeTx{ChainID: e.c.ChainID,
		Nonce: 0, GasTipCap: new(big.Int).Mul(a.TipCap, big.NewInt(10)), GasFeeCap: new(big.Int).Mul(a.FeeCap, big.NewInt(10)),
		Gas: params.TxGas, To: &e.hub.Addr})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.c.Client.SendTransaction(t.Context(), foreign); err != nil {
		t.Fatal(err)
	}
	waitReplaced(t, e, foreign.Hash())
	e.c.Backend.Commit()
	if r, err := e.c.Client.TransactionReceipt(t.Context(), foreign.Hash()); err != nil || r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("the other sender's transaction was not mined: %v", err)
	}

	e.rounds(e.tw, 5)
	e.checkAnsweredOnceWith(held, func(tx store.OutboxTx) {
		if tx.AccountNonce == nil || *tx.AccountNonce != 1 || len(tx.Attempts) != 2 {
			t.Fatalf("challenge at account nonce %v with %d attempts, want 1 and two (the first at the taken nonce)", tx.AccountNonce, len(tx.Attempts))
		}
	})
	found := false
	for _, al := range e.alerts.Alerts() {
		found = found || (al.Kind == alert.ChallengeAtRisk && strings.HasPrefix(al.Key, "nonce-taken/"))
	}
	if !found {
		t.Errorf("no alert that the nonce was taken; alerts: %v", e.alerts.Kinds())
	}
}

// waitReplaced waits until the pool holds tx as pending.
func waitReplaced(t *testing.T, e *env, h common.Hash) {
	t.Helper()
	wait.Until(t, 10*time.Second, "the other sender's transaction to be pending", func() bool {
		_, pending, err := e.c.Client.TransactionByHash(t.Context(), h)
		return err == nil && pending
	})
}

// lossy is a node that loses every transaction to the manager at one account nonce
// (it never reaches a pool, and the node says nothing).
type lossy struct {
	disputes.Chain
	manager common.Address
	nonce   uint64
}

func (c *lossy) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if tx.To() != nil && *tx.To() == c.manager && tx.Nonce() == c.nonce {
		return nil
	}
	return c.Chain.SendTransaction(ctx, tx)
}

// TestLostChallengePastDeadline: the tower's challenge at nonce 0 never reaches a pool,
// while blocks have room, and a challenge for a later dispute waits behind it at nonce
// 1. The lost one is sent again, not bumped (no fee held it up); once its deadline has
// passed no new challenge is signed for it and its nonce is filled, so the other lands.
func TestLostChallengePastDeadline(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	tw := e.newTower(e.st, e.tower, &lossy{Chain: e.c.Client, manager: e.c.ManagerAddr, nonce: 0})
	a, b := e.users[0], e.users[1]
	s3a := pay(e.open(a, 10, 0), 6)
	s3b := pay(e.open(b, 10, 0), 6)
	e.deposit(e.st, pay(s3a, -5))
	heldB := pay(s3b, -5)
	e.deposit(e.st, heldB)
	e.rounds(tw, 1)
	// While a's transactions are lost nothing of the tower's can be mined: there is no
	// pool to wait for.
	blocked := func(n int) {
		for range n {
			e.sync(tw)
			if err := tw.snd.Step(t.Context()); err != nil {
				t.Logf("sender step: %v", err)
			}
			e.c.Backend.Commit()
		}
	}
	e.exitWith(e.hub, s3a)
	blocked(1)
	if err := e.c.AdvanceTime(300 * time.Second); err != nil {
		t.Fatal(err)
	}
	e.exitWith(e.hub, s3b)
	blocked(8) // both wait: a's is lost, b's is behind it
	if got := e.challengesFrom(e.tower.Addr); len(got) != 0 {
		t.Fatalf("%d challenges landed; the lost one should hold both back", len(got))
	}
	deadline := e.onchain(a.Addr).Deadline.Uint64()
	if err := e.c.AdvanceTime(time.Duration(deadline-e.c.Now()+1) * time.Second); err != nil {
		t.Fatal(err)
	}
	past := e.head() // the first block past a's deadline
	e.rounds(tw, 6)

	if ch := e.onchain(b.Addr); ch.Nonce.Cmp(heldB.Nonce) != 0 {
		t.Fatalf("b at nonce %s on-chain, want %s: its challenge waited behind a lost nonce", ch.Nonce, heldB.Nonce)
	}
	tx := e.outbox(e.st, a.Addr)[0]
	var challenges, fills int
	for _, at := range tx.Attempts {
		var stx types.Transaction
		if err := stx.UnmarshalBinary(at.Raw); err != nil {
			t.Fatal(err)
		}
		if *stx.To() == e.tower.Addr {
			fills++
			continue
		}
		challenges++
		if at.HeadNumber >= past {
			t.Errorf("a challenge attempt signed at block %d, past the deadline (block %d)", at.HeadNumber, past)
		}
	}
	if challenges != 1 || fills != 1 || tx.Status != store.TxFailed {
		t.Fatalf("a's entry %s with %d challenge attempts and %d fills; want one of each (no bump: blocks had room), failed", tx.Status, challenges, fills)
	}
}

// dropping is a node that, while drop is set, loses every transaction to the manager at
// one account nonce (it never reaches a pool, and the node says nothing).
type dropping struct {
	disputes.Chain
	manager common.Address
	nonce   uint64
	drop    bool
}

func (c *dropping) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if c.drop && tx.To() != nil && *tx.To() == c.manager && tx.Nonce() == c.nonce {
		return nil
	}
	return c.Chain.SendTransaction(ctx, tx)
}

// waking is a node connection through which the sender hears, during every pass, of
// another close to answer, as in a wave of them: each read of the account's nonce wakes
// it, so a wake-up is pending all through the pass.
type waking struct {
	disputes.Chain
	wake func()
}

func (c *waking) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	if c.wake != nil {
		c.wake()
	}
	return c.Chain.PendingNonceAt(ctx, a)
}

// TestSettlementInFlightAmidWakeUps: a settlement's broadcasts were lost, at the account
// nonce just below a challenge's, and closes keep waking the sender. The settlement is
// still followed — sent again — each pass, so the challenge behind it is mined in time;
// a pass that ended at a wake-up before every settlement left it lost, and the challenge
// waiting behind its nonce.
func TestSettlementInFlightAmidWakeUps(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, autoSettle: true})
	other, victim := e.users[0], e.users[1]
	s3 := pay(e.open(victim, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)
	e.closeAll(e.openMany([]simchain.Account{other})) // closed with its latest state: settled after its deadline
	node := &dropping{Chain: e.c.Client, manager: e.c.ManagerAddr, nonce: 0, drop: true}
	conn := &waking{Chain: node}
	tw := e.newTower(e.st, e.tower, conn)
	e.rounds(tw, 1)
	e.passDeadline(other.Addr)
	for range 3 { // the settlement is signed at nonce 0, and lost each time it is sent
		e.sync(tw)
		if err := tw.snd.Step(t.Context()); err != nil {
			t.Logf("sender step: %v", err)
		}
		e.c.Backend.Commit()
	}
	settle := e.outbox(e.st, other.Addr)
	if len(settle) != 1 || settle[0].Kind != store.KindSettle || settle[0].Status != store.TxSent || *settle[0].AccountNonce != 0 {
		t.Fatalf("want the settlement sent at nonce 0, got %+v", settle)
	}

	// From now on the node takes what it is sent, and closes keep waking the sender.
	node.drop, conn.wake = false, tw.snd.Wake
	e.exitWith(e.hub, s3) // the stale close: its challenge takes nonce 1
	e.rounds(tw, 6)
	if ch := e.onchain(victim.Addr); ch.Nonce.Cmp(held.Nonce) != 0 {
		t.Fatalf("victim at nonce %s on-chain, want %s: the challenge waited behind a settlement never sent again", ch.Nonce, held.Nonce)
	}
}
