package channel

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// More sentinel errors of the update functions.
var (
	// ErrInsufficient reports a side paying or locking more than its balance.
	ErrInsufficient = errors.New("insufficient balance")
	// ErrNoLock reports a claim or refund of a lock the state does not hold.
	ErrNoLock = errors.New("no such lock")
	// ErrNotExpired reports a refund of a lock whose expiry has not passed.
	ErrNotExpired = errors.New("lock not expired")
	// ErrPending reports an update that needs (or must not have) a pending proposal.
	ErrPending = errors.New("wrong pending state")
)

// Every update below is a pure function of the previous state, its locks and the
// update's parameters. The side that proposes an update computes it, signs it and sends
// the parameters; the other side computes the same thing from its own copy of the previous
// state and co-signs only if the digests match, so nothing but what the parameters say
// can change.

// next returns a copy of prev with the nonce incremented.
func next(prev *State) *State {
	n := prev.Clone()
	n.Nonce.Add(n.Nonce, big.NewInt(1))
	return n
}

// withRoot renumbers locks by position and commits s to them.
func withRoot(s *State, locks []Lock) (*State, []Lock, error) {
	locks = indexed(locks)
	root, err := LocksRoot(locks)
	if err != nil {
		return nil, nil, err
	}
	s.LocksRoot = root
	return s, locks, nil
}

// AddLock locks l's amounts from l.Sender's balance toward the other side. The lock goes
// to the end of the list: its Index becomes the number of locks before it.
func AddLock(prev *State, locks []Lock, l Lock) (*State, []Lock, error) {
	if prev.HasPending() {
		return nil, nil, fmt.Errorf("%w: cannot lock while an on-chain operation is proposed", ErrPending)
	}
	if err := l.CheckFields(); err != nil {
		return nil, nil, err
	}
	if len(locks) >= MaxLocks {
		return nil, nil, fmt.Errorf("%w: the channel holds %d open locks, the most a state may (resolveLocks takes them in one transaction); "+
			"wait for some to complete", ErrLocks, len(locks))
	}
	if FindLock(locks, l.Hashlock) != nil {
		return nil, nil, fmt.Errorf("%w: hashlock %s already locked in this channel", ErrLocks, l.Hashlock)
	}
	n := next(prev)
	side := int(l.Sender)
	if n.WeiBalances[side].Cmp(l.AmountWei) < 0 || n.TokenBalances[side].Cmp(l.AmountToken) < 0 {
		return nil, nil, fmt.Errorf("%w: side %d holds %s wei and %s token units, the lock needs %s and %s",
			ErrInsufficient, side, n.WeiBalances[side], n.TokenBalances[side], l.AmountWei, l.AmountToken)
	}
	n.WeiBalances[side].Sub(n.WeiBalances[side], l.AmountWei)
	n.TokenBalances[side].Sub(n.TokenBalances[side], l.AmountToken)
	n.LockedWei[side].Add(n.LockedWei[side], l.AmountWei)
	n.LockedToken[side].Add(n.LockedToken[side], l.AmountToken)
	out := append(append(make([]Lock, 0, len(locks)+1), locks...), l)
	return withRoot(n, out)
}

// removeLock takes the lock with hashlock out of the state and pays it to side to.
func removeLock(prev *State, locks []Lock, hashlock common.Hash, pay func(l *Lock) int) (*State, []Lock, error) {
	if prev.HasPending() {
		return nil, nil, fmt.Errorf("%w: cannot settle a lock while an on-chain operation is proposed", ErrPending)
	}
	for i := range locks {
		if locks[i].Hashlock != hashlock {
			continue
		}
		l := locks[i]
		to := pay(&l)
		if to < 0 {
			return nil, nil, fmt.Errorf("%w: lock %s expires at %s", ErrNotExpired, hashlock, l.Expiry)
		}
		n := next(prev)
		from := int(l.Sender)
		n.LockedWei[from].Sub(n.LockedWei[from], l.AmountWei)
		n.LockedToken[from].Sub(n.LockedToken[from], l.AmountToken)
		n.WeiBalances[to].Add(n.WeiBalances[to], l.AmountWei)
		n.TokenBalances[to].Add(n.TokenBalances[to], l.AmountToken)
		out := append(append(make([]Lock, 0, len(locks)-1), locks[:i]...), locks[i+1:]...)
		return withRoot(n, out)
	}
	return nil, nil, fmt.Errorf("%w: hashlock %s", ErrNoLock, hashlock)
}

