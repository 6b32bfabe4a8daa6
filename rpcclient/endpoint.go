package rpcclient

import (
	"context"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/internal/redact"
	"github.com/vigil-hub/vigil/watcher"
)

// endpoint is one node's client as the rest of the process sees it: every call goes
// through do, which scrubs the endpoint URL's secrets from its error (go-ethereum's and
// net/http's errors quote the URL they called, and these errors reach logs, alerts and
// the store) and counts it by JSON-RPC method and result.
type endpoint struct {
	name    string
	c       Client
	secrets []string
	rec     Recorder
}

var _ Client = (*endpoint)(nil)

func newEndpoint(e Endpoint, rec Recorder) *endpoint {
	var secrets []string
	if e.URL != "" {
		secrets = redact.URLSecrets(e.URL)
	}
	return &endpoint{name: e.Name, c: e.Client, secrets: secrets, rec: rec}
}

// do is the one place a call's error is scrubbed and counted. ethereum.NotFound is an
// answer (no such receipt yet), not a failure.
func do[T any](e *endpoint, method string, v T, err error) (T, error) {
	if err != nil && len(e.secrets) > 0 {
		err = redact.Error(err, e.secrets...)
	}
	if e.rec != nil {
		counted := err
		if errors.Is(err, ethereum.NotFound) {
			counted = nil
		}
		e.rec.RPC(e.name, method, counted)
	}
	return v, err
}

func (e *endpoint) ChainID(ctx context.Context) (*big.Int, error) {
	v, err := e.c.ChainID(ctx)
	return do(e, methodChainID, v, err)
}

func (e *endpoint) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	v, err := e.c.HeaderByNumber(ctx, n)
	return do(e, methodHeader, v, err)
}

func (e *endpoint) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	v, err := e.c.FilterLogs(ctx, q)
	return do(e, methodLogs, v, err)
}

func (e *endpoint) BalanceAt(ctx context.Context, a common.Address, b *big.Int) (*big.Int, error) {
	v, err := e.c.BalanceAt(ctx, a, b)
	return do(e, methodBalance, v, err)
}

func (e *endpoint) CallContract(ctx context.Context, m ethereum.CallMsg, b *big.Int) ([]byte, error) {
	v, err := e.c.CallContract(ctx, m, b)
	return do(e, methodCall, v, err)
}

func (e *endpoint) CodeAt(ctx context.Context, a common.Address, b *big.Int) ([]byte, error) {
	v, err := e.c.CodeAt(ctx, a, b)
	return do(e, methodCode, v, err)
}

func (e *endpoint) PendingCodeAt(ctx context.Context, a common.Address) ([]byte, error) {
	v, err := e.c.PendingCodeAt(ctx, a)
	return do(e, methodCode, v, err)
}

func (e *endpoint) EstimateGas(ctx context.Context, m ethereum.CallMsg) (uint64, error) {
	v, err := e.c.EstimateGas(ctx, m)
	return do(e, methodEstimateGas, v, err)
}

func (e *endpoint) NonceAt(ctx context.Context, a common.Address, b *big.Int) (uint64, error) {
	v, err := e.c.NonceAt(ctx, a, b)
	return do(e, methodNonce, v, err)
}

func (e *endpoint) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	v, err := e.c.PendingNonceAt(ctx, a)
	return do(e, methodNonce, v, err)
}

func (e *endpoint) SuggestGasPrice(ctx context.Context) (*big.Int, error) {
	v, err := e.c.SuggestGasPrice(ctx)
	return do(e, methodGasPrice, v, err)
}

func (e *endpoint) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	v, err := e.c.SuggestGasTipCap(ctx)
	return do(e, methodGasTip, v, err)
}

func (e *endpoint) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	_, err := do(e, methodSend, struct{}{}, e.c.SendTransaction(ctx, tx))
	return err
}

func (e *endpoint) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	v, err := e.c.TransactionReceipt(ctx, h)
	return do(e, methodReceipt, v, err)
}

func (e *endpoint) TransactionByHash(ctx context.Context, h common.Hash) (*types.Transaction, bool, error) {
	tx, pending, err := e.c.TransactionByHash(ctx, h)
	tx, err = do(e, methodTransaction, tx, err)
	return tx, pending, err
}

func (e *endpoint) SubscribeFilterLogs(ctx context.Context, q ethereum.FilterQuery, ch chan<- types.Log) (ethereum.Subscription, error) {
	v, err := e.c.SubscribeFilterLogs(ctx, q, ch)
	return do(e, methodSubscribe, v, err)
}

// SubscribeNewHead passes a WebSocket endpoint's head subscription through, so that the
// indexer is woken on new heads.
func (e *endpoint) SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	hs, ok := e.c.(watcher.HeadSubscriber)
	if !ok {
		return nil, errNoHeads
	}
	v, err := hs.SubscribeNewHead(ctx, ch)
	return do(e, methodSubscribe, v, err)
}
