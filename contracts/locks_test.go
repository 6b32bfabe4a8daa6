package contracts_test

import (
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/simchain"
)

func milli(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e15)) }

func secret(b byte) common.Hash { return common.BytesToHash([]byte{b, 0x5e, 0xc7}) }

// lockedState returns the state after s in which the locks are added, their amounts taken
// from each sender's balance, at nonce s + 1. Lock i gets index i.
func lockedState(t *testing.T, s *channel.State, locks []channel.Lock) *channel.State {
	t.Helper()
	n := s.Clone()
	n.Nonce.Add(n.Nonce, big.NewInt(1))
	for i := range locks {
		locks[i].Index = uint32(i)
		l := locks[i]
		n.WeiBalances[l.Sender] = new(big.Int).Sub(n.WeiBalances[l.Sender], l.AmountWei)
		n.TokenBalances[l.Sender] = new(big.Int).Sub(n.TokenBalances[l.Sender], l.AmountToken)
		n.LockedWei[l.Sender] = new(big.Int).Add(n.LockedWei[l.Sender], l.AmountWei)
		n.LockedToken[l.Sender] = new(big.Int).Add(n.LockedToken[l.Sender], l.AmountToken)
	}
	root, err := channel.LocksRoot(locks)
	if err != nil {
		t.Fatal(err)
	}
	n.LocksRoot = root
	return n
}

// settleWith disputes user a's channel with s (from the hub) and settles it after the
// challenge period.
func (e *env) settleWith(a simchain.Account, s *channel.State) {
	e.t.Helper()
	if err := e.exitWithUpdate(e.hub, s); err != nil {
		e.t.Fatal(err)
	}
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.carol, a.Addr); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) register(b byte) {
	e.t.Helper()
	e.must(e.send(e.carol, e.c.Manager, nil, e.m.PackRegisterSecret(secret(b))))
}

