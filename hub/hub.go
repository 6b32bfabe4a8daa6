package hub

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Config sets up a Hub.
type Config struct {
	ChainID  *big.Int
	Contract common.Address
	Key      *ecdsa.PrivateKey
	// Now returns the chain's time (the latest block's timestamp): lock expiries and
	// proposal timeouts are block times.
	Now func() uint64
	// MinLockTime and MaxLockTime bound a payment's expiry from now (default 10 minutes
	// and a day); the payee's lock expires LockMargin seconds before the payer's (default
	// 5 minutes), time enough to register the secret on-chain.
	MinLockTime, MaxLockTime, LockMargin uint64
	// ProposalTimeout is how long a deposit or withdrawal proposal may wait to be executed
	// on-chain (default an hour), advertised to wallets in the hub's info.
	ProposalTimeout uint64
	// CollateralTarget is the hub balance a payee's channel is topped up to when a payment
	// lacks collateral (default 1 ether); 0 disables automatic top-ups.
	CollateralTarget *big.Int
	// TokenCollateralTarget is the same in token base units, for a token payment that
	// lacks token collateral: the channel is topped up to it, or to what the payment needs
	// if more. Zero (the default) tops up exactly what the payment needs.
	TokenCollateralTarget *big.Int
	// CollectGrace is how long, in chain seconds, a payer has to co-sign the hub's claim
	// of a claimed payment's lock before the hub registers the payment's secret on-chain
	// (default 30): long enough for an online wallet, which co-signs within a round
	// trip, short enough that the secrets of claims a payer withholds are published
	// spread over the lock's life, not all in its last LockMargin.
	CollectGrace uint64
	// MaxUncollectedPerPayer caps, in wei, what a payer's payments the hub has taken and
	// not collected may hold: locked (about to be forwarded), forwarded and claimed ones
	// (default DefaultMaxUncollectedEther). A payment past it is refused
	// (ErrUncollectedCap). It bounds what a payer that withholds its co-signatures can
	// make the hub pay out and then publish secrets for.
	MaxUncollectedPerPayer *big.Int
	// ResolveWindow is the deadline, from when it is queued, of a transaction resolving
	// the locks of a settled state (default a day). The contract sets none: a lock may be
	// resolved any time after settlement, so fees stay near their floor over a long
	// window; one not included within it is alerted and queued again with a new one.
	ResolveWindow uint64
	// CaughtUp reports whether the hub's indexer has caught up with the chain's head; the
	// sweeper acts on nothing before (its decisions read the indexed view: a proposal's
	// execution, a settlement's locks). Nil: always.
	CaughtUp func() bool
	Logger   *slog.Logger
	// Alerts receives what an operator must act on: a hub transaction that reverted and
	// cannot succeed, or missed its deadline (default: the log).
	Alerts alert.Sink
}

// Hub is the hub's side of every channel.
type Hub struct {
	cfg    Config
	st     Store
	exec   Executor
	domain channel.Domain
	addr   common.Address
	log    *slog.Logger
	notes  *notifier
	token  tokenInfo // whether the contract has a token, once known

	frozenMu sync.Mutex
	frozen   map[common.Address]string // channels the reconciler froze; nil until read
	// secretsMu makes one secret registration pass at a time (the sweep's, an exit's),
	// so that two never queue the same secret.
	secretsMu sync.Mutex

	// withhold, when set (tests), makes the hub keep a payment from its payee: a cheating
	// hub, whose payer must still get its money back.
	withhold func(store.Payment) bool
}

// The lock times a hub takes when its Config leaves them zero, in seconds.
const (
	DefaultMinLockTime = 600
	DefaultMaxLockTime = 86400
	DefaultLockMargin  = 300
	// DefaultCollectGrace is Config.CollectGrace's default, in seconds.
	DefaultCollectGrace = 30
	// DefaultMaxUncollectedEther is Config.MaxUncollectedPerPayer's default, in ether:
	// ten times the default collateral target, so that a payer pays through several
	// payees at once, while one that withholds its co-signatures holds at most what a
	// few of the hub's registerSecrets batches are worth guarding.
	DefaultMaxUncollectedEther = 10
)

