package e2e

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// nodeModules is contracts/node_modules, where the test script installs the pinned tools.
const nodeModules = "../contracts/node_modules"

// signers are the wallets states are signed with outside Go: ethers' signTypedData (what
// a browser wallet does) and `cast wallet sign --data` (Foundry).
var signers = map[string]func(t *testing.T, typedData []byte, key *ecdsa.PrivateKey) []byte{
	"ethers": func(t *testing.T, td []byte, key *ecdsa.PrivateKey) []byte {
		cmd := exec.Command("node", "testdata/sign.js", hexutil.Encode(crypto.FromECDSA(key)))
		cmd.Env = append(os.Environ(), "NODE_PATH="+nodeModules)
		cmd.Stdin = bytes.NewReader(td)
		return runSigner(t, cmd)
	},
	"cast": func(t *testing.T, td []byte, key *ecdsa.PrivateKey) []byte {
		f := filepath.Join(t.TempDir(), "typed.json")
		writeFile(t, f, string(td))
		bin := filepath.Join(nodeModules, "@foundry-rs", "cast-"+runtime.GOOS+"-"+map[string]string{"amd64": "amd64", "arm64": "arm64"}[runtime.GOARCH], "bin", "cast")
		return runSigner(t, exec.Command(bin, "wallet", "sign", "--data", "--from-file", f, "--private-key", hexutil.Encode(crypto.FromECDSA(key))))
	},
}

func runSigner(t *testing.T, cmd *exec.Cmd) []byte {
	t.Helper()
	out, err := cmd.Output()
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("%s unavailable (run npm install in contracts/): %v", cmd.Path, err)
		}
		t.Fatalf("%s: %v", cmd.Path, err)
	}
	sig, err := hexutil.Decode(strings.TrimSpace(string(out)))
	if err != nil || len(sig) != 65 {
		t.Fatalf("%s printed %q, not a signature", cmd.Path, out)
	}
	return sig
}

// TestWalletSignatures: a state signed by ethers and by cast from the typed data Go
// produces carries the same signature Go computes; it recovers in Go, verifies in the
// contract (an eth_call of startExitWithUpdate), and the tower's API accepts it.
func TestWalletSignatures(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an external node and Node tools")
	}
	node := anvil.Start(t, 0)
	d := node.Deploy(3600)
	ctx := t.Context()
	hubKey, userKey := anvil.Key(0), anvil.Key(1)
	user := crypto.PubkeyToAddress(userKey.PublicKey)
	domain := channel.Domain{ChainID: d.ChainID, Contract: d.Manager}
	openChannel(t, d, domain, hubKey, userKey, eth(10))
	// A final state after the deposit: the one the wallets sign.
	s := channel.NewState(user)
	s.Nonce.SetInt64(2)
	s.OnchainNonce.SetInt64(1)
	s.WeiBalances[channel.User].Set(eth(10))
	td, err := domain.TypedDataJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	digest, err := domain.Digest(s)
	if err != nil {
		t.Fatal(err)
	}
	want := map[*ecdsa.PrivateKey][]byte{}
	for _, k := range []*ecdsa.PrivateKey{hubKey, userKey} {
		if want[k], err = channel.Sign(digest, k); err != nil {
			t.Fatal(err)
		}
	}
	st, err := daemon.OpenStore(ctx, "sqlite:"+filepath.Join(t.TempDir(), "tower.db"), "watchtower")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.AddContract(ctx, store.Contract{ChainID: d.ChainID, Address: d.Manager, Hub: crypto.PubkeyToAddress(hubKey.PublicKey),
		DeployBlock: d.DeployBlock, ChallengePeriod: 3600}); err != nil {
		t.Fatal(err)
	}
	towerKey, _ := crypto.GenerateKey()
	api := httptest.NewServer(towerapi.NewServer(st, towerapi.NewKeySigner(towerKey), nil).Handler())
	defer api.Close()
	mgr := bindings.NewChannelManager()

	for name, sign := range signers {
		t.Run(name, func(t *testing.T) {
			sigHub, sigUser := sign(t, td, hubKey), sign(t, td, userKey)
			for k, sig := range map[*ecdsa.PrivateKey][]byte{hubKey: sigHub, userKey: sigUser} {
				if !bytes.Equal(sig, want[k]) {
					t.Errorf("%s's signature %x differs from Go's %x", name, sig, want[k])
				}
				if err := channel.VerifySigner(digest, sig, crypto.PubkeyToAddress(k.PublicKey)); err != nil {
					t.Errorf("%s's signature does not recover in Go: %v", name, err)
				}
			}
			call := ethereum.CallMsg{From: crypto.PubkeyToAddress(hubKey.PublicKey), To: &d.Manager,
				Data: mgr.PackStartExitWithUpdate(contracts.State(s), sigHub, sigUser)}
			if _, err := d.Client.CallContract(ctx, call, nil); err != nil {
				t.Errorf("the contract refuses %s's signatures: %v", name, err)
			}
			body, _ := json.Marshal(wire.Deposit{Contract: d.Manager, State: s, SigHub: sigHub, SigUser: sigUser})
			resp, err := http.Post(api.URL+"/v1/states", "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
				t.Errorf("the tower answered %s's state with %d", name, resp.StatusCode)
			}
		})
	}
}

// openChannel opens user's channel with a deposit the hub co-signed (executed by the
// user with userAuthorizedUpdate).
func openChannel(t *testing.T, d *anvil.Deployment, domain channel.Domain, hubKey, userKey *ecdsa.PrivateKey, amount *big.Int) {
	t.Helper()
	s := channel.NewState(crypto.PubkeyToAddress(userKey.PublicKey))
	s.Nonce.SetInt64(1)
	s.OnchainNonce.SetInt64(1)
	s.PendingWei[channel.UserDeposit].Set(amount)
	s.Timeout.SetUint64(uint64(time.Now().Unix()) + 3600)
	digest, err := domain.Digest(s)
	if err != nil {
		t.Fatal(err)
	}
	sigHub, err := channel.Sign(digest, hubKey)
	if err != nil {
		t.Fatal(err)
	}
	m := bindings.NewChannelManager()
	opts := bind.NewKeyedTransactor(userKey, d.ChainID)
	opts.Value = amount
	tx, err := m.Instance(d.Client, d.Manager).RawTransact(opts, m.PackUserAuthorizedUpdate(contracts.State(s), sigHub))
	if err != nil {
		t.Fatal(err)
	}
	if r, err := bind.WaitMined(t.Context(), d.Client, tx.Hash()); err != nil || r.Status != 1 {
		t.Fatalf("open the channel: %v %+v", err, r)
	}
}
