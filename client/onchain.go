package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// ErrNoChain reports an on-chain operation on a wallet without a node.
var ErrNoChain = errors.New("wallet has no node configured")

// ErrReverted reports a transaction of the wallet's that was mined and reverted.
var ErrReverted = errors.New("reverted")

// TxTrace is told of the wallet's transactions as they go: Sent as soon as one is
// broadcast, before it is mined, and Mined with its receipt (also a reverted one). Either
// may be nil. It rides on a context (WithTxTrace), as net/http/httptrace's ClientTrace
// does for requests, so that every on-chain call reports its transactions, including the
// second one a withdrawal to a contract wallet may need.
//
// Approve, when set, is told before the wallet sends an ERC-20 approve letting spender
// (the contract) take amount of token, the first of a token deposit's two transactions.
type TxTrace struct {
	Sent    func(tx *types.Transaction)
	Mined   func(r *types.Receipt)
	Approve func(token Token, spender common.Address, amount *big.Int)
}

type txTraceKey struct{}

// WithTxTrace returns ctx carrying t: the wallet's transactions sent under it report to t.
func WithTxTrace(ctx context.Context, t *TxTrace) context.Context {
	return context.WithValue(ctx, txTraceKey{}, t)
}

func txTrace(ctx context.Context) *TxTrace {
	if t, ok := ctx.Value(txTraceKey{}).(*TxTrace); ok && t != nil {
		return t
	}
	return &TxTrace{}
}

// transact sends calldata to the contract from the user and waits for it to be mined,
// telling ctx's TxTrace when it is sent and when it is mined. what names the step in
// errors ("this deposit"): the call is checked first (preflight), and one the account
// cannot afford, or that would revert, is not sent.
func (w *Wallet) transact(ctx context.Context, what string, value *big.Int, calldata []byte) (*types.Receipt, error) {
	return w.transactTo(ctx, what, w.cfg.Contract, value, calldata)
}

// transactTo is transact to another contract (the token, for an approval).
func (w *Wallet) transactTo(ctx context.Context, what string, to common.Address, value *big.Int, calldata []byte) (*types.Receipt, error) {
	if w.cfg.Chain == nil {
		return nil, ErrNoChain
	}
	gas, err := w.preflight(ctx, what, to, value, calldata)
	if err != nil {
		return nil, err
	}
	opts := bind.NewKeyedTransactor(w.cfg.Key, w.cfg.ChainID)
	opts.Context, opts.Value, opts.GasLimit = ctx, value, gas // estimated once, by preflight
	tx, err := w.m.Instance(w.cfg.Chain, to).RawTransact(opts, calldata)
	if err != nil {
		return nil, contracts.AsRevert(err)
	}
	trace := txTrace(ctx)
	if trace.Sent != nil {
		trace.Sent(tx)
	}
	r, err := w.waitMined(ctx, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("transaction %s: %w", tx.Hash(), err)
	}
	if trace.Mined != nil {
		trace.Mined(r)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("transaction %s: %w", tx.Hash(), ErrReverted)
	}
	return r, nil
}

// proposeAndExecute asks the hub to co-sign a proposal, then executes it on-chain with a
// user-authorized update. The hub confirms it off-chain once it sees the event (Sync).
//
// Before the hub is asked, the account must hold the deposit's ether and the gas of the
// update at the current fee (estimated: the exact call needs the hub's signature), so
// that a step the account cannot pay for leaves no proposal holding the channel.
func (w *Wallet) proposeAndExecute(ctx context.Context, what string, ops channel.Ops, recipient common.Address) (*types.Receipt, error) {
	if err := w.afford(ctx, what, ops.Wei[channel.UserDeposit], userUpdateGas); err != nil {
		return nil, err
	}
	now, err := w.chainNow(ctx)
	if err != nil {
		return nil, err
	}
	timeout, err := w.proposalTimeout(ctx, now)
	if err != nil {
		return nil, err
	}
	s, err := w.request(ctx, channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &recipient, Timeout: timeout}, nil, nil)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	sigHub := append([]byte(nil), w.ls.Cosigned.SigHub...)
	w.mu.Unlock()
	value := new(big.Int).Set(ops.Wei[channel.UserDeposit])
	r, err := w.transact(ctx, what, value, w.m.PackUserAuthorizedUpdate(contracts.State(s), sigHub))
	if err != nil {
		return r, fmt.Errorf("%w (the hub co-signed it, and the channel waits on it until %s: `chanctl retry` sends it again "+
			"until then, `chanctl abandon` gives it up after)", err, contracts.UTC(s.Timeout))
	}
	return r, nil
}

