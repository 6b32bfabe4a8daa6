// Package foundry finds Foundry's anvil as the repository pins it (npm's
// @foundry-rs/anvil in contracts/package.json) and names anvil's development accounts:
// what `hub devnet` and the tests' anvil fixture (internal/testkit/anvil) both start from.
package foundry

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/ethereum/go-ethereum/crypto"
)

// AnvilChainID is anvil's default chain id.
const AnvilChainID = 31337

// DevKeys are the private keys of anvil's first three prefunded accounts (the public
// "test test ... junk" mnemonic): never for a real chain.
var DevKeys = []string{
	"ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
	"59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
	"5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
}

// DevKey returns anvil's i-th prefunded key (i below len(DevKeys)).
func DevKey(i int) *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(DevKeys[i])
	if err != nil {
		panic(err) // constant input
	}
	return k
}

// AnvilBinary finds the anvil binary: $VIGIL_ANVIL, else the one npm installed under
// contracts/node_modules in the module root above the working directory.
func AnvilBinary() (string, error) {
	if p := os.Getenv("VIGIL_ANVIL"); p != "" {
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			// The platform package's binary itself: the npm wrapper (.bin/anvil) forwards
			// signals and exits before anvil has finished writing its state file.
			mods := filepath.Join(dir, "contracts", "node_modules")
			native := filepath.Join(mods, "@foundry-rs", "anvil-"+runtime.GOOS+"-"+runtime.GOARCH, "bin", "anvil")
			if _, err := os.Stat(native); err == nil {
				return native, nil
			}
			p := filepath.Join(mods, ".bin", "anvil")
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("anvil not installed (run npm install in contracts/): %w", err)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("anvil: module root not found")
		}
		dir = parent
	}
}
