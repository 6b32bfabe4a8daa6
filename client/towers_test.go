package client_test

import (
	"encoding/json"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
)

// TestTowerRecordsFromABadFile: tower records in the wallet's file that lack what the
// wallet relies on (a receipt without a nonce, a kept backup without its state) are
// ignored, not a panic; a sound one is shown.
func TestTowerRecordsFromABadFile(t *testing.T) {
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	st, _ := json.Marshal(channel.NewState(user))
	kept := channel.NewState(user)
	kept.Nonce.SetInt64(7)
	keptJSON, _ := json.Marshal(kept)
	file := `{"user": "` + user.Hex() + `", "cosigned": {"state": ` + string(st) + `, "locks": []}, "secrets": {}, "towers": {
		"http://a": {"receipt": {"contract": "0x0000000000000000000000000000000000000001"}, "pending": {}},
		"http://b": {"pending": {"state": null, "sigHub": "0x01", "sigUser": "0x02", "since": "2026-12-01T00:00:00Z"}},
		"http://c": {"pending": {"state": ` + string(keptJSON) + `, "sigHub": "0x01", "sigUser": "0x02", "since": "2026-12-01T00:00:00Z"},
			"lastError": "down"}}}`
	path := filepath.Join(t.TempDir(), "wallet.json")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := client.Open(client.Config{HubURL: "http://127.0.0.1:1", Key: key, ChainID: big.NewInt(1), Contract: common.HexToAddress("0x01"),
		StatePath: path, Towers: []string{"http://a", "http://b", "http://c"}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	got := w.Towers()
	if len(got) != 3 || got[0].Receipt != nil || got[0].Pending != nil || got[1].Pending != nil ||
		got[2].Pending == nil || got[2].Pending.Int64() != 7 || got[2].LastError != "down" {
		t.Errorf("towers %+v", got)
	}
}
