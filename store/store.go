// Package store defines the records the watchtower keeps — watched contracts, indexed
// blocks and events, the on-chain view of channels, deposited states and receipts, and
// the indexer's cursor — and the errors its implementations return. Implementations live
// in subpackages (pgstore for PostgreSQL); services declare the methods they consume.
package store

import (
	"encoding/json"
	"errors"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// Errors returned by store implementations.
var (
	// ErrNotFound reports a record that does not exist.
	ErrNotFound = errors.New("not found")
	// ErrStaleNonce reports a state whose nonce is below the one stored.
	ErrStaleNonce = errors.New("nonce not above stored state")
	// ErrNonceConflict reports a different state with the nonce already stored.
	ErrNonceConflict = errors.New("another state with this nonce is stored")
	// ErrCursorMoved reports that the indexer cursor is not where the writer expected:
	// another indexer wrote in between.
	ErrCursorMoved = errors.New("indexer cursor moved")
)

// Contract is a ChannelManager the tower watches.
type Contract struct {
	ChainID         *big.Int
	Address         common.Address
	Hub             common.Address
	DeployBlock     uint64
	ChallengePeriod uint64
}

// Block is an indexed block header.
type Block struct {
	Number uint64
	Hash   common.Hash
	Parent common.Hash
	Time   uint64
}

// Event is a decoded ChannelManager log. Fields that an event does not carry are zero
// (nil for numbers, Side -1).
type Event struct {
	Contract     common.Address
	BlockNumber  uint64
	BlockHash    common.Hash
	TxHash       common.Hash
	LogIndex     uint
	Name         string
	User         common.Address
	Sender       common.Address
	Side         int
	Nonce        *big.Int
	OnchainNonce *big.Int
	Deadline     *big.Int
	Digest       common.Hash
	Fields       json.RawMessage
	Confirmed    bool
}

// Channel statuses in the on-chain view.
const (
	StatusOpen     = "open"
	StatusDisputed = "disputed"
)

// Channel is the on-chain view of a channel, derived from its events.
type Channel struct {
	Contract     common.Address
	User         common.Address
	Status       string
	Nonce        *big.Int // latest nonce stored on-chain
	OnchainNonce *big.Int // executed updates
	Deadline     *big.Int // dispute deadline while disputed, else 0
	LastBlock    uint64
}

// StoredState is the latest co-signed state deposited for a channel.
type StoredState struct {
	Contract   common.Address
	State      *channel.State
	Digest     common.Hash
	SigHub     []byte
	SigUser    []byte
	ReceivedAt time.Time
	Superseded bool
}

// Kinds of outbox transactions.
const (
	KindChallenge = "challenge"
	KindSettle    = "settle"
)

// Outbox statuses. Queued, sent and included are active; the rest are final.
const (
	TxQueued    = "queued"    // waiting to be signed (or for its not-before time)
	TxSent      = "sent"      // at least one attempt signed and broadcast
	TxIncluded  = "included"  // an attempt is in a block, not yet deep enough
	TxConfirmed = "confirmed" // included and succeeded, deep enough
	TxReverted  = "reverted"  // included and reverted, deep enough
	TxCancelled = "cancelled" // dropped before signing: no longer needed
	TxFailed    = "failed"    // given up: could not be sent (see LastError)
)

// Intent is a transaction the tower means to send. (Contract, User, Nonce, Kind) is its
// idempotency key.
type Intent struct {
	ChainID     *big.Int
	Contract    common.Address
	User        common.Address
	Nonce       *big.Int // the state nonce it submits (challenge) or the dispute's exit nonce (settle)
	Kind        string
	Sender      common.Address
	Calldata    []byte
	Deadline    uint64 // unix seconds by which it must be included
	WindowStart uint64 // unix seconds when the window opened, for fee urgency
	NotBefore   uint64 // block time before which it must not be sent
}

// OutboxTx is an intent with its sending history.
type OutboxTx struct {
	Intent
	ID           int64
	Status       string
	AccountNonce *uint64 // nil until assigned
	GasLimit     uint64
	TxHash       common.Hash // the included attempt
	BlockNumber  uint64
	BlockHash    common.Hash
	Succeeded    bool
	LastError    string
	Attempts     []Attempt // oldest first
}

// Attempt is one signed transaction for an outbox entry.
type Attempt struct {
	Hash       common.Hash
	FeeCap     *big.Int
	TipCap     *big.Int
	Raw        []byte
	HeadNumber uint64
	SignedAt   time.Time
}
