package channel

import "math/big"

// LockFacts is what is known of one lock of a settled state, read from the chain at one
// block (and, for the hub, from its books).
type LockFacts struct {
	// Done reports a lock that needs nothing more: the contract resolved it, or the
	// caller's books say nothing more is owed on it.
	Done bool
	// RegisteredAt is the block time the lock's secret was registered on-chain, 0 if
	// never.
	RegisteredAt uint64
}

// LockDecision is what a settled state's lock does at a chain time.
type LockDecision struct {
	// Done reports a lock that pays nothing more: resolved already, or void (its side's
	// locks claim more than the state locks for it, and the contract returns the locked
	// amount at the pool's close instead).
	Done bool
	// Decided reports a lock whose payee is fixed: its secret was registered by its
	// expiry, or it expired without.
	Decided bool
	// Payee is the side (Hub or User) a decided lock pays.
	Payee uint8
}

// Pays reports whether the lock, not yet resolved, is decided for side.
func (d LockDecision) Pays(side uint8) bool { return !d.Done && d.Decided && d.Payee == side }

// DecideLock decides lock l at chain time now: it pays its receiver when its secret was
// registered at or before its expiry, its sender once it expired without; until then it
// is undecided.
func DecideLock(l *Lock, f LockFacts, now uint64) LockDecision {
	switch {
	case f.Done:
		return LockDecision{Done: true}
	case f.RegisteredAt != 0 && !l.ExpiredAt(f.RegisteredAt):
		return LockDecision{Decided: true, Payee: 1 - l.Sender}
	case l.ExpiredAt(now):
		return LockDecision{Decided: true, Payee: l.Sender}
	}
	return LockDecision{}
}

// VoidSides reports, for each side, whether the locks it sends claim more wei or tokens
// than the settled state s locks for it: the contract pays none of them and returns the
// side's locked amounts when the pool closes.
func VoidSides(s *State, locks []Lock) [2]bool {
	wei, token := lockSums(locks)
	var void [2]bool
	for side := range 2 {
		void[side] = wei[side].Cmp(s.LockedWei[side]) > 0 || token[side].Cmp(s.LockedToken[side]) > 0
	}
	return void
}

// PoolStep is what one side does next with the locks of a settled state.
type PoolStep uint8

// The steps of a settled state's lock pool, for one side.
const (
	// PoolWait: nothing decided pays the side, and an undecided lock may still.
	PoolWait PoolStep = iota
	// PoolResolve: a decided, unresolved lock pays the side, or every lock is decided
	// and closing the pool returns the side more than its locks claim: call
	// resolveLocks.
	PoolResolve
	// PoolDone: nothing more pays the side.
	PoolDone
)

// PoolDecision is a side's next step with a settled state's locks, and each lock's
// decision, in the order of the locks.
type PoolDecision struct {
	Step  PoolStep
	Locks []LockDecision
}

// DecidePool decides, for side, the locks of the settled state s at chain time now, given
// facts (one per lock, in order; the locks of a void side are done whatever their facts
// say, see VoidSides).
func DecidePool(s *State, locks []Lock, facts []LockFacts, now uint64, side uint8) PoolDecision {
	void := VoidSides(s, locks)
	d := PoolDecision{Locks: make([]LockDecision, len(locks))}
	undecided, want := false, false
	for i := range locks {
		f := facts[i]
		f.Done = f.Done || void[locks[i].Sender]
		d.Locks[i] = DecideLock(&locks[i], f, now)
		undecided = undecided || (!d.Locks[i].Done && !d.Locks[i].Decided)
		want = want || d.Locks[i].Pays(side)
	}
	want = want || (!undecided && returned(s, locks, void, side).Sign() > 0)
	switch {
	case want:
		d.Step = PoolResolve
	case undecided:
		d.Step = PoolWait
	default:
		d.Step = PoolDone
	}
	return d
}

// returned is what closing the pool of s returns side beyond what its locks claim, wei
// and token units added (only its sign is read): all it locked when its locks are void.
func returned(s *State, locks []Lock, void [2]bool, side uint8) *big.Int {
	back := new(big.Int).Add(s.LockedWei[side], s.LockedToken[side])
	if !void[side] {
		wei, token := lockSums(locks)
		back.Sub(back, wei[side]).Sub(back, token[side])
	}
	return back
}

// lockSums returns the wei and token units the locks of each side claim.
func lockSums(locks []Lock) (wei, token [2]*big.Int) {
	for side := range 2 {
		wei[side], token[side] = new(big.Int), new(big.Int)
	}
	for _, l := range locks {
		wei[l.Sender].Add(wei[l.Sender], l.AmountWei)
		token[l.Sender].Add(token[l.Sender], l.AmountToken)
	}
	return wei, token
}
