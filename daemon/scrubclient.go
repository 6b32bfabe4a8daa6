package daemon

import (
	"context"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/watcher"
)

// scrubbedClient is a node's client whose every error has the endpoint's URL secrets
// removed (an RPC provider's key in its path or query, a password): the errors of
// go-ethereum and net/http quote the URL they called, and these errors reach logs, alerts
// and the store.
type scrubbedClient struct {
	c       Client
	secrets []string
}

var _ Client = (*scrubbedClient)(nil)

func scrub(c Client, url string) *scrubbedClient {
	return &scrubbedClient{c: c, secrets: urlSecrets(url)}
}

func (s *scrubbedClient) err(err error) error {
	if err == nil {
		return nil
	}
	return redactSecrets(err, s.secrets)
}

func (s *scrubbedClient) BalanceAt(ctx context.Context, a common.Address, b *big.Int) (*big.Int, error) {
	v, err := s.c.BalanceAt(ctx, a, b)
	return v, s.err(err)
}

func (s *scrubbedClient) CallContract(ctx context.Context, m ethereum.CallMsg, b *big.Int) ([]byte, error) {
	v, err := s.c.CallContract(ctx, m, b)
	return v, s.err(err)
}

func (s *scrubbedClient) ChainID(ctx context.Context) (*big.Int, error) {
	v, err := s.c.ChainID(ctx)
	return v, s.err(err)
}

func (s *scrubbedClient) CodeAt(ctx context.Context, a common.Address, b *big.Int) ([]byte, error) {
	v, err := s.c.CodeAt(ctx, a, b)
	return v, s.err(err)
}

func (s *scrubbedClient) EstimateGas(ctx context.Context, m ethereum.CallMsg) (uint64, error) {
	v, err := s.c.EstimateGas(ctx, m)
	return v, s.err(err)
}

func (s *scrubbedClient) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	v, err := s.c.FilterLogs(ctx, q)
	return v, s.err(err)
}

func (s *scrubbedClient) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	v, err := s.c.HeaderByNumber(ctx, n)
	return v, s.err(err)
}

func (s *scrubbedClient) NonceAt(ctx context.Context, a common.Address, b *big.Int) (uint64, error) {
	v, err := s.c.NonceAt(ctx, a, b)
	return v, s.err(err)
}

func (s *scrubbedClient) PendingCodeAt(ctx context.Context, a common.Address) ([]byte, error) {
	v, err := s.c.PendingCodeAt(ctx, a)
	return v, s.err(err)
}

func (s *scrubbedClient) PendingNonceAt(ctx context.Context, a common.Address) (uint64, error) {
	v, err := s.c.PendingNonceAt(ctx, a)
	return v, s.err(err)
}

func (s *scrubbedClient) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	return s.err(s.c.SendTransaction(ctx, tx))
}

func (s *scrubbedClient) SubscribeFilterLogs(ctx context.Context, q ethereum.FilterQuery, ch chan<- types.Log) (ethereum.Subscription, error) {
	v, err := s.c.SubscribeFilterLogs(ctx, q, ch)
	return v, s.err(err)
}

func (s *scrubbedClient) SuggestGasPrice(ctx context.Context) (*big.Int, error) {
	v, err := s.c.SuggestGasPrice(ctx)
	return v, s.err(err)
}

func (s *scrubbedClient) SuggestGasTipCap(ctx context.Context) (*big.Int, error) {
	v, err := s.c.SuggestGasTipCap(ctx)
	return v, s.err(err)
}

func (s *scrubbedClient) TransactionByHash(ctx context.Context, h common.Hash) (*types.Transaction, bool, error) {
	tx, pending, err := s.c.TransactionByHash(ctx, h)
	return tx, pending, s.err(err)
}

func (s *scrubbedClient) TransactionReceipt(ctx context.Context, h common.Hash) (*types.Receipt, error) {
	v, err := s.c.TransactionReceipt(ctx, h)
	return v, s.err(err)
}

// SubscribeNewHead passes a WebSocket endpoint's head subscription through.
func (s *scrubbedClient) SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error) {
	hs, ok := s.c.(watcher.HeadSubscriber)
	if !ok {
		return nil, errors.New("endpoint offers no head subscriptions")
	}
	v, err := hs.SubscribeNewHead(ctx, ch)
	return v, s.err(err)
}
