package towerd

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/watcher"
)

// LoadKey decrypts the tower's keystore file.
func LoadKey(cfg *Config) (*ecdsa.PrivateKey, error) {
	return cfg.Keystore.Load()
}

// Run starts the watchtower — migrations, indexer, deposit API — and runs it until ctx
// ends, then shuts the API down gracefully.
func Run(ctx context.Context, cfg *Config, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	key, err := LoadKey(cfg)
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
	m := newAlertCounter()
	alerts, slackSink, err := cfg.Alerts.sink(log, m)
	if err != nil {
		return err
	}
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: chainID, Key: key, MaxFeePerGas: cfg.Disputes.MaxFeePerGas.V,
		Tip: cfg.Disputes.Tip.V, Urgency: cfg.Disputes.Urgency, StuckBlocks: cfg.Disputes.StuckBlocks,
		Confirmations: cfg.Chain.Confirmations, Logger: log, Alerts: alerts}, sendChain{fo}, st)
	if err != nil {
		return err
	}
	settle := map[common.Address]bool{}
	for _, ct := range cfg.Contracts {
		if ct.AutoSettle != nil {
			settle[common.HexToAddress(ct.Address)] = *ct.AutoSettle
		}
	}
	eng := disputes.NewEngine(disputes.EngineConfig{ChainID: chainID, Sender: snd.Address(), AutoSettle: cfg.Disputes.AutoSettle,
		Settle: settle, Logger: log, Alerts: alerts, Wake: snd.Wake}, st, st, st)
	ix, err := watcher.New(watcher.Config{ChainID: chainID, Contracts: addrs, StartBlock: start,
		Confirmations: cfg.Chain.Confirmations, PollInterval: cfg.Chain.PollInterval, Logger: log}, fo, st, eng.Consume)
	if err != nil {
		return err
	}
	duties := &Duties{Indexer: ix, Engine: eng, Sender: snd, Schedules: cfg.Schedules, BalanceFloor: cfg.Disputes.BalanceFloor.V, Log: log}
	replica := &Replica{Store: st, LockKey: cfg.Leader.LockKey, Duties: duties.Run, Log: log}
	m.register(ix, replica)
	srv := &http.Server{Handler: withOps(towerapi.NewServer(st, towerapi.NewKeySigner(key), log).Handler(), m, st.Ping),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	ln, err := net.Listen("tcp", cfg.API.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.API.Listen, err)
	}
	log.Info("watchtower started", "chain", chainID, "contracts", len(addrs), "api", ln.Addr().String(), "account", snd.Address())
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return replica.Run(gctx) })
	if slackSink != nil {
		g.Go(func() error { return slackSink.Run(gctx) })
	}
	g.Go(func() error { return serve.HTTP(gctx, srv, ln) })
	return g.Wait()
}

// sendChain is the sender's view of the chain over the failover's endpoints (all
// *ethclient.Client): calls fail over like the indexer's, and a transaction is broadcast
// to every endpoint, succeeding if any accepts it.
type sendChain struct{ *watcher.Failover }

func (c sendChain) PendingNonceAt(ctx context.Context, a common.Address) (n uint64, err error) {
	err = c.Do(ctx, "pending nonce", func(ch watcher.Chain) error {
		n, err = ch.(*ethclient.Client).PendingNonceAt(ctx, a)
		return err
	})
	return n, err
}

func (c sendChain) BalanceAt(ctx context.Context, a common.Address, block *big.Int) (b *big.Int, err error) {
	err = c.Do(ctx, "balance", func(ch watcher.Chain) error {
		b, err = ch.(*ethclient.Client).BalanceAt(ctx, a, block)
		return err
	})
	return b, err
}

func (c sendChain) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (g uint64, err error) {
	err = c.Do(ctx, "estimate gas", func(ch watcher.Chain) error {
		g, err = ch.(*ethclient.Client).EstimateGas(ctx, msg)
		return err
	})
	return g, err
}

func (c sendChain) TransactionReceipt(ctx context.Context, h common.Hash) (r *types.Receipt, err error) {
	err = c.Do(ctx, "receipt", func(ch watcher.Chain) error {
		r, err = ch.(*ethclient.Client).TransactionReceipt(ctx, h)
		return err
	})
	return r, err
}

func (c sendChain) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	var errs []error
	for _, e := range c.Endpoints() {
		err := e.Chain.(*ethclient.Client).SendTransaction(ctx, tx)
		if err == nil {
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", e.Name, err))
	}
	return errors.Join(errs...)
}

// registerContracts reads each configured contract's hub and challenge period from the
// chain and records it; it returns the addresses and the lowest deployment block.
func registerContracts(ctx context.Context, cfg *Config, st interface {
	AddContract(ctx context.Context, c store.Contract) error
}, c bind.ContractBackend, chainID *big.Int) ([]common.Address, uint64, error) {
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