// TestLockResolution disputes a state with five locks and resolves them on-chain: before
// and after expiry, with a secret registered in time, too late, or never.
func TestLockResolution(t *testing.T) {
	e := newEnv(t)
	s2 := e.open(e.alice, 10, 5, 10, 5)
	expiry := new(big.Int).SetUint64(e.c.Now() + 2*challengePeriod)
	lock := func(sender uint8, wei, tok *big.Int, sec byte) channel.Lock {
		return channel.Lock{Sender: sender, AmountWei: wei, AmountToken: tok, Hashlock: channel.HashSecret(secret(sec)), Expiry: expiry}
	}
	zero := new(big.Int)
	locks := []channel.Lock{
		lock(channel.User, eth(1), zero, 'A'),    // secret registered too late: refunded to the user
		lock(channel.Hub, eth(2), zero, 'B'),     // secret in time, resolved before expiry: to the user
		lock(channel.User, zero, eth(1), 'C'),    // no secret: refunded to the user after expiry
		lock(channel.Hub, milli(500), zero, 'D'), // no secret: back to the hub's reserve
		lock(channel.User, eth(1), zero, 'E'),    // secret in time, resolved after expiry: to the hub
	}
	s3 := lockedState(t, s2, locks)
	if err := channel.ValidateTransition(s2, s3, locks); err != nil {
		t.Fatalf("test state is invalid: %v", err)
	}

	userWei, userTok := e.c.Balance(e.alice.Addr), e.c.TokenBalance(e.alice.Addr)
	reserveWei, reserveTok := e.reserve()
	if err := e.exitWithUpdate(e.bob, s3); err == nil {
		t.Fatal("a non-party started an exit")
	}
	if err := e.exitWithUpdate(e.hub, s3); err != nil {
		t.Fatal(err)
	}
	resolve := func(s *channel.State, ls []channel.Lock) error {
		_, err := e.resolveLocks(s, ls)
		return err
	}
	e.register('B')
	e.register('E')
	e.expectRevert(resolve(s3, locks), "NoLockPool") // not settled yet
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.carol, e.alice.Addr); err != nil {
		t.Fatal(err)
	}

	e.expectRevert(resolve(s2, locks), "NoLockPool")         // no pool at that nonce
	e.expectRevert(resolve(pay(s3, 0), locks), "NoLockPool") // nor at the next
	e.expectRevert(resolve(s3, locks[:4]), "WrongLockSet")   // a lock left out
	swapped := append([]channel.Lock{locks[1], locks[0]}, locks[2:]...)
	e.expectRevert(resolve(s3, swapped), "InvalidLockIndex") // out of order
	other := s3.Clone()
	other.Recipient = e.bob.Addr
	e.expectRevert(resolve(other, locks), "WrongSettledState") // not the settled state

	// Before expiry: B and E are decided by their secrets; the rest wait.
	if err := resolve(s3, locks); err != nil {
		t.Fatal(err)
	}
	if got := e.c.Balance(e.alice.Addr); new(big.Int).Sub(got, userWei).Cmp(eth(10)) != 0 {
		t.Errorf("user received %s wei by now, want its 8 ether balance and B's 2", new(big.Int).Sub(got, userWei))
	}
	e.expectRevert(resolve(s3, locks), "NothingToResolve")
	for i, want := range []bool{false, true, false, false, true} {
		got, err := bind.Call(e.c.Manager, nil, e.m.PackLockResolved(e.alice.Addr, s3.Nonce, big.NewInt(int64(i))), e.m.UnpackLockResolved)
		if err != nil || got != want {
			t.Errorf("lock %d resolved: %v (%v), want %v", i, got, err, want)
		}
	}

	e.advance(2 * challengePeriod * time.Second)
	e.register('A') // after expiry: too late
	if err := resolve(s3, locks); err != nil {
		t.Fatal(err)
	}
	closed := lastEvent(t, e, e.m.UnpackLockPoolClosedEvent)
	for i := range 2 {
		if closed.ReturnedWei[i].Sign() != 0 || closed.ReturnedToken[i].Sign() != 0 {
			t.Errorf("LockPoolClosed %+v returns something: the locks add up", closed)
		}
	}
	e.expectRevert(resolve(s3, locks), "NoLockPool") // closed
	pool, _ := bind.Call(e.c.Manager, nil, e.m.PackGetLockPool(e.alice.Addr, s3.Nonce), e.m.UnpackGetLockPool)
	if pool.Digest != (common.Hash{}) || pool.HeldWei.Sign() != 0 || pool.HeldToken.Sign() != 0 {
		t.Errorf("pool after closing: %+v", pool)
	}

	// User: 8 ether balance + B 2 + A 1 refunded; 4 tokens + C 1 refunded.
	if got := new(big.Int).Sub(e.c.Balance(e.alice.Addr), userWei); got.Cmp(eth(11)) != 0 {
		t.Errorf("user received %s wei, want 11 ether", got)
	}
	if got := new(big.Int).Sub(e.c.TokenBalance(e.alice.Addr), userTok); got.Cmp(eth(5)) != 0 {
		t.Errorf("user received %s tokens, want 5 ether", got)
	}
	// Hub: 7.5 ether balance + D 0.5 back + E 1 claimed; 5 tokens.
	w, k := e.reserve()
	if got := new(big.Int).Sub(w, reserveWei); got.Cmp(eth(9)) != 0 {
		t.Errorf("reserve grew by %s wei, want 9 ether", got)
	}
	if got := new(big.Int).Sub(k, reserveTok); got.Cmp(eth(5)) != 0 {
		t.Errorf("reserve grew by %s tokens, want 5 ether", got)
	}
	if e.c.Balance(e.c.ManagerAddr).Cmp(w) != 0 {
		t.Errorf("contract holds %s wei beyond its reserve %s", e.c.Balance(e.c.ManagerAddr), w)
	}
}

