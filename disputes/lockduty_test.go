package disputes_test

import (
	"bytes"
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/secretbox"
	"github.com/vigil-hub/vigil/store"
)

// lockedChannel is an offline user's channel: its latest state holds a lock from the hub
// (an incoming payment of 2 ether whose secret the user revealed to the tower) and a lock
// of its own (1 ether, expiring during the dispute without its secret).
type lockedChannel struct {
	older, latest *channel.State
	locks         []channel.Lock
	secret        common.Hash
}

func (e *env) lockedChannel(u common.Address, conf *channel.State) lockedChannel {
	e.t.Helper()
	older := pay(conf, 1) // hub 11, user 9
	now := e.c.Now()
	secret := common.Hash{0x5e, 0xc7}
	locks := []channel.Lock{
		{Index: 0, Sender: channel.Hub, AmountWei: eth(2), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret),
			Expiry: new(big.Int).SetUint64(now + 3*challengePeriod)},
		{Index: 1, Sender: channel.User, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: common.Hash{0x0b},
			Expiry: new(big.Int).SetUint64(now + challengePeriod/2)},
	}
	latest := older.Clone()
	latest.Nonce.Add(latest.Nonce, big.NewInt(2))
	latest.WeiBalances = [2]*big.Int{eth(9), eth(8)}
	latest.LockedWei = [2]*big.Int{eth(2), eth(1)}
	root, err := channel.LocksRoot(locks)
	if err != nil {
		e.t.Fatal(err)
	}
	latest.LocksRoot = root
	return lockedChannel{older: older, latest: latest, locks: locks, secret: secret}
}

// depositLocked stores s with its locks and the sealed secret, as the deposit API does.
func (e *env) depositLocked(box *secretbox.Box, lc lockedChannel) {
	e.t.Helper()
	s := lc.latest
	d, _ := e.c.Domain.Digest(s)
	h := channel.HashSecret(lc.secret)
	res, err := e.st.PutStates(e.t.Context(), []store.Deposit{{
		State: store.StoredState{Contract: e.c.ManagerAddr, State: s, Digest: d, SigHub: e.sign(s, e.hub), SigUser: e.sign(s, e.userOf(s.User)),
			Locks: lc.locks},
		Receipt: channel.Receipt{Contract: e.c.ManagerAddr, User: s.User, Nonce: channel.Amount{V: s.Nonce}, StateDigest: d, Tower: e.tower.Addr},
		Secrets: []store.SealedSecret{{Hashlock: h, Sealed: box.Seal(e.c.ManagerAddr, s.User, h, lc.secret), Expiry: lc.locks[0].Expiry.Uint64()}}}})
	if err != nil || res[0].Err != nil || !res[0].Created {
		e.t.Fatalf("deposit with locks: %v %+v", err, res)
	}
}

// lockRounds mines n blocks as rounds does, and after each runs the lock duties as the
// engine's worker does when a confirmed settlement or round wakes it.
func (e *env) lockRounds(tw *towerProc, n int) {
	e.t.Helper()
	for range n {
		e.rounds(tw, 1)
		if err := tw.eng.ResolveLockPools(e.t.Context()); err != nil {
			e.t.Logf("lock pools: %v", err)
		}
	}
}

// badEstimate gives the first resolveLocks estimate too little gas, so that attempt
// runs out of gas and reverts on-chain.
type badEstimate struct {
	disputes.Chain
	selector []byte
	done     bool
}

func (c *badEstimate) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	gas, err := c.Chain.EstimateGas(ctx, msg)
	if err == nil && !c.done && bytes.HasPrefix(msg.Data, c.selector) {
		c.done = true
		return gas * 55 / 100, nil
	}
	return gas, err
}

