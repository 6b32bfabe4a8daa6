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
