package disputes_test

import (
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/secretbox"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/store"
)

// TestSecretFloodLeavesReserve: a hostile hub has the tower hold many secrets due sooner
// than the deadline of a stale close it then makes (registrations of the channels it
// disputes, say), with the tower's balance a little above the challenge reserve. The
// challenge is signed before every registration, whatever their deadlines, and is
// included; the registrations spend nothing of the reserve.
func TestSecretFloodLeavesReserve(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	u := e.users[0]
	older := pay(e.open(u, 10, 10), 1)
	latest := pay(older, 1)
	e.deposit(e.st, latest)

	reserve := e.tw.snd.Reserve()
	above := big.NewInt(2e15) // 0.002 ether: a few registrations at the simulated chain's fees
	bal := e.c.Balance(e.tower.Addr)
	e.transfer(e.tower, e.hub.Addr, new(big.Int).Sub(bal, new(big.Int).Add(reserve, new(big.Int).Mul(above, big.NewInt(2)))))
	bal = e.c.Balance(e.tower.Addr)
	e.transfer(e.tower, e.hub.Addr, new(big.Int).Sub(bal, new(big.Int).Add(reserve, above))) // pays its gas from the rest
	start := e.c.Balance(e.tower.Addr)
	if start.Cmp(reserve) <= 0 {
		t.Fatalf("the tower holds %s wei, not above its reserve of %s", start, reserve)
	}

	e.exitWith(e.hub, older)
	e.sync(e.tw) // the challenge is queued
	now := e.c.Now()
	const flood = 40
	for i := range flood {
		secret := crypto.Keccak256Hash([]byte{byte(i), 0xf1})
		in := store.Intent{ChainID: e.c.ChainID, Contract: e.c.ManagerAddr, User: common.BytesToAddress([]byte{0xf1, byte(i)}),
			Nonce: big.NewInt(int64(i)), Kind: store.KindRegisterSecrets, Sender: e.tower.Addr, Deadline: now + 30, WindowStart: now,
			Calldata: contracts.PackRegisterSecrets([]common.Hash{secret})}
		if _, _, err := e.st.Enqueue(t.Context(), in); err != nil {
			t.Fatal(err)
		}
	}
	e.rounds(e.tw, 4)

	challenges := e.outbox(e.st, u.Addr)
	if len(challenges) != 1 || challenges[0].Kind != store.KindChallenge || challenges[0].AccountNonce == nil {
		t.Fatalf("the stale close's outbox: %+v", challenges)
	}
	if got := e.challengesFrom(e.tower.Addr); len(got) != 1 || got[0].Nonce.Cmp(latest.Nonce) != 0 {
		t.Fatalf("challenges on-chain %+v, want one at nonce %s", got, latest.Nonce)
	}
	txs, err := e.st.ActiveTxs(t.Context(), e.c.ChainID, e.tower.Addr)
	if err != nil {
		t.Fatal(err)
	}
	spent, signed := new(big.Int), 0
	for _, u := range floodUsers(flood) {
		for _, tx := range e.outbox(e.st, u) {
			if tx.AccountNonce == nil {
				continue
			}
			signed++
			if *tx.AccountNonce < *challenges[0].AccountNonce {
				t.Errorf("registration %d took account nonce %d, before the challenge's %d", tx.ID, *tx.AccountNonce, *challenges[0].AccountNonce)
			}
			if tx.TxHash != (common.Hash{}) {
				r, err := e.c.Client.TransactionReceipt(t.Context(), tx.TxHash)
				if err != nil {
					t.Fatal(err)
				}
				spent.Add(spent, new(big.Int).Mul(new(big.Int).SetUint64(r.GasUsed), r.EffectiveGasPrice))
			}
		}
	}
	if left := new(big.Int).Sub(start, spent); left.Cmp(reserve) < 0 {
		t.Errorf("%d registrations spent %s wei of %s: %s left, below the challenge reserve of %s", signed, spent, start, left, reserve)
	}
	if signed == flood {
		t.Errorf("all %d registrations were signed with %s wei above the reserve", flood, above)
	}
	t.Logf("%d of %d registrations signed (%d still active in all), spending %s wei; the reserve of %s wei intact", signed, flood,
		len(txs), spent, reserve)
}

func floodUsers(n int) []common.Address {
	out := make([]common.Address, n)
	for i := range out {
		out[i] = common.BytesToAddress([]byte{0xf1, byte(i)})
	}
	return out
}

