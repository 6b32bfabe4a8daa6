package daemon

import (
	"crypto/ecdsa"
	"log/slog"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/disputes"
)

// DisputeStores are the store's sides a dispute engine and its sender need.
type DisputeStores interface {
	disputes.Channels
	disputes.Intents
	disputes.Outbox
}

// DisputeChain is what the sender and the engine ask of the node: what the sender sends
// and reads, and calls the engine simulates a challenge with before queueing it.
type DisputeChain interface {
	disputes.Chain
	ethereum.ContractCaller
}

// NewDisputes builds the sender and the engine from one disputes section: the sender
// (whose key alerts call account: "Tower account", "Hub account")
// signs with key and sends through chain, and the engine answers from states (the tower's
// deposited states or the hub's own), simulating each challenge on chain before it queues
// it. settle overrides AutoSettle per contract.
func NewDisputes(account string, cfg DisputesConfig, confirmations uint64, chainID *big.Int, key *ecdsa.PrivateKey, chain DisputeChain,
	st DisputeStores, states disputes.States, settle map[common.Address]bool, alerts alert.Sink, log *slog.Logger) (*disputes.Sender, *disputes.Engine, error) {
	snd, err := disputes.NewSender(disputes.SenderConfig{ChainID: chainID, Key: key, MaxFeePerGas: cfg.MaxFeePerGas.V,
		Tip: cfg.Tip.V, Urgency: cfg.Urgency, StuckBlocks: cfg.StuckBlocks, Confirmations: confirmations,
		MaxGasPerSettle: cfg.MaxGasPerSettle, SettleBudget: cfg.SettleBudgetPerDay.V, ChallengeReserve: cfg.ChallengeReserve,
		Account: account, Logger: log, Alerts: alerts}, chain, st)
	if err != nil {
		return nil, nil, err
	}
	eng := disputes.NewEngine(disputes.EngineConfig{ChainID: chainID, Sender: snd.Address(), AutoSettle: cfg.AutoSettle,
		Settle: settle, Logger: log, Alerts: alerts, Wake: snd.Wake, Caller: chain, FeeCap: snd.UrgentFeeCap, SecretValueMargin: cfg.SecretValueMargin,
		SecretBudgetPerChannel: cfg.SecretBudgetPerChannel.V, SecretBudgetPerDay: cfg.SecretBudgetPerDay.V}, states, st, st)
	snd.OnRevert(eng.Reverted) // a reverted transaction is decided again at once
	return snd, eng, nil
}
