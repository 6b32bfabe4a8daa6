package hub

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Store is what the hub keeps in its database.
type Store interface {
	HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error
	HubStates(ctx context.Context, contract, user common.Address, from *big.Int) (*big.Int, []store.HubState, error)
	HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error)
	Payment(ctx context.Context, contract common.Address, hashlock common.Hash) (store.Payment, error)
	Payments(ctx context.Context, contract, user common.Address, limit int) ([]store.Payment, error)
	OpenPayments(ctx context.Context, contract common.Address) ([]store.Payment, error)
	HubOpenProposals(ctx context.Context, contract common.Address) ([]store.HubState, error)
	Channel(ctx context.Context, contract, user common.Address) (store.Channel, error)
	AddLockResolutions(ctx context.Context, rs []store.LockResolution) error
	PendingLockResolutions(ctx context.Context, contract common.Address) ([]store.LockResolution, error)
	LockResolved(ctx context.Context, r store.LockResolution) error
}

// Executor sends the hub's own on-chain transactions: hub-authorized updates that move
// collateral from the reserve into a channel.
type Executor interface {
	HubAuthorizedUpdate(ctx context.Context, s *channel.State, sigUser []byte) error
	// Reserve returns the hub's ether reserve in the contract.
	Reserve(ctx context.Context) (*big.Int, error)
	// RegisterSecret publishes a secret on-chain, so that locks under it pay their receiver
	// in a dispute.
	RegisterSecret(ctx context.Context, secret common.Hash) error
	// SecretRegisteredAt returns the block time a hashlock's secret was registered (0: never).
	SecretRegisteredAt(ctx context.Context, hashlock common.Hash) (uint64, error)
	// ResolveLocks resolves on-chain the decided locks of a settled state, given with its
	// whole lock list (the contract resolves them together).
	ResolveLocks(ctx context.Context, settled *channel.State, locks []channel.Lock) error
}
