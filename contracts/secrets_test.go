package contracts_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// TestPackRegisterSecrets: the calldata calls registerSecrets with the secrets in order,
// for an empty batch, one secret and many.
func TestPackRegisterSecrets(t *testing.T) {
	parsed, err := bindings.ChannelManagerMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	method := parsed.Methods["registerSecrets"]
	for _, n := range []int{0, 1, 3, 100} {
		t.Run(fmt.Sprintf("%d secrets", n), func(t *testing.T) {
			secrets := make([]common.Hash, n)
			for i := range secrets {
				secrets[i] = crypto.Keccak256Hash([]byte{byte(i)})
			}
			data := contracts.PackRegisterSecrets(secrets)
			if !bytes.Equal(data[:4], method.ID) {
				t.Fatalf("selector %x, want registerSecrets' %x", data[:4], method.ID)
			}
			args, err := method.Inputs.Unpack(data[4:])
			if err != nil {
				t.Fatal(err)
			}
			got := args[0].([][32]byte)
			if len(got) != n {
				t.Fatalf("%d secrets packed, want %d", len(got), n)
			}
			for i := range got {
				if common.Hash(got[i]) != secrets[i] {
					t.Errorf("secret %d packed as %x, want %s", i, got[i], secrets[i])
				}
			}
			back, err := contracts.RegisteredSecrets(data)
			if err != nil || len(back) != n {
				t.Fatalf("RegisteredSecrets: %d secrets, %v; want %d", len(back), err, n)
			}
			for i := range back {
				if back[i] != secrets[i] {
					t.Errorf("RegisteredSecrets: secret %d is %s, want %s", i, back[i], secrets[i])
				}
			}
		})
	}
}

// TestRegisteredSecrets: registerSecret's calldata reads back as its one secret; other
// calls and short calldata are errors.
func TestRegisteredSecrets(t *testing.T) {
	m := bindings.NewChannelManager()
	secret := common.Hash{7}
	if got, err := contracts.RegisteredSecrets(m.PackRegisterSecret(secret)); err != nil || len(got) != 1 || got[0] != secret {
		t.Fatalf("registerSecret: %v %v", got, err)
	}
	for name, data := range map[string][]byte{"settle": m.PackSettle(common.Address{1}), "short": {1, 2}} {
		if _, err := contracts.RegisteredSecrets(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
