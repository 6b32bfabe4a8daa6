package store

import (
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// ErrBadKey reports an outbox key that does not decode: an unknown kind, or a stored
// number out of its kind's range.
var ErrBadKey = errors.New("bad outbox key")

// TxKey is the part of an outbox entry's idempotency key that its kind defines (the
// contract and the user are the rest): one struct per kind. Intent.SetKey stores it in
// Intent.Kind and Intent.Nonce, Intent.Key reads it back; this file is the only place
// that encodes or decodes one.
type TxKey interface {
	// Kind is the kind of transaction the key is for.
	Kind() TxKind
	// Encode returns the key as the outbox stores it (Intent.Nonce).
	Encode() *big.Int
	// String says what the key is, for people: "state nonce 7", "hashlock 0xab...".
	String() string
	txKey() // only this package's structs are keys
}

// ChallengeKey keys a challenge (KindChallenge): the nonce of the state it submits.
type ChallengeKey struct{ StateNonce *big.Int }

// SettleKey keys a settlement (KindSettle): the deadline of the dispute it settles, so
// that each dispute of a channel is settled once.
type SettleKey struct{ Deadline uint64 }

// HubUpdateKey keys the execution of one of the hub's co-signed proposals
// (KindHubUpdate): the proposed state's nonce.
type HubUpdateKey struct{ StateNonce *big.Int }

// SecretKey keys the registration of one payment's secret (KindRegisterSecret).
type SecretKey struct{ Hashlock common.Hash }

// SecretsKey keys the registration of a batch of secrets (KindRegisterSecrets):
// keccak256 of the batch's hashlocks in order (BatchKey), so that the same batch queued
// twice is one entry.
type SecretsKey struct{ Batch common.Hash }

// ResolveKey keys the Round-th resolveLocks call for the locks of the state settled at
// SettledNonce (KindResolveLocks): a settled state's locks may be resolved in several
// calls, as they are decided one after another.
type ResolveKey struct {
	SettledNonce *big.Int
	Round        uint32
}

// BatchKey returns the key of a registerSecrets call publishing the secrets of
// hashlocks, in that order.
func BatchKey(hashlocks []common.Hash) SecretsKey {
	keyed := make([]byte, 0, 32*len(hashlocks))
	for _, h := range hashlocks {
		keyed = append(keyed, h[:]...)
	}
	return SecretsKey{Batch: crypto.Keccak256Hash(keyed)}
}

// Kind returns KindChallenge.
func (ChallengeKey) Kind() TxKind { return KindChallenge }

// Kind returns KindSettle.
func (SettleKey) Kind() TxKind { return KindSettle }

// Kind returns KindHubUpdate.
func (HubUpdateKey) Kind() TxKind { return KindHubUpdate }

// Kind returns KindRegisterSecret.
func (SecretKey) Kind() TxKind { return KindRegisterSecret }

// Kind returns KindRegisterSecrets.
func (SecretsKey) Kind() TxKind { return KindRegisterSecrets }

// Kind returns KindResolveLocks.
func (ResolveKey) Kind() TxKind { return KindResolveLocks }

// Encode returns the state nonce.
func (k ChallengeKey) Encode() *big.Int { return new(big.Int).Set(k.StateNonce) }

// Encode returns the deadline.
func (k SettleKey) Encode() *big.Int { return new(big.Int).SetUint64(k.Deadline) }

// Encode returns the state nonce.
func (k HubUpdateKey) Encode() *big.Int { return new(big.Int).Set(k.StateNonce) }

// Encode returns the hashlock read as a number.
func (k SecretKey) Encode() *big.Int { return new(big.Int).SetBytes(k.Hashlock[:]) }

// Encode returns the batch's hash read as a number.
func (k SecretsKey) Encode() *big.Int { return new(big.Int).SetBytes(k.Batch[:]) }

// Encode returns SettledNonce<<32 | Round.
func (k ResolveKey) Encode() *big.Int {
	n := new(big.Int).Lsh(k.SettledNonce, 32)
	return n.Or(n, new(big.Int).SetUint64(uint64(k.Round)))
}

// String says "state nonce N".
func (k ChallengeKey) String() string { return fmt.Sprintf("state nonce %s", k.StateNonce) }

// String says "dispute deadline T".
func (k SettleKey) String() string { return fmt.Sprintf("dispute deadline %d", k.Deadline) }

// String says "state nonce N".
func (k HubUpdateKey) String() string { return fmt.Sprintf("state nonce %s", k.StateNonce) }

// String says "hashlock 0x...".
func (k SecretKey) String() string { return fmt.Sprintf("hashlock %s", k.Hashlock) }

// String says "batch of secrets 0x...".
func (k SecretsKey) String() string { return fmt.Sprintf("batch of secrets %s", k.Batch) }

// String says "settled nonce N, round R".
func (k ResolveKey) String() string {
	return fmt.Sprintf("settled nonce %s, round %d", k.SettledNonce, k.Round)
}

func (ChallengeKey) txKey() {}
func (SettleKey) txKey()    {}
func (HubUpdateKey) txKey() {}
func (SecretKey) txKey()    {}
func (SecretsKey) txKey()   {}
func (ResolveKey) txKey()   {}

// DecodeKey returns the key of kind that the outbox stores as n.
func DecodeKey(kind TxKind, n *big.Int) (TxKey, error) {
	if n == nil || n.Sign() < 0 {
		return nil, fmt.Errorf("%w: %s key %v is not a number the outbox stores", ErrBadKey, kind, n)
	}
	switch kind {
	case KindChallenge:
		return ChallengeKey{StateNonce: new(big.Int).Set(n)}, nil
	case KindHubUpdate:
		return HubUpdateKey{StateNonce: new(big.Int).Set(n)}, nil
	case KindSettle:
		if !n.IsUint64() {
			return nil, fmt.Errorf("%w: settle key %s is no block time", ErrBadKey, n)
		}
		return SettleKey{Deadline: n.Uint64()}, nil
	case KindRegisterSecret, KindRegisterSecrets:
		if n.BitLen() > 256 {
			return nil, fmt.Errorf("%w: %s key %s is longer than a hash", ErrBadKey, kind, n)
		}
		h := common.BigToHash(n)
		if kind == KindRegisterSecret {
			return SecretKey{Hashlock: h}, nil
		}
		return SecretsKey{Batch: h}, nil
	case KindResolveLocks:
		round := new(big.Int).And(n, big.NewInt(math.MaxUint32))
		return ResolveKey{SettledNonce: new(big.Int).Rsh(n, 32), Round: uint32(round.Uint64())}, nil
	}
	return nil, fmt.Errorf("%w: unknown kind %q", ErrBadKey, kind)
}

// SetKey makes k the intent's key: its Kind and its Nonce.
func (in *Intent) SetKey(k TxKey) {
	in.Kind, in.Nonce = k.Kind(), k.Encode()
}

// Key returns the intent's key, decoded from its Kind and Nonce.
func (in *Intent) Key() (TxKey, error) {
	return DecodeKey(in.Kind, in.Nonce)
}