// TestSecretFloodPolicy: what the tower registers for whoever deposits states with
// locks. A hostile hub co-signs, with fresh keys, states of channels that do not exist
// whose one-wei locks near their expiry; it also holds a real channel whose latest state
// has a one-wei lock near expiry, and disputes a third with a state whose lock is worth
// registering, but with the tower's per-channel budget below its cost. Nothing is queued
// for the channels that do not exist nor for the worthless lock outside a dispute, the
// disputed channel's secret is held back by the budget, and each is alerted.
func TestSecretFloodPolicy(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, locks: true, engine: func(c *disputes.EngineConfig) { c.SecretBudgetPerChannel = big.NewInt(1) }})
	box := e.box
	expiry := e.c.Now() + 3*challengePeriod

	// Channels that do not exist: 10 fresh keys, 8 one-wei locks each.
	var fakes []common.Address
	for i := range 10 {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		user := simchain.Account{Key: k, Addr: crypto.PubkeyToAddress(k.PublicKey)}
		fakes = append(fakes, user.Addr)
		s := state(user.Addr, 5, 1)
		s.WeiBalances = [2]*big.Int{eth(1), eth(1)}
		e.depositDust(box, user, s, byte(i), 8, expiry)
	}
	// A real channel whose latest state holds a one-wei lock from the hub.
	dusty := e.users[0]
	s := pay(e.open(dusty, 10, 10), 1)
	e.depositDust(box, dusty, s, 0xd0, 1, expiry)

	if err := e.c.AdvanceTime(time.Duration(expiry-e.c.Now()-60) * time.Second); err != nil {
		t.Fatal(err)
	}
	e.sync(e.tw)
	if err := e.tw.eng.RegisterDueSecrets(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, u := range append(fakes, dusty.Addr) {
		for _, tx := range e.outbox(e.st, u) {
			t.Errorf("%s queued for %s: %s", tx.Kind, u, tx.LastError)
		}
	}
	unseen, value := false, false
	for _, a := range e.alerts.Alerts() {
		unseen = unseen || (a.Kind == alert.SecretHeld && strings.Contains(a.Text, "never been seen on-chain"))
		value = value || (a.Kind == alert.SecretHeld && a.User == dusty.Addr && strings.Contains(a.Text, "worth no more than"))
	}
	if !unseen || !value {
		t.Errorf("secret_held for the unseen channels %v, for the worthless lock %v; alerts %v", unseen, value, e.alerts.Kinds())
	}

	// A dispute of a real channel with a lock worth 2 ether: over the per-channel budget.
	victim := e.users[1]
	lc := e.lockedChannel(victim.Addr, e.open(victim, 10, 10))
	e.depositLocked(box, lc)
	e.exitWith(e.hub, lc.older)
	e.rounds(e.tw, 2)
	for _, tx := range e.outbox(e.st, victim.Addr) {
		if tx.Kind == store.KindRegisterSecrets || tx.Kind == store.KindRegisterSecret {
			t.Errorf("a registration over the channel's budget was queued: %+v", tx)
		}
	}
	budget := false
	for _, a := range e.alerts.Alerts() {
		budget = budget || (a.Kind == alert.SecretHeld && a.User == victim.Addr && strings.Contains(a.Text, "budgets"))
	}
	if !budget {
		t.Errorf("no secret_held naming the budget for %s; alerts %v", victim.Addr, e.alerts.Kinds())
	}
}

