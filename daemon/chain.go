package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/watcher"
)

// Client is everything a process asks of one node: what the indexer reads, what the
// sender sends, and what contract calls need. *ethclient.Client and the simulated chain's
// client both satisfy it.
type Client interface {
	watcher.Chain
	disputes.Chain
	bind.ContractBackend
	ChainID(ctx context.Context) (*big.Int, error)
}

// Chain is a Client over several endpoints in order of preference: reads go to the
// current endpoint and fail over to the next on error (through watcher.Failover, which
// also moves off an endpoint lagging the best head); a transaction is broadcast to every
// endpoint and succeeds if any accepts it. Every call is counted by endpoint and result.
type Chain struct {
	*watcher.Failover
	endpoints []endpoint
	id        *big.Int
	metrics   *Metrics
	close     func()
}

type endpoint struct {
	name string
	c    Client
}

var _ Client = (*Chain)(nil)

// ErrWrongChain reports an endpoint on another chain than the others.
var ErrWrongChain = errors.New("endpoint on another chain")

// Dial connects to every configured endpoint. Endpoints that do not answer at start are
// skipped with a warning (the first that answers gives the chain id; an endpoint on
// another chain is an error); with none left it fails with watcher.ErrNoEndpoint.
// URLs never reach a log or an error: endpoints are named.
func Dial(ctx context.Context, cfg ChainConfig, m *Metrics, log *slog.Logger) (*Chain, error) {
	var eps []Endpoint
	var clients []*ethclient.Client
	closeAll := func() {
		for _, c := range clients {
			c.Close()
		}
	}
	for _, r := range cfg.RPC {
		c, err := ethclient.DialContext(ctx, r.URL)
		if err != nil {
			log.Warn("RPC endpoint unreachable at start", "endpoint", r.Name, "err", redactErr(err, r.URL))
			continue
		}
		clients = append(clients, c)
		eps = append(eps, Endpoint{Name: r.Name, Client: scrub(c, r.URL)})
	}
	ch, err := NewChain(ctx, eps, cfg.MaxLag, m, log)
	if err != nil {
		closeAll()
		return nil, err
	}
	ch.close = closeAll
	return ch, nil
}

// Endpoint is one named node.
type Endpoint struct {
	Name   string
	Client Client
}

// NewChain returns a Chain over endpoints that are already connected (a simulated chain's
// client, or dialled nodes). Endpoints that do not give a chain id are skipped.
func NewChain(ctx context.Context, eps []Endpoint, maxLag uint64, m *Metrics, log *slog.Logger) (*Chain, error) {
	if log == nil {
		log = slog.Default()
	}
	c := &Chain{metrics: m}
	var wes []watcher.Endpoint
	for _, e := range eps {
		id, err := e.Client.ChainID(ctx)
		m.rpc(e.Name, "chain id", err)
		if err != nil {
			log.Warn("RPC endpoint did not give its chain id", "endpoint", e.Name, "err", err)
			continue
		}
		if c.id != nil && id.Cmp(c.id) != 0 {
			return nil, fmt.Errorf("RPC endpoint %s is on chain %s, the others on %s: %w", e.Name, id, c.id, ErrWrongChain)
		}
		c.id = id
		counted := &countedClient{Client: e.Client, name: e.Name, m: m}
		c.endpoints = append(c.endpoints, endpoint{e.Name, counted})
		wes = append(wes, watcher.Endpoint{Name: e.Name, Chain: counted})
	}
	if len(c.endpoints) == 0 {
		return nil, fmt.Errorf("start: %w", watcher.ErrNoEndpoint)
	}
	c.Failover = watcher.NewFailover(wes, maxLag, log)
	return c, nil
}

// ID is the chain id the endpoints agree on.
func (c *Chain) ID() *big.Int { return new(big.Int).Set(c.id) }

// Close closes the connections Dial opened.
func (c *Chain) Close() {
	if c.close != nil {
		c.close()
	}
}

// on runs call on the current endpoint's client, failing over like the indexer's reads.
func on[T any](ctx context.Context, c *Chain, what string, call func(Client) (T, error)) (T, error) {
	var v T
	err := c.Do(ctx, what, func(ch watcher.Chain) error {
		var err error
		v, err = call(ch.(*countedClient)) // every endpoint of the failover is one of ours
		return err
	})
	return v, err
}

// ChainID returns the chain id the endpoints agree on.
func (c *Chain) ChainID(context.Context) (*big.Int, error) { return c.ID(), nil }

// PendingNonceAt fails over.
func (c *Chain) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	return on(ctx, c, "pending nonce", func(x Client) (uint64, error) { return x.PendingNonceAt(ctx, a) })
}

// BalanceAt fails over.
func (c *Chain) BalanceAt(ctx context.Context, a common.Address, block *big.Int) (*big.Int, error) {
	return on(ctx, c, "balance", func(x Client) (*big.Int, error) { return x.BalanceAt(ctx, a, block) })
}

