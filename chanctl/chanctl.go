// Package chanctl is what a user's wallet program (cmd/chanctl) is built from:
// chanctl.yaml read strictly, and the client.Wallet opened on it (key, node, and the hub's
// address as the contract records it). The command line itself lives in cmd/chanctl, as
// the hub's and the watchtower's do in cmd/hub and cmd/watchtower.
//
// Like the wallet it opens, it must never import a service package or a store.
package chanctl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/keyfile"
)

// Config is chanctl.yaml.
type Config struct {
	Hub string `yaml:"hub"` // the hub's API URL
	// Hubs are the API URLs of the hub's processes, when it runs several on one
	// database (with hub, or instead of it): the wallet moves among them by itself.
	Hubs     []string       `yaml:"hubs"`
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

// LoadConfig reads chanctl.yaml strictly. Relative paths in it (the keystore, its
// password file, the state file) are relative to the file's directory, as they are in the
// hub's and the watchtower's configurations: the wallet finds its files from any working
// directory. Absolute paths are kept as they are.
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
	if (c.Hub == "" && len(c.Hubs) == 0) || c.RPC == "" || c.State == "" {
		errs = append(errs, errors.New("hub (or hubs), rpc and state are required"))
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
	c.resolvePaths(filepath.Dir(path))
	return &c, errors.Join(errs...)
}

// resolvePaths makes the config's relative file paths relative to dir.
func (c *Config) resolvePaths(dir string) {
	c.Keystore = c.Keystore.RelativeTo(dir)
	if c.State != "" && !filepath.IsAbs(c.State) {
		c.State = filepath.Join(dir, c.State)
	}
}

// Open builds the wallet: key, node, and the hub's address as the contract records it.
// Without a state file it starts one only for a channel the hub does not know
// (client.Wallet.CheckNewState).
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
	w, err := client.Open(client.Config{HubURL: cfg.Hub, HubURLs: cfg.Hubs, Key: key, ChainID: chainID, Contract: contract, Hub: hubAddr,
		StatePath: cfg.State, Towers: cfg.Towers, MaxProposalTimeout: cfg.MaxProposalTimeout, Chain: node, Logger: log})
	if err != nil {
		return nil, err
	}
	if err := w.CheckNewState(ctx); err != nil {
		return nil, err
	}
	return w, nil
}
