// Package chanctl is the command line of a user's wallet (cmd/chanctl): status, deposit,
// pay, listen, withdraw, close, exit and settle, over a client.Wallet.
//
// Like the wallet it drives, it must never import a service package or a store.
package chanctl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts/bindings"
	vcli "github.com/vigil-hub/vigil/internal/cli"
	"github.com/vigil-hub/vigil/internal/keyfile"
	"github.com/vigil-hub/vigil/internal/wei"
)

// Config is chanctl.yaml.
type Config struct {
	Hub      string         `yaml:"hub"`      // the hub's API URL
	RPC      string         `yaml:"rpc"`      // an Ethereum node
	Contract string         `yaml:"contract"` // the ChannelManager
	Keystore keyfile.Config `yaml:"keystore"`
	State    string         `yaml:"state"`  // the wallet's state file
	Towers   []string       `yaml:"towers"` // watchtower API URLs to back states up to
}

// ErrUsage reports a command line that does not parse. It is internal/cli's ErrUsage, on
// which cmd/chanctl exits 2.
var ErrUsage = vcli.ErrUsage

// LoadConfig reads chanctl.yaml strictly.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("parse config: %w", err)
	}
	var errs []error
	if c.Hub == "" || c.RPC == "" || c.State == "" {
		errs = append(errs, errors.New("hub, rpc and state are required"))
	}
	if !common.IsHexAddress(c.Contract) {
		errs = append(errs, fmt.Errorf("contract: %q is not an address", c.Contract))
	}
	if err := c.Keystore.Check(); err != nil {
		errs = append(errs, err)
	}
	return &c, errors.Join(errs...)
}

// Run runs one command line, args without the program's name (["--config", "x.yaml",
// "pay", "0x…", "1", "ether"]), printing to out. A command line that does not parse is an
// ErrUsage before any file or node is used.
func Run(ctx context.Context, args []string, out io.Writer) error {
	app := App()
	app.Writer = out
	return vcli.Execute(ctx, app, append([]string{app.Name}, args...))
}

// Open builds the wallet: key, node, and the hub's address as the contract records it.
func Open(ctx context.Context, cfg *Config) (*client.Wallet, error) {
	key, err := cfg.Keystore.Load()
	if err != nil {
		return nil, err
	}
	node, err := ethclient.DialContext(ctx, cfg.RPC)
	if err != nil {
		return nil, fmt.Errorf("dial rpc: %w", err)
	}
	chainID, err := node.ChainID(ctx)
	if err != nil {
		return nil, err
	}
	contract := common.HexToAddress(cfg.Contract)
	m := bindings.NewChannelManager()
	hubAddr, err := bind.Call(m.Instance(node, contract), &bind.CallOpts{Context: ctx}, m.PackHub(), m.UnpackHub)
	if err != nil {
		return nil, fmt.Errorf("contract %s: read hub: %w", contract, err)
	}
	return client.Open(client.Config{HubURL: cfg.Hub, Key: key, ChainID: chainID, Contract: contract, Hub: hubAddr,
		StatePath: cfg.State, Towers: cfg.Towers, Chain: node})
}

// amount parses "1.5 ether" from arguments.
func amount(args []string) (*big.Int, error) {
	v, err := wei.Parse(strings.Join(args, " "))
	if err != nil {
		return nil, err
	}
	if v.Sign() <= 0 {
		return nil, fmt.Errorf("amount must be positive")
	}
	return v, nil
}

// splitAddress takes a trailing address argument off args.
func splitAddress(args []string) ([]string, common.Address, error) {
	if len(args) > 0 && strings.HasPrefix(args[len(args)-1], "0x") {
		if !common.IsHexAddress(args[len(args)-1]) {
			return nil, common.Address{}, fmt.Errorf("%q is not an address", args[len(args)-1])
		}
		return args[:len(args)-1], common.HexToAddress(args[len(args)-1]), nil
	}
	return args, common.Address{}, nil
}

// Do runs a command on an open wallet.
func Do(ctx context.Context, w *client.Wallet, cmd string, rest []string, out io.Writer) error {
	switch cmd {
	case "status":
		if err := w.Sync(ctx); err != nil {
			return err
		}
		s, locks := w.Latest()
		fmt.Fprintf(out, "user %s\nnonce %s (on-chain %s)\nbalance: you %s wei, hub %s wei\n", w.Address(), s.Nonce, s.OnchainNonce,
			s.WeiBalances[1], s.WeiBalances[0])
		for _, l := range locks {
			dir := "outgoing"
			if l.Sender == 0 {
				dir = "incoming"
			}
			fmt.Fprintf(out, "lock %s %s wei, expires %s (%s)\n", l.Hashlock, l.AmountWei, l.Expiry, dir)
		}
		if s.HasPending() {
			fmt.Fprintf(out, "pending on-chain operation until %s\n", s.Timeout)
		}
	case "deposit":
		v, err := amount(rest)
		if err != nil {
			return err
		}
		r, err := w.Deposit(ctx, v)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "deposited %s wei in transaction %s; the hub confirms it once final (run status)\n", v, r.TxHash)
	case "pay":
		if !common.IsHexAddress(rest[0]) {
			return fmt.Errorf("%w: %q is not an address", ErrUsage, rest[0])
		}
		v, err := amount(rest[1:])
		if err != nil {
			return err
		}
		hl, err := w.Pay(ctx, common.HexToAddress(rest[0]), v)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "paid %s wei to %s (hashlock %s)\n", v, rest[0], hl)
	case "listen":
		fmt.Fprintf(out, "listening as %s; interrupt to stop\n", w.Address())
		return w.Listen(ctx)
	case "withdraw":
		args, to, err := splitAddress(rest)
		if err != nil {
			return err
		}
		v, err := amount(args)
		if err != nil {
			return err
		}
		r, err := w.Withdraw(ctx, v, to)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "withdrew %s wei in transaction %s\n", v, r.TxHash)
	case "close":
		_, to, err := splitAddress(rest)
		if err != nil {
			return err
		}
		r, err := w.Close(ctx, to)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "closed in transaction %s\n", r.TxHash)
	case "exit":
		r, err := w.Exit(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "exit started in transaction %s; settle after the challenge period\n", r.TxHash)
	case "settle":
		r, err := w.Settle(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "settled in transaction %s\n", r.TxHash)
	}
	return nil
}

// report prints what the watchtowers did with the states backed up during the command.
func report(w *client.Wallet, out io.Writer) {
	for _, r := range w.Reports() {
		if r.Err != nil {
			fmt.Fprintf(out, "WARNING: watchtower %s: %v\n", r.Tower, r.Err)
		}
	}
}