// TestOfflineUserPaidItsLocks: a user goes offline holding an incoming hashlocked
// payment whose secret it gave the tower with its latest state. The hub closes — with an
// older state, or with that very state — and the tower challenges if needed, registers
// the secret before its lock expires, settles, and resolves the locks: the user receives
// its balance, the incoming lock and its own expired lock back, to the wei, without
// sending anything. With the first resolution reverting (given too little gas), it is
// sent again and mined.
func TestOfflineUserPaidItsLocks(t *testing.T) {
	for _, tc := range []struct {
		name        string
		stale       bool
		revertFirst bool
		newerAfter  bool // the hub deposits a newer state it co-signed before, once the deadline passed
	}{
		{"stale close", true, false, false},
		{"close with the latest state", false, false, false},
		{"resolution reverts once", true, true, false},
		{"a newer state deposited after the deadline", true, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 1, autoSettle: true, locks: true})
			u := e.users[0]
			conf := e.open(u, 10, 10)
			lc := e.lockedChannel(u.Addr, conf)
			tw := e.tw
			if tc.revertFirst {
				chain := &badEstimate{Chain: e.c.Client, selector: e.m.PackResolveLocks(contracts.State(lc.latest), nil)[:4]}
				tw = e.newTower(e.st, e.tower, chain)
			}
			box := e.box
			e.depositLocked(box, lc)
			before := e.c.Balance(u.Addr)
			closing := lc.latest
			if tc.stale {
				closing = lc.older
			}
			e.exitWith(e.hub, closing)
			e.lockRounds(tw, 5)
			if tc.stale && len(e.challengesFrom(e.tower.Addr)) != 1 {
				t.Fatalf("the stale close was not challenged: %d challenges", len(e.challengesFrom(e.tower.Addr)))
			}
			if !tc.stale && len(e.challengesFrom(e.tower.Addr)) != 0 {
				t.Fatal("a close with the latest state was challenged")
			}
			if at := e.registeredAt(lc.locks[0].Hashlock); at == 0 || at > lc.locks[0].Expiry.Uint64() {
				t.Fatalf("the secret is registered at %d, its lock expires at %d", at, lc.locks[0].Expiry)
			}
			e.passDeadline(u.Addr)
			if tc.newerAfter {
				newer := lc.latest.Clone() // too late to challenge with, but it replaces the held state
				newer.Nonce.Add(newer.Nonce, big.NewInt(1))
				e.deposit(e.st, newer)
			}
			for i := 0; i < 30 && e.c.Balance(u.Addr).Cmp(new(big.Int).Add(before, eth(11))) < 0; i++ {
				e.lockRounds(tw, 1)
				if i%5 == 4 {
					if err := tw.eng.Reconcile(t.Context()); err != nil {
						t.Logf("reconcile: %v", err)
					}
				}
			}
			got := new(big.Int).Sub(e.c.Balance(u.Addr), before)
			if want := eth(11); got.Cmp(want) != 0 {
				t.Fatalf("the offline user received %s wei, want %s (8 balance + 2 incoming lock + 1 own lock back)", got, want)
			}
			var kinds []string
			reverted := false
			for _, tx := range e.outbox(e.st, u.Addr) {
				kinds = append(kinds, string(tx.Kind)+":"+string(tx.Status))
				reverted = reverted || (tx.Kind == store.KindResolveLocks && tx.Status == store.TxReverted) ||
					(tx.Kind == store.KindResolveLocks && tx.Status == store.TxIncluded && !tx.Succeeded)
			}
			if reverted != tc.revertFirst {
				t.Fatalf("a resolution reverted: %v, want %v (outbox %v)", reverted, tc.revertFirst, kinds)
			}
			t.Logf("outbox: %v", kinds)
			// The pool closes once confirmed: nothing more is queued.
			e.lockRounds(tw, 4)
			if err := tw.eng.Reconcile(t.Context()); err != nil {
				t.Fatal(err)
			}
			pools, err := e.st.SettledLockPools(t.Context())
			if err != nil || len(pools) != 0 {
				t.Fatalf("lock pools left after the close: %+v, %v", pools, err)
			}
		})
	}
}

