// Package keyfile loads a private key from go-ethereum's encrypted keystore format, its
// password from a file or an environment variable — never from configuration.
package keyfile

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
)

// Errors of Load.
var (
	// ErrNoPassword is a password variable that is unset or empty: told apart from a
	// wrong password, which it would otherwise be reported as.
	ErrNoPassword = errors.New("no keystore password")
	// ErrWrongPassword is a password that does not decrypt the keystore.
	ErrWrongPassword = errors.New("wrong keystore password")
)

// Load decrypts the keystore file at path with the password in passwordFile, or else in
// the environment variable passwordEnv. Errors name the source of the password, never
// the password.
func Load(path, passwordFile, passwordEnv string) (*ecdsa.PrivateKey, error) {
	blob, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read keystore: %w", err)
	}
	var pass, source string
	if passwordFile != "" {
		b, err := os.ReadFile(passwordFile)
		if err != nil {
			return nil, fmt.Errorf("read keystore password file: %w", err)
		}
		pass, source = strings.TrimRight(string(b), "\r\n"), "the file "+passwordFile
	} else {
		if passwordEnv == "" {
			return nil, fmt.Errorf("keystore %s: %w: name a password_file or a password_env", path, ErrNoPassword)
		}
		v, set := os.LookupEnv(passwordEnv)
		switch {
		case !set:
			return nil, fmt.Errorf("keystore %s: %w: %s is not set", path, ErrNoPassword, passwordEnv)
		case v == "":
			return nil, fmt.Errorf("keystore %s: %w: %s is empty", path, ErrNoPassword, passwordEnv)
		}
		pass, source = v, passwordEnv
	}
	k, err := keystore.DecryptKey(blob, pass)
	if errors.Is(err, keystore.ErrDecrypt) {
		return nil, fmt.Errorf("decrypt keystore %s: %w: the password in %s does not open it", path, ErrWrongPassword, source)
	}
	if err != nil {
		return nil, fmt.Errorf("decrypt keystore %s: %w", path, err)
	}
	return k.PrivateKey, nil
}

// Config is the keystore section of a configuration file: the encrypted key's path and
// where its password is (a file, or an environment variable) — never the password.
type Config struct {
	Path         string `yaml:"path"`
	PasswordFile string `yaml:"password_file"`
	PasswordEnv  string `yaml:"password_env"`
}

// Check reports a missing path, or not exactly one password source.
func (c Config) Check() error {
	var errs []error
	if c.Path == "" {
		errs = append(errs, errors.New("keystore.path: required (the encrypted key)"))
	}
	if (c.PasswordFile == "") == (c.PasswordEnv == "") {
		errs = append(errs, errors.New("keystore: set exactly one of password_file and password_env"))
	}
	return errors.Join(errs...)
}

// Load decrypts the configured key.
func (c Config) Load() (*ecdsa.PrivateKey, error) { return Load(c.Path, c.PasswordFile, c.PasswordEnv) }

// RelativeTo returns c with relative file paths made relative to dir.
func (c Config) RelativeTo(dir string) Config {
	if c.Path != "" && !filepath.IsAbs(c.Path) {
		c.Path = filepath.Join(dir, c.Path)
	}
	if c.PasswordFile != "" && !filepath.IsAbs(c.PasswordFile) {
		c.PasswordFile = filepath.Join(dir, c.PasswordFile)
	}
	return c
}
