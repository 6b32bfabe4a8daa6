package contracts_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"

	"github.com/vigil-hub/vigil/contracts"
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
