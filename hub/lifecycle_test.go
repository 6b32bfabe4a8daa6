package hub_test

import (
	"context"
	"errors"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
	"github.com/vigil-hub/vigil/wire"
)

// exitWithLatest closes w's channel on-chain with its newest co-signed state, as a user
// leaving the hub does, and waits until the hub's indexer has seen the exit.
func (e *env) exitWithLatest(w *client.Wallet) {
	e.t.Helper()
	var latest store.HubState
	if err := e.st.HubChannel(e.t.Context(), e.c.ManagerAddr, w.Address(), func(tx store.HubTx) error {
		var err error
		latest, err = tx.State(e.t.Context(), tx.CosignedNonce())
		return err
	}); err != nil {
		e.t.Fatal(err)
	}
	acct := e.users[0]
	for _, u := range e.users {
		if u.Addr == w.Address() {
			acct = u
		}
	}
	e.chainMu.Lock()
	_, err := e.c.Transact(acct, e.c.Manager, nil, e.c.ManagerABI.PackStartExitWithUpdate(contracts.State(latest.State), latest.SigHub, latest.SigUser))
	e.chainMu.Unlock()
	if err != nil {
		e.t.Fatal(err)
	}
	e.eventually("the hub to see the exit", func() bool {
		ch, err := e.st.Channel(e.t.Context(), e.c.ManagerAddr, w.Address())
		return err == nil && ch.Status == store.StatusDisputed
	})
}

// hubCode returns the wire code of a hub refusal, "" for none.
func hubCode(err error) string {
	var he *client.HubError
	if errors.As(err, &he) {
		return he.Code
	}
	return ""
}

// TestDisputedChannelDoesNotPay: a user whose channel is in dispute on-chain asks the hub
// to pay another user. The hub can no longer challenge with what it would sign (the
// window may close first), so it signs nothing: the payment is refused, and nothing moves
// toward the payee. Before the fix the hub co-signed and forwarded from its collateral.
func TestDisputedChannelDoesNotPay(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(1))
	e.collateral(b)
	e.exitWithLatest(a)

	// The wallet reads its node and does not ask.
	if _, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(3)); !errors.Is(err, channel.ErrDisputed) {
		t.Fatalf("the wallet paying from a disputed channel: got %v, want ErrDisputed", err)
	}
	// A user who asks the hub all the same (a wallet without a node, a hostile one).
	s, _ := a.Latest()
	l := channel.Lock{Sender: channel.User, AmountWei: eth(3), AmountToken: new(big.Int), Hashlock: common.Hash{7},
		Expiry: new(big.Int).SetUint64(e.now() + 3600)}
	_, err := e.h.Request(t.Context(), a.Address(), hub.Request{Update: channel.Update{Kind: channel.KindLock, Lock: &l},
		Nonce: new(big.Int).Add(s.Nonce, big.NewInt(1)), Payee: b.Address(), SealedSecret: []byte{1}})
	if !errors.Is(err, channel.ErrDisputed) {
		t.Fatalf("payment from a disputed channel: got %v, want a refusal (ErrDisputed)", err)
	}
	// Nor is anything paid toward a disputed channel.
	_, err = b.Pay(t.Context(), a.Address(), client.Ether, eth(1))
	if code := hubCode(err); code != wire.CodeNotAllowed {
		t.Fatalf("payment toward a disputed channel: got %v, want a %s refusal", err, wire.CodeNotAllowed)
	}
	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if s, _ := b.Latest(); len(s.LockedWei) == 2 && s.LockedWei[0].Sign() != 0 {
		t.Fatalf("the hub locked %s wei toward the payee of a disputed channel's payment", s.LockedWei[0])
	}
}

