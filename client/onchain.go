package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
)

// ErrNoChain reports an on-chain operation on a wallet without a node.
var ErrNoChain = errors.New("wallet has no node configured")

// transact sends calldata to the contract from the user and waits for it to be mined.
func (w *Wallet) transact(ctx context.Context, value *big.Int, calldata []byte) (*types.Receipt, error) {
	if w.cfg.Chain == nil {
		return nil, ErrNoChain
	}
	opts := bind.NewKeyedTransactor(w.cfg.Key, w.cfg.ChainID)
	opts.Context, opts.Value = ctx, value
	tx, err := w.m.Instance(w.cfg.Chain, w.cfg.Contract).RawTransact(opts, calldata)
	if err != nil {
		return nil, contracts.AsRevert(err)
	}
	r, err := bind.WaitMined(ctx, w.cfg.Chain, tx.Hash())
	if err != nil {
		return nil, err
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("transaction %s reverted", tx.Hash())
	}
	return r, nil
}

// proposeAndExecute asks the hub to co-sign a proposal, then executes it on-chain with a
// user-authorized update. The hub confirms it off-chain once it sees the event (Sync).
func (w *Wallet) proposeAndExecute(ctx context.Context, ops channel.Ops, recipient common.Address) (*types.Receipt, error) {
	now, err := w.chainNow(ctx)
	if err != nil {
		return nil, err
	}
	s, err := w.request(ctx, channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &recipient, Timeout: now + 1800}, nil, nil)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	sigHub := append([]byte(nil), w.ls.Cosigned.SigHub...)
	w.mu.Unlock()
	value := new(big.Int).Set(ops.Wei[channel.UserDeposit])
	return w.transact(ctx, value, w.m.PackUserAuthorizedUpdate(contracts.State(s), sigHub))
}

// Deposit moves wei from the user's account into the channel.
func (w *Wallet) Deposit(ctx context.Context, wei *big.Int) (*types.Receipt, error) {
	if wei == nil || wei.Sign() <= 0 {
		return nil, fmt.Errorf("%w: deposit must be positive", channel.ErrInvalidField)
	}
	ops := channel.NewOps()
	ops.Wei[channel.UserDeposit].Set(wei)
	s, _ := w.Latest()
	return w.proposeAndExecute(ctx, ops, s.Recipient)
}

// Withdraw moves wei from the channel to recipient (the user when zero).
func (w *Wallet) Withdraw(ctx context.Context, wei *big.Int, recipient common.Address) (*types.Receipt, error) {
	if wei == nil || wei.Sign() <= 0 {
		return nil, fmt.Errorf("%w: withdrawal must be positive", channel.ErrInvalidField)
	}
	if recipient == (common.Address{}) {
		recipient = w.addr
	}
	ops := channel.NewOps()
	ops.Wei[channel.UserWithdrawal].Set(wei)
	return w.proposeAndExecute(ctx, ops, recipient)
}

// Close cooperatively empties the channel: the user's side to recipient (the user when
// zero), the hub's back to its reserve. Open locks must settle first.
func (w *Wallet) Close(ctx context.Context, recipient common.Address) (*types.Receipt, error) {
	if recipient == (common.Address{}) {
		recipient = w.addr
	}
	if err := w.Sync(ctx); err != nil {
		return nil, err
	}
	s, locks := w.Latest()
	if len(locks) > 0 {
		return nil, fmt.Errorf("%w: %d locks still open", channel.ErrPending, len(locks))
	}
	ops := channel.NewOps()
	ops.Wei[channel.UserWithdrawal].Set(s.WeiBalances[channel.User])
	ops.Wei[channel.HubWithdrawal].Set(s.WeiBalances[channel.Hub])
	ops.Token[channel.UserWithdrawal].Set(s.TokenBalances[channel.User])
	ops.Token[channel.HubWithdrawal].Set(s.TokenBalances[channel.Hub])
	return w.proposeAndExecute(ctx, ops, recipient)
}

// Exit closes the channel on-chain without the hub: with the newest co-signed final
// state, or the on-chain one when the newest is a proposal.
func (w *Wallet) Exit(ctx context.Context) (*types.Receipt, error) {
	w.mu.Lock()
	c := w.ls.Cosigned
	w.mu.Unlock()
	if c.State.Nonce.Sign() > 0 && c.State.Timeout.Sign() == 0 && c.SigHub != nil {
		return w.transact(ctx, nil, w.m.PackStartExitWithUpdate(contracts.State(c.State), c.SigHub, c.SigUser))
	}
	return w.transact(ctx, nil, w.m.PackStartExit(w.addr))
}

// Settle pays out the channel's dispute after its deadline.
func (w *Wallet) Settle(ctx context.Context) (*types.Receipt, error) {
	return w.transact(ctx, nil, w.m.PackSettle(w.addr))
}

// RegisterSecret publishes a payment's secret on-chain, so that its lock resolves to the
// user in a dispute.
func (w *Wallet) RegisterSecret(ctx context.Context, secret common.Hash) (*types.Receipt, error) {
	return w.transact(ctx, nil, w.m.PackRegisterSecret(secret))
}

// ResolveLocks resolves every lock of the settled state on-chain and returns the receipts.
func (w *Wallet) ResolveLocks(ctx context.Context, settled *channel.State, locks []channel.Lock) ([]*types.Receipt, error) {
	tree, err := channel.NewLockTree(locks)
	if err != nil {
		return nil, err
	}
	var out []*types.Receipt
	for i := range locks {
		proof, err := tree.Proof(i)
		if err != nil {
			return out, err
		}
		r, err := w.transact(ctx, nil, w.m.PackResolveLock(w.addr, settled.Nonce, contracts.Lock(&locks[i]), contracts.Proof(proof)))
		if err != nil {
			return out, fmt.Errorf("resolve lock %s: %w", locks[i].Hashlock, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Secret returns the secret of a payment the wallet paid or received.
func (w *Wallet) Secret(hashlock common.Hash) (common.Hash, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s, ok := w.ls.Secrets[hashlock.Hex()]
	return s, ok
}