// New returns a hub.
func New(cfg Config, st Store, exec Executor) (*Hub, error) {
	if cfg.ChainID == nil || cfg.Key == nil || cfg.Now == nil {
		return nil, errors.New("hub: chain id, key and clock are required")
	}
	if cfg.MinLockTime == 0 {
		cfg.MinLockTime = DefaultMinLockTime
	}
	if cfg.MaxLockTime == 0 {
		cfg.MaxLockTime = DefaultMaxLockTime
	}
	if cfg.LockMargin == 0 {
		cfg.LockMargin = DefaultLockMargin
	}
	if cfg.MinLockTime <= cfg.LockMargin {
		return nil, fmt.Errorf("hub: min lock time %ds must exceed the lock margin %ds", cfg.MinLockTime, cfg.LockMargin)
	}
	if cfg.CollectGrace == 0 {
		cfg.CollectGrace = DefaultCollectGrace
	}
	if cfg.MaxUncollectedPerPayer == nil {
		cfg.MaxUncollectedPerPayer = new(big.Int).Mul(big.NewInt(DefaultMaxUncollectedEther), big.NewInt(1e18))
	}
	if cfg.ProposalTimeout == 0 {
		cfg.ProposalTimeout = 3600
	}
	if cfg.CollateralTarget == nil {
		cfg.CollateralTarget = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	}
	if cfg.TokenCollateralTarget == nil {
		cfg.TokenCollateralTarget = new(big.Int)
	}
	if cfg.ResolveWindow == 0 {
		cfg.ResolveWindow = 86400
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Alerts == nil {
		cfg.Alerts = alert.Log{Logger: cfg.Logger}
	}
	// Every sweep looks again at what it alerted about: say it once an hour.
	cfg.Alerts = &alert.Dedup{Next: cfg.Alerts, Quiet: time.Hour}
	return &Hub{cfg: cfg, st: st, exec: exec, domain: channel.Domain{ChainID: cfg.ChainID, Contract: cfg.Contract},
		addr: crypto.PubkeyToAddress(cfg.Key.PublicKey), log: cfg.Logger, notes: newNotifier()}, nil
}

// Address returns the hub's address.
func (h *Hub) Address() common.Address { return h.addr }

// Domain returns the EIP-712 domain states are signed in.
func (h *Hub) Domain() channel.Domain { return h.domain }

// Info returns the hub's public parameters, what GET /v1/hub answers: its address, chain,
// contract, the chain's time, the bounds of a payment's expiry and of a proposal's timeout.
func (h *Hub) Info() wire.HubInfo {
	c := h.cfg
	return wire.HubInfo{Hub: h.addr, Contract: c.Contract, ChainID: channel.Amount{V: c.ChainID}, Now: c.Now(),
		MinLockTime: c.MinLockTime, MaxLockTime: c.MaxLockTime, LockMargin: c.LockMargin, MaxProposalTimeout: c.ProposalTimeout}
}

// propose signs and stores a hub proposal on top of the user's latest state, for the user
// to co-sign, and tells the user. extra runs in the same transaction.
func (h *Hub) propose(ctx context.Context, user common.Address, role string, d wire.Detail, extra func(store.HubTx) error) (store.HubState, error) {
	return h.proposeFrom(ctx, user, role, func(store.HubState) (wire.Detail, error) { return d, nil }, extra)
}

// proposeFrom is propose with the update computed from the latest state, in the same
// transaction.
func (h *Hub) proposeFrom(ctx context.Context, user common.Address, role string, mk func(latest store.HubState) (wire.Detail, error),
	extra func(store.HubTx) error) (store.HubState, error) {
	ch, err := h.onchain(ctx, user)
	if err != nil {
		return store.HubState{}, err
	}
	return h.proposeIn(ctx, ch, user, role, mk, extra)
}

// proposeIn is proposeFrom with the channel's on-chain view already read: nothing is
// proposed that the channel's phase forbids.
func (h *Hub) proposeIn(ctx context.Context, ch store.Channel, user common.Address, role string, mk func(latest store.HubState) (wire.Detail, error),
	extra func(store.HubTx) error) (store.HubState, error) {
	var out store.HubState
	err := h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		prev, err := tx.State(ctx, tx.LatestNonce())
		if err != nil {
			return err
		}
		d, err := mk(prev)
		if err != nil {
			return err
		}
		if err := h.checkPhase(ctx, tx, ch, d.Update.Kind); err != nil {
			return err
		}
		next, locks, err := d.Update.Apply(prev.State, prev.Locks)
		if err != nil {
			return err
		}
		if d.Update.Kind != channel.KindRestart { // a restart follows the chain, not prev
			if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
				return err
			}
		}
		digest, err := h.domain.Digest(next)
		if err != nil {
			return err
		}
		sig, err := channel.Sign(digest, h.cfg.Key)
		if err != nil {
			return err
		}
		detail, _ := json.Marshal(d)
		out = store.HubState{Kind: role, Detail: detail, State: next, Locks: locks, SigHub: sig}
		if err := tx.Append(ctx, out); err != nil {
			return err
		}
		if extra != nil {
			return extra(tx)
		}
		return nil
	})
	if err == nil {
		h.notes.notify(user, out)
	}
	return out, err
}
