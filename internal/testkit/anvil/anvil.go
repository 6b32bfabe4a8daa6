// Package anvil runs Foundry's anvil as a separate process on loopback for end-to-end
// tests. The binary comes from npm (@foundry-rs/anvil, pinned in contracts/package.json
// and installed by the test script); VIGIL_ANVIL names another one.
package anvil

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/foundry"
	"github.com/vigil-hub/vigil/internal/nodeproc"
)

// ChainID is anvil's default chain id.
const ChainID = foundry.AnvilChainID

// DevKeys are the private keys of anvil's first prefunded accounts.
var DevKeys = foundry.DevKeys

// Key returns anvil's i-th prefunded key.
func Key(i int) *ecdsa.PrivateKey { return foundry.DevKey(i) }

// Node is a running anvil process.
type Node struct {
	t         *testing.T
	bin       string
	port      int
	stateFile string
	blockTime int
	proc      *nodeproc.Proc
}

// Binary finds the anvil binary (foundry.AnvilBinary).
func Binary() (string, error) { return foundry.AnvilBinary() }

// Start runs anvil on a free loopback port with the given block time (seconds; 0 mines a
// block per transaction as it arrives), keeping
// its state in a file under t.TempDir() so that Restart resumes the same chain. Without
// the binary the test is skipped, except under CI where it fails.
func Start(t *testing.T, blockTime int) *Node {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	port, err := nodeproc.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	n := &Node{t: t, bin: bin, port: port, blockTime: blockTime, stateFile: filepath.Join(t.TempDir(), "state.json")}
	n.start()
	t.Cleanup(func() { n.Stop() })
	return n
}

// HTTP returns the node's HTTP JSON-RPC URL.
func (n *Node) HTTP() string { return fmt.Sprintf("http://127.0.0.1:%d", n.port) }

// WS returns the node's WebSocket JSON-RPC URL.
func (n *Node) WS() string { return fmt.Sprintf("ws://127.0.0.1:%d", n.port) }

func (n *Node) start() {
	n.t.Helper()
	args := []string{"--host", "127.0.0.1", "--port", strconv.Itoa(n.port), "--state", n.stateFile, "--silent"}
	if n.blockTime > 0 {
		args = append(args, "--block-time", strconv.Itoa(n.blockTime))
	}
	proc, err := nodeproc.Start(n.bin, args, os.Stderr)
	if err != nil {
		n.t.Fatalf("start anvil: %v", err)
	}
	n.proc = proc
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		c, err := rpc.DialContext(ctx, n.HTTP())
		if err == nil {
			var id string
			err = c.CallContext(ctx, &id, "eth_chainId")
			c.Close()
			if err == nil {
				return
			}
		}
		select {
		case <-ctx.Done():
			n.Stop()
			n.t.Fatalf("anvil did not answer on %s: %v", n.HTTP(), err)
		case err := <-n.proc.Exited():
			n.proc = nil
			n.t.Fatalf("anvil exited: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Stop interrupts anvil, which writes its state file on the way out, and waits for it.
func (n *Node) Stop() {
	n.proc.Stop(20 * time.Second)
	n.proc = nil
}

// Restart stops anvil and starts it again on the same port from its state file.
func (n *Node) Restart() {
	n.t.Helper()
	n.Stop()
	n.start()
}

// Deployment is a TestToken and a ChannelManager deployed on anvil, hub Key(0).
type Deployment struct {
	Client      *ethclient.Client // over HTTP
	ChainID     *big.Int
	Manager     common.Address
	Token       common.Address
	DeployBlock uint64
}

// Deploy connects over HTTP and deploys a token and a ChannelManager whose hub is Key(0),
// with the given challenge period; the client is closed with the test.
func (n *Node) Deploy(challengePeriod uint64) *Deployment {
	t := n.t
	t.Helper()
	ctx := t.Context()
	c, err := ethclient.DialContext(ctx, n.HTTP())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	d := &Deployment{Client: c, ChainID: big.NewInt(ChainID)}
	opts := bind.NewKeyedTransactor(Key(0), d.ChainID)
	tok, tx, err := bind.DeployContract(opts, common.FromHex(bindings.TestTokenMetaData.Bin), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bind.WaitDeployed(ctx, c, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	mgr, tx, err := contracts.DeployChannelManager(opts, c, opts.From, challengePeriod, tok)
	if err != nil {
		t.Fatal(err)
	}
	rcpt, err := bind.WaitMined(ctx, c, tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	d.Manager, d.Token, d.DeployBlock = mgr, tok, rcpt.BlockNumber.Uint64()
	return d
}

// ChainID returns anvil's chain id.
func (n *Node) ChainID() *big.Int { return big.NewInt(ChainID) }

// Key returns anvil's i-th prefunded key.
func (n *Node) Key(i int) *ecdsa.PrivateKey { return Key(i) }

// Mine mines blocks blocks at once (evm_mine).
func (n *Node) Mine(blocks int) {
	n.t.Helper()
	c := n.rpc()
	defer c.Close()
	for range blocks {
		if err := c.CallContext(n.t.Context(), nil, "evm_mine"); err != nil {
			n.t.Fatalf("evm_mine: %v", err)
		}
	}
}

// AdvanceTo moves anvil's clock so that a block at or after ts is mined
// (evm_increaseTime, evm_mine); a head already there is left as it is.
func (n *Node) AdvanceTo(ts uint64) {
	n.t.Helper()
	c := n.rpc()
	defer c.Close()
	for range 3 {
		head, err := ethclient.NewClient(c).HeaderByNumber(n.t.Context(), nil)
		if err != nil {
			n.t.Fatalf("anvil's head: %v", err)
		}
		if head.Time >= ts {
			return
		}
		if err := c.CallContext(n.t.Context(), nil, "evm_increaseTime", ts-head.Time); err != nil {
			n.t.Fatalf("evm_increaseTime: %v", err)
		}
		if err := c.CallContext(n.t.Context(), nil, "evm_mine"); err != nil {
			n.t.Fatalf("evm_mine: %v", err)
		}
	}
	n.t.Fatalf("anvil mined no block at or after time %d", ts)
}

func (n *Node) rpc() *rpc.Client {
	n.t.Helper()
	c, err := rpc.DialContext(n.t.Context(), n.HTTP())
	if err != nil {
		n.t.Fatal(err)
	}
	return c
}
