package channel

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// SignatureLength is the length of an [r || s || v] signature.
const SignatureLength = 65

// secp256k1HalfN is the largest s the contract accepts; higher values are malleable copies.
var secp256k1HalfN = new(big.Int).Rsh(crypto.S256().Params().N, 1)

// Sign signs digest with key and returns [r || s || v] with v in {27, 28}, the form
// ChannelManager and wallets use.
func Sign(digest common.Hash, key *ecdsa.PrivateKey) ([]byte, error) {
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return nil, fmt.Errorf("sign digest %s: %w", digest, err)
	}
	sig[64] += 27
	return sig, nil
}

// Recover returns the address that signed digest. It accepts v in {0, 1, 27, 28} and, like
// the contract, rejects malleable signatures (s above n/2).
func Recover(digest common.Hash, sig []byte) (common.Address, error) {
	if len(sig) != SignatureLength {
		return common.Address{}, fmt.Errorf("%w: length %d, want %d", ErrSignature, len(sig), SignatureLength)
	}
	v := sig[64]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return common.Address{}, fmt.Errorf("%w: recovery id %d", ErrSignature, sig[64])
	}
	if new(big.Int).SetBytes(sig[32:64]).Cmp(secp256k1HalfN) > 0 {
		return common.Address{}, fmt.Errorf("%w: high s value", ErrSignature)
	}
	norm := make([]byte, SignatureLength)
	copy(norm, sig)
	norm[64] = v
	pub, err := crypto.SigToPub(digest[:], norm)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// VerifySigner checks that sig over digest was made by want.
func VerifySigner(digest common.Hash, sig []byte, want common.Address) error {
	got, err := Recover(digest, sig)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%w: signed by %s, want %s", ErrSignature, got, want)
	}
	return nil
}