func (e *env) registeredAt(h common.Hash) uint64 {
	e.t.Helper()
	out, err := e.c.Client.CallContract(e.t.Context(), ethereum.CallMsg{To: &e.c.ManagerAddr, Data: e.m.PackSecretRegisteredAt(h)}, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	at, err := e.m.UnpackSecretRegisteredAt(out)
	if err != nil {
		e.t.Fatal(err)
	}
	return at.Uint64()
}

// TestResolve100Locks: a settled state with 100 locks — 50 incoming, whose secrets the
// tower registers during the dispute, and 50 of the user's own, expired — is resolved for
// the offline user in one call: every lock, to the wei. It logs the figures of the
// issue's measure: blocks and wall time from the settlement's confirmation to the
// resolution's inclusion, and the call's gas.
func TestResolve100Locks(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true, locks: true})
	u := e.users[0]
	conf := e.open(u, 10, 10)
	now := e.c.Now()
	lc := lockedChannel{older: pay(conf, 1)}
	var locked [2]*big.Int
	locked[0], locked[1] = new(big.Int), new(big.Int)
	box := e.box
	var err error
	var sealed []store.SealedSecret
	for i := range 100 {
		sender := uint8(channel.Hub)
		expiry := now + 3*challengePeriod
		if i%2 == 1 {
			sender, expiry = channel.User, now+challengePeriod/2
		}
		secret := common.BigToHash(big.NewInt(int64(1000 + i)))
		l := channel.Lock{Index: uint32(i), Sender: sender, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret),
			Expiry: new(big.Int).SetUint64(expiry)}
		l.AmountWei.Div(l.AmountWei, big.NewInt(100))
		locked[sender].Add(locked[sender], l.AmountWei)
		lc.locks = append(lc.locks, l)
		if sender == channel.Hub {
			sealed = append(sealed, store.SealedSecret{Hashlock: l.Hashlock, Sealed: box.Seal(e.c.ManagerAddr, u.Addr, l.Hashlock, secret), Expiry: expiry})
		}
	}
	lc.latest = conf.Clone()
	lc.latest.Nonce.SetInt64(5)
	lc.latest.WeiBalances = [2]*big.Int{new(big.Int).Sub(eth(10), locked[0]), new(big.Int).Sub(eth(10), locked[1])}
	lc.latest.LockedWei = locked
	if lc.latest.LocksRoot, err = channel.LocksRoot(lc.locks); err != nil {
		t.Fatal(err)
	}
	d, _ := e.c.Domain.Digest(lc.latest)
	s := lc.latest
	res, err := e.st.PutStates(t.Context(), []store.Deposit{{
		State:   store.StoredState{Contract: e.c.ManagerAddr, State: s, Digest: d, SigHub: e.sign(s, e.hub), SigUser: e.sign(s, u), Locks: lc.locks},
		Receipt: channel.Receipt{Contract: e.c.ManagerAddr, User: u.Addr, Nonce: channel.Amount{V: s.Nonce}, StateDigest: d, Tower: e.tower.Addr},
		Secrets: sealed}})
	if err != nil || res[0].Err != nil {
		t.Fatalf("deposit: %v %+v", err, res)
	}
	before := e.c.Balance(u.Addr)
	e.exitWith(e.hub, lc.older)
	e.lockRounds(e.tw, 6)
	for _, l := range lc.locks {
		if l.Sender == channel.Hub && e.registeredAt(l.Hashlock) == 0 {
			t.Fatalf("lock %d's secret is not registered during the dispute", l.Index)
		}
	}
	e.passDeadline(u.Addr)
	// Each round mines a block and lets the tower index and send; the settlement is
	// confirmed 3 blocks after its inclusion.
	var settledAt, resolvedAt uint64
	var confirmed time.Time
	var took time.Duration
	for range 40 {
		e.lockRounds(e.tw, 1)
		for _, tx := range e.outbox(e.st, u.Addr) {
			switch {
			case tx.Kind == store.KindSettle && tx.Status == store.TxConfirmed && settledAt == 0:
				settledAt, confirmed = tx.BlockNumber, time.Now()
			case tx.Kind == store.KindResolveLocks && tx.BlockNumber != 0 && resolvedAt == 0 && settledAt != 0:
				resolvedAt, took = tx.BlockNumber, time.Since(confirmed)
			}
		}
		if resolvedAt != 0 {
			break
		}
	}
	want := new(big.Int).Add(eth(10), locked[0]) // the balance less its own locks, plus both sides' locks
	got := new(big.Int).Sub(e.c.Balance(u.Addr), before)
	if got.Cmp(want) != 0 {
		t.Fatalf("the user received %s wei for 100 locks, want %s", got, want)
	}
	e.lockRounds(e.tw, 4)
	var resolutions []store.OutboxTx
	for _, tx := range e.outbox(e.st, u.Addr) {
		if tx.Kind == store.KindResolveLocks {
			resolutions = append(resolutions, tx)
		}
	}
	if len(resolutions) != 1 || resolutions[0].Status != store.TxConfirmed {
		t.Fatalf("resolveLocks entries %+v, want one, confirmed", resolutions)
	}
	for _, tx := range resolutions {
		{
			r, err := e.c.Client.TransactionReceipt(t.Context(), tx.TxHash)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("100 locks: settled in block %d, resolved in block %d (%d blocks later, 3 of them the settlement's confirmations); "+
				"%s from that confirmation to the resolution's inclusion (the tower's reads, queue, signature and one simulated block); "+
				"resolveLocks used %d gas", settledAt, resolvedAt, resolvedAt-settledAt, took.Round(time.Millisecond), r.GasUsed)
		}
	}
}

