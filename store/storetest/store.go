package storetest

import (
	"context"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Store is what the suite checks: everything the watchtower and the hub keep, as the
// methods the suite calls. It names no service's interface, so that the suite imports no
// service; towerd and hubd each assert that the store they open satisfies their own.
type Store interface {
	Indexer
	Channels
	States
	Outbox
	Hub
	AlertStore
	Upkeep
	store.Terms
}

// Indexer is what the indexer persists: blocks, events and its cursor.
type Indexer interface {
	// Cursor returns the last block indexed on a chain, and whether there is one.
	Cursor(ctx context.Context, chainID *big.Int) (store.Block, bool, error)
	// ApplyRange stores a range of blocks and their events and moves the cursor from prev
	// to next, atomically.
	ApplyRange(ctx context.Context, chainID *big.Int, prev *store.Block, next store.Block, blocks []store.Block, events []store.Event) error
	// Rollback removes the blocks above to and returns the events they held.
	Rollback(ctx context.Context, chainID *big.Int, to store.Block) ([]store.Event, error)
	// KnownBlocks returns the stored blocks from a height on.
	KnownBlocks(ctx context.Context, chainID *big.Int, from uint64) ([]store.Block, error)
	// ConfirmUpTo marks the events up to block n confirmed and returns them.
	ConfirmUpTo(ctx context.Context, chainID *big.Int, n uint64) ([]store.Event, error)
	// Events returns every stored event of a chain in chain order.
	Events(ctx context.Context, chainID *big.Int) ([]store.Event, error)
}

// Channels are the contracts watched and their channels' on-chain view.
type Channels interface {
	// AddContract records a contract to watch, or updates its details (idempotent).
	AddContract(ctx context.Context, c store.Contract) error
	// Contract returns a watched contract, or store.ErrNotFound.
	Contract(ctx context.Context, addr common.Address) (store.Contract, error)
	// Channel returns a channel's on-chain view, or store.ErrNotFound.
	Channel(ctx context.Context, contract, user common.Address) (store.Channel, error)
	// DisputedChannels lists the channels in dispute.
	DisputedChannels(ctx context.Context) ([]store.Channel, error)
	// SettlePolicy returns a channel's settle-after-deadline override, if it has one.
	SettlePolicy(ctx context.Context, contract, user common.Address) (auto bool, ok bool, err error)
	// SetSettlePolicy sets a channel's settle-after-deadline override.
	SetSettlePolicy(ctx context.Context, contract, user common.Address, auto bool) error
	// MarkSuperseded records that the chain executed a state at onchainNonce, and reports
	// whether the held state is now superseded.
	MarkSuperseded(ctx context.Context, contract, user common.Address, onchainNonce *big.Int) (bool, error)
}

// States are the states users deposit with a watchtower, their locks and secrets.
type States interface {
	// PutState stores a state with its receipt unless a newer one is held, and returns
	// the receipt that stands and whether st was stored.
	PutState(ctx context.Context, st store.StoredState, r channel.Receipt) (channel.Receipt, bool, error)
	// PutStates stores deposits as the latest states of their channels, each with its
	// receipt, and reports what became of each; it returns once they are durable.
	PutStates(ctx context.Context, deps []store.Deposit) ([]store.DepositResult, error)
	// State returns the state held for a channel, or store.ErrNotFound.
	State(ctx context.Context, contract, user common.Address) (store.StoredState, error)
	// Receipt returns the receipt issued for the state held for a channel, or
	// store.ErrNotFound.
	Receipt(ctx context.Context, contract, user common.Address) (channel.Receipt, error)
	// LocksAt returns the state deposited at nonce with locks and its lock list.
	LocksAt(ctx context.Context, contract, user common.Address, nonce *big.Int) (*channel.State, []channel.Lock, error)
	// HeldSecrets returns the sealed secrets held for a channel.
	HeldSecrets(ctx context.Context, contract, user common.Address) ([]store.SealedSecret, error)
	// DropSecrets forgets a channel's secrets of hashlocks.
	DropSecrets(ctx context.Context, contract, user common.Address, hashlocks []common.Hash) error
	// SecretsDue lists channels holding a secret whose lock expires at or before until.
	SecretsDue(ctx context.Context, until uint64) ([]store.Channel, error)
	// SettledLockPools lists channels (with the settled nonce) whose state deposited with
	// its locks a confirmed settlement paid out and whose pool is neither closed nor
	// marked done, whatever was deposited since.
	SettledLockPools(ctx context.Context) ([]store.Channel, error)
	// MarkLocksDone records that a channel's lock pool at nonce needs nothing more.
	MarkLocksDone(ctx context.Context, contract, user common.Address, nonce *big.Int) error
	// UnseenChannels counts the channels of contract whose state is held although the
	// indexer has not seen them on-chain.
	UnseenChannels(ctx context.Context, contract common.Address) (int64, error)
	// PruneUnseen deletes the states of channels never seen on-chain whose first state
	// while unseen was stored before before, and returns how many.
	PruneUnseen(ctx context.Context, before time.Time) (int64, error)
}

// Outbox is the durable queue of transactions to send, with their attempts.
type Outbox interface {
	// Enqueue queues an intent unless an entry with its key still stands (see
	// store.Intent).
	Enqueue(ctx context.Context, in store.Intent) (id int64, created bool, err error)
	// CancelQueued cancels a channel's queued entries of kind up to a nonce.
	CancelQueued(ctx context.Context, contract, user common.Address, kind store.TxKind, nonceAtMost *big.Int, reason string) (int, error)
	// CancelTx cancels a queued entry that holds no account nonce yet.
	CancelTx(ctx context.Context, id int64, reason string) (bool, error)
	// ActiveTxs lists a sender's entries not yet final, challenges first.
	ActiveTxs(ctx context.Context, chainID *big.Int, sender common.Address) ([]store.OutboxTx, error)
	// DueTxs lists what ActiveTxs does less the queued entries not due at a time and,
	// unless asked for, the included ones.
	DueTxs(ctx context.Context, chainID *big.Int, sender common.Address, at uint64, included bool) ([]store.OutboxTx, error)
	// LatestTx returns the newest entry with a key, or store.ErrNotFound.
	LatestTx(ctx context.Context, contract, user common.Address, key store.TxKey) (store.OutboxTx, error)
	// ChannelTxs returns every outbox entry of a channel, oldest first, with attempts.
	ChannelTxs(ctx context.Context, contract, user common.Address) ([]store.OutboxTx, error)
	// SignEach signs queued entries, each at its account nonce or taking the next one,
	// and records their attempts, in one transaction; it skips an entry not queued.
	SignEach(ctx context.Context, chainID *big.Int, sender common.Address, chainNonce uint64, reqs []store.SignRequest) ([]store.Attempt, error)
	// AddAttempt records another attempt of an entry.
	AddAttempt(ctx context.Context, id int64, a store.Attempt) error
	// DropNonce queues an entry again without its account nonce, which another
	// transaction used.
	DropNonce(ctx context.Context, id int64, reason string) error
	// MarkSent records that an entry was broadcast.
	MarkSent(ctx context.Context, id int64) error
	// MarkIncluded records an entry's inclusion and whether it succeeded.
	MarkIncluded(ctx context.Context, id int64, hash common.Hash, block uint64, blockHash common.Hash, succeeded bool) error
	// MarkUnincluded undoes an inclusion a reorg removed.
	MarkUnincluded(ctx context.Context, id int64) error
	// NoteError records an entry's last error.
	NoteError(ctx context.Context, id int64, reason string) error
	// Refuse records the contract's refusal of an entry's call.
	Refuse(ctx context.Context, id int64, refusal string) error
	// NoteEstimateFailure records a failed gas estimate of a queued entry.
	NoteEstimateFailure(ctx context.Context, id int64, reason string) error
	// Finish gives an entry a final status with a reason.
	Finish(ctx context.Context, id int64, status store.TxStatus, reason string) error
	// Unanswered lists disputes no standing challenge of sender answers.
	Unanswered(ctx context.Context, sender common.Address) ([]store.Channel, error)
}

// Hub is what the hub keeps: its channels' states, payments, lock resolutions and the
// API's authentication.
type Hub interface {
	// HubChannel runs fn in a transaction holding a channel's lock.
	HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error
	// HubLatest returns a channel's newest state, read without locking the channel, or
	// store.ErrNotFound when it has no co-signed state.
	HubLatest(ctx context.Context, contract, user common.Address) (store.HubState, error)
	// HubCosigned returns a channel's newest co-signed state.
	HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error)
	// HubStates returns a channel's states from a nonce on.
	HubStates(ctx context.Context, contract, user common.Address, from *big.Int) (*big.Int, []store.HubState, error)
	// HubFinalStates returns every channel's newest state that is co-signed, the hub's
	// latest and final.
	HubFinalStates(ctx context.Context, contract common.Address) ([]store.HubState, error)
	// HubOpenProposals returns the states proposed and not yet co-signed.
	HubOpenProposals(ctx context.Context, contract common.Address) ([]store.HubState, error)
	// HubFrozen returns the frozen channels and their reasons.
	HubFrozen(ctx context.Context, contract common.Address) (map[common.Address]string, error)
	// SetHubFrozen freezes a channel with a reason, or thaws it with "".
	SetHubFrozen(ctx context.Context, contract, user common.Address, reason string) error
	// Payment returns a payment by hashlock.
	Payment(ctx context.Context, contract common.Address, hashlock common.Hash) (store.Payment, error)
	// Payments returns a user's latest payments.
	Payments(ctx context.Context, contract, user common.Address, limit int) ([]store.Payment, error)
	// OpenPayments returns the payments not yet settled.
	OpenPayments(ctx context.Context, contract common.Address) ([]store.Payment, error)
	// AddLockResolutions records locks to resolve on-chain.
	AddLockResolutions(ctx context.Context, rs []store.LockResolution) error
	// PendingLockResolutions returns the locks not yet resolved.
	PendingLockResolutions(ctx context.Context, contract common.Address) ([]store.LockResolution, error)
	// LockResolved records a lock resolved.
	LockResolved(ctx context.Context, r store.LockResolution) error
	// NewAuthNonce records a nonce a user may sign once before it expires.
	NewAuthNonce(ctx context.Context, nonce common.Hash, user common.Address, expires time.Time) error
	// UseAuthNonce uses a nonce up and reports whether it was valid.
	UseAuthNonce(ctx context.Context, nonce common.Hash, user common.Address) (bool, error)
	// PutUserKey records a user's public key.
	PutUserKey(ctx context.Context, user common.Address, pubkey []byte) error
	// UserKey returns a user's public key.
	UserKey(ctx context.Context, user common.Address) ([]byte, error)
}

// Upkeep is the database as a whole: statistics, pruning, leadership.
type Upkeep interface {
	// Backend names the database: "postgres" or "sqlite".
	Backend() string
	// Usage reports the database's size and the free space beside it (-1 when unknown).
	Usage(ctx context.Context) (store.Usage, error)
	// Stats counts the states held, the disputed channels and the outbox entries by kind
	// and status.
	Stats(ctx context.Context) (store.Stats, error)
	// Prune deletes what nothing needs any more, keeping every channel's on-chain view as
	// it is. Running it twice deletes nothing more.
	Prune(ctx context.Context, p store.Prune) (store.Pruned, error)
	// Lead takes or waits for the leadership lock key.
	Lead(ctx context.Context, key int64, cfg store.LeadConfig) (store.Lease, error)
	// Exec runs one statement, to build rows older versions left behind.
	Exec(ctx context.Context, query string, args ...any) error
}
