// Package keyfile loads a private key from go-ethereum's encrypted keystore format, its
// password from a file or an environment variable — never from configuration.
package keyfile

import (
	"crypto/ecdsa"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
)

// Load decrypts the keystore file at path with the password in passwordFile, or else in
// the environment variable passwordEnv.
func Load(path, passwordFile, passwordEnv string) (*ecdsa.PrivateKey, error) {
	blob, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read keystore: %w", err)
	}
	var pass string
	if passwordFile != "" {
		b, err := os.ReadFile(passwordFile)
		if err != nil {
			return nil, fmt.Errorf("read keystore password file: %w", err)
		}
		pass = strings.TrimRight(string(b), "\r\n")
	} else {
		pass = os.Getenv(passwordEnv)
	}
	k, err := keystore.DecryptKey(blob, pass)
	if err != nil {
		return nil, fmt.Errorf("decrypt keystore %s: %w", path, err)
	}
	return k.PrivateKey, nil
}