// EstimateGas fails over.
func (c *Chain) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	return on(ctx, c, "estimate gas", func(x Client) (uint64, error) { return x.EstimateGas(ctx, msg) })
}

// TransactionReceipt fails over; ethereum.NotFound is an answer, not a failure.
func (c *Chain) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	return on(ctx, c, "receipt", func(x Client) (*types.Receipt, error) { return x.TransactionReceipt(ctx, h) })
}

// CodeAt fails over.
func (c *Chain) CodeAt(ctx context.Context, a common.Address, block *big.Int) ([]byte, error) {
	return on(ctx, c, "code", func(x Client) ([]byte, error) { return x.CodeAt(ctx, a, block) })
}

// CallContract fails over.
func (c *Chain) CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error) {
	return on(ctx, c, "call", func(x Client) ([]byte, error) { return x.CallContract(ctx, msg, block) })
}

// PendingCodeAt fails over.
func (c *Chain) PendingCodeAt(ctx context.Context, a common.Address) ([]byte, error) {
	return on(ctx, c, "pending code", func(x Client) ([]byte, error) { return x.PendingCodeAt(ctx, a) })
}

// SuggestGasPrice fails over.
func (c *Chain) SuggestGasPrice(ctx context.Context) (*big.Int, error) {
	return on(ctx, c, "gas price", func(x Client) (*big.Int, error) { return x.SuggestGasPrice(ctx) })
}

// SuggestGasTipCap fails over.
func (c *Chain) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	return on(ctx, c, "gas tip", func(x Client) (*big.Int, error) { return x.SuggestGasTipCap(ctx) })
}

// SubscribeFilterLogs subscribes on the first endpoint that accepts.
func (c *Chain) SubscribeFilterLogs(ctx context.Context, q ethereum.FilterQuery, ch chan<- types.Log) (ethereum.Subscription, error) {
	var errs []error
	for _, e := range c.endpoints {
		sub, err := e.c.SubscribeFilterLogs(ctx, q, ch)
		if err == nil {
			return sub, nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", e.name, err))
	}
	return nil, errors.Join(errs...)
}

// SendTransaction broadcasts tx to every endpoint, so that one node's pool losing it does
// not lose it; it succeeds if any endpoint accepts it.
func (c *Chain) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	var errs []error
	accepted := false
	for _, e := range c.endpoints {
		if err := e.c.SendTransaction(ctx, tx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", e.name, err))
			continue
		}
		accepted = true
	}
	if accepted {
		return nil
	}
	return errors.Join(errs...)
}

// countedClient counts every call of one endpoint by result.
type countedClient struct {
	Client
	name string
	m    *Metrics
}

func (c *countedClient) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	h, err := c.Client.HeaderByNumber(ctx, n)
	c.m.rpc(c.name, "header", err)
	return h, err
}

func (c *countedClient) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	l, err := c.Client.FilterLogs(ctx, q)
	c.m.rpc(c.name, "getLogs", err)
	return l, err
}

func (c *countedClient) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	err := c.Client.SendTransaction(ctx, tx)
	c.m.rpc(c.name, "send", err)
	return err
}

func (c *countedClient) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	r, err := c.Client.TransactionReceipt(ctx, h)
	if errors.Is(err, ethereum.NotFound) {
		c.m.rpc(c.name, "receipt", nil)
	} else {
		c.m.rpc(c.name, "receipt", err)
	}
	return r, err
}

func (c *countedClient) CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error) {
	b, err := c.Client.CallContract(ctx, msg, block)
	c.m.rpc(c.name, "call", err)
	return b, err
}

func (c *countedClient) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	n, err := c.Client.PendingNonceAt(ctx, a)
	c.m.rpc(c.name, "pending nonce", err)
	return n, err
}

func (c *countedClient) BalanceAt(ctx context.Context, a common.Address, block *big.Int) (*big.Int, error) {
	b, err := c.Client.BalanceAt(ctx, a, block)
	c.m.rpc(c.name, "balance", err)
	return b, err
}

func (c *countedClient) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	g, err := c.Client.EstimateGas(ctx, msg)
	c.m.rpc(c.name, "estimate gas", err)
	return g, err
}

// SubscribeNewHead passes a WebSocket endpoint's head subscription through, so that the
// indexer is woken on new heads.
func (c *countedClient) SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	s, ok := c.Client.(watcher.HeadSubscriber)
	if !ok {
		return nil, errors.New("endpoint offers no head subscriptions")
	}
	return s.SubscribeNewHead(ctx, ch)
}

// TransactionByHash fails over; ethereum.NotFound is an answer, not a failure.
func (c *Chain) TransactionByHash(ctx context.Context, h common.Hash) (*types.Transaction, bool, error) {
	type res struct {
		tx      *types.Transaction
		pending bool
	}
	r, err := on(ctx, c, "transaction", func(x Client) (res, error) {
		tx, pending, err := x.TransactionByHash(ctx, h)
		return res{tx, pending}, err
	})
	return r.tx, r.pending, err
}
