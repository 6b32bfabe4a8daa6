package towerapi

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/secretbox"
)

// KeySigner signs receipts with the tower's key.
type KeySigner struct {
	key  *ecdsa.PrivateKey
	addr common.Address
	box  *secretbox.Box
}

// NewKeySigner returns a signer for key.
func NewKeySigner(key *ecdsa.PrivateKey) *KeySigner {
	// New fails only on a derived key length AES does not take; it asks for 32 bytes.
	box, err := secretbox.New(key)
	if err != nil {
		panic(err)
	}
	return &KeySigner{key: key, addr: crypto.PubkeyToAddress(key.PublicKey), box: box}
}

// Secrets returns the box that seals the secrets users deposit under the tower's key; the
// dispute engine opens them with it.
func (s *KeySigner) Secrets() *secretbox.Box { return s.box }

// Address returns the tower's address, the signer of its receipts.
func (s *KeySigner) Address() common.Address { return s.addr }

// SignReceipt fills in r.Tower and r.Signature for chain chainID.
func (s *KeySigner) SignReceipt(chainID *big.Int, r *channel.Receipt) error {
	r.Tower = s.addr
	d, err := channel.ReceiptDigest(chainID, r)
	if err != nil {
		return fmt.Errorf("sign receipt: %w", err)
	}
	sig, err := channel.Sign(d, s.key)
	if err != nil {
		return fmt.Errorf("sign receipt: %w", err)
	}
	r.Signature = sig
	return nil
}