// TestSettledChannelDoesNotPay: a user closes its channel on-chain with its newest state
// and the dispute settles: the chain pays the user its 10 ether and the channel holds
// nothing. The user then asks the hub to pay from its old off-chain balance. Before the
// fix the hub co-signed from its last state and forwarded 3 ether of its own collateral to
// the payee, who could withdraw it: the hub lost what the user had already taken. Now the
// hub refuses until the user co-signs the channel's restart from the settlement, after
// which the user holds nothing to pay with.
func TestSettledChannelDoesNotPay(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(1))
	e.collateral(b)
	e.exitWithLatest(a)
	e.advance(11 * time.Minute)
	e.chainMu.Lock()
	_, err := e.c.Transact(e.users[1], e.c.Manager, nil, e.c.ManagerABI.PackSettle(a.Address()))
	e.chainMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	e.eventually("the hub to see the settlement", func() bool {
		ch, err := e.st.Channel(t.Context(), e.c.ManagerAddr, a.Address())
		return err == nil && ch.Status == store.StatusSettled
	})
	hubBefore, _ := balance(b)

	// The user's wallet would refuse to pay from a settled channel: ask the hub directly,
	// as a hostile user would, from the old off-chain state.
	old, _ := a.Latest()
	pay := func() error {
		l := channel.Lock{Sender: channel.User, AmountWei: eth(3), AmountToken: new(big.Int), Hashlock: common.Hash{7},
			Expiry: new(big.Int).SetUint64(e.now() + 3600)}
		_, err := e.h.Request(t.Context(), a.Address(), hub.Request{Update: channel.Update{Kind: channel.KindLock, Lock: &l},
			Nonce: new(big.Int).Add(old.Nonce, big.NewInt(1)), Payee: b.Address(), SealedSecret: []byte{1}})
		return err
	}
	if err := pay(); !errors.Is(err, channel.ErrSettled) && !errors.Is(err, hub.ErrSyncFirst) {
		t.Fatalf("payment from a settled channel: got %v, want a refusal until the restart", err)
	}
	// The hub restarts the channel from the settlement: nothing in it, above every
	// nonce signed before.
	var restart store.HubState
	e.eventually("the hub to propose the restart", func() bool {
		v, err := e.h.View(t.Context(), a.Address(), big.NewInt(0))
		if err != nil || len(v.Proposals) == 0 {
			return false
		}
		restart = v.Proposals[len(v.Proposals)-1]
		return restart.Kind == wire.RoleRestart
	})
	if !channel.IsRestartOf(restart.State, big.NewInt(1)) || restart.State.Nonce.Cmp(old.Nonce) <= 0 {
		t.Fatalf("restart state %+v: want nothing in it, on-chain nonce 1, above nonce %s", restart.State, old.Nonce)
	}
	// Co-signed, the restart is the channel's state: the old balance is gone.
	digest, err := channel.Domain{ChainID: e.c.ChainID, Contract: e.c.ManagerAddr}.Digest(restart.State)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := channel.Sign(digest, e.users[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.h.Cosign(t.Context(), a.Address(), restart.State.Nonce, sig); err != nil {
		t.Fatalf("co-signing the restart: %v", err)
	}
	old = restart.State
	if err := pay(); !errors.Is(err, channel.ErrInsufficient) {
		t.Fatalf("payment from the restarted channel: got %v, want ErrInsufficient (it holds nothing)", err)
	}
	if err := b.Sync(t.Context()); err != nil {
		t.Fatal(err)
	}
	if hubNow, locks := func() (*big.Int, int) { h, _ := balance(b); _, l := b.Latest(); return h, len(l) }(); hubNow.Cmp(hubBefore) != 0 || locks != 0 {
		t.Fatalf("the payee's channel moved (hub side %s → %s, %d locks) for a payment from a settled channel", hubBefore, hubNow, locks)
	}
}

// TestExecutedWithdrawalNotInvalidated: a user withdraws 4 ether, executes the
// withdrawal on-chain, and the hub's indexer lags (a restart, a failover to a lagging
// node), so the hub has not seen the execution when the proposal's timeout passes. Before
// the fix the sweeper read "not executed" from its indexed view and proposed to invalidate
// the withdrawal: co-signed by a cheating user, the 4 ether came back into its balance
// after leaving the contract. Now the hub reads the execution from the chain and proposes
// nothing; once the indexer catches up it confirms.
func TestExecutedWithdrawalNotInvalidated(t *testing.T) {
	node := &stalling{}
	e := newEnv(t, envConfig{users: 1, indexed: func(c watcher.Chain) watcher.Chain { node.Chain = c; return node }})
	a := e.wallet(e.users[0])
	e.deposit(a, eth(10))
	node.stalled.Store(true)
	if _, err := a.Withdraw(t.Context(), client.Ether, eth(4), common.Address{}); err != nil {
		t.Fatal(err)
	}
	e.advance(31 * time.Minute) // past the proposal's timeout
	if err := e.h.Sweep(t.Context()); err != nil {
		t.Logf("sweep: %v", err)
	}
	v, err := e.h.View(t.Context(), a.Address(), big.NewInt(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.Proposals {
		if p.Kind == wire.RoleInvalidate {
			t.Fatalf("the hub proposed to invalidate an executed withdrawal (nonce %s)", p.State.Nonce)
		}
	}
	node.stalled.Store(false)
	e.eventually("the hub to confirm the withdrawal", func() bool { return e.settled(a) }, a)
	checkBalances(t, "user", a, eth(6))
}

// settle closes w's channel with its newest state, lets the window pass and settles it,
// and waits until the hub's indexer has seen the settlement.
func (e *env) settleChannel(w *client.Wallet) {
	e.t.Helper()
	e.exitWithLatest(w)
	e.advance(11 * time.Minute)
	e.chainMu.Lock()
	_, err := e.c.Transact(e.users[len(e.users)-1], e.c.Manager, nil, e.c.ManagerABI.PackSettle(w.Address()))
	e.chainMu.Unlock()
	if err != nil {
		e.t.Fatal(err)
	}
	e.eventually("the hub to see the settlement", func() bool {
		ch, err := e.st.Channel(e.t.Context(), e.c.ManagerAddr, w.Address())
		return err == nil && ch.Status == store.StatusSettled
	})
}

// TestChannelReopensAfterSettlement: open → disputed → settled → open. After its channel
// settles, the user's wallet co-signs the hub's restart (its node shows the channel
// empty), deposits again and pays: the channel lives on from the chain's figures.
func TestChannelReopensAfterSettlement(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(1))
	e.collateral(b)
	e.settleChannel(a)
	e.eventually("the wallet to co-sign the restart", func() bool {
		s, _ := a.Latest()
		return channel.IsRestartOf(s, big.NewInt(1)) && e.settled(a)
	}, a)
	e.deposit(a, eth(2))
	e.pay(a, b, eth(1))
	checkBalances(t, "payer", a, eth(1))
}

// TestHostileRestartRefused: a hub proposes to restart a channel the chain has not
// settled — it still holds the user's 5 ether — from nothing. Co-signed, the empty state
// would be the wallet's newest: its balance signed away. The wallet reads its node and
// refuses.
func TestHostileRestartRefused(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	hh := newHostileHub(t, e)
	bob := e.wallet(e.users[0], hh.via)
	e.deposit(bob, eth(5))
	before, _ := bob.Latest()
	n := new(big.Int).Add(before.Nonce, big.NewInt(1))
	restart := e.hubSigned(t, bob, wire.RoleRestart, channel.Update{Kind: channel.KindRestart,
		Restart: &channel.RestartAt{Nonce: channel.Amount{V: n}, OnchainNonce: channel.Amount{V: before.OnchainNonce}}})
	hh.mu.Lock()
	hh.rewrite = func(ch *wire.HubChannel) { ch.Proposals = append(ch.Proposals, restart) }
	hh.mu.Unlock()
	if err := bob.Sync(t.Context()); !errors.Is(err, client.ErrUnfair) {
		t.Fatalf("a restart of a channel holding 5 ether: %v, want ErrUnfair", err)
	}
	if s, _ := bob.Latest(); s.Nonce.Cmp(before.Nonce) != 0 {
		t.Fatalf("bob's wallet signed the restart: at nonce %s", s.Nonce)
	}
}

// TestRestartAfterCrash: the hub did not propose a settled channel's restart (it was down
// when the settlement was confirmed, or failed then): the reconciler proposes it.
func TestRestartAfterCrash(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	a := e.wallet(e.users[0])
	e.deposit(a, eth(3))
	e.settleChannel(a)
	// The restart proposed on the settlement is lost, as a crash before its commit would
	// lose it.
	restarted := func() bool {
		v, err := e.h.View(t.Context(), a.Address(), big.NewInt(0))
		return err == nil && len(v.Proposals) > 0 && v.Proposals[len(v.Proposals)-1].Kind == wire.RoleRestart
	}
	e.eventually("the hub to propose the restart on the settlement", restarted)
	if err := e.st.Exec(t.Context(), `DELETE FROM hub_states WHERE user_addr = $1 AND kind = 'restart'`, a.Address().Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := e.st.Exec(t.Context(), `UPDATE hub_channels SET latest_nonce = cosigned_nonce WHERE user_addr = $1`, a.Address().Bytes()); err != nil {
		t.Fatal(err)
	}
	if restarted() {
		t.Fatal("the restart is still there")
	}
	if err := e.h.Reconcile(t.Context()); err != nil {
		t.Fatalf("reconcile: %v", err)
	}
	if !restarted() {
		t.Fatal("the reconciler did not propose the settled channel's restart")
	}
}

// TestRequestsWaitForIndexer: while the hub's indexer has not caught up with the chain its
// view of a channel's phase is behind — an exit or a settlement it has not indexed yet
// would have it sign for a channel the chain already decided — so it signs nothing:
// 503 catching_up; once caught up, the payment goes through.
func TestRequestsWaitForIndexer(t *testing.T) {
	var behind atomic.Bool
	e := newEnv(t, envConfig{users: 2, configure: func(c *hub.Config) { c.CaughtUp = func() bool { return !behind.Load() } }})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(5))
	e.deposit(b, eth(1))
	e.collateral(b)
	behind.Store(true)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	if _, err := a.Pay(ctx, b.Address(), client.Ether, eth(1)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a payment while the indexer is behind: got %v, want the wallet still waiting for the hub", err)
	}
	s, _ := a.Latest()
	l := channel.Lock{Sender: channel.User, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: common.Hash{8},
		Expiry: new(big.Int).SetUint64(e.now() + 3600)}
	_, err := e.h.Request(t.Context(), a.Address(), hub.Request{Update: channel.Update{Kind: channel.KindLock, Lock: &l},
		Nonce: new(big.Int).Add(s.Nonce, big.NewInt(1)), Payee: b.Address(), SealedSecret: []byte{1}})
	if !errors.Is(err, hub.ErrCatchingUp) {
		t.Fatalf("the hub asked while behind: got %v, want ErrCatchingUp", err)
	}
	// The wallet asks again until the hub has caught up.
	go func() { time.Sleep(200 * time.Millisecond); behind.Store(false) }()
	e.pay(a, b, eth(1))
}
