package channel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// stateJSON is the wire form of a State: amounts as decimal strings, so that no JSON
// implementation loses precision on 256-bit values.
type stateJSON struct {
	User          common.Address `json:"user"`
	Recipient     common.Address `json:"recipient"`
	WeiBalances   [2]Amount      `json:"weiBalances"`
	TokenBalances [2]Amount      `json:"tokenBalances"`
	PendingWei    [4]Amount      `json:"pendingWei"`
	PendingToken  [4]Amount      `json:"pendingToken"`
	Nonce         Amount         `json:"nonce"`
	OnchainNonce  Amount         `json:"onchainNonce"`
	LocksRoot     common.Hash    `json:"locksRoot"`
	LockedWei     [2]Amount      `json:"lockedWei"`
	LockedToken   [2]Amount      `json:"lockedToken"`
	Timeout       Amount         `json:"timeout"`
}

// Amount is a uint256 that encodes to JSON as a decimal string.
type Amount struct{ V *big.Int }

// MarshalJSON encodes the amount as a quoted decimal string.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a.V == nil {
		return nil, fmt.Errorf("%w: missing amount", ErrInvalidField)
	}
	return []byte(`"` + a.V.String() + `"`), nil
}

// UnmarshalJSON accepts a quoted decimal string in [0, 2^256).
func (a *Amount) UnmarshalJSON(b []byte) error {
	var s string
	if n := len(b); n >= 2 && b[0] == '"' && b[n-1] == '"' && bytes.IndexAny(b[1:n-1], `"\\`) < 0 {
		s = string(b[1 : n-1]) // a string without escapes, the usual amount: no second parse
	} else if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: amount must be a decimal string, got %.40s", ErrInvalidField, b)
	}
	if s == "" || len(s) > 78 || (len(s) > 1 && s[0] == '0') {
		return fmt.Errorf("%w: amount %q is not a canonical decimal", ErrInvalidField, s)
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return fmt.Errorf("%w: amount %q is not a canonical decimal", ErrInvalidField, s)
		}
	}
	v, _ := new(big.Int).SetString(s, 10)
	if v.Cmp(maxUint256) > 0 {
		return fmt.Errorf("%w: amount %s is above 2^256-1", ErrInvalidField, s)
	}
	a.V = v
	return nil
}

func wrap(v []*big.Int) []Amount {
	out := make([]Amount, len(v))
	for i := range v {
		out[i] = Amount{v[i]}
	}
	return out
}

// MarshalJSON encodes s with amounts as decimal strings.
func (s *State) MarshalJSON() ([]byte, error) {
	j := stateJSON{User: s.User, Recipient: s.Recipient, Nonce: Amount{s.Nonce}, OnchainNonce: Amount{s.OnchainNonce},
		LocksRoot: s.LocksRoot, Timeout: Amount{s.Timeout}}
	copy(j.WeiBalances[:], wrap(s.WeiBalances[:]))
	copy(j.TokenBalances[:], wrap(s.TokenBalances[:]))
	copy(j.PendingWei[:], wrap(s.PendingWei[:]))
	copy(j.PendingToken[:], wrap(s.PendingToken[:]))
	copy(j.LockedWei[:], wrap(s.LockedWei[:]))
	copy(j.LockedToken[:], wrap(s.LockedToken[:]))
	return json.Marshal(j)
}

// stateJSONIn is stateJSON as decoded: a field left out stays nil, so that a state is
// checked for every field in the one pass that decodes it.
type stateJSONIn struct {
	User          *common.Address `json:"user"`
	Recipient     *common.Address `json:"recipient"`
	WeiBalances   *[2]Amount      `json:"weiBalances"`
	TokenBalances *[2]Amount      `json:"tokenBalances"`
	PendingWei    *[4]Amount      `json:"pendingWei"`
	PendingToken  *[4]Amount      `json:"pendingToken"`
	Nonce         *Amount         `json:"nonce"`
	OnchainNonce  *Amount         `json:"onchainNonce"`
	LocksRoot     *common.Hash    `json:"locksRoot"`
	LockedWei     *[2]Amount      `json:"lockedWei"`
	LockedToken   *[2]Amount      `json:"lockedToken"`
	Timeout       *Amount         `json:"timeout"`
}

// UnmarshalJSON decodes s strictly: every field present, no unknown fields, amounts as
// canonical decimal strings below 2^256.
func (s *State) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var j stateJSONIn
	if err := dec.Decode(&j); err != nil {
		return fmt.Errorf("%w: state: %v", ErrInvalidField, err)
	}
	for _, f := range []struct {
		name    string
		present bool
	}{
		{"user", j.User != nil}, {"recipient", j.Recipient != nil}, {"weiBalances", j.WeiBalances != nil},
		{"tokenBalances", j.TokenBalances != nil}, {"pendingWei", j.PendingWei != nil}, {"pendingToken", j.PendingToken != nil},
		{"nonce", j.Nonce != nil}, {"onchainNonce", j.OnchainNonce != nil}, {"locksRoot", j.LocksRoot != nil},
		{"lockedWei", j.LockedWei != nil}, {"lockedToken", j.LockedToken != nil}, {"timeout", j.Timeout != nil},
	} {
		if !f.present {
			return fmt.Errorf("%s: %w: missing", f.name, ErrInvalidField)
		}
	}
	unwrap := func(dst []*big.Int, src []Amount) {
		for i := range src {
			dst[i] = src[i].V
		}
	}
	*s = State{User: *j.User, Recipient: *j.Recipient, Nonce: j.Nonce.V, OnchainNonce: j.OnchainNonce.V,
		LocksRoot: *j.LocksRoot, Timeout: j.Timeout.V}
	unwrap(s.WeiBalances[:], j.WeiBalances[:])
	unwrap(s.TokenBalances[:], j.TokenBalances[:])
	unwrap(s.PendingWei[:], j.PendingWei[:])
	unwrap(s.PendingToken[:], j.PendingToken[:])
	unwrap(s.LockedWei[:], j.LockedWei[:])
	unwrap(s.LockedToken[:], j.LockedToken[:])
	return s.CheckFields()
}
