package daemon

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/disputes"
)

// DisputeStores are the store's sides a dispute engine and its sender need.
type DisputeStores interface {
	disputes.Channels
	disputes.Intents
	disputes.Outbox
}

// Node is a daemon's connection to its chain: the failover client over the configured
// endpoints in `watchtower run` and `hub run` (Dial), the in-process chain in the demo.
type Node interface {
	bind.ContractBackend
	disputes.Chain
}

// DisputeChain is what the sender and the engine ask of the node: what the sender sends
// and reads, and calls the engine simulates a challenge with before queueing it.
type DisputeChain interface {
	disputes.Chain
	ethereum.ContractCaller
}

// DisputeParts are what a process's dispute side is built from.
type DisputeParts struct {
	// Account names the key in alerts: "Tower account", "Hub account".
	Account       string
	Config        DisputesConfig
	Confirmations uint64
	ChainID       *big.Int
	Key           *ecdsa.PrivateKey
	Chain         DisputeChain
	Store         DisputeStores
	// States are the states the engine answers from (the tower's deposited states, or the
	// hub's own); Unanswered, when set, is searched for disputes no standing challenge
	// answers; Held and Secrets, when both set, give the engine its lock duties.
	States     disputes.States
	Unanswered disputes.Unanswered
	Held       disputes.HeldLocks
	Secrets    disputes.SecretOpener
	// Settle overrides AutoSettle per contract.
	Settle map[common.Address]bool
	// Reverted, when set, is told of a reverted transaction besides the engine (the hub's
	// own transactions); WithoutEngine leaves the engine out (the demo's cheating hub).
	Reverted      func(ctx context.Context, contract, user common.Address) error
	WithoutEngine bool
	// Waker wakes the sender (nil: a new one): the hub makes it first, for its own
	// transactions' executor.
	Waker  *disputes.Waker
	Alerts alert.Sink
	Log    *slog.Logger
}

// NewDisputes builds the engine and the sender of one account from p, each given what
// it calls of the other at construction: the engine wakes the sender (a Waker made
// first) and prices registrations at its fees; the sender tells the engine (and
// p.Reverted) of a reverted transaction, so that its channel is decided again at once.
// The engine simulates each challenge on chain before it queues it. It is nil
// WithoutEngine.
func NewDisputes(p DisputeParts) (*disputes.Sender, *disputes.Engine, error) {
	cfg := p.Config
	waker := p.Waker
	if waker == nil {
		waker = disputes.NewWaker()
	}
	scfg := disputes.SenderConfig{ChainID: p.ChainID, Key: p.Key, MaxFeePerGas: cfg.MaxFeePerGas.V,
		Tip: cfg.Tip.V, Urgency: cfg.Urgency, StuckBlocks: cfg.StuckBlocks, Confirmations: p.Confirmations,
		MaxGasPerSettle: cfg.MaxGasPerSettle, SettleBudget: cfg.SettleBudgetPerDay.V, ChallengeReserve: cfg.ChallengeReserve,
		Waker: waker, Account: p.Account, Logger: p.Log, Alerts: p.Alerts}
	var eng *disputes.Engine
	if !p.WithoutEngine && p.Key != nil {
		ecfg := disputes.EngineConfig{ChainID: p.ChainID, Sender: crypto.PubkeyToAddress(p.Key.PublicKey), AutoSettle: cfg.AutoSettle,
			Settle: p.Settle, Logger: p.Log, Alerts: p.Alerts, Wake: waker.Wake, Caller: p.Chain, FeeCap: scfg.UrgentFeeCap,
			SecretValueMargin: cfg.SecretValueMargin, SecretBudgetPerChannel: cfg.SecretBudgetPerChannel.V, SecretBudgetPerDay: cfg.SecretBudgetPerDay.V}
		if p.Held != nil && p.Secrets != nil {
			ecfg.LockChain, ecfg.Secrets = p.Chain, p.Secrets
		}
		eng = disputes.NewEngine(ecfg, disputes.EngineStores{States: p.States, Channels: p.Store, Intents: p.Store,
			Unanswered: p.Unanswered, Held: p.Held})
	}
	scfg.OnRevert = func(ctx context.Context, contract, user common.Address) error {
		var errs []error
		if eng != nil {
			errs = append(errs, eng.Reverted(ctx, contract, user))
		}
		if p.Reverted != nil {
			errs = append(errs, p.Reverted(ctx, contract, user))
		}
		return errors.Join(errs...)
	}
	snd, err := disputes.NewSender(scfg, p.Chain, p.Store)
	if err != nil {
		return nil, nil, err
	}
	return snd, eng, nil
}
