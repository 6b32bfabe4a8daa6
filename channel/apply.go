package channel

import (
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Kinds of updates.
const (
	KindLock       = "lock"       // AddLock(Lock)
	KindClaim      = "claim"      // ClaimLock(Secret)
	KindRefund     = "refund"     // RefundLock(Hashlock, Now)
	KindCancel     = "cancel"     // CancelLock(Hashlock): the receiver gives a lock back early
	KindPropose    = "propose"    // Propose(Ops, Recipient, Timeout)
	KindConfirm    = "confirm"    // Confirm
	KindInvalidate = "invalidate" // Invalidate
	// KindRestart (lifecycle.go): Restart(Restart.Nonce, Restart.OnchainNonce)
)

// Update names an update and its parameters; Apply computes the state it leads to. It is
// what one side sends the other, which recomputes the state and co-signs only that.
type Update struct {
	Kind      string          `json:"kind"`
	Lock      *Lock           `json:"lock,omitempty"`
	Secret    *common.Hash    `json:"secret,omitempty"`
	Hashlock  *common.Hash    `json:"hashlock,omitempty"`
	Now       uint64          `json:"now,omitempty"`
	Ops       *Ops            `json:"ops,omitempty"`
	Recipient *common.Address `json:"recipient,omitempty"`
	Timeout   uint64          `json:"timeout,omitempty"`
	Restart   *RestartAt      `json:"restart,omitempty"`
}

// RestartAt is where a restart puts a settled channel: the state's nonce and the
// contract's on-chain nonce.
type RestartAt struct {
	Nonce        Amount `json:"nonce"`
	OnchainNonce Amount `json:"onchainNonce"`
}

// Apply computes the update's state from prev and its locks.
func (u *Update) Apply(prev *State, locks []Lock) (*State, []Lock, error) {
	missing := func(what string) error {
		return fmt.Errorf("%w: a %s update needs %s", ErrInvalidField, u.Kind, what)
	}
	switch u.Kind {
	case KindLock:
		if u.Lock == nil {
			return nil, nil, missing("lock")
		}
		return AddLock(prev, locks, *u.Lock)
	case KindClaim:
		if u.Secret == nil {
			return nil, nil, missing("secret")
		}
		return ClaimLock(prev, locks, *u.Secret)
	case KindRefund:
		if u.Hashlock == nil {
			return nil, nil, missing("hashlock")
		}
		return RefundLock(prev, locks, *u.Hashlock, u.Now)
	case KindCancel:
		if u.Hashlock == nil {
			return nil, nil, missing("hashlock")
		}
		return CancelLock(prev, locks, *u.Hashlock)
	case KindPropose:
		if u.Ops == nil || u.Recipient == nil {
			return nil, nil, missing("ops and recipient")
		}
		return Propose(prev, locks, *u.Ops, *u.Recipient, u.Timeout)
	case KindConfirm:
		return Confirm(prev, locks)
	case KindInvalidate:
		return Invalidate(prev, locks)
	case KindRestart:
		if u.Restart == nil {
			return nil, nil, missing("restart")
		}
		return Restart(prev, u.Restart.Nonce.V, u.Restart.OnchainNonce.V)
	}
	return nil, nil, fmt.Errorf("%w: unknown update kind %q", ErrInvalidField, u.Kind)
}

// CancelLock returns a lock to its sender before its expiry (its receiver gives it up).
func CancelLock(prev *State, locks []Lock, hashlock common.Hash) (*State, []Lock, error) {
	return removeLock(prev, locks, hashlock, func(l *Lock) int { return int(l.Sender) })
}

type opsJSON struct {
	Wei   [4]Amount `json:"wei"`
	Token [4]Amount `json:"token"`
}

// MarshalJSON encodes operations as decimal strings.
func (o Ops) MarshalJSON() ([]byte, error) {
	var j opsJSON
	for i := range 4 {
		j.Wei[i], j.Token[i] = Amount{o.Wei[i]}, Amount{o.Token[i]}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes operations; all eight amounts are required.
func (o *Ops) UnmarshalJSON(b []byte) error {
	var j opsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	for i := range 4 {
		if j.Wei[i].V == nil || j.Token[i].V == nil {
			return fmt.Errorf("%w: ops need four wei and four token amounts", ErrInvalidField)
		}
		o.Wei[i], o.Token[i] = new(big.Int).Set(j.Wei[i].V), new(big.Int).Set(j.Token[i].V)
	}
	return nil
}
