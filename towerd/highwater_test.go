package towerd_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
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

// TestHighWaterStillChallenges: a tower whose database is over its budget refuses
// deposits with 507 insufficient_storage, yet indexes a stale close and challenges it
// with the state it already holds. The tower runs as watchtower run does, on PostgreSQL
// and anvil: first with room (the user backs up its latest state), then restarted with
// database.max_size far below what the database takes.
func TestHighWaterStillChallenges(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node")
	}
	node := anvil.Start(t, 1)
	ctx := t.Context()
	d := node.Deploy(3600)
	client, chainID, mgr := d.Client, d.ChainID, d.Manager
	hubKey, userKey, towerKey := anvil.Key(0), anvil.Key(1), anvil.Key(2)
	dir := t.TempDir()
	ks, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(towerKey.PublicKey), PrivateKey: towerKey},
		"pw", keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"key.json": ks, "pw": []byte("pw\n")} {
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
	// run starts the tower with database settings extra and returns its stop.
	run := func(extra string) func() {
		cfg, err := towerd.ParseConfig(fmt.Appendf(nil, `
database: {url: "postgres://unused@127.0.0.1/vigil"%s}
chain:
  rpc: [{name: http, url: %q}]
  confirmations: 2
  poll_interval: 200ms
contracts: [{address: %q, deploy_block: %d}]
api: {listen: %q}
ops: {listen: %q}
keystore: {path: %q, password_file: %q}
disputes: {auto_settle: false}
`, extra, node.HTTP(), mgr.Hex(), d.DeployBlock, apiAddr, opsAddr, filepath.Join(dir, "key.json"), filepath.Join(dir, "pw")))
		if err != nil {
			t.Fatal(err)
		}
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- towerd.Run(runCtx, cfg, nil) }()
		return func() {
			stop()
			if err := <-done; err != nil {
				t.Errorf("watchtower run: %v", err)
			}
		}
	}
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
	// deposit posts s until the tower answers (its API may not be up yet) and returns the status.
	deposit := func(s *channel.State) (int, wire.Error) {
		body, _ := json.Marshal(wire.Deposit{Contract: mgr, State: s, SigHub: sig(s, hubKey), SigUser: sig(s, userKey)})
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
			resp, err := http.Post("http://"+apiAddr+"/v1/states", "application/json", bytes.NewReader(body))
			if err == nil {
				var e wire.Error
				json.NewDecoder(resp.Body).Decode(&e)
				resp.Body.Close()
				return resp.StatusCode, e
			}
			if time.Now().After(deadline) {
				t.Fatalf("the tower's API never answered: %v", err)
			}
		}
	}

	// The user opens a channel with 10 ether: s1 on-chain.
	user := crypto.PubkeyToAddress(userKey.PublicKey)
	ether := func(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }
	s1 := channel.NewState(user)
	s1.Nonce.SetInt64(1)
	s1.OnchainNonce.SetInt64(1)
	s1.PendingWei[channel.UserDeposit] = ether(10)
	s1.Timeout.SetUint64(uint64(time.Now().Unix()) + 3600)
	userOpts := bind.NewKeyedTransactor(userKey, chainID)
	userOpts.Value = ether(10)
	tx, err := inst.RawTransact(userOpts, m.PackUserAuthorizedUpdate(contracts.State(s1), sig(s1, hubKey)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	state := func(n, hubEther int64) *channel.State {
		s := channel.NewState(user)
		s.Nonce.SetInt64(n)
		s.OnchainNonce.SetInt64(1)
		s.WeiBalances = [2]*big.Int{ether(hubEther), ether(10 - hubEther)}
		return s
	}
	s3, s4, s5 := state(3, 6), state(4, 2), state(5, 1)

	// With room, the tower takes s4.
	stop := run("")
	if code, e := deposit(s4); code != http.StatusCreated {
		t.Fatalf("deposit with room: %d %+v", code, e)
	}
	stop()

	// Over its budget (a PostgreSQL database takes megabytes), it refuses s5 …
	stop = run(", max_size: 64kB")
	defer stop()
	if code, e := deposit(s5); code != http.StatusInsufficientStorage || e.Code != wire.CodeInsufficientStorage {
		t.Fatalf("deposit over the budget: %d %+v, want 507 %s", code, e, wire.CodeInsufficientStorage)
	}
	if code, text := getFrom(t, opsAddr, "/metrics"); code != http.StatusOK || !strings.Contains(text, "vigil_deposits_stopped 1") {
		t.Errorf("/metrics (%d) does not say deposits are stopped", code)
	}
	// … and still answers the hub's close with s3 by challenging with s4.
	tx, err = inst.RawTransact(bind.NewKeyedTransactor(hubKey, chainID), m.PackStartExitWithUpdate(contracts.State(s3), sig(s3, hubKey), sig(s3, userKey)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		ch, err := bind.Call(inst, nil, m.PackGetChannel(user), m.UnpackGetChannel)
		if err != nil {
			t.Fatal(err)
		}
		if ch.Nonce.Int64() == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("on-chain nonce still %s: the tower at its high-water mark did not answer the stale close", ch.Nonce)
		}
	}
}
