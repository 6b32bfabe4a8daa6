// Package geth runs go-ethereum's `geth --dev` as a separate process on loopback for
// end-to-end tests: chain id 1337, blocks every period seconds, one prefunded and unlocked
// developer account. The binary is $VIGIL_GETH (`make e2e-geth` builds it from the Go
// module proxy once); without it Start skips the test.
package geth

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/vigil-hub/vigil/internal/nodeproc"
)

// ChainID is the chain id of geth's developer network.
const ChainID = 1337

// Node is a running geth --dev process.
type Node struct {
	t                          *testing.T
	bin, datadir               string
	httpPort, wsPort, authPort int
	period                     int
	keys                       []*ecdsa.PrivateKey
	proc                       *nodeproc.Proc
	out                        *nodeproc.Output
}

// ErrNoBinary is Binary's error when VIGIL_GETH is unset.
var ErrNoBinary = errors.New("VIGIL_GETH names no geth binary: `make e2e-geth` builds geth (the release the Makefile pins) and runs the geth scenario with it")

// Binary is the geth binary $VIGIL_GETH names: ErrNoBinary when it is unset, another
// error when it names no executable file.
func Binary() (string, error) {
	p := os.Getenv("VIGIL_GETH")
	if p == "" {
		return "", ErrNoBinary
	}
	if fi, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("VIGIL_GETH=%s: %w", p, err)
	} else if fi.IsDir() || fi.Mode()&0o111 == 0 {
		return "", fmt.Errorf("VIGIL_GETH=%s is not an executable file", p)
	}
	return p, nil
}

// Start runs geth --dev on free loopback ports with a block every period seconds (at
// least 1: the suites wait for blocks), its chain in a directory under t.TempDir() so
// that Restart resumes it, and sends each of keys' accounts 10,000 ether from the
// developer account. Without VIGIL_GETH the test is skipped; a VIGIL_GETH that names no
// executable fails it.
func Start(t *testing.T, period int, keys ...*ecdsa.PrivateKey) *Node {
	t.Helper()
	bin, err := Binary()
	if errors.Is(err, ErrNoBinary) {
		t.Skip(err)
	} else if err != nil {
		t.Fatal(err)
	}
	if period < 1 {
		t.Fatalf("geth.Start: period %d: geth --dev must seal blocks on a timer here (at least 1 s)", period)
	}
	n := &Node{t: t, bin: bin, datadir: filepath.Join(t.TempDir(), "geth"), period: period, keys: keys,
		httpPort: freePort(t), wsPort: freePort(t), authPort: freePort(t), out: &nodeproc.Output{Max: 1 << 20}}
	n.start()
	t.Cleanup(func() {
		n.Stop()
		if t.Failed() {
			t.Logf("geth's log (last lines):\n%s", n.out.Tail(40))
		}
	})
	for _, k := range keys {
		n.Fund(crypto.PubkeyToAddress(k.PublicKey), new(big.Int).Mul(big.NewInt(10_000), big.NewInt(1e18)))
	}
	return n
}