// permutations returns every order of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestLocksPayOnceInEveryOrder settles a state with four locks, two of them with the same
// terms, and lets their outcomes be decided in every order — each secret registered, the
// expiry passing — with a resolution after every step. Whatever the order, each lock is
// resolved once, pays the side its secret's timing says, and nothing is left in the pool.
func TestLocksPayOnceInEveryOrder(t *testing.T) {
	orders := permutations(3) // events: 0 and 1 register a secret, 2 passes the expiry
	e := newEnv(t, len(orders))
	for k, order := range orders {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			e.t = t
			a := e.more[k]
			s := e.open(a, 10, 0, 10, 0)
			sec := [2]byte{byte(2 * k), byte(2*k + 1)}
			expiry := new(big.Int).SetUint64(e.c.Now() + 3*challengePeriod)
			lock := func(sender uint8, wei int64, b byte) channel.Lock {
				return channel.Lock{Sender: sender, AmountWei: eth(wei), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret(b)), Expiry: expiry}
			}
			locks := []channel.Lock{
				lock(channel.Hub, 1, sec[0]),  // the hub pays the user 1 on secret 0
				lock(channel.User, 2, sec[1]), // the user pays the hub 2 on secret 1
				lock(channel.Hub, 3, 0xff),    // never revealed: back to the hub
				lock(channel.User, 2, sec[1]), // the same terms as lock 1: a second payment
			}
			locked := lockedState(t, s, locks)
			if err := channel.Validate(locked, locks); err != nil {
				t.Fatal(err)
			}
			e.settleWith(a, locked)
			userBefore := e.c.Balance(a.Addr)
			reserveBefore, _ := e.reserve()

			inTime := [2]bool{}
			expired := false
			for _, ev := range order {
				if ev == 2 {
					e.advance(3 * challengePeriod * time.Second)
					expired = true
				} else {
					e.register(sec[ev])
					inTime[ev] = !expired
				}
				// Nothing new may be decided, or the pool closed at an earlier step.
				if _, err := e.resolveLocks(locked, locks); err != nil {
					if n := simchain.RevertName(err); n != "NothingToResolve" && (n != "NoLockPool" || !expired) {
						t.Fatalf("after event %d: %v", ev, err)
					}
				}
			}

			// Each lock exactly once.
			seen := map[uint64]int{}
			logs, err := e.c.Client.FilterLogs(t.Context(), filterAll(e))
			if err != nil {
				t.Fatal(err)
			}
			for i := range logs {
				if ev, err := e.m.UnpackLockResolvedEvent(&logs[i]); err == nil && ev.User == a.Addr {
					seen[ev.Index.Uint64()]++
				}
			}
			for i := range locks {
				if seen[uint64(i)] != 1 {
					t.Errorf("lock %d resolved %d times, want once", i, seen[uint64(i)])
				}
			}
			// The user gets lock 0 if secret 0 came in time, else lock 1 and 3 come back.
			wantUser := new(big.Int)
			wantHub := eth(3)
			if inTime[0] {
				wantUser.Add(wantUser, eth(1))
			} else {
				wantHub.Add(wantHub, eth(1))
			}
			if inTime[1] {
				wantHub.Add(wantHub, eth(4))
			} else {
				wantUser.Add(wantUser, eth(4))
			}
			if got := new(big.Int).Sub(e.c.Balance(a.Addr), userBefore); got.Cmp(wantUser) != 0 {
				t.Errorf("user received %s from its locks, want %s", got, wantUser)
			}
			reserve, _ := e.reserve()
			if got := new(big.Int).Sub(reserve, reserveBefore); got.Cmp(wantHub) != 0 {
				t.Errorf("hub's reserve grew by %s from the locks, want %s", got, wantHub)
			}
			pool, _ := bind.Call(e.c.Manager, nil, e.m.PackGetLockPool(a.Addr, locked.Nonce), e.m.UnpackGetLockPool)
			if pool.HeldWei.Sign() != 0 || pool.Digest != (common.Hash{}) {
				t.Errorf("the pool still holds %s wei", pool.HeldWei)
			}
			e.checkConservation()
		})
	}
	e.t = t
}

// TestLockPoolsThatDoNotAddUp: a co-signed state whose hub locks sum to more than the hub
// locked, and whose user locks to less than the user locked (an honest wallet signs
// neither, channel.Validate refuses both). No order of resolution decides who is paid: the
// over-committed side's locks are void and its whole locked amount goes back to it; the
// user's lock is honoured and what it leaves goes back to the user when the pool closes.
func TestLockPoolsThatDoNotAddUp(t *testing.T) {
	e := newEnv(t)
	s := e.open(e.alice, 10, 0, 10, 0)
	expiry := new(big.Int).SetUint64(e.c.Now() + 2*challengePeriod)
	locks := []channel.Lock{
		{Sender: channel.Hub, AmountWei: eth(2), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret('H')), Expiry: expiry},
		{Sender: channel.Hub, AmountWei: eth(2), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret('I')), Expiry: expiry},
		{Sender: channel.User, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret('U')), Expiry: expiry},
	}
	bad := lockedState(t, s, locks)
	// The hub locked only 3 of its locks' 4; the user locked 3 for its lock of 1.
	bad.WeiBalances = [2]*big.Int{eth(7), eth(7)}
	bad.LockedWei = [2]*big.Int{eth(3), eth(3)}
	if err := channel.Validate(bad, locks); err == nil {
		t.Fatal("channel.Validate accepts locks that do not add up")
	}
	e.register('H') // the user could claim the hub's first lock, were it valid
	e.settleWith(e.alice, bad)
	userBefore := e.c.Balance(e.alice.Addr)
	reserveBefore, _ := e.reserve()

	// Before expiry nothing is decided: the hub's locks are void, the user's unrevealed.
	_, err := e.resolveLocks(bad, locks)
	e.expectRevert(err, "NothingToResolve")
	e.advance(2 * challengePeriod * time.Second)
	if _, err := e.resolveLocks(bad, locks); err != nil {
		t.Fatal(err)
	}
	closed := lastEvent(t, e, e.m.UnpackLockPoolClosedEvent)
	if closed.ReturnedWei[0].Cmp(eth(3)) != 0 || closed.ReturnedWei[1].Cmp(eth(2)) != 0 {
		t.Errorf("returned %v, want the hub's void 3 ether and the 2 the user's lock did not use", closed.ReturnedWei)
	}
	if got := new(big.Int).Sub(e.c.Balance(e.alice.Addr), userBefore); got.Cmp(eth(3)) != 0 {
		t.Errorf("user received %s, want its expired lock's 1 ether and the unused 2", got)
	}
	reserve, _ := e.reserve()
	if got := new(big.Int).Sub(reserve, reserveBefore); got.Cmp(eth(3)) != 0 {
		t.Errorf("hub's reserve grew by %s, want its whole locked 3 ether back", got)
	}
	if p, _ := bind.Call(e.c.Manager, nil, e.m.PackGetLockPool(e.alice.Addr, bad.Nonce), e.m.UnpackGetLockPool); p.HeldWei.Sign() != 0 {
		t.Errorf("pool still holds %s", p.HeldWei)
	}
}

