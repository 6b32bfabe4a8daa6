package wire

import (
	"encoding/json"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/channel"
)

// HubInfo is the answer of GET /v1/hub.
type HubInfo struct {
	Hub         common.Address `json:"hub"`
	Contract    common.Address `json:"contract"`
	ChainID     channel.Amount `json:"chainId"`
	Now         uint64         `json:"now"`
	MinLockTime uint64         `json:"minLockTime"`
	MaxLockTime uint64         `json:"maxLockTime"`
	LockMargin  uint64         `json:"lockMargin"`
	// MaxProposalTimeout is the furthest, in seconds after chain time, the hub sets or
	// accepts a proposal's timeout (0 from a hub that does not say).
	MaxProposalTimeout uint64 `json:"maxProposalTimeout,omitempty"`
}

// AuthNonceRequest asks for an auth nonce.
type AuthNonceRequest struct {
	User common.Address `json:"user"`
}

// AuthNonce is a nonce to sign into one request before ExpiresAt (unix seconds).
type AuthNonce struct {
	Nonce     common.Hash `json:"nonce"`
	ExpiresAt int64       `json:"expiresAt"`
}

// HubState is a state the hub signed, with the update that made it: Role is one of the
// Role constants and Detail a Detail in JSON.
type HubState struct {
	Role    string          `json:"role"`
	Detail  json.RawMessage `json:"detail"`
	State   *channel.State  `json:"state"`
	Locks   []channel.Lock  `json:"locks"`
	SigHub  hexutil.Bytes   `json:"sigHub"`
	SigUser hexutil.Bytes   `json:"sigUser,omitempty"`
}

// HubChannel is a user's channel: its newest co-signed state and the hub's proposals after.
type HubChannel struct {
	Cosigned  *HubState  `json:"cosigned,omitempty"`
	Proposals []HubState `json:"proposals"`
}

// HubRequest asks the hub to co-sign an update.
type HubRequest struct {
	Update       channel.Update  `json:"update"`
	Nonce        channel.Amount  `json:"nonce"`
	SigUser      hexutil.Bytes   `json:"sigUser"`
	Payee        *common.Address `json:"payee,omitempty"`
	SealedSecret hexutil.Bytes   `json:"sealedSecret,omitempty"`
}

// HubCosign co-signs the hub's next proposal.
type HubCosign struct {
	Nonce   channel.Amount `json:"nonce"`
	SigUser hexutil.Bytes  `json:"sigUser"`
}

// HubCosigned answers a HubCosign the hub accepted.
type HubCosigned struct {
	Status string `json:"status"` // "cosigned"
}

// UserKey is the answer of GET /v1/users/{address}/key: the user's uncompressed
// secp256k1 public key, which a payer checks against the address and seals a payment's
// secret to.
type UserKey struct {
	Pubkey hexutil.Bytes `json:"pubkey"`
}

// Payment is one entry of a user's payment history.
type Payment struct {
	Hashlock    common.Hash    `json:"hashlock"`
	Payer       common.Address `json:"payer"`
	Payee       common.Address `json:"payee"`
	AmountWei   channel.Amount `json:"amountWei"`
	AmountToken channel.Amount `json:"amountToken"`
	Status      string         `json:"status"`
	CreatedAt   int64          `json:"createdAt"`
}

// Hub error codes, besides the shared ones.
const (
	CodeAuthRequired  = "auth_required"
	CodeAuthInvalid   = "auth_invalid"
	CodeSyncFirst     = "sync_first"
	CodeNotAllowed    = "not_allowed"
	CodeBadSignature  = "bad_signature"
	CodeUnknownPayee  = "unknown_payee"
	CodeCollateral    = "insufficient_collateral"
	CodeNoToken       = "no_token" // a payment, deposit or withdrawal in tokens on a contract without a token
	CodePaymentExists = "payment_exists"
	CodeExpiry        = "bad_expiry"
	CodeNonce         = "wrong_nonce"
	CodeInsufficient  = "insufficient_balance"
	CodePending       = "pending_operation"
	CodeDisputed      = "channel_disputed" // an exit is open on-chain: no update until it settles
	CodeSettled       = "channel_settled"  // the chain settled the channel: co-sign its restart first
	CodeFrozen        = "channel_frozen"   // the hub's books and the chain disagree on the channel: an operator must look
	// CodeCatchingUp answers 503: the hub's indexer is behind the chain, and it signs
	// nothing until it has caught up.
	CodeCatchingUp = "catching_up"
	// CodeNotLeader answers 503 from a hub process that does not own the channels (the
	// leader among processes sharing one database does): it signs nothing; ask another
	// of the hub's URLs, the leader's when the answer names it (Error.Leader).
	CodeNotLeader = "not_leader"
	// CodeUncollectedCap refuses a payment that would take what the hub has paid out for
	// the payer and not collected past the hub's cap: co-sign its pending collections.
	CodeUncollectedCap = "uncollected_cap"
	CodeMethodNotFound = "no_such_endpoint"

	// CodeReserveEmpty refuses a payment the payee's channel lacks the hub's collateral
	// for, when the hub's reserve cannot top it up: no top-up comes until the hub's
	// operator funds the reserve.
	CodeReserveEmpty = "reserve_empty"
)