// ClaimLock pays the lock whose hashlock secret opens to its receiver.
func ClaimLock(prev *State, locks []Lock, secret common.Hash) (*State, []Lock, error) {
	return removeLock(prev, locks, HashSecret(secret), func(l *Lock) int { return 1 - int(l.Sender) })
}

// RefundLock returns an expired lock (now past its expiry) to its sender.
func RefundLock(prev *State, locks []Lock, hashlock common.Hash, now uint64) (*State, []Lock, error) {
	return removeLock(prev, locks, hashlock, func(l *Lock) int {
		if !l.ExpiredAt(now) {
			return -1
		}
		return int(l.Sender)
	})
}

// Ops are the on-chain operations a proposal asks for, indexed like PendingWei:
// [hubDeposit, hubWithdrawal, userDeposit, userWithdrawal].
type Ops struct {
	Wei   [4]*big.Int
	Token [4]*big.Int
}

// NewOps returns zero operations.
func NewOps() Ops {
	var o Ops
	for i := range 4 {
		o.Wei[i], o.Token[i] = new(big.Int), new(big.Int)
	}
	return o
}

// Propose returns a state that, once executed by an authorized update before timeout,
// performs ops: deposits are added when confirmed; withdrawals leave the balances now and
// are paid on-chain, the user's to recipient. The recipient applies to this withdrawal
// only (a settlement always pays the user): without a user withdrawal it must be the user.
// The on-chain nonce goes up by one.
func Propose(prev *State, locks []Lock, ops Ops, recipient common.Address, timeout uint64) (*State, []Lock, error) {
	if prev.HasPending() {
		return nil, nil, fmt.Errorf("%w: a proposal cannot follow a proposal", ErrPending)
	}
	n := next(prev)
	n.OnchainNonce.Add(n.OnchainNonce, big.NewInt(1))
	for i := range 4 {
		if ops.Wei[i] == nil || ops.Token[i] == nil || ops.Wei[i].Sign() < 0 || ops.Token[i].Sign() < 0 {
			return nil, nil, fmt.Errorf("%w: operation %d is missing or negative", ErrInvalidField, i)
		}
		n.PendingWei[i] = new(big.Int).Set(ops.Wei[i])
		n.PendingToken[i] = new(big.Int).Set(ops.Token[i])
	}
	for side, idx := range map[int]int{Hub: HubWithdrawal, User: UserWithdrawal} {
		if n.WeiBalances[side].Cmp(ops.Wei[idx]) < 0 || n.TokenBalances[side].Cmp(ops.Token[idx]) < 0 {
			return nil, nil, fmt.Errorf("%w: side %d withdraws more than it holds", ErrInsufficient, side)
		}
		n.WeiBalances[side].Sub(n.WeiBalances[side], ops.Wei[idx])
		n.TokenBalances[side].Sub(n.TokenBalances[side], ops.Token[idx])
	}
	if !n.HasPending() {
		return nil, nil, fmt.Errorf("%w: a proposal must ask for an operation", ErrInvalidField)
	}
	n.Recipient = recipient
	n.Timeout.SetUint64(timeout)
	if timeout == 0 {
		return nil, nil, fmt.Errorf("%w: a proposal needs a timeout", ErrTimeout)
	}
	if err := Validate(n, locks); err != nil {
		return nil, nil, err
	}
	return n, locks, nil
}

