package wire_test

import (
	"encoding/hex"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// TestAuthDigestIsStable pins the digest a wallet signs: a change to its layout locks out
// every wallet built before it. The vector was computed by hub.AuthDigest before the
// function moved to wire.
func TestAuthDigestIsStable(t *testing.T) {
	d := wire.AuthDigest(big.NewInt(31337), common.HexToAddress("0xcc"), common.HexToHash("0x01"), "POST", "/v1/requests?x=1", []byte(`{"a":1}`))
	if got, want := hex.EncodeToString(d), "69f2d6b3e96bee20a783d8b1cf8e95daca0ccdc251d6db5b76d218097388f425"; got != want {
		t.Fatalf("digest %s, want %s", got, want)
	}
	key, _ := crypto.HexToECDSA("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318")
	sig, err := wire.SignAuth(d, key)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hex.EncodeToString(sig), "ee5adbb126edfde98fb4fca1aa8c0327a9c4658624160ca928a332a28829845026bbf2a98fec8f128ab186b84dcef326da1422b023dd13661e3a3b47e31935e01b"; got != want {
		t.Fatalf("signature %s, want %s", got, want)
	}
}

// TestVerifyAuth: a request's signature verifies for its signer, over exactly the request
// signed, and yields the signer's public key.
func TestVerifyAuth(t *testing.T) {
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	chain, contract, nonce := big.NewInt(1), common.Address{0xcc}, common.Hash{1}
	digest := wire.AuthDigest(chain, contract, nonce, "GET", "/v1/channel?from=3", nil)
	sig, err := wire.SignAuth(digest, key)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := wire.VerifyAuth(digest, sig, user)
	if err != nil {
		t.Fatalf("the signer's own signature: %v", err)
	}
	if crypto.PubkeyToAddress(*pub) != user {
		t.Errorf("recovered key of %s, want %s", crypto.PubkeyToAddress(*pub), user)
	}
	low := append([]byte(nil), sig...)
	low[64] -= 27
	if _, err := wire.VerifyAuth(digest, low, user); err != nil {
		t.Errorf("v in {0, 1}: %v", err)
	}
	otherSig, _ := wire.SignAuth(digest, other)
	for name, tc := range map[string]struct {
		digest, sig []byte
	}{
		"someone else's signature": {digest, otherSig},
		"another path":             {wire.AuthDigest(chain, contract, nonce, "GET", "/v1/channel?from=4", nil), sig},
		"another method":           {wire.AuthDigest(chain, contract, nonce, "POST", "/v1/channel?from=3", nil), sig},
		"a body":                   {wire.AuthDigest(chain, contract, nonce, "GET", "/v1/channel?from=3", []byte("{}")), sig},
		"another nonce":            {wire.AuthDigest(chain, contract, common.Hash{2}, "GET", "/v1/channel?from=3", nil), sig},
		"another contract":         {wire.AuthDigest(chain, common.Address{0xdd}, nonce, "GET", "/v1/channel?from=3", nil), sig},
		"another chain":            {wire.AuthDigest(big.NewInt(2), contract, nonce, "GET", "/v1/channel?from=3", nil), sig},
		"short signature":          {digest, sig[:64]},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := wire.VerifyAuth(tc.digest, tc.sig, user); !errors.Is(err, channel.ErrSignature) {
				t.Errorf("got %v, want channel.ErrSignature", err)
			}
		})
	}
}
