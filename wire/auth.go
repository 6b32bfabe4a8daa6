package wire

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
)

// Headers that authenticate a hub request: the user, a single-use nonce the hub issued
// to it, and the user's signature (SignAuth) over the request's AuthDigest.
const (
	HeaderUser      = "X-Vigil-User"
	HeaderNonce     = "X-Vigil-Nonce"
	HeaderSignature = "X-Vigil-Signature"
)

// Headers of the hub's answer to an authenticated request: a fresh single-use nonce issued
// to the same user in place of the one the request spent, and its expiry (unix seconds).
// A wallet signs its next request with it instead of asking POST /v1/auth/nonce first.
const (
	HeaderNextNonce        = "X-Vigil-Next-Nonce"
	HeaderNextNonceExpires = "X-Vigil-Next-Nonce-Expires"
)

// AuthDigest is what a user signs (as an EIP-191 personal message) to authenticate one
// hub request: it binds the hub's chain and contract, the nonce, the method, the path with
// its query, and the body.
func AuthDigest(chainID *big.Int, contract common.Address, nonce common.Hash, method, path string, body []byte) []byte {
	return crypto.Keccak256([]byte("vigil-hub-auth"), common.LeftPadBytes(chainID.Bytes(), 32), contract[:], nonce[:],
		[]byte(method), []byte{0}, []byte(path), []byte{0}, crypto.Keccak256(body))
}

// SignAuth signs an auth digest as an EIP-191 personal message (v = 27/28).
func SignAuth(digest []byte, key *ecdsa.PrivateKey) ([]byte, error) {
	return channel.Sign(common.BytesToHash(accounts.TextHash(digest)), key)
}

// VerifyAuth checks that sig is user's EIP-191 signature over an auth digest and returns
// the public key that made it (the hub keeps it, for payers to seal secrets to). It
// accepts v in {0, 1, 27, 28} and refuses malleable signatures, as channel.Recover does.
// Whether the nonce is fresh is the hub's to check.
func VerifyAuth(digest, sig []byte, user common.Address) (*ecdsa.PublicKey, error) {
	hash := accounts.TextHash(digest)
	if err := channel.VerifySigner(common.BytesToHash(hash), sig, user); err != nil {
		return nil, fmt.Errorf("auth signature of %s: %w", user, err)
	}
	norm := append([]byte(nil), sig...)
	if norm[64] >= 27 {
		norm[64] -= 27
	}
	pub, err := crypto.SigToPub(hash, norm)
	if err != nil {
		return nil, fmt.Errorf("auth signature of %s: %w: %v", user, channel.ErrSignature, err)
	}
	return pub, nil
}
