package channel

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// stateJSON is the wire form of a State: amounts as decimal strings, so that no JSON
// implementation loses precision on 256-bit values. MarshalJSON writes it; strict
// decoders check a state's shape against it (JSONShape).
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

// UnmarshalJSON accepts a quoted canonical decimal string in [0, 2^256): digits only, so
// an escape (which no encoder writes for a digit) is refused like any other character.
func (a *Amount) UnmarshalJSON(b []byte) error {
	n := len(b)
	if n < 2 || b[0] != '"' || b[n-1] != '"' {
		return fmt.Errorf("%w: amount must be a decimal string, got %.40s", ErrInvalidField, b)
	}
	s := string(b[1 : n-1])
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

// MarshalJSON encodes s as its wire form: every field, in the order of stateJSON,
// addresses and the locks root as lower-case hex, amounts as decimal strings (no JSON
// implementation loses precision on them). It writes the JSON directly: states are
// encoded for every request, answer and save.
func (s *State) MarshalJSON() ([]byte, error) {
	w := jsonWriter{b: make([]byte, 0, 512)}
	w.hex(`{"user":`, s.User[:])
	w.hex(`,"recipient":`, s.Recipient[:])
	w.amounts(`,"weiBalances":`, s.WeiBalances[:])
	w.amounts(`,"tokenBalances":`, s.TokenBalances[:])
	w.amounts(`,"pendingWei":`, s.PendingWei[:])
	w.amounts(`,"pendingToken":`, s.PendingToken[:])
	w.amount(`,"nonce":`, s.Nonce)
	w.amount(`,"onchainNonce":`, s.OnchainNonce)
	w.hex(`,"locksRoot":`, s.LocksRoot[:])
	w.amounts(`,"lockedWei":`, s.LockedWei[:])
	w.amounts(`,"lockedToken":`, s.LockedToken[:])
	w.amount(`,"timeout":`, s.Timeout)
	if w.err != nil {
		return nil, w.err
	}
	return append(w.b, '}'), nil
}

// jsonWriter appends a state's fields, each after its prefix (separator and key); a
// missing amount is its error.
type jsonWriter struct {
	b   []byte
	err error
}

// hex appends v as go-ethereum encodes addresses and hashes in JSON: "0x" and lower-case hex.
func (w *jsonWriter) hex(prefix string, v []byte) {
	w.b = append(hex.AppendEncode(append(w.b, prefix+`"0x`...), v), '"')
}

func (w *jsonWriter) amount(prefix string, a *big.Int) {
	w.b = append(w.b, prefix...)
	w.decimal(a)
}

func (w *jsonWriter) amounts(prefix string, v []*big.Int) {
	w.b = append(w.b, prefix+"["...)
	for i, a := range v {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.decimal(a)
	}
	w.b = append(w.b, ']')
}

func (w *jsonWriter) decimal(a *big.Int) {
	if a == nil {
		w.err = fmt.Errorf("%w: missing amount", ErrInvalidField)
		return
	}
	w.b = append(a.Append(append(w.b, '"'), 10), '"')
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