// Confirm follows an executed proposal: its deposits join the balances. The recipient,
// which served the proposal's withdrawal only, goes back to the user.
func Confirm(prev *State, locks []Lock) (*State, []Lock, error) {
	if !prev.HasPending() {
		return nil, nil, fmt.Errorf("%w: nothing to confirm", ErrPending)
	}
	n := next(prev)
	n.WeiBalances[Hub].Add(n.WeiBalances[Hub], n.PendingWei[HubDeposit])
	n.WeiBalances[User].Add(n.WeiBalances[User], n.PendingWei[UserDeposit])
	n.TokenBalances[Hub].Add(n.TokenBalances[Hub], n.PendingToken[HubDeposit])
	n.TokenBalances[User].Add(n.TokenBalances[User], n.PendingToken[UserDeposit])
	clearPending(n)
	return n, locks, nil
}

// Invalidate follows a proposal that expired unexecuted: its withdrawals return to the
// balances, the on-chain nonce goes back and the recipient is the user again.
func Invalidate(prev *State, locks []Lock) (*State, []Lock, error) {
	if !prev.HasPending() {
		return nil, nil, fmt.Errorf("%w: nothing to invalidate", ErrPending)
	}
	n := next(prev)
	n.OnchainNonce.Sub(n.OnchainNonce, big.NewInt(1))
	n.WeiBalances[Hub].Add(n.WeiBalances[Hub], n.PendingWei[HubWithdrawal])
	n.WeiBalances[User].Add(n.WeiBalances[User], n.PendingWei[UserWithdrawal])
	n.TokenBalances[Hub].Add(n.TokenBalances[Hub], n.PendingToken[HubWithdrawal])
	n.TokenBalances[User].Add(n.TokenBalances[User], n.PendingToken[UserWithdrawal])
	clearPending(n)
	return n, locks, nil
}

func clearPending(s *State) {
	for i := range 4 {
		s.PendingWei[i], s.PendingToken[i] = new(big.Int), new(big.Int)
	}
	s.Timeout = new(big.Int)
	s.Recipient = s.User
}

// lockJSON is a lock on the wire: amounts and expiry as decimal strings; sender and
// hashlock pointers, so that a missing one is told from zero.
type lockJSON struct {
	Index       uint32       `json:"index"`
	Sender      *uint8       `json:"sender"`
	AmountWei   Amount       `json:"amountWei"`
	AmountToken Amount       `json:"amountToken"`
	Hashlock    *common.Hash `json:"hashlock"`
	Expiry      Amount       `json:"expiry"`
}

// MarshalJSON encodes a lock with decimal-string amounts.
func (l Lock) MarshalJSON() ([]byte, error) {
	return json.Marshal(lockJSON{l.Index, &l.Sender, Amount{l.AmountWei}, Amount{l.AmountToken}, &l.Hashlock, Amount{l.Expiry}})
}

// UnmarshalJSON decodes a lock; every field but index (0 when absent: an update's lock is
// numbered by the state it joins) is required, and all are checked.
func (l *Lock) UnmarshalJSON(b []byte) error {
	var j lockJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	var missing []string
	for _, f := range []struct {
		name string
		set  bool
	}{{"sender", j.Sender != nil}, {"amountWei", j.AmountWei.V != nil}, {"amountToken", j.AmountToken.V != nil},
		{"hashlock", j.Hashlock != nil}, {"expiry", j.Expiry.V != nil}} {
		if !f.set {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: lock without %s (a lock needs sender, amountWei, amountToken, hashlock and expiry)",
			ErrInvalidField, strings.Join(missing, ", "))
	}
	*l = Lock{Index: j.Index, Sender: *j.Sender, AmountWei: j.AmountWei.V, AmountToken: j.AmountToken.V, Hashlock: *j.Hashlock, Expiry: j.Expiry.V}
	return l.CheckFields()
}