// Deposit moves amount of asset (base units) from the user's account into the channel. A
// token deposit first approves the contract to take the amount (ERC-20 approve, only
// when its allowance falls short; ctx's TxTrace is told), then the user-authorized
// update pulls it.
func (w *Wallet) Deposit(ctx context.Context, asset Asset, amount *big.Int) (*types.Receipt, error) {
	if amount == nil || amount.Sign() <= 0 {
		return nil, fmt.Errorf("%w: deposit must be positive", channel.ErrInvalidField)
	}
	ops, err := opsFor(asset, channel.UserDeposit, amount)
	if err != nil {
		return nil, err
	}
	if asset == Tokens {
		// The ether for both transactions' gas first: an approval the update cannot
		// follow spends gas for nothing.
		if err := w.afford(ctx, "this deposit", nil, approveGas+userUpdateGas); err != nil {
			return nil, err
		}
		// Before the hub signs anything: a failed approval leaves no proposal behind.
		if err := w.approve(ctx, amount); err != nil {
			return nil, err
		}
	}
	return w.proposeAndExecute(ctx, "this deposit", ops, w.addr) // no withdrawal: the recipient is the user
}

// Withdraw moves amount of asset (base units) from the channel to recipient (the user
// when zero). The recipient is named in this withdrawal's state only: later states, and
// any settlement, pay the user. The contract gives a recipient the 2,300 gas stipend of a
// value call; one that needs more (a contract wallet) has the payout owed to the user,
// and Withdraw sends it on.
func (w *Wallet) Withdraw(ctx context.Context, asset Asset, amount *big.Int, recipient common.Address) (*types.Receipt, error) {
	if amount == nil || amount.Sign() <= 0 {
		return nil, fmt.Errorf("%w: withdrawal must be positive", channel.ErrInvalidField)
	}
	if recipient == (common.Address{}) {
		recipient = w.addr
	}
	ops, err := opsFor(asset, channel.UserWithdrawal, amount)
	if err != nil {
		return nil, err
	}
	r, err := w.proposeAndExecute(ctx, "this withdrawal", ops, recipient)
	if err != nil {
		return r, err
	}
	return r, w.forwardDeferred(ctx, r, recipient)
}

// forwardDeferred sends what an executed withdrawal could not deliver to recipient, now
// with all gas: the contract owes it to the user (and, with it, anything else it owed the
// user in the same asset).
func (w *Wallet) forwardDeferred(ctx context.Context, r *types.Receipt, recipient common.Address) error {
	if recipient == w.addr {
		return nil
	}
	for _, l := range r.Logs {
		ev, err := w.m.UnpackPayoutDeferredEvent(l)
		if err != nil || ev.To != w.addr {
			continue
		}
		for asset, amount := range map[uint8]*big.Int{channel.AssetWei: ev.WeiAmount, channel.AssetToken: ev.TokenAmount} {
			if amount.Sign() == 0 {
				continue
			}
			w.log.Info("the recipient refused the withdrawal's stipend payout; sending it on", "recipient", recipient, "asset", asset, "amount", amount)
			if _, err := w.WithdrawOwed(ctx, asset, recipient); err != nil {
				return fmt.Errorf("send the withdrawal on to %s: %w", recipient, err)
			}
		}
	}
	return nil
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
	r, err := w.proposeAndExecute(ctx, "this close", ops, recipient)
	if err != nil {
		return r, err
	}
	return r, w.forwardDeferred(ctx, r, recipient)
}