func freePort(t *testing.T) int {
	t.Helper()
	p, err := nodeproc.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// HTTP returns the node's HTTP JSON-RPC URL.
func (n *Node) HTTP() string { return fmt.Sprintf("http://127.0.0.1:%d", n.httpPort) }

// WS returns the node's WebSocket JSON-RPC URL.
func (n *Node) WS() string { return fmt.Sprintf("ws://127.0.0.1:%d", n.wsPort) }

// ChainID returns the developer network's chain id.
func (n *Node) ChainID() *big.Int { return big.NewInt(ChainID) }

// Key returns the i-th key Start funded.
func (n *Node) Key(i int) *ecdsa.PrivateKey { return n.keys[i] }

func (n *Node) start() {
	n.t.Helper()
	args := []string{"--dev", "--dev.period", strconv.Itoa(n.period), "--datadir", n.datadir,
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(n.httpPort), "--http.api", "eth,net,web3",
		"--ws", "--ws.addr", "127.0.0.1", "--ws.port", strconv.Itoa(n.wsPort), "--ws.api", "eth,net,web3",
		"--authrpc.addr", "127.0.0.1", "--authrpc.port", strconv.Itoa(n.authPort),
		"--port", "0", "--nodiscover", "--maxpeers", "0", "--ipcdisable", "--verbosity", "2"}
	proc, err := nodeproc.Start(n.bin, args, n.out)
	if err != nil {
		n.t.Fatalf("start geth: %v", err)
	}
	n.proc = proc
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		var err error
		if err = n.answers(ctx, n.HTTP()); err == nil {
			if err = n.answers(ctx, n.WS()); err == nil {
				return
			}
		}
		select {
		case <-ctx.Done():
			n.Stop()
			n.t.Fatalf("geth did not answer on %s and %s: %v\n%s", n.HTTP(), n.WS(), err, n.out.Tail(20))
		case err := <-n.proc.Exited():
			n.proc = nil
			n.t.Fatalf("geth exited: %v\n%s", err, n.out.Tail(20))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (n *Node) answers(ctx context.Context, url string) error {
	c, err := rpc.DialContext(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close()
	var id hexutil.Big
	if err := c.CallContext(ctx, &id, "eth_chainId"); err != nil {
		return err
	}
	if id.ToInt().Int64() != ChainID {
		return fmt.Errorf("chain id %s, want %d", id.ToInt(), ChainID)
	}
	return nil
}

// Stop interrupts geth, which flushes its chain to the data directory, and waits for it.
func (n *Node) Stop() {
	n.proc.Stop(30 * time.Second)
	n.proc = nil
}

// Restart stops geth and starts it again on the same ports from its data directory.
func (n *Node) Restart() {
	n.t.Helper()
	n.Stop()
	n.start()
}

// Fund sends amount wei from the developer account to to, signed by geth
// (eth_sendTransaction; geth estimates the gas and fees), and waits for the receipt.
func (n *Node) Fund(to common.Address, amount *big.Int) {
	n.t.Helper()
	ctx, cancel := context.WithTimeout(n.t.Context(), time.Minute)
	defer cancel()
	c, err := rpc.DialContext(ctx, n.HTTP())
	if err != nil {
		n.t.Fatal(err)
	}
	defer c.Close()
	var accounts []common.Address
	if err := c.CallContext(ctx, &accounts, "eth_accounts"); err != nil || len(accounts) == 0 {
		n.t.Fatalf("geth's developer account: %v (accounts %v)", err, accounts)
	}
	var hash common.Hash
	tx := map[string]any{"from": accounts[0], "to": to, "value": (*hexutil.Big)(amount)}
	if err := c.CallContext(ctx, &hash, "eth_sendTransaction", tx); err != nil {
		n.t.Fatalf("fund %s from geth's developer account: %v", to, err)
	}
	rcpt, err := waitReceipt(ctx, ethclient.NewClient(c), hash)
	if err != nil {
		n.t.Fatalf("fund %s: %v", to, err)
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		n.t.Fatalf("fund %s: transaction %s failed", to, hash)
	}
}

func waitReceipt(ctx context.Context, c *ethclient.Client, hash common.Hash) (*types.Receipt, error) {
	for {
		rcpt, err := c.TransactionReceipt(ctx, hash)
		if err == nil {
			return rcpt, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("no receipt for %s: %w", hash, errors.Join(ctx.Err(), err))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// Mine waits for blocks more blocks: geth --dev seals them on its own timer.
func (n *Node) Mine(blocks int) {
	n.t.Helper()
	c := n.client()
	defer c.Close()
	head := n.head(c)
	want := new(big.Int).Add(head.Number, big.NewInt(int64(blocks)))
	n.waitFor(c, time.Duration(blocks*n.period)*time.Second, fmt.Sprintf("block %s", want), func(h *types.Header) bool {
		return h.Number.Cmp(want) >= 0
	})
}

// AdvanceTo waits until a block with a timestamp at or after ts is sealed: geth --dev's
// clock is the wall clock, so time passes only in real time.
func (n *Node) AdvanceTo(ts uint64) {
	n.t.Helper()
	c := n.client()
	defer c.Close()
	head := n.head(c)
	var wait time.Duration
	if ts > head.Time {
		wait = time.Duration(ts-head.Time) * time.Second
	}
	n.waitFor(c, wait, fmt.Sprintf("a block at time %d", ts), func(h *types.Header) bool { return h.Time >= ts })
}

func (n *Node) client() *ethclient.Client {
	n.t.Helper()
	c, err := ethclient.DialContext(n.t.Context(), n.HTTP())
	if err != nil {
		n.t.Fatal(err)
	}
	return c
}

func (n *Node) head(c *ethclient.Client) *types.Header {
	n.t.Helper()
	h, err := c.HeaderByNumber(n.t.Context(), nil)
	if err != nil {
		n.t.Fatalf("geth's head: %v", err)
	}
	return h
}

// waitFor polls the head until ok holds, for about expected plus half a minute of slack.
func (n *Node) waitFor(c *ethclient.Client, expected time.Duration, what string, ok func(*types.Header) bool) {
	n.t.Helper()
	deadline := time.Now().Add(expected + 30*time.Second)
	for {
		h, err := c.HeaderByNumber(n.t.Context(), nil)
		if err == nil && ok(h) {
			return
		}
		if time.Now().After(deadline) {
			head := "unknown"
			if h != nil {
				head = h.Number.String()
			}
			n.t.Fatalf("geth sealed no %s in %v (head %s, %v)", what, expected+30*time.Second, head, err)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
