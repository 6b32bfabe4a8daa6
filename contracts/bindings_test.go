package contracts_test

import (
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// TestBindingsMatchArtifacts regenerates every binding from the committed ABI and bytecode
// the way gen.sh does and fails if a committed binding differs.
func TestBindingsMatchArtifacts(t *testing.T) {
	abis, err := filepath.Glob("artifacts/*.abi")
	if err != nil || len(abis) == 0 {
		t.Fatalf("no artifacts found: %v", err)
	}
	for _, abiPath := range abis {
		name := strings.TrimSuffix(filepath.Base(abiPath), ".abi")
		t.Run(name, func(t *testing.T) {
			abiJSON, err := os.ReadFile(abiPath)
			if err != nil {
				t.Fatal(err)
			}
			bin, err := os.ReadFile(filepath.Join("artifacts", name+".bin"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := abigen.BindV2([]string{name}, []string{string(abiJSON)}, []string{string(bin)},
				"bindings", map[string]string{}, map[string]string{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join("bindings", strings.ToLower(name)+".go"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("bindings/%s.go is stale: run `go generate ./contracts/...`", strings.ToLower(name))
			}
		})
	}
}

// TestDecodeRevertShortData feeds revert data a node could send — empty, short, unknown —
// to DecodeRevert: each is an error, none panics.
func TestDecodeRevertShortData(t *testing.T) {
	for _, data := range [][]byte{nil, {}, {1}, {1, 2, 3}, {0xde, 0xad, 0xbe, 0xef}, make([]byte, 40)} {
		if name, _, err := contracts.DecodeRevert(data); err == nil {
			t.Errorf("DecodeRevert(%x) = %q, want an error", data, name)
		}
	}
}

// TestRevertCall: a decoded error reads as the contract raised it, every argument named —
// numbers in decimal, addresses and bytes32 in hex — whatever the error.
func TestRevertCall(t *testing.T) {
	parsed, err := bindings.ChannelManagerMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	user := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	for _, tc := range []struct {
		name string
		args []any
		want string
	}{
		{"StaleNonce", []any{big.NewInt(5), big.NewInt(7)}, "StaleNonce(nonce: 5, onchain: 7)"},
		{"ChannelNotDisputed", []any{user}, "ChannelNotDisputed(user: " + user.Hex() + ")"},
		{"WrongSettledState", []any{[32]byte{1}, [32]byte{2}},
			"WrongSettledState(digest: 0x01" + strings.Repeat("00", 31) + ", settled: 0x02" + strings.Repeat("00", 31) + ")"},
		{"MalformedSignature", nil, "MalformedSignature()"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := parsed.Errors[tc.name]
			packed, err := e.Inputs.Pack(tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			name, v, err := contracts.DecodeRevert(append(e.ID[:4:4], packed...))
			if err != nil || name != tc.name {
				t.Fatalf("decode: %q %v", name, err)
			}
			re := &contracts.RevertError{Name: name, Value: v}
			if got := re.Call(); got != tc.want {
				t.Errorf("Call() = %q, want %q", got, tc.want)
			}
			if got := re.Error(); got != "reverted: "+tc.want+": "+re.Reason() {
				t.Errorf("Error() = %q", got)
			}
		})
	}
}
