package towerapi

import (
	"context"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Store is what the deposit API reads and writes.
type Store interface {
	Contract(ctx context.Context, addr common.Address) (store.Contract, error)
	Channel(ctx context.Context, contract, user common.Address) (store.Channel, error)
	State(ctx context.Context, contract, user common.Address) (store.StoredState, error)
	// Receipt returns the receipt issued for the state held for a channel, or
	// store.ErrNotFound.
	Receipt(ctx context.Context, contract, user common.Address) (channel.Receipt, error)
	PutState(ctx context.Context, st store.StoredState, r channel.Receipt) (channel.Receipt, bool, error)
	// PutStates stores deposits as the latest states of their channels, each with its
	// receipt, and reports what became of each; it returns once they are durable.
	PutStates(ctx context.Context, deps []store.Deposit) ([]store.DepositResult, error)
}

// Room reports whether the database is at its high-water mark: while Full, deposits are
// refused with 507 so that what is left stays for the dispute path (towerd checks it on a
// schedule; a request never measures it).
type Room interface {
	Full() bool
}