// depositDust stores s for user with n one-wei locks from the hub expiring at expiry and
// their sealed secrets, co-signed, as the deposit API does.
func (e *env) depositDust(box *secretbox.Box, user simchain.Account, s *channel.State, tag byte, n int, expiry uint64) {
	e.t.Helper()
	var locks []channel.Lock
	var sealed []store.SealedSecret
	for i := range n {
		secret := common.Hash{0xd5, tag, byte(i)}
		h := channel.HashSecret(secret)
		locks = append(locks, channel.Lock{Index: uint32(i), Sender: channel.Hub, AmountWei: big.NewInt(1), AmountToken: new(big.Int),
			Hashlock: h, Expiry: new(big.Int).SetUint64(expiry)})
		sealed = append(sealed, store.SealedSecret{Hashlock: h, Sealed: box.Seal(e.c.ManagerAddr, user.Addr, h, secret), Expiry: expiry})
	}
	s = s.Clone()
	s.WeiBalances[channel.Hub] = new(big.Int).Sub(s.WeiBalances[channel.Hub], big.NewInt(int64(n)))
	s.LockedWei[channel.Hub] = big.NewInt(int64(n))
	root, err := channel.LocksRoot(locks)
	if err != nil {
		e.t.Fatal(err)
	}
	s.LocksRoot = root
	d, _ := e.c.Domain.Digest(s)
	res, err := e.st.PutStates(e.t.Context(), []store.Deposit{{
		State:   store.StoredState{Contract: e.c.ManagerAddr, State: s, Digest: d, SigHub: e.sign(s, e.hub), SigUser: e.sign(s, user), Locks: locks},
		Receipt: channel.Receipt{Contract: e.c.ManagerAddr, User: s.User, Nonce: channel.Amount{V: s.Nonce}, StateDigest: d, Tower: e.tower.Addr},
		Secrets: sealed}})
	if err != nil || res[0].Err != nil || !res[0].Created {
		e.t.Fatalf("deposit of dust locks: %v %+v", err, res)
	}
}

// TestSecretFloodAtQuota: the flood of the issue at the deposit quota. A hostile hub
// deposits states of channels that do not exist (VIGIL_SECRET_FLOOD_CHANNELS, default 20;
// the quota is 1,000 per contract) with 256 one-wei locks each, all near expiry, then
// closes a real user's channel with a stale state. The tower spends nothing on the flood
// and answers the close, its challenge reserve intact. The figures are logged.
func TestSecretFloodAtQuota(t *testing.T) {
	n := 20
	if v := os.Getenv("VIGIL_SECRET_FLOOD_CHANNELS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("VIGIL_SECRET_FLOOD_CHANNELS=%q: want a positive number of channels", v)
		}
	}
	const locks = 256
	e := newEnv(t, envConfig{users: 1, locks: true})
	expiry := e.c.Now() + 3*challengePeriod
	began := time.Now()
	for i := range n {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		fake := simchain.Account{Key: k, Addr: crypto.PubkeyToAddress(k.PublicKey)}
		s := state(fake.Addr, 5, 1)
		s.WeiBalances = [2]*big.Int{eth(1), eth(1)}
		e.depositDust(e.box, fake, s, byte(i), locks, expiry)
	}
	deposited := time.Since(began)
	start := e.c.Balance(e.tower.Addr)
	if err := e.c.AdvanceTime(time.Duration(expiry-e.c.Now()-60) * time.Second); err != nil {
		t.Fatal(err)
	}
	e.sync(e.tw)
	began = time.Now()
	if err := e.tw.eng.RegisterDueSecrets(t.Context()); err != nil {
		t.Fatal(err)
	}
	decided := time.Since(began)
	e.rounds(e.tw, 2)
	if txs, err := e.st.ActiveTxs(t.Context(), e.c.ChainID, e.tower.Addr); err != nil || len(txs) != 0 {
		t.Fatalf("the flood queued %d transactions (%v)", len(txs), err)
	}
	if got := e.c.Balance(e.tower.Addr); got.Cmp(start) != 0 {
		t.Fatalf("the flood cost the tower %s wei", new(big.Int).Sub(start, got))
	}

	u := e.users[0]
	older := pay(e.open(u, 10, 10), 1)
	latest := pay(older, 1)
	e.deposit(e.st, latest)
	e.exitWith(e.hub, older)
	e.rounds(e.tw, 3)
	if got := e.challengesFrom(e.tower.Addr); len(got) != 1 || got[0].Nonce.Cmp(latest.Nonce) != 0 {
		t.Fatalf("challenges on-chain %+v, want one at nonce %s", got, latest.Nonce)
	}
	end := e.c.Balance(e.tower.Addr)
	if reserve := e.tw.snd.Reserve(); end.Cmp(reserve) < 0 {
		t.Fatalf("the tower holds %s wei after the flood and a challenge, below its reserve of %s", end, reserve)
	}
	t.Logf("%d unseen channels × %d locks deposited in %v; due secrets decided in %v; the tower spent %s wei, one challenge",
		n, locks, deposited.Round(time.Millisecond), decided.Round(time.Millisecond), new(big.Int).Sub(start, end))
}
