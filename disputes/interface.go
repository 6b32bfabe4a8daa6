// Package disputes answers stale closes. The Engine reads the indexer's updates and, when
// a channel is closed or challenged with a state older than the one deposited, queues a
// challenge with the newer state in the outbox at once; the Sender signs and broadcasts
// what the outbox holds, nearest deadline first, raises fees as deadlines near, replaces
// stuck transactions, re-sends what a reorg dropped and follows receipts to a depth. The
// outbox lives in the store, so a crash at any point resumes without a lost or
// duplicated transaction.
//
// disputes consumes the interfaces declared here and imports store's types, alert, the
// contract bindings and the indexer's Update type (the indexer feeds the engine, never
// the reverse: watcher must not import disputes). It must never import a store
// implementation, the hub or the wallet.
package disputes

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/store"
)

// States gives the latest co-signed state held for a channel: the tower's deposited
// states, or the hub's own.
type States interface {
	State(ctx context.Context, contract, user common.Address) (store.StoredState, error)
	MarkSuperseded(ctx context.Context, contract, user common.Address, onchainNonce *big.Int) (bool, error)
}

// Channels gives the on-chain view of channels, as the indexer derived it.
type Channels interface {
	Channel(ctx context.Context, contract, user common.Address) (store.Channel, error)
	DisputedChannels(ctx context.Context) ([]store.Channel, error)
	Contract(ctx context.Context, addr common.Address) (store.Contract, error)
}

// Intents is the engine's side of the outbox.
type Intents interface {
	// Enqueue queues an intent unless an entry with its key still stands (see
	// store.Intent): a cancelled, reverted or failed entry of an earlier dispute does not;
	// a standing challenge not yet included takes the intent's deadline.
	Enqueue(ctx context.Context, in store.Intent) (id int64, created bool, err error)
	CancelQueued(ctx context.Context, contract, user common.Address, kind store.TxKind, nonceAtMost *big.Int, reason string) (int, error)
	SettlePolicy(ctx context.Context, contract, user common.Address) (auto, ok bool, err error)
	// LatestTx returns the newest entry with a key, or store.ErrNotFound: the engine
	// simulates a challenge before queueing it only when no entry of its key stands.
	LatestTx(ctx context.Context, contract, user common.Address, key store.TxKey) (store.OutboxTx, error)
}

// Unanswered is implemented by a store of deposited states that can find, in one query,
// the disputed channels a held state must still answer: no standing challenge from sender
// at the held nonce (a state deposited after the close, an exit re-included after a
// reorg, a challenge that reverted). The engine looks every EngineConfig.Sweep when its
// States implement it.
type Unanswered interface {
	Unanswered(ctx context.Context, sender common.Address) ([]store.Channel, error)
}

// Outbox is the sender's side of the outbox.
type Outbox interface {
	// DueTxs returns a sender's entries sent, those queued that may be sent at time at
	// (NotBefore) and, when included is set, those included, challenges and secrets
	// first, nearest deadline first.
	DueTxs(ctx context.Context, chainID *big.Int, sender common.Address, at uint64, included bool) ([]store.OutboxTx, error)
	// SignEach signs queued entries in order, each at its account nonce or taking the
	// next one, and records their attempts — all in one transaction, so no nonce is held
	// unsigned. An entry no longer queued is skipped (its attempt is the zero Attempt).
	SignEach(ctx context.Context, chainID *big.Int, sender common.Address, chainNonce uint64,
		reqs []store.SignRequest) ([]store.Attempt, error)
	AddAttempt(ctx context.Context, id int64, a store.Attempt) error
	// DropNonce queues an entry again without its account nonce, which another
	// transaction used.
	DropNonce(ctx context.Context, id int64, reason string) error
	MarkSent(ctx context.Context, id int64) error
	MarkIncluded(ctx context.Context, id int64, hash common.Hash, block uint64, blockHash common.Hash, succeeded bool) error
	MarkUnincluded(ctx context.Context, id int64) error
	Finish(ctx context.Context, id int64, status store.TxStatus, reason string) error
	NoteError(ctx context.Context, id int64, reason string) error
	// Refuse records that the contract refuses an entry's call for good
	// (OutboxTx.Refused): cancelled when it holds no account nonce.
	Refuse(ctx context.Context, id int64, refusal string) error
	// NoteEstimateFailure counts a failed gas estimate of a queued entry
	// (OutboxTx.EstimateFailures) and records err's text as its last error.
	NoteEstimateFailure(ctx context.Context, id int64, reason string) error
}

// Chain is what the sender needs from a node.
type Chain interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	// NonceAt at the latest block tells a nonce used by a transaction none of ours.
	NonceAt(ctx context.Context, account common.Address, block *big.Int) (uint64, error)
	BalanceAt(ctx context.Context, account common.Address, block *big.Int) (*big.Int, error)
	ethereum.GasEstimator
	ethereum.TransactionSender
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
}
