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
	return x.send(ctx, "registerSecret", bindings.NewChannelManager().PackRegisterSecret(secret))
}

// SecretRegisteredAt returns when a hashlock's secret was registered (0: never).
func (x *ChainExecutor) SecretRegisteredAt(ctx context.Context, hashlock common.Hash) (uint64, error) {
	m := bindings.NewChannelManager()
	at, err := bind.Call(m.Instance(x.Backend, x.Contract), &bind.CallOpts{Context: ctx}, m.PackSecretRegisteredAt(hashlock), m.UnpackSecretRegisteredAt)
	if err != nil {
		return 0, err
	}
	return at.Uint64(), nil
}

// ResolveLocks resolves the decided locks of a settled state, given with its whole lock
// list.
func (x *ChainExecutor) ResolveLocks(ctx context.Context, settled *channel.State, locks []channel.Lock) error {
	return x.send(ctx, "resolveLocks", bindings.NewChannelManager().PackResolveLocks(contracts.State(settled), contracts.Locks(locks)))
}

// send sends calldata to the contract from the hub at the next tracked account nonce.
func (x *ChainExecutor) send(ctx context.Context, what string, calldata []byte) error {
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
	if _, err := m.Instance(x.Backend, x.Contract).RawTransact(opts, calldata); err != nil {
		return fmt.Errorf("%s: %w", what, contracts.AsRevert(err))
	}
	x.next++
	return nil
}
