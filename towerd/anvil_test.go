package towerd_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/anvil"
	"github.com/vigil-hub/vigil/internal/pgtest"
	"github.com/vigil-hub/vigil/towerd"
	"github.com/vigil-hub/vigil/wire"
)

// TestWatchtowerOnAnvil runs the whole watchtower — config, encrypted keystore,
// PostgreSQL, WebSocket and HTTP endpoints, deposit API, indexer, engine, sender — against
// anvil as a separate process. A user backs up its latest state over HTTP and goes
// offline; the hub closes with an older one; the tower's challenge lands.
func TestWatchtowerOnAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node")
	}
	node := anvil.Start(t, 1)
	ctx := t.Context()
	d := node.Deploy(3600)
	client, chainID, mgr := d.Client, d.ChainID, d.Manager
	hubKey, userKey, towerKey := anvil.Key(0), anvil.Key(1), anvil.Key(2)
	hub := bind.NewKeyedTransactor(hubKey, chainID)

	// The tower's key in an encrypted keystore, its password in a file.
	dir := t.TempDir()
	ks, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(towerKey.PublicKey), PrivateKey: towerKey},
		"correct horse", keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"key.json": ks, "pw": []byte("correct horse\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	free := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return l.Addr().String()
	}
	apiAddr, opsAddr := free(), free()
	t.Setenv("DATABASE_URL", pgtest.NewDatabase(t))
	cfg, err := towerd.ParseConfig(fmt.Appendf(nil, `
database: {url: "postgres://unused@127.0.0.1/vigil"}
chain:
  rpc: [{name: ws, url: %q}, {name: http, url: %q}]
  confirmations: 2
  poll_interval: 200ms
contracts: [{address: %q, deploy_block: %d}]
api: {listen: %q}
ops: {listen: %q}
keystore: {path: %q, password_file: %q}
disputes: {auto_settle: false}
`, node.WS(), node.HTTP(), mgr.Hex(), d.DeployBlock, apiAddr, opsAddr, filepath.Join(dir, "key.json"), filepath.Join(dir, "pw")))
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- towerd.Run(runCtx, cfg, nil) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("watchtower run: %v", err)
		}
	}()

	// The user opens a channel with 10 ether; the hub pays it 4 back after 6.
	m := bindings.NewChannelManager()
	inst := m.Instance(client, mgr)
	domain := channel.Domain{ChainID: chainID, Contract: mgr}
	sig := func(s *channel.State, k *ecdsa.PrivateKey) []byte {
		d, err := domain.Digest(s)
		if err != nil {
			t.Fatal(err)
		}
		out, err := channel.Sign(d, k)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	user := crypto.PubkeyToAddress(userKey.PublicKey)
	s1 := channel.NewState(user)
	s1.Nonce.SetInt64(1)
	s1.OnchainNonce.SetInt64(1)
	ten := new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))
	s1.PendingWei[channel.UserDeposit] = ten
	s1.Timeout.SetUint64(uint64(time.Now().Unix()) + 3600)
	userOpts := bind.NewKeyedTransactor(userKey, chainID)
	userOpts.Value = ten
	tx, err := inst.RawTransact(userOpts, m.PackUserAuthorizedUpdate(contracts.State(s1), sig(s1, hubKey)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	s3 := channel.NewState(user) // [6, 4]
	s3.Nonce.SetInt64(3)
	s3.OnchainNonce.SetInt64(1)
	s3.WeiBalances = [2]*big.Int{new(big.Int).Mul(big.NewInt(6), big.NewInt(1e18)), new(big.Int).Mul(big.NewInt(4), big.NewInt(1e18))}
	s4 := s3.Clone() // [2, 8]
	s4.Nonce.SetInt64(4)
	s4.WeiBalances = [2]*big.Int{new(big.Int).Mul(big.NewInt(2), big.NewInt(1e18)), new(big.Int).Mul(big.NewInt(8), big.NewInt(1e18))}

	// The user backs s4 up with the tower over HTTP, retrying until the API is up.
	body, _ := json.Marshal(wire.Deposit{Contract: mgr, State: s4, SigHub: sig(s4, hubKey), SigUser: sig(s4, userKey)})
	var res wire.DepositResult
	for deadline := time.Now().Add(30 * time.Second); ; {
		resp, err := http.Post("http://"+apiAddr+"/v1/states", "application/json", bytes.NewReader(body))
		if err == nil {
			json.NewDecoder(resp.Body).Decode(&res)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
			t.Logf("deposit: %d %+v", resp.StatusCode, res.Error)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the tower never accepted the deposit: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if res.Receipt == nil || res.Receipt.Tower != crypto.PubkeyToAddress(towerKey.PublicKey) {
		t.Fatalf("receipt %+v, want one signed by the tower", res.Receipt)
	}

	// The hub closes with s3.
	tx, err = inst.RawTransact(hub, m.PackStartExitWithUpdate(contracts.State(s3), sig(s3, hubKey), sig(s3, userKey)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); ; {
		ch, err := bind.Call(inst, nil, m.PackGetChannel(user), m.UnpackGetChannel)
		if err != nil {
			t.Fatal(err)
		}
		if ch.Nonce.Int64() == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("on-chain nonce still %s: the tower did not answer the stale close", ch.Nonce)
		}
		time.Sleep(200 * time.Millisecond)
	}

	// Operations: liveness and readiness on both listeners, metrics on the ops listener only.
	get := func(path string) (int, string) {
		return getFrom(t, opsAddr, path)
	}
	if code, _ := getFrom(t, apiAddr, "/metrics"); code == http.StatusOK {
		t.Error("the public API serves /metrics")
	}
	if code, _ := getFrom(t, apiAddr, "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz on the API: %d", code)
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d", code)
	}
	if code, _ := get("/readyz"); code != http.StatusOK {
		t.Errorf("/readyz: %d", code)
	}
	code, metricsText := get("/metrics")
	for _, want := range []string{"vigil_leader 1", `vigil_alerts_total{kind="stale_close"} 1`, "vigil_indexer_indexed_block",
		"vigil_indexer_lag_blocks", `vigil_http_requests_total{code="201",route="POST /v1/states",server="watchtower"} 1`,
		`vigil_rpc_requests_total{call="send",endpoint="ws",result="ok"}`, "vigil_build_info{", "vigil_states_stored 1",
		"vigil_disputes_open 1", `vigil_outbox_entries{kind="challenge",status=`} {
		if code != http.StatusOK || !strings.Contains(metricsText, want) {
			t.Errorf("/metrics (%d) lacks %q", code, want)
		}
	}
}

func getFrom(t *testing.T, addr, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
