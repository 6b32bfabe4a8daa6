// Package secretbox keeps the secrets of hashlocks that users hand to a watchtower sealed
// at rest. A secret released too early lets the hub collect the payment it unlocks from
// the payer without having paid the payee off-chain first, so a copy of the tower's
// table of held secrets must not reveal one (a registration queued in the outbox carries
// its secret in the clear, as the transaction soon makes it public): each secret is sealed with AES-256-GCM under a key
// derived (HKDF-SHA256) from the tower's private key, which replicas share and the
// database never holds, and bound to its contract, user and hashlock (the associated
// data), so a sealed secret copied to another row does not open.
package secretbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// info separates this key from any other derived from the tower's key.
const info = "vigil watchtower: sealed hashlock secrets v1"

// ErrOpen is returned for a sealed secret that does not open: sealed under another key,
// for another row, or corrupted.
var ErrOpen = errors.New("sealed secret does not open")

// Box seals and opens secrets.
type Box struct {
	aead cipher.AEAD
}

// New returns the box of a tower key.
func New(key *ecdsa.PrivateKey) (*Box, error) {
	k, err := hkdf.Key(sha256.New, crypto.FromECDSA(key), nil, info, 32)
	if err != nil {
		return nil, fmt.Errorf("derive the secrets key: %w", err)
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Box{aead: aead}, nil
}

func ad(contract, user common.Address, hashlock common.Hash) []byte {
	return append(append(append(make([]byte, 0, 72), contract[:]...), user[:]...), hashlock[:]...)
}

// Seal returns secret sealed for its row: a random nonce, then the ciphertext and tag.
func (b *Box) Seal(contract, user common.Address, hashlock, secret common.Hash) []byte {
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(secret)+b.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic(err) // crypto/rand never fails on Linux
	}
	return b.aead.Seal(nonce, nonce, secret[:], ad(contract, user, hashlock))
}

// Open returns the secret sealed for the row, or ErrOpen.
func (b *Box) Open(contract, user common.Address, hashlock common.Hash, sealed []byte) (common.Hash, error) {
	n := b.aead.NonceSize()
	if len(sealed) != n+common.HashLength+b.aead.Overhead() {
		return common.Hash{}, ErrOpen
	}
	plain, err := b.aead.Open(nil, sealed[:n], sealed[n:], ad(contract, user, hashlock))
	if err != nil {
		return common.Hash{}, ErrOpen
	}
	return common.BytesToHash(plain), nil
}
