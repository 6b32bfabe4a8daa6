package hub

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Store is what the hub keeps in its database.
type Store interface {
	HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error
	HubStates(ctx context.Context, contract, user common.Address, from *big.Int) (*big.Int, []store.HubState, error)
	HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error)
	// HubLatest returns a channel's newest state, read without locking the channel, or
	// store.ErrNotFound when it has no co-signed state.
	HubLatest(ctx context.Context, contract, user common.Address) (store.HubState, error)
	Payment(ctx context.Context, contract common.Address, hashlock common.Hash) (store.Payment, error)
	Payments(ctx context.Context, contract, user common.Address, limit int) ([]store.Payment, error)
	OpenPayments(ctx context.Context, contract common.Address) ([]store.Payment, error)
	HubOpenProposals(ctx context.Context, contract common.Address) ([]store.HubState, error)
	Channel(ctx context.Context, contract, user common.Address) (store.Channel, error)
	AddLockResolutions(ctx context.Context, rs []store.LockResolution) error
	PendingLockResolutions(ctx context.Context, contract common.Address) ([]store.LockResolution, error)
	LockResolved(ctx context.Context, r store.LockResolution) error
	// HubFinalStates returns every channel's newest state that is co-signed, the hub's
	// latest and final.
	HubFinalStates(ctx context.Context, contract common.Address) ([]store.HubState, error)
	// SetHubFrozen freezes a channel with a reason, or thaws it with "".
	SetHubFrozen(ctx context.Context, contract, user common.Address, reason string) error
	// HubFrozen returns the frozen channels and their reasons.
	HubFrozen(ctx context.Context, contract common.Address) (map[common.Address]string, error)
}

// Outbox is the hub's side of the durable outbox its account's sender works through
// (the dispute engine's outbox, in the hub's store).
type Outbox interface {
	// Enqueue queues an intent unless an entry with its key still stands (store.Intent).
	Enqueue(ctx context.Context, in store.Intent) (id int64, created bool, err error)
	// LatestTx returns the newest entry with a key, or store.ErrNotFound.
	LatestTx(ctx context.Context, contract, user common.Address, key store.TxKey) (store.OutboxTx, error)
	// CancelTx cancels a queued entry that holds no account nonce yet.
	CancelTx(ctx context.Context, id int64, reason string) (bool, error)
	// ActiveTxs returns a sender's queued, sent and included entries.
	ActiveTxs(ctx context.Context, chainID *big.Int, sender common.Address) ([]store.OutboxTx, error)
}

// Executor sends the hub's own on-chain transactions — collateral updates, secrets,
// lock resolutions — and reads what the hub needs from the contract.
type Executor interface {
	// Send queues tx in the durable outbox unless an entry with its key still stands
	// (store.Intent: a reverted, cancelled, or otherwise-dated failed entry is armed
	// again), and wakes the sender; it reports whether it queued a new entry.
	Send(ctx context.Context, tx Tx) (bool, error)
	// Outcome returns the newest outbox entry with the key, or store.ErrNotFound.
	Outcome(ctx context.Context, user common.Address, key store.TxKey) (store.OutboxTx, error)
	// Cancel drops a queued entry that holds no account nonce yet.
	Cancel(ctx context.Context, id int64, reason string) (bool, error)
	// Active returns the hub's queued, sent and included entries of kind.
	Active(ctx context.Context, kind store.TxKind) ([]store.OutboxTx, error)
	// Check simulates calldata from the hub's account now: nil when it would succeed.
	Check(ctx context.Context, calldata []byte) error
	// Reserve returns the hub's reserve in the contract: ether and token units beyond
	// what channels and deferred payouts hold.
	Reserve(ctx context.Context) (wei, tokens *big.Int, err error)
	// Token returns the ERC-20 token the contract approves, and whether it is one: an
	// address holding code (no token transfer to or from any other can succeed).
	Token(ctx context.Context) (common.Address, bool, error)
	// SecretRegisteredAt returns the block time a hashlock's secret was registered (0: never).
	SecretRegisteredAt(ctx context.Context, hashlock common.Hash) (uint64, error)
	// FinalChannel returns user's channel as the contract records it at the newest final
	// block.
	FinalChannel(ctx context.Context, user common.Address) (OnchainChannel, error)
}

// OnchainChannel is a channel as the contract records it at a block.
type OnchainChannel struct {
	channel.Onchain
	Disputed    bool
	Block, Time uint64 // the block read at, and its time
}

// Tx is one of the hub's transactions to its contract: its outbox key (User and Key, whose
// kind is the transaction's), calldata and the block time it must be included by.
type Tx struct {
	User        common.Address
	Key         store.TxKey
	Calldata    []byte
	Deadline    uint64
	WindowStart uint64 // when the deadline's window opened, for fee urgency
}
