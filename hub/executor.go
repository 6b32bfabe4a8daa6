package hub

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
)

// OutboxExecutor sends the hub's transactions through the durable outbox that the
// dispute sender of the hub's account works through: the hub queues, the sender signs
// (taking the account nonce with the signature, from the outbox), broadcasts, raises fees
// toward the deadline, replaces, follows to depth and re-sends after a reorg. So the
// hub's collateral updates, secrets and lock resolutions share one nonce manager with its
// challenges and settlements, and a crash at any point resumes them.
type OutboxExecutor struct {
	// Chain reads the contract and simulates calls; it never sends.
	Chain    bind.ContractBackend
	Outbox   Outbox
	ChainID  *big.Int
	Contract common.Address
	// Hub is the account the sender signs with.
	Hub common.Address
	// Wake tells the sender there is work (disputes.Sender.Wake); nil: it finds it on its
	// next pass.
	Wake func()
	// Confirmations is how deep a block must be to be final (FinalChannel).
	Confirmations uint64
}

// FinalChannel reads user's channel at the newest final block (Confirmations under the
// head): what no reorg can undo.
func (x *OutboxExecutor) FinalChannel(ctx context.Context, user common.Address) (OnchainChannel, error) {
	head, err := x.Chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return OnchainChannel{}, fmt.Errorf("read the head: %w", err)
	}
	at := head
	if x.Confirmations > 0 {
		n := new(big.Int).Sub(head.Number, new(big.Int).SetUint64(x.Confirmations))
		if n.Sign() < 0 {
			n.SetInt64(0)
		}
		if at, err = x.Chain.HeaderByNumber(ctx, n); err != nil {
			return OnchainChannel{}, fmt.Errorf("read block %s: %w", n, err)
		}
	}
	m := bindings.NewChannelManager()
	ch, err := bind.Call(m.Instance(x.Chain, x.Contract), &bind.CallOpts{Context: ctx, BlockNumber: at.Number}, m.PackGetChannel(user), m.UnpackGetChannel)
	if err != nil {
		return OnchainChannel{}, fmt.Errorf("read channel %s at block %s: %w", user, at.Number, err)
	}
	return OnchainChannel{Onchain: channel.Onchain{Nonce: ch.Nonce, OnchainNonce: ch.OnchainNonce, TotalWei: ch.TotalWei, TotalToken: ch.TotalToken},
		Disputed: ch.Status == contracts.StatusDisputed, Block: at.Number.Uint64(), Time: at.Time}, nil
}

// Send queues tx unless an entry with its key still stands, and wakes the sender.
func (x *OutboxExecutor) Send(ctx context.Context, tx Tx) (bool, error) {
	in := store.Intent{ChainID: x.ChainID, Contract: x.Contract, User: tx.User, Sender: x.Hub, Calldata: tx.Calldata,
		Deadline: tx.Deadline, WindowStart: min(tx.WindowStart, tx.Deadline)}
	in.SetKey(tx.Key)
	_, created, err := x.Outbox.Enqueue(ctx, in)
	if err != nil {
		return false, err
	}
	if created && x.Wake != nil {
		x.Wake()
	}
	return created, nil
}

// Outcome returns the newest outbox entry with the key.
func (x *OutboxExecutor) Outcome(ctx context.Context, user common.Address, key store.TxKey) (store.OutboxTx, error) {
	return x.Outbox.LatestTx(ctx, x.Contract, user, key)
}

// Active returns the hub's queued, sent and included entries of kind on its contract.
func (x *OutboxExecutor) Active(ctx context.Context, kind store.TxKind) ([]store.OutboxTx, error) {
	all, err := x.Outbox.ActiveTxs(ctx, x.ChainID, x.Hub)
	if err != nil {
		return nil, err
	}
	var out []store.OutboxTx
	for _, t := range all {
		if t.Kind == kind && t.Contract == x.Contract {
			out = append(out, t)
		}
	}
	return out, nil
}

// Cancel drops a queued entry that holds no account nonce yet.
func (x *OutboxExecutor) Cancel(ctx context.Context, id int64, reason string) (bool, error) {
	return x.Outbox.CancelTx(ctx, id, reason)
}

// Check simulates calldata sent from the hub's account at the latest block: nil when it
// would succeed, else the error, a contracts.RevertError when the contract reverted
// with one of its errors.
func (x *OutboxExecutor) Check(ctx context.Context, calldata []byte) error {
	_, err := x.Chain.CallContract(ctx, ethereum.CallMsg{From: x.Hub, To: &x.Contract, Data: calldata}, nil)
	if err != nil {
		return fmt.Errorf("simulate: %w", contracts.AsRevert(err))
	}
	return nil
}

// Reserve returns the hub's reserve in the contract, ether and token units. The token
// reserve is the contract's token balance beyond what channels and deferred payouts
// hold: the hub funds it with a plain ERC-20 transfer to the contract.
func (x *OutboxExecutor) Reserve(ctx context.Context) (wei, tokens *big.Int, err error) {
	m := bindings.NewChannelManager()
	inst, opts := m.Instance(x.Chain, x.Contract), &bind.CallOpts{Context: ctx}
	if wei, err = bind.Call(inst, opts, m.PackHubReserveWei(), m.UnpackHubReserveWei); err != nil {
		return nil, nil, fmt.Errorf("read hubReserveWei: %w", err)
	}
	if tokens, err = bind.Call(inst, opts, m.PackHubReserveTokens(), m.UnpackHubReserveTokens); err != nil {
		return nil, nil, fmt.Errorf("read hubReserveTokens: %w", err)
	}
	return wei, tokens, nil
}

// Token returns the contract's approved token and whether it holds code.
func (x *OutboxExecutor) Token(ctx context.Context) (common.Address, bool, error) {
	m := bindings.NewChannelManager()
	t, err := bind.Call(m.Instance(x.Chain, x.Contract), &bind.CallOpts{Context: ctx}, m.PackApprovedToken(), m.UnpackApprovedToken)
	if err != nil {
		return common.Address{}, false, fmt.Errorf("read approvedToken: %w", err)
	}
	if t == (common.Address{}) {
		return t, false, nil
	}
	code, err := x.Chain.CodeAt(ctx, t, nil)
	if err != nil {
		return t, false, fmt.Errorf("read the code of token %s: %w", t, err)
	}
	return t, len(code) > 0, nil
}

// SecretRegisteredAt returns when a hashlock's secret was registered (0: never).
func (x *OutboxExecutor) SecretRegisteredAt(ctx context.Context, hashlock common.Hash) (uint64, error) {
	m := bindings.NewChannelManager()
	at, err := bind.Call(m.Instance(x.Chain, x.Contract), &bind.CallOpts{Context: ctx}, m.PackSecretRegisteredAt(hashlock), m.UnpackSecretRegisteredAt)
	if err != nil {
		return 0, err
	}
	return at.Uint64(), nil
}
