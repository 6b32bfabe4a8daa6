package hub

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// ChainExecutor sends the hub's hub-authorized updates from its key. It does not wait for
// them: the hub confirms a deposit when its indexer sees the event.
type ChainExecutor struct {
	Backend  bind.ContractBackend
	Key      *ecdsa.PrivateKey
	ChainID  *big.Int
	Contract common.Address

	mu   sync.Mutex
	next uint64 // the next account nonce, as far as this executor knows
}

// HubAuthorizedUpdate executes a co-signed proposal on-chain. Calls are serialised and
// account nonces tracked, so concurrent top-ups do not collide.
func (x *ChainExecutor) HubAuthorizedUpdate(ctx context.Context, s *channel.State, sigUser []byte) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	m := bindings.NewChannelManager()
	opts := bind.NewKeyedTransactor(x.Key, x.ChainID)
	opts.Context = ctx
	pending, err := x.Backend.PendingNonceAt(ctx, opts.From)
	if err != nil {
		return fmt.Errorf("hub account nonce: %w", err)
	}
	x.next = max(x.next, pending)
	opts.Nonce = new(big.Int).SetUint64(x.next)
	if _, err := m.Instance(x.Backend, x.Contract).RawTransact(opts, m.PackHubAuthorizedUpdate(contracts.State(s), sigUser)); err != nil {
		return fmt.Errorf("hubAuthorizedUpdate nonce %s: %w", s.Nonce, contracts.AsRevert(err))
	}
	x.next++
	return nil
}

// Reserve returns the hub's ether reserve in the contract.
func (x *ChainExecutor) Reserve(ctx context.Context) (*big.Int, error) {
	m := bindings.NewChannelManager()
	return bind.Call(m.Instance(x.Backend, x.Contract), &bind.CallOpts{Context: ctx}, m.PackHubReserveWei(), m.UnpackHubReserveWei)
}

// RegisterSecret publishes a payment's secret on-chain.
func (x *ChainExecutor) RegisterSecret(ctx context.Context, secret common.Hash) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	m := bindings.NewChannelManager()
	opts := bind.NewKeyedTransactor(x.Key, x.ChainID)
	opts.Context = ctx
	pending, err := x.Backend.PendingNonceAt(ctx, opts.From)
	if err != nil {
		return fmt.Errorf("hub account nonce: %w", err)
	}
	x.next = max(x.next, pending)
	opts.Nonce = new(big.Int).SetUint64(x.next)
	if _, err := m.Instance(x.Backend, x.Contract).RawTransact(opts, m.PackRegisterSecret(secret)); err != nil {
		return fmt.Errorf("registerSecret: %w", contracts.AsRevert(err))
	}
	x.next++
	return nil
}
