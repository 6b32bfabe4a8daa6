// Package store defines the records the watchtower and the hub keep — watched contracts,
// indexed blocks and typed events, the on-chain view of channels (Fold), deposited states
// and receipts, the outbox, the hub's states and payments, leadership — and the errors
// its implementations return. The implementation lives in store/sqlstore (PostgreSQL and
// SQLite); services declare the methods they consume, and store/storetest checks every
// implementation against them.
//
// store knows no service and no database: it imports only channel and go-ethereum's
// common types, never a driver, sqlstore, or a service package.
package store

import (
	"context"
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
	// ErrUnknownEvent reports an event name no EventKind has.
	ErrUnknownEvent = errors.New("unknown event")
	// ErrCursorMoved reports that the indexer cursor is not where the writer expected:
	// another indexer wrote in between.
	ErrCursorMoved = errors.New("indexer cursor moved")
	// ErrNotQueued reports an outbox entry that is no longer queued: it was cancelled or
	// signed meanwhile, and must not be signed now.
	ErrNotQueued = errors.New("outbox entry not queued")
	// ErrLeaseUnsupported reports a database that cannot bound how long a dead leader
	// keeps leadership (PostgreSQL before 14 has no idle_session_timeout).
	ErrLeaseUnsupported = errors.New("database cannot bound a lease")
	// ErrFenced reports a write refused because the term it was made under is over:
	// another process began a newer term (it leads now) or none was begun.
	ErrFenced = errors.New("fenced: this process no longer leads")
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

// Event is a decoded ChannelManager log: its kind and, as typed columns, every argument a
// consumer acts on. Fields that an event does not carry are zero (nil for numbers, Side
// -1). Fields holds all of the event's arguments as JSON for operators and audits; no
// consumer reads it.
type Event struct {
	Contract     common.Address
	BlockNumber  uint64
	BlockHash    common.Hash
	TxHash       common.Hash
	LogIndex     uint
	Kind         EventKind
	User         common.Address
	Sender       common.Address
	Side         int
	Nonce        *big.Int // the state's nonce; LockResolved: the settled nonce
	OnchainNonce *big.Int
	Deadline     *big.Int
	Digest       common.Hash // the state's EIP-712 digest; LockResolved: the lock's leaf
	Hashlock     common.Hash // SecretRegistered
	Secret       common.Hash // SecretRegistered: the preimage made public
	Fields       json.RawMessage
	Confirmed    bool
}

// Channel statuses in the on-chain view.
const (
	StatusOpen     = "open"
	StatusDisputed = "disputed"
	// StatusSettled is a channel the chain paid out after a dispute, until its next
	// executed update: it holds nothing but its settled locks, and the off-chain state
	// restarts from it (channel.Restart).
	StatusSettled = "settled"
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
	// Locks is the state's lock list as its user deposited it (checked against
	// State.LocksRoot), nil when none was given. A deposit of the same state with locks
	// fills them in; one without leaves them, as does a newer state deposited without
	// locks whose locks root is the same (it commits to the same list).
	Locks []channel.Lock
}

// SealedSecret is the secret of a hashlock, sealed by the tower that holds it
// (internal/secretbox); the store keeps it opaque.
type SealedSecret struct {
	Hashlock common.Hash
	Sealed   []byte
	Expiry   uint64 // of the lock it unlocks: registered after it, the secret pays nothing
}

// TxKind is the kind of an outbox transaction: the dispute engine's, and the hub's own.
// Each kind has its own key (outboxkey.go), stored in Intent.Nonce.
type TxKind string

// Kinds of outbox transactions: the dispute engine's, and the hub's own.
const (
	// KindChallenge submits a held state in a dispute: its key is ChallengeKey.
	KindChallenge TxKind = "challenge"
	// KindSettle settles a dispute: its key is SettleKey.
	KindSettle TxKind = "settle"
	// KindHubUpdate executes a co-signed proposal of the hub (hubAuthorizedUpdate): User
	// is the channel's, its key HubUpdateKey; the deadline is the proposal's timeout.
	KindHubUpdate TxKind = "hub_update"
	// KindRegisterSecret publishes a payment's secret: User is the payer, its key
	// SecretKey; the deadline is the payer's lock expiry.
	KindRegisterSecret TxKind = "register_secret"
	// KindRegisterSecrets publishes many payments' secrets in one registerSecrets call:
	// User is the zero address for the hub's (the batch spans payers), its key
	// SecretsKey; the deadline is the earliest expiry of the locks it protects.
	KindRegisterSecrets TxKind = "register_secrets"
	// KindResolveLocks resolves the decided locks of a settled state: User is the
	// channel's, its key ResolveKey (the settled nonce and the round).
	KindResolveLocks TxKind = "resolve_locks"
)

// DeadlineCritical reports whether missing the deadline of a transaction of kind loses
// funds (a challenge, a secret that must be on-chain before its lock expires), so that
// it goes before every other kind and is never held back to keep a reserve for them.
func DeadlineCritical(kind TxKind) bool {
	return kind == KindChallenge || kind == KindRegisterSecret || kind == KindRegisterSecrets
}

// TxStatus is where an outbox entry is on its way to the chain.
type TxStatus string

// Outbox statuses. Queued, sent and included are active; the rest are final.
const (
	TxQueued    TxStatus = "queued"    // waiting to be signed (or for its not-before time)
	TxSent      TxStatus = "sent"      // at least one attempt signed and broadcast
	TxIncluded  TxStatus = "included"  // an attempt is in a block, not yet deep enough
	TxConfirmed TxStatus = "confirmed" // included and succeeded, deep enough
	TxReverted  TxStatus = "reverted"  // included and reverted, deep enough
	TxCancelled TxStatus = "cancelled" // dropped before signing: no longer needed
	TxFailed    TxStatus = "failed"    // given up: could not be sent (see LastError)
)

// CannotSucceed begins the text of an entry's LastError when the contract refuses its
// call for good (a simulation reverted with one of the contract's errors that no later
// block changes); the contract's error follows. It is for people: the refusal itself is
// OutboxTx.Refused. Such an entry stands for the rest of its dispute, as a failed one
// does (see Intent), so that nothing queues the same refused call again and again.
const CannotSucceed = "cannot succeed: "

// Intent is a transaction the tower or the hub means to send. (Contract, User, Nonce, Kind) is its
// idempotency key: queueing an intent whose key has an entry that still stands adds
// nothing (but for a challenge not yet included, which takes the intent's deadline and
// window: its dispute's exit was mined again elsewhere). An entry stands while it is queued, sent, included and succeeded, or confirmed,
// and, once failed or cancelled as unable to succeed (CannotSucceed), for the rest of its
// dispute (the same deadline). Any other cancelled entry, and a reverted one (or one
// included reverted), does not stand: the key is armed again with a new entry
// (OutboxTx.Arm counts them), so that a new dispute, or the same exit re-included after a
// reorg, always gets a live transaction.
type Intent struct {
	ChainID  *big.Int
	Contract common.Address
	User     common.Address
	// Nonce is the kind's key (outboxkey.go) as stored: written with SetKey and read
	// with Key, never by hand.
	Nonce       *big.Int
	Kind        TxKind
	Sender      common.Address
	Calldata    []byte
	Deadline    uint64 // unix seconds by which it must be included
	WindowStart uint64 // unix seconds when the window opened, for fee urgency
	NotBefore   uint64 // block time before which it must not be sent
	// Refused, when set, is the contract's error for a call a simulation found it refuses
	// for good: the entry is recorded already cancelled, with CannotSucceed+Refused as its
	// reason, so that it stands (nothing is sent, nothing queues it again this dispute).
	// On a stored entry it is the refusal recorded when it was queued or since (Refuse).
	Refused string
}

// OutboxTx is an intent with its sending history.
type OutboxTx struct {
	Intent
	ID           int64
	Arm          int // 0 for the key's first entry, then one more for each re-arming
	Status       TxStatus
	AccountNonce *uint64 // nil until assigned
	GasLimit     uint64
	TxHash       common.Hash // the included attempt
	BlockNumber  uint64
	BlockHash    common.Hash
	Succeeded    bool
	LastError    string // for people; decisions read the typed fields
	// EstimateFailures counts the sender's failed gas estimates of the entry while it
	// was queued: a queued entry with some is one the chain does not take now.
	EstimateFailures int
	Attempts         []Attempt // oldest first
}

// Stands reports whether t blocks a new entry with its key whose deadline is deadline
// (see Intent): a failed entry, or one cancelled as unable to succeed, stands for the
// rest of its dispute only.
func (t *OutboxTx) Stands(deadline uint64) bool {
	switch t.Status {
	case TxQueued, TxSent, TxConfirmed:
		return true
	case TxIncluded:
		return t.Succeeded
	case TxFailed:
		return t.Deadline == deadline
	case TxCancelled:
		return t.Deadline == deadline && t.Refused != ""
	}
	return false // reverted
}

// Attempt is one signed transaction for an outbox entry: the entry's own transaction, or
// the zero-value transfer to itself that fills the entry's account nonce when the entry
// can no longer use it. Attempts of one entry may carry different account nonces when
// another sender took the first one (the signed bytes say which).
type Attempt struct {
	Hash       common.Hash
	FeeCap     *big.Int
	TipCap     *big.Int
	Raw        []byte
	HeadNumber uint64
	SignedAt   time.Time
}

// SignRequest asks for one queued outbox entry to be signed (SignEach): Sign signs its
// transaction at the account nonce it is given, with GasLimit.
type SignRequest struct {
	ID       int64
	GasLimit uint64
	Sign     func(nonce uint64) (Attempt, error)
}

// HubState is a state the hub signed for one of its channels: the update that led to it
// (Kind and Detail, enough for the user to recompute it), the state, its locks and the
// signatures (SigUser nil while it is a proposal awaiting the user).
type HubState struct {
	Kind    string
	Detail  json.RawMessage
	State   *channel.State
	Locks   []channel.Lock
	SigHub  []byte
	SigUser []byte
}

// Payment statuses.
const (
	PayLocked    = "locked"    // the payer's lock toward the hub is co-signed
	PayForwarded = "forwarded" // the hub proposed its lock toward the payee
	PayClaimed   = "claimed"   // the payee claimed with the secret; the hub claims from the payer
	PayCompleted = "completed" // the payer co-signed the hub's claim
	PayRefunded  = "refunded"  // the payer's lock went back to the payer
	PayFailed    = "failed"    // could not be forwarded; the payer's lock is being returned
)

// Payment is a payment routed through the hub.
type Payment struct {
	ID           int64
	Contract     common.Address
	Hashlock     common.Hash
	Payer        common.Address
	Payee        common.Address
	AmountWei    *big.Int
	AmountToken  *big.Int
	PayerExpiry  uint64
	PayeeExpiry  uint64
	SealedSecret []byte
	Secret       *common.Hash
	Status       string
	CreatedAt    time.Time
	// ClaimedAt is the chain time the payment became claimed (ClaimPayment): from it the
	// hub gives the payer a grace to co-sign its collection before publishing the secret.
	// 0 while unclaimed, and for payments claimed before the store recorded it.
	ClaimedAt uint64
}

// HubTx is a transaction over one of the hub's channels, holding its lock. Nonce 0 is the
// implicit empty state.
type HubTx interface {
	LatestNonce() *big.Int
	CosignedNonce() *big.Int
	State(ctx context.Context, nonce *big.Int) (HubState, error)
	Append(ctx context.Context, hs HubState) error
	// Cosign records the user's signature on the proposal at nonce, above the co-signed
	// nonce and at most the latest (ErrStaleNonce otherwise), and makes it the co-signed
	// state. Proposals it skips stay unsigned: the user's signature on a state covers
	// the proposals under it (and a restart supersedes those before it).
	Cosign(ctx context.Context, nonce *big.Int, sigUser []byte) error
	InsertPayment(ctx context.Context, p Payment) (int64, error)
	SetPayment(ctx context.Context, contract common.Address, hashlock common.Hash, status string, secret *common.Hash, from ...string) (bool, error)
	// ClaimPayment moves a forwarded payment to claimed, recording its secret and the
	// chain time at (Payment.ClaimedAt); it reports whether the payment was forwarded.
	ClaimPayment(ctx context.Context, contract common.Address, hashlock, secret common.Hash, at uint64) (bool, error)
	// Uncollected sums the amounts of the payments the transaction's user pays that the
	// hub has not collected yet: locked, forwarded or claimed.
	Uncollected(ctx context.Context) (wei, token *big.Int, err error)
}

// LockResolution is a lock of a settled state that may have to be resolved on-chain. The
// contract resolves a settled state's locks together, given the state and its whole lock
// list, which the hub reads from the state it stored at SettledNonce; Lock.Index is the
// lock's place in that list.
type LockResolution struct {
	Contract     common.Address
	User         common.Address
	SettledNonce *big.Int
	Lock         channel.Lock
}

// Leader elects the one process among those sharing a database that indexes and sends
// transactions. Lead blocks until the caller leads (trying every cfg.Retry) or ctx ends;
// the lease's context ends when leadership is lost or released. It fails, rather than
// leading without a bound, with ErrLeaseUnsupported when the database cannot bound
// cfg.Failover.
type Leader interface {
	Lead(ctx context.Context, key int64, cfg LeadConfig) (Lease, error)
}

// LeadConfig times leadership.
type LeadConfig struct {
	// Retry is how often a follower tries to lead.
	Retry time.Duration
	// Check is how often the leader renews its lease; it must be well under Failover/2.
	Check time.Duration
	// Failover bounds how long a leader that stops renewing (its host died, its process
	// froze, its packets are dropped) keeps leadership: the database ends its session
	// Failover−Retry after the last renewal it received, so a follower leads within
	// Failover, and the leader steps down on its own once it has not renewed for
	// Failover/2, before anyone else can lead. Zero leaves it unbounded (TCP decides);
	// a single-node store (SQLite) ignores it.
	Failover time.Duration
	// Tried, when set, is called after each try that did not take the lock (another node
	// leads, or the database did not answer), before waiting Retry for the next.
	Tried func()
}

// Lease is leadership held.
type Lease interface {
	// Context is cancelled when leadership ends.
	Context() context.Context
	// Release gives leadership up; it returns once the lease is let go.
	Release()
}

// Stats are the counts operators watch: states held, disputes open, outbox entries.
type Stats struct {
	StatesStored int64
	DisputesOpen int64
	Outbox       []OutboxCount
}

// OutboxCount is how many outbox entries of a kind have a status.
type OutboxCount struct {
	Kind   TxKind
	Status TxStatus
	N      int64
}

// Prune says what upkeep may delete: everything finished or superseded before Before.
type Prune struct {
	Before time.Time
}

// Pruned counts what a prune deleted.
type Pruned struct {
	AuthNonces, OutboxEntries, Events, Blocks int64
	// Receipts is always 0 since schema version 9: only the latest receipt is kept.
	Receipts int64
}
