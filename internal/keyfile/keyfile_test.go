package keyfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/vigil-hub/vigil/internal/keyfile"
)

// TestLoadPasswordSources: a missing or empty variable is named as missing, a wrong
// password as wrong with where it came from, and no error carries the password.
func TestLoadPasswordSources(t *testing.T) {
	const pw = "s3cret-passw0rd"
	dir := t.TempDir()
	k, _ := crypto.GenerateKey()
	blob, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(k.PublicKey), PrivateKey: k},
		pw, keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "key.json")
	os.WriteFile(path, blob, 0o600)
	good, bad := filepath.Join(dir, "good.txt"), filepath.Join(dir, "bad.txt")
	os.WriteFile(good, []byte(pw+"\n"), 0o600)
	os.WriteFile(bad, []byte("nope\n"), 0o600)
	t.Setenv("KF_GOOD", pw)
	t.Setenv("KF_WRONG", "not-it")
	t.Setenv("KF_EMPTY", "")
	os.Unsetenv("KF_UNSET")
	for _, tc := range []struct {
		name      string
		file, env string
		want      error
		says      string
	}{
		{"file", good, "", nil, ""},
		{"variable", "", "KF_GOOD", nil, ""},
		{"unset variable", "", "KF_UNSET", keyfile.ErrNoPassword, "KF_UNSET is not set"},
		{"empty variable", "", "KF_EMPTY", keyfile.ErrNoPassword, "KF_EMPTY is empty"},
		{"no source", "", "", keyfile.ErrNoPassword, "password_env"},
		{"wrong variable", "", "KF_WRONG", keyfile.ErrWrongPassword, "the password in KF_WRONG does not open it"},
		{"wrong file", bad, "", keyfile.ErrWrongPassword, "the password in the file " + bad},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := keyfile.Load(path, tc.file, tc.env)
			if tc.want == nil {
				if err != nil || !got.Equal(k) {
					t.Fatalf("Load: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("Load: %v, want %v saying %q", err, tc.want, tc.says)
			}
			if strings.Contains(err.Error(), pw) || strings.Contains(err.Error(), "not-it") {
				t.Errorf("the error carries a password: %v", err)
			}
		})
	}
}