// Exit closes the channel on-chain without the hub, with the newest co-signed state the
// contract takes in a dispute, which takes no proposal (a state with a timeout): the
// newest co-signed state when it is final; when it is a proposal, the newest final state
// kept beside it, unless the chain executed the proposal (the on-chain state is then the
// newer); else the on-chain state.
func (w *Wallet) Exit(ctx context.Context) (*types.Receipt, error) {
	w.mu.Lock()
	c, f := w.ls.Cosigned, w.ls.Final
	w.mu.Unlock()
	if exitable(c) {
		return w.transact(ctx, "this exit", nil, w.m.PackStartExitWithUpdate(contracts.State(c.State), c.SigHub, c.SigUser))
	}
	if f != nil && exitable(*f) {
		ch, err := w.Onchain(ctx)
		if err != nil {
			return nil, fmt.Errorf("exit: read the channel on-chain: %w", err)
		}
		if f.State.Nonce.Cmp(ch.Nonce) > 0 && f.State.OnchainNonce.Cmp(ch.OnchainNonce) >= 0 {
			w.log.Info("exiting with the newest final state: the newest co-signed state is a proposal, which a dispute does not take",
				"nonce", f.State.Nonce, "proposal", c.State.Nonce)
			return w.transact(ctx, "this exit", nil, w.m.PackStartExitWithUpdate(contracts.State(f.State), f.SigHub, f.SigUser))
		}
	}
	return w.transact(ctx, "this exit", nil, w.m.PackStartExit(w.addr))
}

// exitable reports whether c is a state a dispute can start with: final, past the
// opening state, and signed by both sides.
func exitable(c cosigned) bool {
	return isFinal(c) && c.State.Nonce.Sign() > 0 && len(c.SigHub) > 0 && len(c.SigUser) > 0
}

// Settle pays out the channel's dispute after its deadline, to the user (whatever a
// withdrawal's recipient was). A payout the user's address refuses is owed to it
// (Owed, WithdrawOwed).
func (w *Wallet) Settle(ctx context.Context) (*types.Receipt, error) {
	return w.transact(ctx, "this settlement", nil, w.m.PackSettle(w.addr))
}

// Owed returns what the contract owes the user: payouts it could not deliver.
func (w *Wallet) Owed(ctx context.Context) (wei, tok *big.Int, err error) {
	if w.cfg.Chain == nil {
		return nil, nil, ErrNoChain
	}
	inst, opts := w.m.Instance(w.cfg.Chain, w.cfg.Contract), &bind.CallOpts{Context: ctx}
	if wei, err = bind.Call(inst, opts, w.m.PackOwedWei(w.addr), w.m.UnpackOwedWei); err != nil {
		return nil, nil, err
	}
	tok, err = bind.Call(inst, opts, w.m.PackOwedToken(w.addr), w.m.UnpackOwedToken)
	return wei, tok, err
}

// WithdrawOwed sends what the contract owes the user of one asset (channel.AssetWei or
// AssetToken) to `to` (the user when zero), with all gas.
func (w *Wallet) WithdrawOwed(ctx context.Context, asset uint8, to common.Address) (*types.Receipt, error) {
	return w.transact(ctx, "this payout of what the contract owes", nil, w.m.PackWithdrawOwed(asset, to))
}

// RegisterSecret publishes a payment's secret on-chain, so that its lock resolves to the
// user in a dispute.
func (w *Wallet) RegisterSecret(ctx context.Context, secret common.Hash) (*types.Receipt, error) {
	return w.transact(ctx, "this secret's registration", nil, w.m.PackRegisterSecret(secret))
}

// ResolveLocks resolves on-chain the locks of the settled state whose outcome is decided
// (a secret registered in time, or an expiry passed), paying each side; the contract
// takes the state and its whole lock list at once. Calling it again after more outcomes
// are decided resolves those.
func (w *Wallet) ResolveLocks(ctx context.Context, settled *channel.State, locks []channel.Lock) (*types.Receipt, error) {
	r, err := w.transact(ctx, "this lock resolution", nil, w.m.PackResolveLocks(contracts.State(settled), contracts.Locks(locks)))
	if err != nil {
		return r, fmt.Errorf("resolve the %d locks of nonce %s: %w", len(locks), settled.Nonce, err)
	}
	return r, nil
}

