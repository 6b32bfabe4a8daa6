package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/towerapi"
)

const challengePeriod = 600

// env is anvil (a block a second) with a ChannelManager, the hub process (hubd.Run, on
// PostgreSQL) in the test, and users' wallets run through chanctl's whole command line,
// each command opening the wallet from its config and state file as cmd/chanctl does.
type env struct {
	t      *testing.T
	node   *anvil.Node
	d      *anvil.Deployment
	hubURL string
	dir    string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	if testing.Short() {
		t.Skip("starts an external node")
	}
	node := anvil.Start(t, 1)
	d := node.Deploy(challengePeriod)
	e := &env{t: t, node: node, d: d, dir: t.TempDir()}
	opts := bind.NewKeyedTransactor(anvil.Key(0), d.ChainID)
	opts.Value = new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18)) // the hub's reserve
	tx, err := bindings.NewChannelManager().Instance(d.Client, d.Manager).RawTransact(opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitMined(t.Context(), d.Client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VIGIL_TEST_PW", "pw")
	api, ops := freeAddr(t), freeAddr(t)
	hubYAML := filepath.Join(e.dir, "hub.yaml")
	writeFile(t, hubYAML, fmt.Sprintf(`
database: {url: "postgres://unused@127.0.0.1/x"}
chain: {rpc: [{name: anvil, url: %q}], confirmations: 1, poll_interval: 200ms}
contract: {address: %q, deploy_block: %d}
api: {listen: %q}
ops: {listen: %q}
keystore: {path: %q, password_env: VIGIL_TEST_PW}
collateral: {target: 5 ether}
sweep: "@every 1s"
`, node.WS(), d.Manager.Hex(), d.DeployBlock, api, ops, writeKeystore(t, e.dir, "hub.json", anvil.Key(0))))
	t.Setenv("DATABASE_URL", pgtest.NewDatabase(t))
	cfg, err := hubd.LoadConfig(hubYAML)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- hubd.Run(ctx, cfg, slog.New(slog.DiscardHandler)) }()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("hub run: %v", err)
		}
	})
	e.hubURL = "http://" + api
	e.until("the hub to answer", func() bool {
		resp, err := http.Get(e.hubURL + "/v1/hub")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	})
	return e
}

func freeAddr(t *testing.T) string {
	t.Helper()
	a, err := nodeproc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func writeKeystore(t *testing.T, dir, name string, k *ecdsa.PrivateKey) string {
	t.Helper()
	ks, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(k.PublicKey), PrivateKey: k},
		"pw", keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	writeFile(t, p, string(ks))
	return p
}

// tower starts a watchtower API over its own store on addr ("127.0.0.1:0" for any port),
// telling wallets it runs on chainID and watches contracts. It returns the tower's store
// and URL.
func (e *env) tower(addr string, chainID *big.Int, contracts []common.Address) (*sqlstore.Store, string) {
	e.t.Helper()
	st := pgtest.NewStore(e.t)
	if err := st.AddContract(e.t.Context(), store.Contract{ChainID: e.d.ChainID, Address: e.d.Manager,
		Hub: crypto.PubkeyToAddress(anvil.Key(0).PublicKey), DeployBlock: e.d.DeployBlock, ChallengePeriod: challengePeriod}); err != nil {
		e.t.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		e.t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(towerapi.NewServer(st, towerapi.NewKeySigner(key), slog.New(slog.DiscardHandler)).
		WithInfo(chainID, contracts).Handler())
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	e.t.Cleanup(srv.Close)
	return st, srv.URL
}

// user is a wallet: anvil's account i and its chanctl.yaml.
type user struct {
	addr   common.Address
	config string
}

// wallet writes the chanctl.yaml of anvil's account i (1 or 2), backing up to towers.
func (e *env) wallet(i int, towers ...string) user {
	e.t.Helper()
	k := anvil.Key(i)
	name := fmt.Sprintf("user%d", i)
	quoted := make([]string, len(towers))
	for j, t := range towers {
		quoted[j] = fmt.Sprintf("%q", t)
	}
	p := filepath.Join(e.dir, name+".yaml")
	writeFile(e.t, p, fmt.Sprintf("hub: %s\nrpc: %s\ncontract: %q\nkeystore: {path: %q, password_env: VIGIL_TEST_PW}\nstate: %q\ntowers: [%s]\n",
		e.hubURL, e.node.HTTP(), e.d.Manager.Hex(), writeKeystore(e.t, e.dir, name+".json", k), filepath.Join(e.dir, name+"-state.json"),
		strings.Join(quoted, ", ")))
	return user{addr: crypto.PubkeyToAddress(k.PublicKey), config: p}
}

// ctl runs chanctl's command line as u and returns what it printed on standard output
// and on standard error (the wallet's log, --json's progress lines).
func (e *env) ctl(u user, args ...string) (out, errOut string, err error) {
	var o, eo bytes.Buffer
	ctx, cancel := context.WithTimeout(e.t.Context(), 2*time.Minute)
	defer cancel()
	err = runIO(ctx, append([]string{"--config", u.config}, args...), &o, &eo)
	return o.String(), eo.String(), err
}

// status runs status --json as u and decodes it (nil on an error).
func (e *env) status(u user) map[string]any {
	e.t.Helper()
	out, errOut, err := e.ctl(u, "status", "--json")
	if err != nil {
		e.t.Logf("status: %v\n%s", err, errOut)
		return nil
	}
	return decode(e.t, out)
}

// until polls cond for up to a minute.
func (e *env) until(what string, cond func() bool) {
	e.t.Helper()
	wait.Until(e.t, time.Minute, what, cond)
}

// deposited deposits amount into u's channel and waits until the hub has confirmed it in
// a final co-signed state (which the wallet then backs up).
func (e *env) deposited(u user, amount ...string) {
	e.t.Helper()
	if out, errOut, err := e.ctl(u, append([]string{"deposit"}, amount...)...); err != nil {
		e.t.Fatalf("deposit: %v\n%s%s", err, out, errOut)
	}
	e.until("the deposit to be confirmed", func() bool {
		s := e.status(u)
		return s != nil && s["pendingOperation"] == nil && s["onchainNonce"] != "0"
	})
}

// onchain reads u's channel from the contract.
func (e *env) onchain(u user) bindings.ChannelManagerChannel {
	e.t.Helper()
	m := bindings.NewChannelManager()
	ch, err := bind.Call(m.Instance(e.d.Client, e.d.Manager), &bind.CallOpts{Context: e.t.Context()}, m.PackGetChannel(u.addr), m.UnpackGetChannel)
	if err != nil {
		e.t.Fatal(err)
	}
	return ch
}

// decode parses one JSON object, failing the test if out is anything else.
func decode(t *testing.T, out string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value:\n%s", out)
	}
	return m
}

// field walks m along keys (map keys, or array indexes as ints).
func field(m any, path ...any) any {
	for _, k := range path {
		switch k := k.(type) {
		case string:
			mm, ok := m.(map[string]any)
			if !ok {
				return nil
			}
			m = mm[k]
		case int:
			a, ok := m.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			m = a[k]
		}
	}
	return m
}

// str and num read a decoded JSON string or number, "" or 0 when it is something else.
func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}
