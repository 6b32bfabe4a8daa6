package channel

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// asset names the two kinds of funds a channel holds.
type asset struct {
	name     string
	balances func(*State) [2]*big.Int
	pending  func(*State) [4]*big.Int
	locked   func(*State) [2]*big.Int
	lockAmt  func(*Lock) *big.Int
}

var assets = []asset{
	{"wei", func(s *State) [2]*big.Int { return s.WeiBalances },
		func(s *State) [4]*big.Int { return s.PendingWei },
		func(s *State) [2]*big.Int { return s.LockedWei },
		func(l *Lock) *big.Int { return l.AmountWei }},
	{"token", func(s *State) [2]*big.Int { return s.TokenBalances },
		func(s *State) [4]*big.Int { return s.PendingToken },
		func(s *State) [2]*big.Int { return s.LockedToken },
		func(l *Lock) *big.Int { return l.AmountToken }},
}

// totals of one asset in one state: held (balances plus locked), before execution (held
// plus pending withdrawals) and after execution (held plus pending deposits).
type totals struct{ held, before, after *big.Int }

func totalsOf(s *State, a asset) totals {
	b, p, l := a.balances(s), a.pending(s), a.locked(s)
	held := sum(b[0], b[1], l[0], l[1])
	return totals{
		held:   held,
		before: sum(held, p[HubWithdrawal], p[UserWithdrawal]),
		after:  sum(held, p[HubDeposit], p[UserDeposit]),
	}
}

func sum(vs ...*big.Int) *big.Int {
	t := new(big.Int)
	for _, v := range vs {
		t.Add(t, v)
	}
	return t
}

// MaxNonce is the highest nonce or on-chain nonce a valid state carries. The contract
// refuses a nonce more than 2^64 above the channel's (so that a co-signed 2^256-1 cannot
// leave no nonce for a later state); below MaxNonce every state is within reach.
var MaxNonce = new(big.Int).SetUint64(1<<64 - 1)

// maxTotal is 2^128 - 1, the most a channel can hold of one asset on-chain.
var maxTotal = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))

// Validate checks a single state on its own: every field in range, nonces at most
// MaxNonce, the channel's total of each asset within the contract's 2^128-1 before and
// after execution, a timeout exactly when there are pending operations, a recipient other
// than the user only for a pending user withdrawal (it receives that and nothing else),
// and locked amounts and root consistent with locks (which may be nil when the lock set is
// unknown, as for a watchtower).
func Validate(s *State, locks []Lock) error {
	if err := s.CheckFields(); err != nil {
		return err
	}
	if s.Nonce.Cmp(MaxNonce) > 0 || s.OnchainNonce.Cmp(MaxNonce) > 0 {
		return fmt.Errorf("state nonce %s (on-chain %s): %w: above %s", s.Nonce, s.OnchainNonce, ErrNonce, MaxNonce)
	}
	for _, a := range assets {
		t := totalsOf(s, a)
		if t.before.Cmp(maxTotal) > 0 || t.after.Cmp(maxTotal) > 0 {
			return fmt.Errorf("state nonce %s: %w: %s amounts sum past 2^128-1", s.Nonce, ErrOverflow, a.name)
		}
	}
	if s.HasPending() != (s.Timeout.Sign() != 0) {
		return fmt.Errorf("state nonce %s: %w: timeout %s with pending operations %v",
			s.Nonce, ErrTimeout, s.Timeout, s.HasPending())
	}
	withdraws := s.PendingWei[UserWithdrawal].Sign() != 0 || s.PendingToken[UserWithdrawal].Sign() != 0
	if !withdraws && s.Recipient != s.User && s.Recipient != (common.Address{}) {
		return fmt.Errorf("state nonce %s: %w: recipient %s on a state that withdraws nothing to it",
			s.Nonce, ErrRecipient, s.Recipient)
	}
	if locks != nil {
		return checkLocks(s, locks)
	}
	return nil
}

// ValidateFinal checks a state that is to be used in a dispute or deposited with a
// watchtower: Validate, plus a zero timeout.
func ValidateFinal(s *State) error {
	if err := Validate(s, nil); err != nil {
		return err
	}
	if s.Timeout.Sign() != 0 {
		return fmt.Errorf("state nonce %s: %w: timeout %s, a final state has 0", s.Nonce, ErrTimeout, s.Timeout)
	}
	return nil
}

