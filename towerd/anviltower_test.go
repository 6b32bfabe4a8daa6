package towerd_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/towerd"
	"github.com/vigil-hub/vigil/wire"
)

// anvilTower is what the tests of `watchtower run` on anvil share: the node with the
// contract (hub anvil.Key(0)), the tower's key (anvil.Key(2)) in an encrypted keystore with
// its password in a file, free API and ops addresses, a fresh PostgreSQL database in
// DATABASE_URL, and a user (anvil.Key(1)) whose channel is open on-chain with 10 ether at
// nonce 1.
type anvilTower struct {
	t                         *testing.T
	node                      *anvil.Node
	d                         *anvil.Deployment
	m                         *bindings.ChannelManager
	inst                      *bind.BoundContract
	domain                    channel.Domain
	hubKey, userKey, towerKey *ecdsa.PrivateKey
	user                      common.Address
	dir, apiAddr, opsAddr     string
	autoSettle                bool // the tower settles disputes after their deadline
}

func newAnvilTower(t *testing.T, password string) *anvilTower {
	t.Helper()
	node := anvil.Start(t, 1)
	d := node.Deploy(3600)
	m := bindings.NewChannelManager()
	a := &anvilTower{t: t, node: node, d: d, m: m, inst: m.Instance(d.Client, d.Manager),
		domain: channel.Domain{ChainID: d.ChainID, Contract: d.Manager}, hubKey: anvil.Key(0), userKey: anvil.Key(1),
		towerKey: anvil.Key(2), dir: t.TempDir()}
	a.user = crypto.PubkeyToAddress(a.userKey.PublicKey)
	ks, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(a.towerKey.PublicKey), PrivateKey: a.towerKey},
		password, keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"key.json": ks, "pw": []byte(password + "\n")} {
		if err := os.WriteFile(filepath.Join(a.dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	a.apiAddr, a.opsAddr = freeAddr(t), freeAddr(t)
	t.Setenv("DATABASE_URL", pgtest.NewDatabase(t))

	s1 := channel.NewState(a.user)
	s1.Nonce.SetInt64(1)
	s1.OnchainNonce.SetInt64(1)
	s1.PendingWei[channel.UserDeposit] = ether(10)
	s1.Timeout.SetUint64(uint64(time.Now().Unix()) + 3600)
	userOpts := bind.NewKeyedTransactor(a.userKey, d.ChainID)
	userOpts.Value = ether(10)
	a.send(userOpts, m.PackUserAuthorizedUpdate(contracts.State(s1), a.sig(s1, a.hubKey)))
	return a
}

func freeAddr(t *testing.T) string {
	t.Helper()
	a, err := nodeproc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

// run starts `watchtower run` over rpc (a YAML list of endpoints) with extraDB added to
// its database section, and returns its stop.
func (a *anvilTower) run(rpc, extraDB string) (stop func()) {
	t := a.t
	t.Helper()
	cfg, err := towerd.ParseConfig(fmt.Appendf(nil, `
database: {url: "postgres://unused@127.0.0.1/vigil"%s}
chain:
  rpc: %s
  confirmations: 2
  poll_interval: 200ms
contracts: [{address: %q, deploy_block: %d}]
api: {listen: %q}
ops: {listen: %q}
keystore: {path: %q, password_file: %q}
disputes: {auto_settle: %v}
`, extraDB, rpc, a.d.Manager.Hex(), a.d.DeployBlock, a.apiAddr, a.opsAddr, filepath.Join(a.dir, "key.json"), filepath.Join(a.dir, "pw"),
		a.autoSettle))
	if err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- towerd.Run(runCtx, cfg, nil) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watchtower run: %v", err)
		}
	}
}

func (a *anvilTower) sig(s *channel.State, k *ecdsa.PrivateKey) []byte {
	d, err := a.domain.Digest(s)
	if err != nil {
		a.t.Fatal(err)
	}
	out, err := channel.Sign(d, k)
	if err != nil {
		a.t.Fatal(err)
	}
	return out
}

// state is the user's channel at nonce n, on-chain nonce 1, with hubEther of its 10 ether
// on the hub's side.
func (a *anvilTower) state(n, hubEther int64) *channel.State {
	s := channel.NewState(a.user)
	s.Nonce.SetInt64(n)
	s.OnchainNonce.SetInt64(1)
	s.WeiBalances = [2]*big.Int{ether(hubEther), ether(10 - hubEther)}
	return s
}

// deposit posts s, signed by the hub and the user, until the tower's API answers (it may
// not be up yet), and returns the status and body of the answer.
func (a *anvilTower) deposit(s *channel.State) (int, []byte) {
	t := a.t
	t.Helper()
	return a.post(wire.Deposit{Contract: a.d.Manager, State: s, SigHub: a.sig(s, a.hubKey), SigUser: a.sig(s, a.userKey)})
}

// post posts d until the tower's API answers, and returns the status and body.
func (a *anvilTower) post(d wire.Deposit) (int, []byte) {
	t := a.t
	t.Helper()
	body, _ := json.Marshal(d)
	var (
		status int
		answer []byte
		err    error
	)
	if !wait.Poll(30*time.Second, func() bool {
		var resp *http.Response
		if resp, err = http.Post("http://"+a.apiAddr+"/v1/states", "application/json", bytes.NewReader(body)); err != nil {
			return false
		}
		defer resp.Body.Close()
		status = resp.StatusCode
		answer, _ = io.ReadAll(resp.Body)
		return true
	}) {
		t.Fatalf("the tower's API never answered: %v", err)
	}
	return status, answer
}

// closeWith has the hub start an exit with s, co-signed, and waits for it to be mined.
func (a *anvilTower) closeWith(s *channel.State) {
	a.send(bind.NewKeyedTransactor(a.hubKey, a.d.ChainID), a.m.PackStartExitWithUpdate(contracts.State(s), a.sig(s, a.hubKey), a.sig(s, a.userKey)))
}

func (a *anvilTower) send(opts *bind.TransactOpts, calldata []byte) {
	t := a.t
	t.Helper()
	tx, err := a.inst.RawTransact(opts, calldata)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(t.Context(), a.d.Client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
}

// waitOnchainNonce waits up to a minute for the channel's on-chain nonce to reach n (a
// challenge landed); why says what it means when it does not.
func (a *anvilTower) waitOnchainNonce(n int64, why string) {
	t := a.t
	t.Helper()
	var nonce *big.Int
	if !wait.Poll(wait.Timeout, func() bool {
		ch, err := bind.Call(a.inst, nil, a.m.PackGetChannel(a.user), a.m.UnpackGetChannel)
		if err != nil {
			t.Fatal(err)
		}
		nonce = ch.Nonce
		return nonce.Int64() == n
	}) {
		t.Fatalf("on-chain nonce still %s: %s", nonce, why)
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
