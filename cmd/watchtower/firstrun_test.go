package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/wire"
)

// TestFirstRunOnAnvil follows the README's personal tower: `watchtower init` writes the
// config and keystore, `watchtower migrate` creates the SQLite database, and `watchtower
// run`, a separate process against anvil, reports ready and accepts a deposit. SIGTERM
// stops it cleanly.
func TestFirstRunOnAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts an external node")
	}
	node := anvil.Start(t, 1)
	d := node.Deploy(3600)
	dir := t.TempDir()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	apiAddr := l.Addr().String()
	l.Close()
	l, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	opsAddr := l.Addr().String()
	l.Close()

	t.Setenv("VIGIL_KEYSTORE_PASSWORD", "correct horse")
	t.Setenv("DATABASE_URL", "") // the config's SQLite file, not a server the caller points tests at
	var out, errOut bytes.Buffer
	code := run([]string{"watchtower", "init", "--dir", dir, "--contract", d.Manager.Hex(), "--deploy-block",
		strconv.FormatUint(d.DeployBlock, 10), "--rpc", node.WS(), "--rpc", node.HTTP(), "--listen", apiAddr, "--ops-listen", opsAddr, "--lightkdf"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("init exited %d: %s", code, errOut.String())
	}
	cfgPath := filepath.Join(dir, "config.yaml")
	for _, want := range []string{"The tower's address is 0x", "watchtower run --config " + cfgPath, "VIGIL_KEYSTORE_PASSWORD"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("init output lacks %q:\n%s", want, out.String())
		}
	}
	// init never overwrites.
	if code := run([]string{"watchtower", "init", "--dir", dir, "--contract", d.Manager.Hex(), "--lightkdf"}, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "already exists") {
		t.Errorf("second init exited %d: %s", code, errOut.String())
	}

	bin := filepath.Join(t.TempDir(), "watchtower")
	if b, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
	// Run from another directory: the config's relative paths are relative to it.
	cmd := exec.Command(bin, "migrate", "--config", cfgPath)
	cmd.Dir = t.TempDir()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(dir, "vigil.db")); err != nil {
		t.Fatalf("migrate made no database beside the config: %v", err)
	}

	var logs bytes.Buffer
	tw := exec.Command(bin, "run", "--config", cfgPath)
	tw.Dir = cmd.Dir
	tw.Stdout, tw.Stderr = &logs, &logs
	if err := tw.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- tw.Wait() }()
	defer func() {
		if tw.ProcessState == nil {
			tw.Process.Kill()
		}
	}()

	if !wait.Poll(30*time.Second, func() bool {
		resp, err := http.Get("http://" + apiAddr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}) {
		t.Fatalf("the tower never became ready:\n%s", logs.String())
	}

	hubKey, userKey := anvil.Key(0), anvil.Key(1)
	s := channel.NewState(crypto.PubkeyToAddress(userKey.PublicKey))
	s.Nonce.SetInt64(3)
	s.WeiBalances[channel.User].SetInt64(1e18)
	domain := channel.Domain{ChainID: d.ChainID, Contract: d.Manager}
	digest, err := domain.Digest(s)
	if err != nil {
		t.Fatal(err)
	}
	sigHub, _ := channel.Sign(digest, hubKey)
	sigUser, _ := channel.Sign(digest, userKey)
	body, _ := json.Marshal(wire.Deposit{Contract: d.Manager, State: s, SigHub: sigHub, SigUser: sigUser})
	resp, err := http.Post("http://"+apiAddr+"/v1/states", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var res wire.DepositResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || res.Receipt == nil || res.Receipt.Nonce.V.Int64() != 3 {
		t.Fatalf("deposit: %d %+v\n%s", resp.StatusCode, res, logs.String())
	}

	tw.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("watchtower run after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("watchtower run did not stop on SIGTERM:\n%s", logs.String())
	}
}
