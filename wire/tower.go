package wire

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/channel"
)

// Deposit is one co-signed state handed to a watchtower, with, optionally, the locks the
// state commits to (its whole lock list, in order, whose root is state.locksRoot) and the
// secrets the user knows of the locks paying it (sender hub). With them the tower
// registers those secrets before their locks expire when the channel is disputed, and
// resolves the locks after settlement, so that the user is paid while offline.
type Deposit struct {
	Contract common.Address `json:"contract"`
	State    *channel.State `json:"state"`
	SigHub   hexutil.Bytes  `json:"sigHub"`
	SigUser  hexutil.Bytes  `json:"sigUser"`
	Locks    []channel.Lock `json:"locks,omitempty"`
	Secrets  []common.Hash  `json:"secrets,omitempty"`
}

// MaxLocks bounds the locks a deposit may carry: as many as a state may hold.
const MaxLocks = channel.MaxLocks

// DepositBatch is several deposits in one request.
type DepositBatch struct {
	States []Deposit `json:"states"`
}

// DepositResult is the answer for one deposit: a receipt or an error.
type DepositResult struct {
	Receipt *channel.Receipt `json:"receipt,omitempty"`
	Created bool             `json:"created,omitempty"`
	Error   *Error           `json:"error,omitempty"`
}

// BatchResult answers a DepositBatch, one result per deposit in order.
type BatchResult struct {
	Results []DepositResult `json:"results"`
}

// Error codes of deposits the watchtower rejects, besides the shared ones.
const (
	CodeUnknownContract  = "unknown_contract"
	CodeNonZeroTimeout   = "nonzero_timeout"
	CodeInconsistent     = "inconsistent_balances"
	CodeBadHubSignature  = "bad_hub_signature"
	CodeBadUserSignature = "bad_user_signature"
	CodeStaleNonce       = "stale_nonce"
	CodeBelowOnchain     = "below_onchain_nonce"
	CodeNonceConflict    = "nonce_conflict"
	// CodeBadLocks answers 422: the deposit's locks are not the list the state's
	// locksRoot commits to, or a secret opens none of the locks paying the user.
	CodeBadLocks = "bad_locks"
	// CodeUnseenQuota answers 403: the channel is not seen on-chain and the tower holds
	// as many such channels of the contract as it keeps; open the channel on-chain first.
	CodeUnseenQuota = "unseen_quota"
	// CodeInsufficientStorage answers 507: the tower keeps its remaining database room
	// for the dispute path and takes no deposits until it has room again.
	CodeInsufficientStorage = "insufficient_storage"
)

// Channel is the answer of GET /v1/channels/{contract}/{user}. Anyone sees the on-chain
// view and, of the state held, its nonce, digest and receipt; State, with the off-chain
// balances, is there only for a request signed by the channel's user (towerauth.go).
type Channel struct {
	Contract   common.Address   `json:"contract"`
	User       common.Address   `json:"user"`
	State      *channel.State   `json:"state,omitempty"`
	Nonce      *channel.Amount  `json:"nonce,omitempty"`
	Digest     *common.Hash     `json:"digest,omitempty"`
	Superseded bool             `json:"superseded"`
	Onchain    *OnchainView     `json:"onchain,omitempty"`
	Receipt    *channel.Receipt `json:"receipt,omitempty"`
}

// OnchainView is what the tower's index says about the channel.
type OnchainView struct {
	Status       string         `json:"status"`
	Nonce        channel.Amount `json:"nonce"`
	OnchainNonce channel.Amount `json:"onchainNonce"`
	Deadline     channel.Amount `json:"deadline"`
	Block        uint64         `json:"block"`
}
