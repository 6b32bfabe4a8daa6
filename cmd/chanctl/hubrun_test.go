package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
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
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
)

// TestHubAndChanctlOnAnvil runs the hub process (cmd/hub's hubd.Run) against anvil and two
// users driving it through chanctl's commands: deposits, a payment that needs collateral,
// and the payee's claim, with balances read back through status; then the same in the
// contract's token (--asset): a deposit that approves the contract first, a payment for
// which the hub tops up its token collateral to collateral.token_target from its token
// reserve, and a token withdrawal, every balance to the base unit.
func TestHubAndChanctlOnAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node")
	}
	node := anvil.Start(t, 1)
	ctx := t.Context()
	d := node.Deploy(3600)
	ec, chainID, mgr := d.Client, d.ChainID, d.Manager
	hubKey := anvil.Key(0)
	opts := bind.NewKeyedTransactor(hubKey, chainID)
	// The hub funds its reserve.
	opts.Value = new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))
	tx, err := bindings.NewChannelManager().Instance(ec, mgr).RawTransact(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, ec, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	// Its token reserve, funded as any ERC-20 transfer to the contract (TestToken mints
	// there directly), and alice's tokens.
	token := bindings.NewTestToken()
	for _, to := range []common.Address{mgr, crypto.PubkeyToAddress(anvil.Key(1).PublicKey)} {
		tx, err := token.Instance(ec, d.Token).RawTransact(bind.NewKeyedTransactor(hubKey, chainID), token.PackMint(to, new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bind.WaitMined(ctx, ec, tx.Hash()); err != nil {
			t.Fatal(err)
		}
	}

	dir := t.TempDir()
	t.Setenv("VIGIL_TEST_PW", "pw")
	free := func() string {
		l, _ := net.Listen("tcp", "127.0.0.1:0")
		defer l.Close()
		return l.Addr().String()
	}
	hubAddr, opsAddr, dead := free(), free(), free()
	hubYAML := filepath.Join(dir, "hub.yaml")
	os.WriteFile(hubYAML, fmt.Appendf(nil, `
database: {url: "postgres://unused@127.0.0.1/x"}
chain: {rpc: [{name: dead, url: "http://%s"}, {name: anvil, url: %q}], confirmations: 1, poll_interval: 200ms}
contract: {address: %q, deploy_block: %d}
api: {listen: %q}
ops: {listen: %q}
keystore: {path: %q, password_env: VIGIL_TEST_PW}
collateral: {target: 5 ether, token_target: "4"}
sweep: "@every 1s"
monitor: {balance_check: "@every 1s", lag_check: "@every 1s", rpc_health: "@every 1s"}
`, dead, node.WS(), mgr.Hex(), d.DeployBlock, hubAddr, opsAddr, writeKeystore(t, dir, "hub.json", hubKey)), 0o600)
	t.Setenv("DATABASE_URL", pgtest.NewDatabase(t))
	cfg, err := hubd.LoadConfig(hubYAML)
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- hubd.Run(runCtx, cfg, nil) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("hub run: %v", err)
		}
	}()

	users := map[string]*ecdsa.PrivateKey{"alice": anvil.Key(1), "bob": anvil.Key(2)}
	confs := map[string]string{}
	for name, k := range users {
		p := filepath.Join(dir, name+".yaml")
		os.WriteFile(p, fmt.Appendf(nil, "hub: http://%s\nrpc: %s\ncontract: %q\nkeystore: {path: %q, password_env: VIGIL_TEST_PW}\nstate: %q\n",
			hubAddr, node.HTTP(), mgr.Hex(), writeKeystore(t, dir, name+".json", k), filepath.Join(dir, name+"-state.json")), 0o600)
		confs[name] = p
	}
	ctl := func(name string, args ...string) (string, error) {
		var out bytes.Buffer
		err := runLine(ctx, append([]string{"-config", confs[name]}, args...), &out)
		return out.String(), err
	}
	until := func(what string, f func() bool) {
		t.Helper()
		wait.Until(t, 60*time.Second, what, f)
	}
	status := func(name string) string {
		out, err := ctl(name, "status")
		if err != nil {
			t.Logf("%s status: %v", name, err)
		}
		return out
	}
	until("the hub to answer", func() bool { _, err := ctl("alice", "status"); return err == nil })
	for _, name := range []string{"alice", "bob"} {
		out, err := ctl(name, "deposit", "5") // a plain number is ether
		if err != nil {
			t.Fatalf("%s deposit: %v\n%s", name, err, out)
		}
		// The hash as soon as it is sent, then the block (anvil mines a block a second).
		sent, included := strings.Index(out, "sent transaction 0x"), strings.Index(out, "included in block")
		if sent < 0 || included < sent || !strings.Contains(out, "deposited 5 ether") {
			t.Errorf("%s deposit printed:\n%s", name, out)
		}
	}
	for _, name := range []string{"alice", "bob"} {
		until(name+"'s deposit to be confirmed", func() bool {
			s := status(name)
			return strings.Contains(s, "you 5 ether") && !strings.Contains(s, "pending")
		})
	}
	bob := crypto.PubkeyToAddress(users["bob"].PublicKey).Hex()
	until("alice's payment to go through", func() bool {
		out, err := ctl("alice", "pay", "--no-wait", bob, "1", "ether")
		if err != nil {
			status("bob") // co-signs the hub's collateral top-up, then its confirmation
			return false
		}
		return strings.Contains(out, "paid 1 ether")
	})
	until("bob to claim", func() bool { return strings.Contains(status("bob"), "you 6 ether") })
	until("alice to co-sign the hub's claim", func() bool {
		s := status("alice")
		return strings.Contains(s, "you 4 ether") && !strings.Contains(s, "lock ")
	})

	// The same, as one JSON object, and in wei.
	out, err := ctl("alice", "status", "--json")
	var js struct {
		Unit    string
		Balance struct{ You string }
	}
	if err != nil || json.Unmarshal([]byte(out), &js) != nil || js.Unit != "ether" || js.Balance.You != "4" {
		t.Errorf("status --json: %v\n%s", err, out)
	}
	if out, _ := ctl("alice", "status", "--wei"); !strings.Contains(out, "you 4000000000000000000 wei") {
		t.Errorf("status --wei:\n%s", out)
	}

	// Tokens: alice deposits 10 VTT (approving the contract first), pays bob 2.5 VTT; the
	// hub tops up its token side toward bob to the 4-VTT target; bob withdraws 1 VTT.
	out, err = ctl("alice", "deposit", "--asset", "VTT", "10")
	if approve, sent := strings.Index(out, "approving the contract "+mgr.Hex()+" to take 10 VTT"), strings.Index(out, "sent transaction 0x"); err != nil ||
		approve < 0 || sent < approve || strings.Count(out, "included in block") != 2 || !strings.Contains(out, "deposited 10 VTT") {
		t.Fatalf("token deposit: %v\n%s", err, out)
	}
	until("alice's token deposit to be confirmed", func() bool {
		s := status("alice")
		return strings.Contains(s, "tokens: you 10 VTT, hub 0 VTT") && !strings.Contains(s, "pending")
	})
	until("alice's token payment to go through", func() bool {
		out, err := ctl("alice", "pay", "--no-wait", "--asset", "VTT", bob, "2.5")
		if err != nil {
			status("bob") // co-signs the hub's token top-up, then its confirmation
			return false
		}
		return strings.Contains(out, "paid 2.5 VTT")
	})
	until("bob to claim the tokens", func() bool { return strings.Contains(status("bob"), "tokens: you 2.5 VTT, hub 1.5 VTT") })
	until("alice to co-sign the hub's token claim", func() bool {
		s := status("alice")
		return strings.Contains(s, "tokens: you 7.5 VTT, hub 2.5 VTT") && !strings.Contains(s, "lock ")
	})
	if out, _ := ctl("alice", "status"); !strings.Contains(out, "balance: you 4 ether") {
		t.Errorf("alice's ether moved with the tokens:\n%s", out)
	}
	var tj struct {
		Token struct {
			Symbol  string
			Unit    string
			Balance struct{ You, Hub string }
			Locked  struct{ You, Hub string }
		}
	}
	if out, err := ctl("bob", "status", "--json", "--wei"); err != nil || json.Unmarshal([]byte(out), &tj) != nil || tj.Token.Symbol != "VTT" ||
		tj.Token.Unit != "VTT base units" || tj.Token.Balance.You != "2500000000000000000" || tj.Token.Balance.Hub != "1500000000000000000" ||
		tj.Token.Locked.You != "0" {
		t.Errorf("bob status --json --wei: %v\n%s", err, out)
	}
	bobAddr := crypto.PubkeyToAddress(users["bob"].PublicKey)
	tokenOf := func(a common.Address) *big.Int {
		v, err := bind.Call(token.Instance(ec, d.Token), &bind.CallOpts{Context: ctx}, token.PackBalanceOf(a), token.UnpackBalanceOf)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	before := tokenOf(bobAddr)
	// By the token's address this time, and a withdrawal to bob's own account.
	if out, err := ctl("bob", "withdraw", "--asset", d.Token.Hex(), "1"); err != nil || !strings.Contains(out, "withdrew 1 VTT to "+bob) {
		t.Fatalf("token withdrawal: %v\n%s", err, out)
	}
	if got := new(big.Int).Sub(tokenOf(bobAddr), before); got.Cmp(big.NewInt(1e18)) != 0 {
		t.Errorf("bob's account received %s token base units, want 10^18", got)
	}
	if out, err := ctl("alice", "pay", "--asset", "DAI", bob, "1"); !errors.Is(err, errUsage) || !strings.Contains(err.Error(), `"DAI"`) ||
		!strings.Contains(err.Error(), "ether and VTT ("+d.Token.Hex()+")") {
		t.Errorf("an unknown asset: %v, want a usage error naming it and the contract's assets\n%s", err, out)
	}

	// The first endpoint was dead all along: the hub ran on the second. Its metrics, on the
	// ops listener and not on the API, say so.
	m := scrape(t, opsAddr)
	for _, want := range []string{`vigil_rpc_requests_total{call="eth_chainId",endpoint="dead",result="error"}`,
		`vigil_rpc_requests_total{call="eth_getLogs",endpoint="anvil",result="ok"}`, `vigil_build_info{`,
		`vigil_http_requests_total{code="200",route="GET /v1/channel",server="hub"}`,
		// The hub's account and chain link are watched, as a tower's.
		`vigil_job_last_success_timestamp_seconds{job="balance_check"}`, `vigil_job_last_success_timestamp_seconds{job="lag_check"}`,
		`vigil_job_last_success_timestamp_seconds{job="rpc_health"}`} {
		if !strings.Contains(m, want) {
			t.Errorf("hub /metrics lacks %s", want)
		}
	}
	if resp, err := http.Get("http://" + hubAddr + "/metrics"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Error("the hub's public API serves /metrics")
		}
	}
	for _, addr := range []string{hubAddr, opsAddr} {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("/readyz on %s: %v %v", addr, err, resp)
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
}

// scrape returns the hub's /metrics from its ops listener.
func scrape(t *testing.T, opsAddr string) string {
	t.Helper()
	resp, err := http.Get("http://" + opsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
