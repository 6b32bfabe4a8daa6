// Package chanctl is the command line of a user's wallet (cmd/chanctl): status, deposit,
// pay, listen, withdraw, close, exit, settle and towers, over a client.Wallet. Amounts are
// shown in ether (the token's in its own units), in wei with --wei; --json prints one
// JSON object, and errors as one on standard error. Every command first retries the
// backups its watchtowers have not receipted.
//
// Like the wallet it drives, it must never import a service package or a store.
package chanctl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"os"
	"strings"
	"time"

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
	// MaxProposalTimeout caps how far after chain time a proposal's timeout may be for the
	// wallet to co-sign it, below the hub's advertised maximum (default an hour).
	MaxProposalTimeout time.Duration `yaml:"max_proposal_timeout"`
}

// ErrConfig reports a chanctl.yaml that cannot be read or is not valid.
var ErrConfig = errors.New("bad configuration")

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
	if c.MaxProposalTimeout < 0 {
		errs = append(errs, fmt.Errorf("max_proposal_timeout: %s is negative", c.MaxProposalTimeout))
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
	return RunIO(ctx, args, out, os.Stderr)
}

// RunIO is Run with the wallet's log, and --json's progress lines, written to errOut.
func RunIO(ctx context.Context, args []string, out, errOut io.Writer) error {
	app := App()
	app.Writer, app.ErrWriter = out, errOut
	return vcli.Execute(ctx, app, append([]string{app.Name}, args...))
}

// Open builds the wallet: key, node, and the hub's address as the contract records it.
// The wallet logs to log (slog's default when nil).
func Open(ctx context.Context, cfg *Config, log *slog.Logger) (*client.Wallet, error) {
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
		StatePath: cfg.State, Towers: cfg.Towers, MaxProposalTimeout: cfg.MaxProposalTimeout, Chain: node, Logger: log})
}

// amount parses an amount of ether people type ("1.5 ether", "0.2" for 0.2 ether, "1000
// wei", "3 gwei") from arguments.
func amount(args []string) (*big.Int, error) {
	v, err := wei.ParseEther(strings.Join(args, " "))
	if err != nil {
		return nil, err
	}
	return positive(v)
}

// tokenAmount parses an amount of the token people type, in its decimals ("2.5", or
// "2.5 VTT" with its symbol), from arguments.
func tokenAmount(args []string, t client.Token) (*big.Int, error) {
	v, err := wei.ParseUnits(strings.Join(args, " "), t.Decimals, t.Symbol)
	if err != nil {
		return nil, err
	}
	return positive(v)
}

func positive(v *big.Int) (*big.Int, error) {
	if v.Sign() <= 0 {
		return nil, fmt.Errorf("amount must be positive")
	}
	return v, nil
}

// isEther reports whether --asset names ether (the default).
func isEther(asset string) bool {
	a := strings.TrimSpace(asset)
	return a == "" || strings.EqualFold(a, "ether") || strings.EqualFold(a, "eth")
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
