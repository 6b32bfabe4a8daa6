package secretbox

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestSealOpen(t *testing.T) {
	k1, _ := crypto.GenerateKey()
	k2, _ := crypto.GenerateKey()
	b1, err := New(k1)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := New(k2)
	again, _ := New(k1)
	c, u, h := common.HexToAddress("0xc0"), common.HexToAddress("0xa1"), common.HexToHash("0x11")
	secret := common.HexToHash("0x5ec2e7")
	sealed := b1.Seal(c, u, h, secret)
	if bytes.Contains(sealed, secret[:]) {
		t.Fatal("the sealed form holds the secret in the clear")
	}
	if got, err := again.Open(c, u, h, sealed); err != nil || got != secret {
		t.Fatalf("open with the same tower key: %x, %v", got, err)
	}
	if bytes.Equal(sealed, b1.Seal(c, u, h, secret)) {
		t.Fatal("two seals of one secret are equal: the nonce is not random")
	}
	wrong := map[string]func() (common.Hash, error){
		"another tower key": func() (common.Hash, error) { return b2.Open(c, u, h, sealed) },
		"another contract":  func() (common.Hash, error) { return b1.Open(u, u, h, sealed) },
		"another user":      func() (common.Hash, error) { return b1.Open(c, c, h, sealed) },
		"another hashlock":  func() (common.Hash, error) { return b1.Open(c, u, common.HexToHash("0x12"), sealed) },
		"truncated":         func() (common.Hash, error) { return b1.Open(c, u, h, sealed[:len(sealed)-1]) },
		"flipped bit": func() (common.Hash, error) {
			x := bytes.Clone(sealed)
			x[20] ^= 1
			return b1.Open(c, u, h, x)
		},
	}
	for name, open := range wrong {
		if _, err := open(); !errors.Is(err, ErrOpen) {
			t.Errorf("%s: %v, want ErrOpen", name, err)
		}
	}
}
