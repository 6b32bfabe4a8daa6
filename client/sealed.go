package client

import (
	"crypto/ecdsa"
	"crypto/rand"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto/ecies"

	"github.com/vigil-hub/vigil/channel"
)

// A payment's secret travels from payer to payee through the hub sealed (ECIES) to the
// payee's key, with the amounts the payer locked: the hub can neither read the seal nor
// make another for the payment's hashlock (it learns the secret only from the payee's
// claim), so the payee checks that the lock the hub forwards carries them whole. A bare
// 32-byte secret, as payers sealed before the amounts were added, still opens, unchecked.

// sealedLen is the sealed plaintext: the secret, then the ether and token amounts, each
// 32 bytes big-endian.
const sealedLen = 3 * 32

// sealPayment seals secret and the payment's amounts to the payee's key.
func sealPayment(payee *ecdsa.PublicKey, secret common.Hash, amountWei, amountToken *big.Int) ([]byte, error) {
	if amountWei.Sign() < 0 || amountWei.BitLen() > 256 || amountToken.Sign() < 0 || amountToken.BitLen() > 256 {
		return nil, fmt.Errorf("%w: a payment's amounts are 256-bit unsigned", channel.ErrInvalidField)
	}
	plain := make([]byte, 0, sealedLen)
	plain = append(plain, secret[:]...)
	plain = append(plain, common.LeftPadBytes(amountWei.Bytes(), 32)...)
	plain = append(plain, common.LeftPadBytes(amountToken.Bytes(), 32)...)
	return ecies.Encrypt(rand.Reader, ecies.ImportECDSAPublic(payee), plain, nil, nil)
}

// opened is what a payee finds in a payment's seal; amounts nil for a bare secret.
type opened struct {
	secret                 common.Hash
	amountWei, amountToken *big.Int
}

// openPayment opens a seal with the payee's key; false if it does not open.
func openPayment(key *ecdsa.PrivateKey, sealed []byte) (opened, bool) {
	plain, err := ecies.ImportECDSA(key).Decrypt(sealed, nil, nil)
	switch {
	case err != nil:
		return opened{}, false
	case len(plain) == 32:
		return opened{secret: common.BytesToHash(plain)}, true
	case len(plain) == sealedLen:
		return opened{secret: common.BytesToHash(plain[:32]), amountWei: new(big.Int).SetBytes(plain[32:64]),
			amountToken: new(big.Int).SetBytes(plain[64:])}, true
	}
	return opened{}, false
}