// checkLocks checks that s commits to locks and that each side's locked amounts are the
// sum of its locks: on-chain a side whose locks sum to more than it locked has them void,
// and what they sum to less goes back to it unclaimed.
func checkLocks(s *State, locks []Lock) error {
	if len(locks) > MaxLocks {
		return fmt.Errorf("state nonce %s: %w: %d locks, above the %d a state may hold", s.Nonce, ErrLocks, len(locks), MaxLocks)
	}
	root, err := LocksRoot(locks)
	if err != nil {
		return err
	}
	if root != s.LocksRoot {
		return fmt.Errorf("%w: locksRoot %s, the %d locks give %s", ErrLocks, s.LocksRoot, len(locks), root)
	}
	for _, a := range assets {
		var want [2]*big.Int
		want[Hub], want[User] = new(big.Int), new(big.Int)
		for i := range locks {
			want[locks[i].Sender].Add(want[locks[i].Sender], a.lockAmt(&locks[i]))
		}
		got := a.locked(s)
		for side := range 2 {
			if got[side].Cmp(want[side]) != 0 {
				return fmt.Errorf("%w: locked %s[%d] is %s, locks sum to %s", ErrLocks, a.name, side, got[side], want[side])
			}
		}
	}
	return nil
}

// ValidateTransition checks that next may follow prev off-chain: same user, nonce + 1, and
// funds conserved in one of these shapes:
//
//   - an ordinary update (neither has pending operations): same on-chain nonce, same total;
//   - a proposal (next has pending operations): on-chain nonce + 1, and next's total before
//     execution (held plus withdrawals) equals prev's;
//   - a confirmation of prev's executed proposal: same on-chain nonce, and next holds
//     prev's total after execution (held plus deposits);
//   - an invalidation of prev's expired proposal: on-chain nonce - 1, and next holds prev's
//     total before execution.
//
// A proposal cannot follow a proposal. nextLocks is the full lock set next commits to.
func ValidateTransition(prev, next *State, nextLocks []Lock) error {
	if err := Validate(prev, nil); err != nil {
		return fmt.Errorf("previous state: %w", err)
	}
	if err := Validate(next, nextLocks); err != nil {
		return err
	}
	if next.User != prev.User {
		return fmt.Errorf("%w: user %s, previous state's is %s", ErrInvalidField, next.User, prev.User)
	}
	if want := new(big.Int).Add(prev.Nonce, big.NewInt(1)); next.Nonce.Cmp(want) != 0 {
		return fmt.Errorf("%w: nonce %s, want %s", ErrNonce, next.Nonce, want)
	}
	delta := new(big.Int).Sub(next.OnchainNonce, prev.OnchainNonce)
	for _, a := range assets {
		tp, tn := totalsOf(prev, a), totalsOf(next, a)
		var ok bool
		switch {
		case prev.HasPending() && next.HasPending():
			return fmt.Errorf("%w: a proposal (nonce %s) cannot follow a proposal", ErrNonce, next.Nonce)
		case next.HasPending():
			if delta.Cmp(big.NewInt(1)) != 0 {
				return fmt.Errorf("%w: proposal's onchainNonce %s, want %s + 1", ErrNonce, next.OnchainNonce, prev.OnchainNonce)
			}
			ok = tn.before.Cmp(tp.held) == 0
		case prev.HasPending() && delta.Sign() == 0: // confirmation
			ok = tn.held.Cmp(tp.after) == 0
		case prev.HasPending() && delta.Cmp(big.NewInt(-1)) == 0: // invalidation
			ok = tn.held.Cmp(tp.before) == 0
		case prev.HasPending():
			return fmt.Errorf("%w: onchainNonce %s after proposal with %s", ErrNonce, next.OnchainNonce, prev.OnchainNonce)
		default:
			if delta.Sign() != 0 {
				return fmt.Errorf("%w: onchainNonce changed from %s to %s without a proposal",
					ErrNonce, prev.OnchainNonce, next.OnchainNonce)
			}
			ok = tn.held.Cmp(tp.held) == 0
		}
		if !ok {
			return fmt.Errorf("%w: %s total %s after nonce %s, %s before", ErrNotConserved,
				a.name, tn.held, next.Nonce, tp.held)
		}
	}
	return nil
}
