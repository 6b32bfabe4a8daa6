package wire

import (
	"crypto/ecdsa"
	"encoding/binary"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
)

// Formats of a user's webhook: a Slack incoming webhook (Block Kit messages), or any
// endpoint taking a JSON UserAlert.
const (
	WebhookSlack = "slack"
	WebhookJSON  = "json"
)

// WebhookWindow is how far a registration's timestamp may be from the tower's clock.
const WebhookWindow = 5 * time.Minute

// Error codes of webhook registrations, besides the shared ones.
const (
	CodeHostNotAllowed = "host_not_allowed" // the URL's host is not on the tower's allowlist
	CodeStaleTimestamp = "stale_timestamp"  // outside WebhookWindow, or not after the stored registration's
)

// WebhookRegistration is the body of POST /v1/channels/{contract}/{user}/webhook: the
// channel's user registers (or, with an empty URL, removes) the webhook the tower posts
// alerts about that channel to. Signature is the user's EIP-191 signature over
// WebhookDigest.
type WebhookRegistration struct {
	URL       string        `json:"url"`
	Format    string        `json:"format"`    // WebhookSlack or WebhookJSON
	Timestamp uint64        `json:"timestamp"` // unix seconds when signed
	Signature hexutil.Bytes `json:"signature"`
}

// WebhookRegistered answers a registration. The URL is a secret and is not echoed: only
// its host.
type WebhookRegistered struct {
	Contract  common.Address `json:"contract"`
	User      common.Address `json:"user"`
	Host      string         `json:"host,omitempty"`
	Format    string         `json:"format,omitempty"`
	Timestamp uint64         `json:"timestamp"`
	Removed   bool           `json:"removed,omitempty"`
}

// WebhookDigest is what a channel's user signs (as an EIP-191 personal message) to
// register url for its channel on contract: it binds the chain, the contract, the user,
// the URL, the format and the time of signing.
func WebhookDigest(chainID *big.Int, contract, user common.Address, url, format string, timestamp uint64) []byte {
	ts := binary.BigEndian.AppendUint64(nil, timestamp)
	return crypto.Keccak256([]byte("vigil-tower-webhook"), common.LeftPadBytes(chainID.Bytes(), 32), contract[:], user[:],
		crypto.Keccak256([]byte(url)), []byte(format), []byte{0}, ts)
}

// SignWebhook fills in r.Signature with key's signature for chain chainID and contract;
// the user is key's address.
func SignWebhook(r *WebhookRegistration, chainID *big.Int, contract common.Address, key *ecdsa.PrivateKey) error {
	user := crypto.PubkeyToAddress(key.PublicKey)
	sig, err := SignAuth(WebhookDigest(chainID, contract, user, r.URL, r.Format, r.Timestamp), key)
	if err != nil {
		return fmt.Errorf("sign webhook registration: %w", err)
	}
	r.Signature = sig
	return nil
}

// VerifyWebhook checks that r is signed by user for chain chainID and contract. Whether
// its timestamp is fresh is the tower's to check.
func VerifyWebhook(r WebhookRegistration, chainID *big.Int, contract, user common.Address) error {
	_, err := VerifyAuth(WebhookDigest(chainID, contract, user, r.URL, r.Format, r.Timestamp), r.Signature, user)
	return err
}

// UserAlert is what the tower posts to a user's JSON webhook about the user's channel.
// Amounts are in wei and in the token's smallest units; fields that do not apply are left
// out.
type UserAlert struct {
	Kind         string          `json:"kind"` // state_stored, stale_close, challenge_sent, …
	Severity     string          `json:"severity"`
	Title        string          `json:"title"`
	Text         string          `json:"text"`
	Contract     common.Address  `json:"contract"`
	User         common.Address  `json:"user"`
	Nonce        *channel.Amount `json:"nonce,omitempty"`
	OnchainNonce *channel.Amount `json:"onchainNonce,omitempty"`
	Deadline     uint64          `json:"deadline,omitempty"` // unix seconds
	AtStake      *Funds          `json:"atStake,omitempty"`
	UserFunds    *Funds          `json:"userFunds,omitempty"`
	HubFunds     *Funds          `json:"hubFunds,omitempty"`
	TxHash       *common.Hash    `json:"txHash,omitempty"`
	TxURL        string          `json:"txUrl,omitempty"` // on the tower's block explorer
	Block        uint64          `json:"block,omitempty"`
	Resolves     string          `json:"resolves,omitempty"`
	At           time.Time       `json:"at"`
}

// Funds is an amount of ether (wei) and token (smallest units).
type Funds struct {
	Wei   channel.Amount `json:"wei"`
	Token channel.Amount `json:"token"`
}
