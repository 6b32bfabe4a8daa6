package hubapi

import (
	"context"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Hub is what the API serves, implemented by *hub.Hub: the hub's parameters, a user's
// channel and the long poll on it, a user's requests and co-signatures, collateral and
// payment history. Its errors are the hub's sentinels (hub.ErrSyncFirst, …), channel's
// and store's, wrapped.
type Hub interface {
	// Info returns the hub's public parameters, with the chain's time.
	Info() wire.HubInfo
	// Domain returns the chain and contract the hub signs in, which auth digests bind.
	Domain() channel.Domain
	// View returns user's newest co-signed state and the hub's proposals after it, with
	// the states from nonce from.
	View(ctx context.Context, user common.Address, from *big.Int) (hub.Channel, error)
	// Wait returns a channel closed when the hub next proposes something to user, and a
	// function to call when no longer waiting.
	Wait(user common.Address) (<-chan struct{}, func())
	// LastProposed returns the newest proposal to user the hub keeps in memory while
	// someone waits for the user (Wait).
	LastProposed(user common.Address) (store.HubState, bool)
	// Request co-signs an update user asks for and returns the stored state.
	Request(ctx context.Context, user common.Address, r hub.Request) (store.HubState, error)
	// Intent applies an update user asks for on top of the hub's newest state and returns
	// the channel from the co-signed state on, the new proposal last, and what it starts,
	// to run once the answer is sent.
	Intent(ctx context.Context, user common.Address, r hub.Request) (hub.Channel, func(), error)
	// Cosign records user's signature on the hub's proposal at nonce, which covers the
	// proposals under it.
	Cosign(ctx context.Context, user common.Address, nonce *big.Int, sigUser []byte) error
	// RequestCollateral proposes a top-up of the hub's side of user's channel.
	RequestCollateral(ctx context.Context, user common.Address) (store.HubState, error)
	// Abandon gives up user's pending on-chain operation once it can no longer execute:
	// the hub proposes its invalidation.
	Abandon(ctx context.Context, user common.Address) error
	// Payments returns user's payments, sent and received, newest first.
	Payments(ctx context.Context, user common.Address, limit int) ([]store.Payment, error)
}

var _ Hub = (*hub.Hub)(nil)

// AuthStore issues and spends the single-use auth nonces, and keeps the public key each
// user authenticated with.
type AuthStore interface {
	NewAuthNonce(ctx context.Context, nonce common.Hash, user common.Address, expires time.Time) error
	UseAuthNonce(ctx context.Context, nonce common.Hash, user common.Address) (bool, error)
	// RotateAuthNonce spends nonce as UseAuthNonce does and, in the same write, issues
	// next to the same user until expires; false when nonce was not spendable.
	RotateAuthNonce(ctx context.Context, nonce, next common.Hash, user common.Address, expires time.Time) (bool, error)
	PutUserKey(ctx context.Context, user common.Address, pubkey []byte) error
	UserKey(ctx context.Context, user common.Address) ([]byte, error)
}