func TestRegisterSecretKeepsFirstTime(t *testing.T) {
	e := newEnv(t)
	e.must(e.send(e.carol, e.c.Manager, nil, e.m.PackRegisterSecret(secret('X'))))
	h := channel.HashSecret(secret('X'))
	first, err := callUint(e, e.m.PackSecretRegisteredAt(h), e.m.UnpackSecretRegisteredAt)
	if err != nil || first.Sign() == 0 {
		t.Fatalf("registered at %v, %v", first, err)
	}
	e.advance(time.Hour)
	e.must(e.send(e.bob, e.c.Manager, nil, e.m.PackRegisterSecret(secret('X'))))
	again, _ := callUint(e, e.m.PackSecretRegisteredAt(h), e.m.UnpackSecretRegisteredAt)
	if again.Cmp(first) != 0 {
		t.Errorf("second registration moved the time from %s to %s", first, again)
	}
}

// TestRegisterSecretsBatch: registerSecrets registers every new secret of the batch at the
// batch's time with one SecretRegistered each, in order; a secret registered before keeps
// its first time and one given twice counts once; an empty batch succeeds and does nothing.
func TestRegisterSecretsBatch(t *testing.T) {
	e := newEnv(t)
	e.must(e.send(e.carol, e.c.Manager, nil, e.m.PackRegisterSecret(secret('A'))))
	at := func(b byte) *big.Int {
		t.Helper()
		v, err := callUint(e, e.m.PackSecretRegisteredAt(channel.HashSecret(secret(b))), e.m.UnpackSecretRegisteredAt)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	first := at('A')
	e.advance(time.Hour)

	batch := []common.Hash{secret('B'), secret('A'), secret('C'), secret('B')}
	rcpt, err := e.send(e.bob, e.c.Manager, nil, contracts.PackRegisterSecrets(batch))
	if err != nil {
		t.Fatal(err)
	}
	now := new(big.Int).SetUint64(e.c.Now())
	if got := at('A'); got.Cmp(first) != 0 {
		t.Errorf("the batch moved A's registration from %s to %s", first, got)
	}
	for _, b := range []byte{'B', 'C'} {
		if got := at(b); got.Cmp(now) != 0 {
			t.Errorf("%c registered at %s, want the batch's block time %s", b, got, now)
		}
	}
	var events []common.Hash
	for _, l := range rcpt.Logs {
		ev, err := e.m.UnpackSecretRegisteredEvent(l)
		if err != nil {
			t.Fatalf("log %d: %v", l.Index, err)
		}
		if ev.Hashlock != channel.HashSecret(ev.Secret) || ev.Timestamp.Cmp(now) != 0 {
			t.Errorf("event %+v: hashlock or time wrong", ev)
		}
		events = append(events, ev.Secret)
	}
	if len(events) != 2 || events[0] != secret('B') || events[1] != secret('C') {
		t.Errorf("events for secrets %x, want one for B then one for C", events)
	}

	rcpt, err = e.send(e.bob, e.c.Manager, nil, contracts.PackRegisterSecrets(nil))
	if err != nil {
		t.Fatalf("empty batch: %v", err)
	}
	if len(rcpt.Logs) != 0 {
		t.Errorf("empty batch emitted %d logs", len(rcpt.Logs))
	}
}