// Secret returns the secret of a payment the wallet paid or received.
func (w *Wallet) Secret(hashlock common.Hash) (common.Hash, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s, ok := w.ls.Secrets[hashlock.Hex()]
	return s, ok
}

// ExitDeadline returns the challenge deadline (a block timestamp) of the dispute an
// exit's receipt started, from its ExitStarted event.
func (w *Wallet) ExitDeadline(r *types.Receipt) (uint64, error) {
	for _, l := range r.Logs {
		if ev, err := w.m.UnpackExitStartedEvent(l); err == nil && ev.User == w.addr {
			return ev.Deadline.Uint64(), nil
		}
	}
	return 0, fmt.Errorf("transaction %s started no exit of %s", r.TxHash, w.addr)
}

// Onchain returns the channel as the contract records it: its status, nonces and, in a
// dispute, the deadline.
func (w *Wallet) Onchain(ctx context.Context) (bindings.ChannelManagerChannel, error) {
	if w.cfg.Chain == nil {
		return bindings.ChannelManagerChannel{}, ErrNoChain
	}
	return bind.Call(w.m.Instance(w.cfg.Chain, w.cfg.Contract), &bind.CallOpts{Context: ctx}, w.m.PackGetChannel(w.addr), w.m.UnpackGetChannel)
}

// Token describes the ERC-20 token a ChannelManager approves: its address, symbol and
// decimals, as the token contract reports them.
type Token struct {
	Address  common.Address
	Symbol   string
	Decimals uint8
}

// Token reads the contract's approved token and its symbol and decimals; ok is false when
// the contract has no token: it approves the zero address, or one that holds no code (no
// transfer to or from it can succeed). A token without the optional ERC-20 metadata is
// shown by its address, in base units.
func (w *Wallet) Token(ctx context.Context) (t Token, ok bool, err error) {
	if w.cfg.Chain == nil {
		return t, false, ErrNoChain
	}
	opts := &bind.CallOpts{Context: ctx}
	if t.Address, err = bind.Call(w.m.Instance(w.cfg.Chain, w.cfg.Contract), opts, w.m.PackApprovedToken(), w.m.UnpackApprovedToken); err != nil {
		return t, false, fmt.Errorf("contract %s: read its token: %w", w.cfg.Contract, err)
	}
	if t.Address == (common.Address{}) {
		return t, false, nil
	}
	if code, err := w.cfg.Chain.CodeAt(ctx, t.Address, nil); err != nil {
		return t, false, fmt.Errorf("token %s: read its code: %w", t.Address, err)
	} else if len(code) == 0 {
		return t, false, nil
	}
	// symbol() and decimals() have the standard ERC-20 selectors; TestToken's binding
	// packs them like any token's.
	erc20 := bindings.NewTestToken()
	inst := erc20.Instance(w.cfg.Chain, t.Address)
	sym, err := bind.Call(inst, opts, erc20.PackSymbol(), erc20.UnpackSymbol)
	// The symbol is the token's to choose: only printable characters, and few, are shown.
	sym = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return r
		}
		return -1
	}, sym)
	if t.Symbol = sym; err != nil || sym == "" || len(sym) > 32 {
		t.Symbol = t.Address.Hex()
	}
	if t.Decimals, err = bind.Call(inst, opts, erc20.PackDecimals(), erc20.UnpackDecimals); err != nil {
		t.Decimals = 0
	}
	return t, true, nil
}

// waitMined waits for the receipt of hash, looking every Config.ReceiptPoll.
func (w *Wallet) waitMined(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	if w.cfg.ReceiptPoll <= 0 {
		return bind.WaitMined(ctx, w.cfg.Chain, hash)
	}
	t := time.NewTicker(w.cfg.ReceiptPoll)
	defer t.Stop()
	for {
		r, err := w.cfg.Chain.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		if !errors.Is(err, ethereum.NotFound) {
			w.log.Debug("reading a receipt failed; retried", "tx", hash, "err", err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