// TestSecretRegisteredBeforeExpiry: with no dispute, a held state that still holds a lock
// paying the user near its expiry means the hub withholds the claim it owes; the tower
// registers the secret before the lock expires (not earlier), so the lock pays the user
// whenever the channel closes. A channel whose newer state no longer holds its lock gets
// no registration, and the secret is dropped.
func TestSecretRegisteredBeforeExpiry(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, locks: true})
	box := e.box
	withheld := e.lockedChannel(e.users[0].Addr, e.open(e.users[0], 10, 10))
	e.depositLocked(box, withheld)
	claimed := e.lockedChannel(e.users[1].Addr, e.open(e.users[1], 10, 10))
	claimed.secret = common.Hash{0x5e, 0xc8}
	claimed.locks[0].Hashlock = channel.HashSecret(claimed.secret)
	root, _ := channel.LocksRoot(claimed.locks)
	claimed.latest.LocksRoot = root
	e.depositLocked(box, claimed)
	after := claimed.latest.Clone() // the claim: the lock's amount moved to the user
	after.Nonce.Add(after.Nonce, big.NewInt(1))
	after.WeiBalances[channel.User] = new(big.Int).Add(after.WeiBalances[channel.User], eth(2))
	after.LockedWei[channel.Hub] = new(big.Int)
	after.LockedWei[channel.User] = new(big.Int)
	after.WeiBalances[channel.User].Add(after.WeiBalances[channel.User], eth(1))
	after.LocksRoot = common.Hash{}
	e.deposit(e.st, after)

	reconcile := func() {
		if err := e.tw.eng.Reconcile(t.Context()); err != nil {
			t.Fatal(err)
		}
		e.lockRounds(e.tw, 2)
	}
	reconcile()
	if at := e.registeredAt(withheld.locks[0].Hashlock); at != 0 {
		t.Fatalf("the secret was registered at %d, long before its lock nears expiry", at)
	}
	expiry := withheld.locks[0].Expiry.Uint64()
	if err := e.c.AdvanceTime(time.Duration(expiry-e.c.Now()-60) * time.Second); err != nil {
		t.Fatal(err)
	}
	reconcile()
	if at := e.registeredAt(withheld.locks[0].Hashlock); at == 0 || at > expiry {
		t.Fatalf("the withheld lock's secret is registered at %d, its lock expires at %d", at, expiry)
	}
	if at := e.registeredAt(claimed.locks[0].Hashlock); at != 0 {
		t.Fatal("a secret of a lock the latest state no longer holds was registered")
	}
	// The operator and the user hear of it as a lock transaction, naming the hashlock.
	heard := false
	for _, a := range e.alerts.Alerts() {
		if a.Kind == alert.LockTxSent && a.User == e.users[0].Addr && strings.Contains(a.Text, withheld.locks[0].Hashlock.Hex()) {
			heard = true
		}
	}
	if !heard {
		t.Errorf("no lock_tx_sent alert naming hashlock %s; alerts %v", withheld.locks[0].Hashlock, e.alerts.Kinds())
	}
	if left, err := e.st.HeldSecrets(t.Context(), e.c.ManagerAddr, e.users[1].Addr); err != nil || len(left) != 0 {
		t.Fatalf("the claimed lock's secret is still held: %d, %v", len(left), err)
	}
}

// TestHubLocklessStateKeepsSecrets: the user backs up a state with its locks and secret
// and goes offline before backing up the next; the hub deposits that next state (another
// lock added, so another locks root) without locks, then closes with an older one. The
// tower, holding the newer state but not its lock list, still registers the user's secret
// in the dispute before its lock expires.
func TestHubLocklessStateKeepsSecrets(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true, locks: true})
	u := e.users[0]
	lc := e.lockedChannel(u.Addr, e.open(u, 10, 10))
	e.depositLocked(e.box, lc)
	next := lc.latest.Clone()
	next.Nonce.Add(next.Nonce, big.NewInt(1))
	more := append(lc.locks, channel.Lock{Index: 2, Sender: channel.Hub, AmountWei: eth(1), AmountToken: new(big.Int),
		Hashlock: common.Hash{0x0c}, Expiry: lc.locks[0].Expiry})
	next.WeiBalances[channel.Hub] = new(big.Int).Sub(next.WeiBalances[channel.Hub], eth(1))
	next.LockedWei[channel.Hub] = new(big.Int).Add(next.LockedWei[channel.Hub], eth(1))
	var err error
	if next.LocksRoot, err = channel.LocksRoot(more); err != nil {
		t.Fatal(err)
	}
	e.deposit(e.st, next) // as the hub: no locks, no secrets
	if st, err := e.st.State(t.Context(), e.c.ManagerAddr, u.Addr); err != nil || st.Locks != nil || st.State.Nonce.Cmp(next.Nonce) != 0 {
		t.Fatalf("held after the hub's deposit: %+v, %v", st, err)
	}
	e.exitWith(e.hub, lc.older)
	e.lockRounds(e.tw, 5)
	if got := e.challengesFrom(e.tower.Addr); len(got) != 1 || got[0].Nonce.Cmp(next.Nonce) != 0 {
		t.Fatalf("challenges %+v, want one with the newest state", got)
	}
	if at := e.registeredAt(lc.locks[0].Hashlock); at == 0 || at > lc.locks[0].Expiry.Uint64() {
		t.Fatalf("the user's secret is registered at %d, its lock expires at %d", at, lc.locks[0].Expiry)
	}
}
