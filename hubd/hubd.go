// Package hubd wires the hub process: configuration, store, chain, the hub and its HTTP
// API, the indexer that confirms on-chain operations, the sweeper, and the dispute engine
// that defends the hub's channels.
//
// hubd is the top of the hub: nothing but cmd/hub and tests import it, and it must never
// import the wallet (client, chanctl).
package hubd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/robfig/cron/v3"
	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/hubapi"
	"github.com/vigil-hub/vigil/internal/keyfile"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerd"
	"github.com/vigil-hub/vigil/watcher"
)

// Config is hub.yaml. Secrets stay out of it, as for the watchtower.
type Config struct {
	Database struct {
		URL string `yaml:"url"` // DATABASE_URL overrides it
	} `yaml:"database"`
	Chain struct {
		RPC           string        `yaml:"rpc"`
		Confirmations uint64        `yaml:"confirmations"`
		PollInterval  time.Duration `yaml:"poll_interval"`
	} `yaml:"chain"`
	Contract struct {
		Address     string `yaml:"address"`
		DeployBlock uint64 `yaml:"deploy_block"`
	} `yaml:"contract"`
	API struct {
		Listen string `yaml:"listen"`
	} `yaml:"api"`
	Keystore keyfile.Config `yaml:"keystore"`
	Payments struct {
		MinLockTime time.Duration `yaml:"min_lock_time"`
		MaxLockTime time.Duration `yaml:"max_lock_time"`
		LockMargin  time.Duration `yaml:"lock_margin"`
	} `yaml:"payments"`
	Collateral struct {
		Target towerd.Wei `yaml:"target"` // a payee's channel is topped up to this
	} `yaml:"collateral"`
	ProposalTimeout time.Duration         `yaml:"proposal_timeout"`
	Disputes        towerd.DisputesConfig `yaml:"disputes"`
	Sweep           string                `yaml:"sweep"` // cron spec; default @every 10s
}

// LoadConfig reads hub.yaml strictly and validates it.
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
	if v := os.Getenv("DATABASE_URL"); v != "" {
		c.Database.URL = v
	}
	dir := filepath.Dir(path)
	c.Keystore = c.Keystore.RelativeTo(dir)
	c.Database.URL = towerd.ResolveDatabaseURL(c.Database.URL, dir)
	if c.Chain.Confirmations == 0 {
		c.Chain.Confirmations = 12
	}
	if c.Chain.PollInterval == 0 {
		c.Chain.PollInterval = 2 * time.Second
	}
	if c.API.Listen == "" {
		c.API.Listen = "127.0.0.1:8580"
	}
	if c.Sweep == "" {
		c.Sweep = "@every 10s"
	}
	if c.Disputes.MaxFeePerGas.V == nil {
		c.Disputes.MaxFeePerGas.V, _ = towerd.ParseWei("500 gwei")
	}
	var errs []error
	if c.Database.URL == "" {
		errs = append(errs, errors.New("database.url: required (or set DATABASE_URL)"))
	}
	if c.Chain.RPC == "" {
		errs = append(errs, errors.New("chain.rpc: required"))
	}
	if !common.IsHexAddress(c.Contract.Address) {
		errs = append(errs, fmt.Errorf("contract.address: %q is not an address", c.Contract.Address))
	}
	if err := c.Keystore.Check(); err != nil {
		errs = append(errs, err)
	}
	if _, err := cron.ParseStandard(c.Sweep); err != nil {
		errs = append(errs, fmt.Errorf("sweep: %q: %w", c.Sweep, err))
	}
	return &c, errors.Join(errs...)
}

// Migrate applies the database migrations, creating a missing PostgreSQL database when
// it may.
func Migrate(ctx context.Context, cfg *Config) error {
	return towerd.Migrate(ctx, &towerd.Config{Database: cfg.Database})
}

