package rpcclient

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
	"github.com/vigil-hub/vigil/internal/redact"
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
// endpoint and succeeds if any accepts it. Every call is counted and scrubbed once, by
// the endpoint it went to (endpoint.go).
type Chain struct {
	*watcher.Failover
	endpoints []*endpoint
	id        *big.Int
	close     func()
}

var _ Client = (*Chain)(nil)

// Dial connects to every configured endpoint. Endpoints that do not answer at start are
// skipped with a warning (the first that answers gives the chain id; an endpoint on
// another chain is an error); with none left it fails with watcher.ErrNoEndpoint.
// URLs never reach a log or an error: endpoints are named.
func Dial(ctx context.Context, urls []NamedURL, maxLag uint64, rec Recorder, log *slog.Logger) (*Chain, error) {
	var eps []Endpoint
	var clients []*ethclient.Client
	closeAll := func() {
		for _, c := range clients {
			c.Close()
		}
	}
	if log == nil {
		log = slog.Default()
	}
	for _, r := range urls {
		c, err := ethclient.DialContext(ctx, r.URL)
		if err != nil {
			log.Warn("RPC endpoint unreachable at start", "endpoint", r.Name, "err", redact.URLError(err, r.URL))
			continue
		}
		clients = append(clients, c)
		eps = append(eps, Endpoint{Name: r.Name, URL: r.URL, Client: c})
	}
	ch, err := NewChain(ctx, eps, maxLag, rec, log)
	if err != nil {
		closeAll()
		return nil, err
	}
	ch.close = closeAll
	return ch, nil
}

// NamedURL is one configured endpoint: a name for logs and metrics, and its URL, which
// may carry a key and is never shown.
type NamedURL struct {
	Name, URL string
}

// Endpoint is one named node. URL, when set, is the URL it was dialled with: its secrets
// are scrubbed from every error the endpoint returns.
type Endpoint struct {
	Name   string
	URL    string
	Client Client
}

// NewChain returns a Chain over endpoints that are already connected (a simulated chain's
// client, or dialled nodes). Endpoints that do not give a chain id are skipped.
// Every call of an endpoint is counted by rec (nil: not counted).
func NewChain(ctx context.Context, eps []Endpoint, maxLag uint64, rec Recorder, log *slog.Logger) (*Chain, error) {
	if log == nil {
		log = slog.Default()
	}
	c := &Chain{}
	var wes []watcher.Endpoint
	for _, e := range eps {
		ep := newEndpoint(e, rec)
		id, err := ep.ChainID(ctx)
		if err != nil {
			log.Warn("RPC endpoint did not give its chain id", "endpoint", e.Name, "err", err)
			continue
		}
		if c.id != nil && id.Cmp(c.id) != 0 {
			return nil, fmt.Errorf("RPC endpoint %s is on chain %s, the others on %s: %w", e.Name, id, c.id, ErrWrongChain)
		}
		c.id = id
		c.endpoints = append(c.endpoints, ep)
		wes = append(wes, watcher.Endpoint{Name: e.Name, Chain: ep})
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
func on[T any](ctx context.Context, c *Chain, method string, call func(Client) (T, error)) (T, error) {
	var v T
	err := c.Do(ctx, method, func(ch watcher.Chain) error {
		var err error
		v, err = call(ch.(*endpoint)) // every endpoint of the failover is one of ours
		return err
	})
	return v, err
}

// ChainID returns the chain id the endpoints agree on.
func (c *Chain) ChainID(context.Context) (*big.Int, error) { return c.ID(), nil }

// PendingNonceAt fails over.
func (c *Chain) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	return on(ctx, c, methodNonce, func(x Client) (uint64, error) { return x.PendingNonceAt(ctx, a) })
}

// NonceAt fails over. The dispute sender reads the account's nonce at the head to tell an
// account nonce that another transaction used.
func (c *Chain) NonceAt(ctx context.Context, a common.Address, block *big.Int) (uint64, error) {
	return on(ctx, c, methodNonce, func(x Client) (uint64, error) { return x.NonceAt(ctx, a, block) })
}

// BalanceAt fails over.
func (c *Chain) BalanceAt(ctx context.Context, a common.Address, block *big.Int) (*big.Int, error) {
	return on(ctx, c, methodBalance, func(x Client) (*big.Int, error) { return x.BalanceAt(ctx, a, block) })
}

// EstimateGas fails over.
func (c *Chain) EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error) {
	return on(ctx, c, methodEstimateGas, func(x Client) (uint64, error) { return x.EstimateGas(ctx, msg) })
}

// TransactionReceipt fails over; ethereum.NotFound is an answer, not a failure.
func (c *Chain) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	return on(ctx, c, methodReceipt, func(x Client) (*types.Receipt, error) { return x.TransactionReceipt(ctx, h) })
}

// CodeAt fails over.
func (c *Chain) CodeAt(ctx context.Context, a common.Address, block *big.Int) ([]byte, error) {
	return on(ctx, c, methodCode, func(x Client) ([]byte, error) { return x.CodeAt(ctx, a, block) })
}

// CallContract fails over.
func (c *Chain) CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error) {
	return on(ctx, c, methodCall, func(x Client) ([]byte, error) { return x.CallContract(ctx, msg, block) })
}

// PendingCodeAt fails over.
func (c *Chain) PendingCodeAt(ctx context.Context, a common.Address) ([]byte, error) {
	return on(ctx, c, methodCode, func(x Client) ([]byte, error) { return x.PendingCodeAt(ctx, a) })
}

// SuggestGasPrice fails over.
func (c *Chain) SuggestGasPrice(ctx context.Context) (*big.Int, error) {
	return on(ctx, c, methodGasPrice, func(x Client) (*big.Int, error) { return x.SuggestGasPrice(ctx) })
}

// SuggestGasTipCap fails over.
func (c *Chain) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	return on(ctx, c, methodGasTip, func(x Client) (*big.Int, error) { return x.SuggestGasTipCap(ctx) })
}

// SubscribeFilterLogs subscribes on the first endpoint that accepts.
func (c *Chain) SubscribeFilterLogs(ctx context.Context, q ethereum.FilterQuery, ch chan<- types.Log) (ethereum.Subscription, error) {
	var errs []error
	for _, e := range c.endpoints {
		sub, err := e.SubscribeFilterLogs(ctx, q, ch)
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
		if err := e.SendTransaction(ctx, tx); err != nil {
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

// TransactionByHash fails over; ethereum.NotFound is an answer, not a failure.
func (c *Chain) TransactionByHash(ctx context.Context, h common.Hash) (*types.Transaction, bool, error) {
	type res struct {
		tx      *types.Transaction
		pending bool
	}
	r, err := on(ctx, c, methodTransaction, func(x Client) (res, error) {
		tx, pending, err := x.TransactionByHash(ctx, h)
		return res{tx, pending}, err
	})
	return r.tx, r.pending, err
}
