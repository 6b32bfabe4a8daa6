package channel

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Sides of a channel, the index of balances and locked amounts.
const (
	Hub  = 0
	User = 1
)

// Indices of the pending operations arrays.
const (
	HubDeposit     = 0
	HubWithdrawal  = 1
	UserDeposit    = 2
	UserWithdrawal = 3
)

// maxUint256 is 2^256 - 1, the largest amount or nonce the contract can hold.
var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// MaxUint256 returns 2^256 - 1.
func MaxUint256() *big.Int { return new(big.Int).Set(maxUint256) }

// State is a channel state co-signed by the hub and the user. Its field order and types
// match ChannelManager.State.
type State struct {
	User          common.Address
	Recipient     common.Address
	WeiBalances   [2]*big.Int
	TokenBalances [2]*big.Int
	PendingWei    [4]*big.Int
	PendingToken  [4]*big.Int
	Nonce         *big.Int
	OnchainNonce  *big.Int
	LocksRoot     common.Hash
	LockedWei     [2]*big.Int
	LockedToken   [2]*big.Int
	Timeout       *big.Int
}

// NewState returns a state for user with every amount and nonce set to zero.
func NewState(user common.Address) *State {
	s := &State{User: user, Recipient: user}
	for _, p := range s.amounts() {
		*p = new(big.Int)
	}
	return s
}

// Clone returns a deep copy of s.
func (s *State) Clone() *State {
	c := *s
	for _, p := range c.amounts() {
		if *p != nil {
			*p = new(big.Int).Set(*p)
		}
	}
	return &c
}

// HasPending reports whether s proposes any on-chain deposit or withdrawal.
func (s *State) HasPending() bool {
	for i := range 4 {
		if s.PendingWei[i].Sign() != 0 || s.PendingToken[i].Sign() != 0 {
			return true
		}
	}
	return false
}

// amounts lists pointers to every numeric field, in a fixed order, with its name.
func (s *State) amounts() []**big.Int {
	return []**big.Int{
		&s.WeiBalances[0], &s.WeiBalances[1], &s.TokenBalances[0], &s.TokenBalances[1],
		&s.PendingWei[0], &s.PendingWei[1], &s.PendingWei[2], &s.PendingWei[3],
		&s.PendingToken[0], &s.PendingToken[1], &s.PendingToken[2], &s.PendingToken[3],
		&s.Nonce, &s.OnchainNonce,
		&s.LockedWei[0], &s.LockedWei[1], &s.LockedToken[0], &s.LockedToken[1],
		&s.Timeout,
	}
}

var amountNames = []string{
	"weiBalances[0]", "weiBalances[1]", "tokenBalances[0]", "tokenBalances[1]",
	"pendingWei[0]", "pendingWei[1]", "pendingWei[2]", "pendingWei[3]",
	"pendingToken[0]", "pendingToken[1]", "pendingToken[2]", "pendingToken[3]",
	"nonce", "onchainNonce",
	"lockedWei[0]", "lockedWei[1]", "lockedToken[0]", "lockedToken[1]",
	"timeout",
}

// CheckFields reports the first numeric field of s that is nil, negative or above
// 2^256-1, and a zero user.
func (s *State) CheckFields() error {
	if s == nil {
		return fmt.Errorf("state: %w: nil", ErrInvalidField)
	}
	if s.User == (common.Address{}) {
		return fmt.Errorf("state: %w: user is the zero address", ErrInvalidField)
	}
	for i, p := range s.amounts() {
		if err := checkUint256(amountNames[i], *p); err != nil {
			return err
		}
	}
	return nil
}

func checkUint256(name string, v *big.Int) error {
	switch {
	case v == nil:
		return fmt.Errorf("%s: %w: missing", name, ErrInvalidField)
	case v.Sign() < 0:
		return fmt.Errorf("%s: %w: negative (%s)", name, ErrInvalidField, v)
	case v.Cmp(maxUint256) > 0:
		return fmt.Errorf("%s: %w: above 2^256-1", name, ErrInvalidField)
	}
	return nil
}
