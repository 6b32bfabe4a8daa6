package channel

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

func TestDecideLock(t *testing.T) {
	hubLock := &Lock{Sender: Hub, AmountWei: big.NewInt(1), AmountToken: new(big.Int), Expiry: big.NewInt(100)}
	userLock := &Lock{Sender: User, AmountWei: big.NewInt(1), AmountToken: new(big.Int), Expiry: big.NewInt(100)}
	tests := []struct {
		name string
		lock *Lock
		f    LockFacts
		now  uint64
		want LockDecision
	}{
		{"undecided/before expiry, no secret", hubLock, LockFacts{}, 50, LockDecision{}},
		{"undecided/at expiry, no secret", hubLock, LockFacts{}, 100, LockDecision{}},
		{"receiver/secret registered before expiry", hubLock, LockFacts{RegisteredAt: 60}, 50, LockDecision{Decided: true, Payee: User}},
		{"receiver/secret registered at expiry", userLock, LockFacts{RegisteredAt: 100}, 200, LockDecision{Decided: true, Payee: Hub}},
		{"sender/secret registered after expiry", hubLock, LockFacts{RegisteredAt: 101}, 200, LockDecision{Decided: true, Payee: Hub}},
		{"sender/expired without secret", userLock, LockFacts{}, 101, LockDecision{Decided: true, Payee: User}},
		{"done/resolved", hubLock, LockFacts{Done: true, RegisteredAt: 60}, 200, LockDecision{Done: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DecideLock(tc.lock, tc.f, tc.now); got != tc.want {
				t.Errorf("DecideLock = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestDecidePool(t *testing.T) {
	lock := func(sender uint8, wei int64) Lock {
		return Lock{Sender: sender, AmountWei: big.NewInt(wei), AmountToken: new(big.Int), Expiry: big.NewInt(100)}
	}
	state := func(hubLocked, userLocked int64) *State {
		s := NewState(common.Address{1})
		s.LockedWei = [2]*big.Int{big.NewInt(hubLocked), big.NewInt(userLocked)}
		return s
	}
	registered := LockFacts{RegisteredAt: 50}
	tests := []struct {
		name  string
		s     *State
		locks []Lock
		facts []LockFacts
		now   uint64
		side  uint8
		want  PoolStep
	}{
		{"user/a hub lock registered in time pays it", state(5, 0), []Lock{lock(Hub, 5)}, []LockFacts{registered}, 60, User, PoolResolve},
		{"hub/the same lock pays the hub nothing", state(5, 0), []Lock{lock(Hub, 5)}, []LockFacts{registered}, 60, Hub, PoolDone},
		{"hub/a user lock registered in time pays it", state(0, 5), []Lock{lock(User, 5)}, []LockFacts{registered}, 60, Hub, PoolResolve},
		{"user/its expired lock comes back", state(0, 5), []Lock{lock(User, 5)}, []LockFacts{{}}, 101, User, PoolResolve},
		{"user/undecided lock: wait", state(5, 5), []Lock{lock(Hub, 5), lock(User, 5)}, []LockFacts{{}, registered}, 60, User, PoolWait},
		{"user/resolved: done", state(5, 0), []Lock{lock(Hub, 5)}, []LockFacts{{Done: true}}, 60, User, PoolDone},
		{"user/decided, its remainder comes back at the close", state(0, 7), []Lock{lock(User, 5)}, []LockFacts{{Done: true}}, 60, User, PoolResolve},
		{"user/remainder waits while a lock is undecided", state(5, 7), []Lock{lock(Hub, 5), lock(User, 5)}, []LockFacts{{}, {Done: true}}, 60, User, PoolWait},
		{"user/void hub locks pay nothing", state(1, 0), []Lock{lock(Hub, 5)}, []LockFacts{registered}, 60, User, PoolDone},
		{"user/void user locks: all it locked comes back", state(0, 1), []Lock{lock(User, 5)}, []LockFacts{{}}, 60, User, PoolResolve},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DecidePool(tc.s, tc.locks, tc.facts, tc.now, tc.side)
			if got.Step != tc.want || len(got.Locks) != len(tc.locks) {
				t.Errorf("step %d with %d decisions, want step %d with %d", got.Step, len(got.Locks), tc.want, len(tc.locks))
			}
		})
	}
}
