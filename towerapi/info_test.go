package towerapi_test

import (
	"encoding/json"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// TestInfo: GET /v1/info names the receipt-signing address, the chain and the watched
// contracts; a server that was not told what it watches says so with 503.
func TestInfo(t *testing.T) {
	key, _ := crypto.GenerateKey()
	contracts := []common.Address{common.HexToAddress("0xc0ffee"), common.HexToAddress("0xbeef")}
	srv := httptest.NewServer(towerapi.NewServer(nil, towerapi.NewKeySigner(key), slog.New(slog.DiscardHandler)).
		WithInfo(big.NewInt(31337), contracts).Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/v1/info")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var info wire.TowerInfo
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %v", resp.StatusCode, err)
	}
	if info.Address != crypto.PubkeyToAddress(key.PublicKey) || info.ChainID.V.Int64() != 31337 || len(info.Contracts) != 2 ||
		!info.Watches(contracts[1]) || info.Watches(common.HexToAddress("0x01")) || info.Version == "" {
		t.Errorf("info %+v", info)
	}

	bare := httptest.NewServer(towerapi.NewServer(nil, towerapi.NewKeySigner(key), slog.New(slog.DiscardHandler)).Handler())
	defer bare.Close()
	resp, err = http.Get(bare.URL + "/v1/info")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a tower without info answered %d", resp.StatusCode)
	}
}
