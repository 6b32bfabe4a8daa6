package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/wei"
)

// ErrCannotAfford is an on-chain step the wallet's account cannot pay for: the ether it
// moves plus its gas. It is found before anything is sent, to the hub or to the chain.
var ErrCannotAfford = errors.New("the account cannot pay for the transaction")

// userUpdateGas bounds the gas of a userAuthorizedUpdate before the hub co-signs it, when
// the exact call cannot be estimated yet: docs/gas.md measures 232,005 to 312,227 for
// the costliest (opening a channel with ether and tokens); this leaves room above both.
const userUpdateGas = 350_000

// approveGas bounds an ERC-20 approve's gas (about 46,000 on a fresh allowance).
const approveGas = 60_000

// Shortfall is what an on-chain step needs and what the account holds, all in wei.
type Shortfall struct {
	What    string // "this deposit"
	Account common.Address
	Balance *big.Int
	Value   *big.Int // sent with the transaction
	Gas     *big.Int // gas × the fee per gas the transaction would offer
}

func (s *Shortfall) Error() string {
	need := fmt.Sprintf("about %s ether of gas", wei.Ether(s.Gas))
	if s.Value.Sign() > 0 {
		need = fmt.Sprintf("%s ether plus %s", wei.Ether(s.Value), need)
	}
	return fmt.Sprintf("%s: your account %s holds %s ether; %s needs %s: fund the account, then run it again",
		ErrCannotAfford, s.Account, wei.Ether(s.Balance), s.What, need)
}

func (s *Shortfall) Unwrap() error { return ErrCannotAfford }

// feePerGas is the most a transaction sent now would pay per gas: what bind offers for a
// dynamic-fee transaction (the tip plus twice the base fee), or the legacy gas price.
func (w *Wallet) feePerGas(ctx context.Context) (*big.Int, error) {
	head, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read the chain's head: %w", err)
	}
	if head.BaseFee == nil {
		return w.cfg.Chain.SuggestGasPrice(ctx)
	}
	tip, err := w.cfg.Chain.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the gas tip: %w", err)
	}
	return new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2))), nil
}

// afford checks that the account holds value plus gas units at the current fee.
func (w *Wallet) afford(ctx context.Context, what string, value *big.Int, gas uint64) error {
	if w.cfg.Chain == nil {
		return ErrNoChain
	}
	if value == nil {
		value = new(big.Int)
	}
	fee, err := w.feePerGas(ctx)
	if err != nil {
		return err
	}
	bal, err := w.cfg.Chain.BalanceAt(ctx, w.addr, nil)
	if err != nil {
		return fmt.Errorf("read the balance of %s: %w", w.addr, err)
	}
	cost := new(big.Int).Mul(fee, new(big.Int).SetUint64(gas))
	if bal.Cmp(new(big.Int).Add(value, cost)) < 0 {
		return &Shortfall{What: what, Account: w.addr, Balance: bal, Value: new(big.Int).Set(value), Gas: cost}
	}
	return nil
}

// preflight checks the exact call the wallet is about to send: the account holds value
// (before estimating: a node refuses to estimate a transfer the sender cannot make),
// the call estimates without reverting (a revert is the contract's decoded reason), and
// the account holds value plus the estimated gas.
// It returns the estimate, which the transaction is sent with.
func (w *Wallet) preflight(ctx context.Context, what string, to common.Address, value *big.Int, calldata []byte) (uint64, error) {
	if err := w.afford(ctx, what, value, 0); err != nil {
		return 0, err
	}
	gas, err := w.cfg.Chain.EstimateGas(ctx, ethereum.CallMsg{From: w.addr, To: &to, Value: value, Data: calldata})
	if err != nil {
		return 0, fmt.Errorf("%s would fail: %w", what, contracts.AsRevert(err))
	}
	return gas, w.afford(ctx, what, value, gas)
}