// Run runs the hub until ctx ends.
func Run(ctx context.Context, cfg *Config, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	key, err := cfg.Keystore.Load()
	if err != nil {
		return err
	}
	st, err := OpenStore(ctx, cfg.Database.URL)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	client, err := ethclient.DialContext(ctx, cfg.Chain.RPC)
	if err != nil {
		return fmt.Errorf("dial %s: %w", "chain.rpc", err)
	}
	defer client.Close()
	chainID, err := client.ChainID(ctx)
	if err != nil {
		return err
	}
	contract := common.HexToAddress(cfg.Contract.Address)
	m := bindings.NewChannelManager()
	inst := m.Instance(client, contract)
	onchainHub, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, m.PackHub(), m.UnpackHub)
	if err != nil {
		return fmt.Errorf("contract %s: read hub (is it a ChannelManager?): %w", contract, err)
	}
	if me := crypto.PubkeyToAddress(key.PublicKey); me != onchainHub {
		return fmt.Errorf("the keystore holds %s, the contract's hub is %s", me, onchainHub)
	}
	period, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, m.PackChallengePeriod(), m.UnpackChallengePeriod)
	if err != nil {
		return err
	}
	if err := st.AddContract(ctx, store.Contract{ChainID: chainID, Address: contract, Hub: onchainHub,
		DeployBlock: cfg.Contract.DeployBlock, ChallengePeriod: period.Uint64()}); err != nil {
		return err
	}
	var now atomic.Uint64
	head, err := client.HeaderByNumber(ctx, nil)
	if err != nil {
		return err
	}
	now.Store(head.Time)
	h, err := hub.New(hub.Config{ChainID: chainID, Contract: contract, Key: key, Now: now.Load,
		MinLockTime: uint64(cfg.Payments.MinLockTime.Seconds()), MaxLockTime: uint64(cfg.Payments.MaxLockTime.Seconds()),
		LockMargin: uint64(cfg.Payments.LockMargin.Seconds()), ProposalTimeout: uint64(cfg.ProposalTimeout.Seconds()),
		CollateralTarget: cfg.Collateral.Target.V, Logger: log},
		st, &hub.ChainExecutor{Backend: client, Key: key, ChainID: chainID, Contract: contract})
	if err != nil {
		return err
	}
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: chainID, Key: key, MaxFeePerGas: cfg.Disputes.MaxFeePerGas.V,
		Tip: cfg.Disputes.Tip.V, Urgency: cfg.Disputes.Urgency, StuckBlocks: cfg.Disputes.StuckBlocks,
		Confirmations: cfg.Chain.Confirmations, Logger: log}, client, st)
	if err != nil {
		return err
	}
	eng := disputes.NewEngine(disputes.EngineConfig{ChainID: chainID, Sender: snd.Address(), AutoSettle: cfg.Disputes.AutoSettle,
		Logger: log, Wake: snd.Wake}, hub.DisputeStates{Store: st}, st, st)
	ix, err := watcher.New(watcher.Config{ChainID: chainID, Contracts: []common.Address{contract}, StartBlock: cfg.Contract.DeployBlock,
		Confirmations: cfg.Chain.Confirmations, PollInterval: cfg.Chain.PollInterval, Logger: log}, client, st,
		func(ctx context.Context, u watcher.Update) {
			// The events may be newer than the clock's last tick: read the head once.
			if hd, err := client.HeaderByNumber(ctx, nil); err == nil && hd.Time > now.Load() {
				now.Store(hd.Time)
			}
			h.Consume(ctx, u)
			eng.Consume(ctx, u)
		})
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: hubapi.NewServer(h, st, log).Handler(), ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", cfg.API.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.API.Listen, err)
	}
	log.Info("hub started", "chain", chainID, "contract", contract, "hub", onchainHub, "api", ln.Addr().String())
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return ix.Run(gctx) })
	g.Go(func() error { return snd.Run(gctx) })
	g.Go(func() error { // the chain clock
		t := time.NewTicker(cfg.Chain.PollInterval)
		defer t.Stop()
		for {
			select {
			case <-gctx.Done():
				return nil
			case <-t.C:
				if hd, err := client.HeaderByNumber(gctx, nil); err == nil {
					now.Store(hd.Time)
				}
			}
		}
	})
	sweeper := cron.New()
	if _, err := sweeper.AddFunc(cfg.Sweep, func() {
		if err := h.Sweep(gctx); err != nil && gctx.Err() == nil {
			log.Warn("sweep incomplete", "err", err)
		}
		if err := eng.Reconcile(gctx); err != nil && gctx.Err() == nil {
			log.Warn("dispute reconcile incomplete", "err", err)
		}
	}); err != nil {
		return err
	}
	sweeper.Start()
	defer func() { <-sweeper.Stop().Done() }()
	g.Go(func() error { return serve.HTTP(gctx, srv, ln) })
	return g.Wait()
}
