package channel

import (
	"errors"
	"fmt"
	"math/big"
)

// A channel's lifecycle follows the chain, and both sides enforce it: off-chain updates
// are safe only while the chain holds what the newest co-signed state says it holds.
//
//	open ──ExitStarted──▶ disputed ──Settled──▶ settled ──restart──▶ open
//
// While disputed, the chain decides the channel: an update signed then is one the signer
// can no longer put on-chain (the window may close before it), so no side signs any. Once
// settled, the chain has paid out the balances and keeps only the locks: the off-chain
// state restarts from what the chain holds (Restart), and nothing else is signed before.

// Phase is where a channel stands in its lifecycle, as the chain says.
type Phase int

// Phases of a channel.
const (
	// PhaseOpen: off-chain updates go on.
	PhaseOpen Phase = iota
	// PhaseDisputed: an exit is open on-chain; nothing is signed until it settles.
	PhaseDisputed
	// PhaseSettled: the chain paid the channel out; only its restart may be signed.
	PhaseSettled
)

func (p Phase) String() string {
	switch p {
	case PhaseOpen:
		return "open"
	case PhaseDisputed:
		return "disputed"
	case PhaseSettled:
		return "settled"
	}
	return fmt.Sprintf("phase(%d)", int(p))
}

// Lifecycle errors.
var (
	// ErrDisputed reports an update asked for while the channel is disputed on-chain.
	ErrDisputed = errors.New("channel disputed on-chain")
	// ErrSettled reports an update other than the restart on a channel the chain settled.
	ErrSettled = errors.New("channel settled on-chain")
)

// KindRestart starts a channel's off-chain state again after a settlement: Restart(Nonce,
// OnchainNonce).
const KindRestart = "restart"

// CheckPhase says whether an update of kind may be signed in phase p.
func CheckPhase(p Phase, kind string) error {
	switch {
	case p == PhaseDisputed:
		return fmt.Errorf("%w: no %s update until the dispute settles", ErrDisputed, kind)
	case p == PhaseSettled && kind != KindRestart:
		return fmt.Errorf("%w: no %s update before the channel restarts from the settlement", ErrSettled, kind)
	case p == PhaseOpen && kind == KindRestart:
		return fmt.Errorf("%w: a restart follows a settlement only", ErrInvalidField)
	}
	return nil
}

// Restart returns the state a channel starts again from once the chain settled it: the
// chain paid out both balances and holds the settled state's locks apart (resolved
// on-chain, never off-chain again), so it holds nothing for the channel: zero balances,
// no locks, nothing pending. nonce must be above every nonce either side signed before
// (prev's), so that no earlier state is signed again with another meaning; onchainNonce is
// the contract's, which the next executed proposal must follow.
func Restart(prev *State, nonce, onchainNonce *big.Int) (*State, []Lock, error) {
	if nonce == nil || onchainNonce == nil || nonce.Sign() <= 0 || onchainNonce.Sign() < 0 {
		return nil, nil, fmt.Errorf("%w: a restart needs a nonce and the contract's on-chain nonce", ErrInvalidField)
	}
	if nonce.Cmp(prev.Nonce) <= 0 {
		return nil, nil, fmt.Errorf("%w: restart at nonce %s, not above %s", ErrNonce, nonce, prev.Nonce)
	}
	n := NewState(prev.User)
	n.Nonce = new(big.Int).Set(nonce)
	n.OnchainNonce = new(big.Int).Set(onchainNonce)
	if err := Validate(n, nil); err != nil {
		return nil, nil, err
	}
	return n, nil, nil
}

// IsRestartOf reports whether s is the restart of a channel the chain settled: nothing
// in it, nothing pending, at the contract's on-chain nonce.
func IsRestartOf(s *State, onchainNonce *big.Int) bool {
	return !s.HasPending() && s.LocksRoot == ([32]byte{}) && s.OnchainNonce.Cmp(onchainNonce) == 0 && HoldsNothing(s)
}

// HoldsNothing reports whether s gives neither side a balance or a lock (it may propose
// deposits).
func HoldsNothing(s *State) bool {
	for i := range 2 {
		if s.WeiBalances[i].Sign() != 0 || s.TokenBalances[i].Sign() != 0 || s.LockedWei[i].Sign() != 0 || s.LockedToken[i].Sign() != 0 {
			return false
		}
	}
	return true
}

// ErrUnexecutable reports a state the chain would no longer take in a dispute.
var ErrUnexecutable = errors.New("state not executable on-chain")

// Onchain is what the contract records of a channel, as a dispute checks a state
// against it.
type Onchain struct {
	Nonce, OnchainNonce  *big.Int
	TotalWei, TotalToken *big.Int
}

// CheckExecutable says whether the final state s could still be put on-chain in a
// dispute of the channel the chain records as c, as the contract's startExitWithUpdate
// checks it: a nonce not below the chain's (equal: the state the chain holds), an on-chain
// nonce equal to the chain's or one above (a proposal never executed), and balances and
// locks adding up to what the contract holds for the channel.
func CheckExecutable(s *State, c Onchain) error {
	if s.Timeout.Sign() != 0 {
		return fmt.Errorf("%w: nonce %s is a proposal (timeout %s)", ErrUnexecutable, s.Nonce, s.Timeout)
	}
	if s.Nonce.Cmp(c.Nonce) < 0 {
		return fmt.Errorf("%w: nonce %s below the chain's %s", ErrUnexecutable, s.Nonce, c.Nonce)
	}
	if d := new(big.Int).Sub(s.OnchainNonce, c.OnchainNonce); d.Sign() < 0 || d.Cmp(big.NewInt(1)) > 0 {
		return fmt.Errorf("%w: on-chain nonce %s, the chain's is %s", ErrUnexecutable, s.OnchainNonce, c.OnchainNonce)
	}
	for _, a := range []struct {
		name             string
		balances, locked [2]*big.Int
		total            *big.Int
	}{{"wei", s.WeiBalances, s.LockedWei, c.TotalWei}, {"token units", s.TokenBalances, s.LockedToken, c.TotalToken}} {
		sum := new(big.Int)
		for i := range 2 {
			sum.Add(sum, a.balances[i]).Add(sum, a.locked[i])
		}
		if sum.Cmp(a.total) != 0 {
			return fmt.Errorf("%w: nonce %s holds %s %s, the contract %s", ErrUnexecutable, s.Nonce, sum, a.name, a.total)
		}
	}
	return nil
}
