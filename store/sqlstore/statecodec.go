package sqlstore

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// The compact form of a deposited state (channel_states.state). The user and the nonce
// are columns of their own, so they are not repeated; the recipient and the locks root,
// fixed-size fields, are raw bytes and left out when they are the usual value (the user,
// no locks); every other number is its minimal big-endian bytes after a length byte, so
// that a zero costs one byte. A typical state takes 25 to 50 bytes instead of the 700 of
// its JSON.
const (
	stateCodecV1 = 0x01

	flagRecipient = 1 << 0 // the recipient differs from the user and follows
	flagLocksRoot = 1 << 1 // the locks root is not zero and follows
)

var errStateCodec = errors.New("malformed stored state")

// stateNumbers lists the numeric fields the compact form holds, in its order: all but the
// nonce.
func stateNumbers(s *channel.State) []**big.Int {
	return []**big.Int{
		&s.WeiBalances[0], &s.WeiBalances[1], &s.TokenBalances[0], &s.TokenBalances[1],
		&s.PendingWei[0], &s.PendingWei[1], &s.PendingWei[2], &s.PendingWei[3],
		&s.PendingToken[0], &s.PendingToken[1], &s.PendingToken[2], &s.PendingToken[3],
		&s.OnchainNonce,
		&s.LockedWei[0], &s.LockedWei[1], &s.LockedToken[0], &s.LockedToken[1],
		&s.Timeout,
	}
}

// encodeState returns the compact form of s, whose numbers must be in [0, 2^256).
func encodeState(s *channel.State) ([]byte, error) {
	out := make([]byte, 2, 64)
	out[0] = stateCodecV1
	if s.Recipient != s.User {
		out[1] |= flagRecipient
		out = append(out, s.Recipient[:]...)
	}
	if s.LocksRoot != (common.Hash{}) {
		out[1] |= flagLocksRoot
		out = append(out, s.LocksRoot[:]...)
	}
	for _, p := range stateNumbers(s) {
		var err error
		if out, err = appendNum(out, *p); err != nil {
			return nil, fmt.Errorf("encode state: %w", err)
		}
	}
	return out, nil
}

// appendNum appends v's length byte and minimal big-endian bytes.
func appendNum(out []byte, v *big.Int) ([]byte, error) {
	if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
		return nil, fmt.Errorf("%w: a number is missing, negative or above 2^256-1", channel.ErrInvalidField)
	}
	n := (v.BitLen() + 7) / 8
	out = append(out, byte(n))
	start := len(out)
	out = append(out, make([]byte, n)...)
	v.FillBytes(out[start:])
	return out, nil
}

// readNum reads what appendNum wrote and returns the rest.
func readNum(b []byte) (*big.Int, []byte, error) {
	if len(b) < 1 || int(b[0]) > 32 || len(b) < 1+int(b[0]) {
		return nil, nil, fmt.Errorf("%w: number truncated", errStateCodec)
	}
	n := int(b[0])
	if n > 0 && b[1] == 0 {
		return nil, nil, fmt.Errorf("%w: number not minimal", errStateCodec)
	}
	return new(big.Int).SetBytes(b[1 : 1+n]), b[1+n:], nil
}

// decodeState rebuilds a state from its user, nonce and compact form. It accepts exactly
// what encodeState produces.
func decodeState(user common.Address, nonce *big.Int, b []byte) (*channel.State, error) {
	if len(b) < 2 || b[0] != stateCodecV1 || b[1]&^(flagRecipient|flagLocksRoot) != 0 {
		return nil, fmt.Errorf("%w: bad header", errStateCodec)
	}
	s := &channel.State{User: user, Recipient: user, Nonce: new(big.Int).Set(nonce)}
	flags, b := b[1], b[2:]
	if flags&flagRecipient != 0 {
		if len(b) < common.AddressLength {
			return nil, fmt.Errorf("%w: short recipient", errStateCodec)
		}
		s.Recipient, b = common.BytesToAddress(b[:common.AddressLength]), b[common.AddressLength:]
		if s.Recipient == user {
			return nil, fmt.Errorf("%w: recipient repeats the user", errStateCodec)
		}
	}
	if flags&flagLocksRoot != 0 {
		if len(b) < common.HashLength {
			return nil, fmt.Errorf("%w: short locks root", errStateCodec)
		}
		s.LocksRoot, b = common.BytesToHash(b[:common.HashLength]), b[common.HashLength:]
		if s.LocksRoot == (common.Hash{}) {
			return nil, fmt.Errorf("%w: zero locks root flagged", errStateCodec)
		}
	}
	for i, p := range stateNumbers(s) {
		var err error
		if *p, b, err = readNum(b); err != nil {
			return nil, fmt.Errorf("number %d: %w", i, err)
		}
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", errStateCodec, len(b))
	}
	return s, nil
}

// The compact form of a state's lock list (channel_states.locks): a version byte, then per
// lock, in order (its index is its position), the sender byte, the hashlock and the
// amounts and expiry as numbers are in the state's form. A lock takes about 40 bytes.
const locksCodecV1 = 0x01

// encodeLocks returns the compact form of locks, nil for none.
func encodeLocks(locks []channel.Lock) ([]byte, error) {
	if len(locks) == 0 {
		return nil, nil
	}
	out := make([]byte, 1, 1+len(locks)*48)
	out[0] = locksCodecV1
	for i, l := range locks {
		if int(l.Index) != i || l.Sender > channel.User {
			return nil, fmt.Errorf("encode lock %d: %w: index %d, sender %d", i, channel.ErrInvalidField, l.Index, l.Sender)
		}
		out = append(out, l.Sender)
		out = append(out, l.Hashlock[:]...)
		for _, v := range []*big.Int{l.AmountWei, l.AmountToken, l.Expiry} {
			var err error
			if out, err = appendNum(out, v); err != nil {
				return nil, fmt.Errorf("encode lock %d: %w", i, err)
			}
		}
	}
	return out, nil
}

// decodeLocks rebuilds a lock list from its compact form (nil: none given).
func decodeLocks(b []byte) ([]channel.Lock, error) {
	if b == nil {
		return nil, nil
	}
	if len(b) < 1 || b[0] != locksCodecV1 {
		return nil, fmt.Errorf("%w: bad locks header", errStateCodec)
	}
	var out []channel.Lock
	for b = b[1:]; len(b) > 0; {
		if len(b) < 1+common.HashLength || b[0] > channel.User {
			return nil, fmt.Errorf("%w: lock %d truncated or of no side", errStateCodec, len(out))
		}
		l := channel.Lock{Index: uint32(len(out)), Sender: b[0], Hashlock: common.BytesToHash(b[1 : 1+common.HashLength])}
		b = b[1+common.HashLength:]
		for _, p := range []**big.Int{&l.AmountWei, &l.AmountToken, &l.Expiry} {
			var err error
			if *p, b, err = readNum(b); err != nil {
				return nil, fmt.Errorf("lock %d: %w", len(out), err)
			}
		}
		out = append(out, l)
	}
	return out, nil
}
