package towerapi

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
)

// KeySigner signs receipts with the tower's key.
type KeySigner struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

// NewKeySigner returns a signer for key.
func NewKeySigner(key *ecdsa.PrivateKey) *KeySigner {
	return &KeySigner{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
}

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
