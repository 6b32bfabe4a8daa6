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
		v := *p
		if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
			return nil, fmt.Errorf("encode state: %w: a number is missing, negative or above 2^256-1", channel.ErrInvalidField)
		}
		n := (v.BitLen() + 7) / 8
		out = append(out, byte(n))
		start := len(out)
		out = append(out, make([]byte, n)...)
		v.FillBytes(out[start:])
	}
	return out, nil
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
		if len(b) < 1 || int(b[0]) > 32 || len(b) < 1+int(b[0]) {
			return nil, fmt.Errorf("%w: number %d truncated", errStateCodec, i)
		}
		n := int(b[0])
		if n > 0 && b[1] == 0 {
			return nil, fmt.Errorf("%w: number %d not minimal", errStateCodec, i)
		}
		*p, b = new(big.Int).SetBytes(b[1:1+n]), b[1+n:]
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", errStateCodec, len(b))
	}
	return s, nil
}
