package tower

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/api"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/pgstore"
	"github.com/vigil-hub/vigil/watcher"
)

// Migrate applies the database migrations and exits.
func Migrate(ctx context.Context, cfg *Config) error {
	st, err := pgstore.Open(ctx, cfg.Database.URL)
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Migrate(ctx)
}

// LoadKey decrypts the tower's keystore file.
func LoadKey(cfg *Config) (*ecdsa.PrivateKey, error) {
	blob, err := os.ReadFile(cfg.Keystore.Path)
	if err != nil {
		return nil, fmt.Errorf("read keystore: %w", err)
	}
	var pass string
	if cfg.Keystore.PasswordFile != "" {
		b, err := os.ReadFile(cfg.Keystore.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("read keystore password file: %w", err)
		}
		pass = strings.TrimRight(string(b), "\r\n")
	} else {
		pass = os.Getenv(cfg.Keystore.PasswordEnv)
	}
	k, err := keystore.DecryptKey(blob, pass)
	if err != nil {
		return nil, fmt.Errorf("decrypt keystore %s: %w", cfg.Keystore.Path, err)
	}
	return k.PrivateKey, nil
}

// Run starts the watchtower — migrations, indexer, deposit API — and runs it until ctx
// ends, then shuts the API down gracefully.
func Run(ctx context.Context, cfg *Config, log *slog.Logger) error {
	key, err := LoadKey(cfg)
	if err != nil {
		return err
	}
	st, err := pgstore.Open(ctx, cfg.Database.URL)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	var endpoints []watcher.Endpoint
	var first *ethclient.Client // reads the contracts' parameters
	var chainID *big.Int
	for _, r := range cfg.Chain.RPC {
		c, err := ethclient.DialContext(ctx, r.URL)
		if err != nil {
			log.Warn("RPC endpoint unreachable at start", "endpoint", r.Name, "err", err)
			continue
		}
		defer c.Close()
		id, err := c.ChainID(ctx)
		if err != nil {
			log.Warn("RPC endpoint did not give its chain id", "endpoint", r.Name, "err", err)
			continue
		}
		if chainID != nil && id.Cmp(chainID) != 0 {
			return fmt.Errorf("RPC endpoint %s is on chain %s, others on %s", r.Name, id, chainID)
		}
		chainID = id
		if first == nil {
			first = c
		}
		endpoints = append(endpoints, watcher.Endpoint{Name: r.Name, Chain: c})
	}
	if len(endpoints) == 0 {
		return fmt.Errorf("start: %w", watcher.ErrNoEndpoint)
	}
	fo := watcher.NewFailover(endpoints, cfg.Chain.MaxLag, log)
	addrs, start, err := registerContracts(ctx, cfg, st, first, chainID)
	if err != nil {
		return err
	}
	ix, err := watcher.New(watcher.Config{ChainID: chainID, Contracts: addrs, StartBlock: start,
		Confirmations: cfg.Chain.Confirmations, PollInterval: cfg.Chain.PollInterval, Logger: log}, fo, st, nil)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: api.NewServer(st, api.NewKeySigner(key), log).Handler(),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	ln, err := net.Listen("tcp", cfg.API.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.API.Listen, err)
	}
	log.Info("watchtower started", "chain", chainID, "contracts", len(addrs), "api", ln.Addr().String())
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return ix.Run(gctx) })
	g.Go(func() error {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-gctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	})
	return g.Wait()
}

// registerContracts reads each configured contract's hub and challenge period from the
// chain and records it; it returns the addresses and the lowest deployment block.
func registerContracts(ctx context.Context, cfg *Config, st *pgstore.Store, c bind.ContractBackend, chainID *big.Int) ([]common.Address, uint64, error) {
	m := bindings.NewChannelManager()
	var addrs []common.Address
	start := uint64(0)
	for i, ct := range cfg.Contracts {
		addr := common.HexToAddress(ct.Address)
		inst := m.Instance(c, addr)
		opts := &bind.CallOpts{Context: ctx}
		hub, err := bind.Call(inst, opts, m.PackHub(), m.UnpackHub)
		if err != nil {
			return nil, 0, fmt.Errorf("contract %s: read hub (is it a ChannelManager?): %w", addr, err)
		}
		period, err := bind.Call(inst, opts, m.PackChallengePeriod(), m.UnpackChallengePeriod)
		if err != nil {
			return nil, 0, fmt.Errorf("contract %s: read challenge period: %w", addr, err)
		}
		if err := st.AddContract(ctx, store.Contract{ChainID: chainID, Address: addr, Hub: hub,
			DeployBlock: ct.DeployBlock, ChallengePeriod: period.Uint64()}); err != nil {
			return nil, 0, err
		}
		if i == 0 || ct.DeployBlock < start {
			start = ct.DeployBlock
		}
		addrs = append(addrs, addr)
	}
	return addrs, start, nil
}
