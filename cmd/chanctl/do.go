package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
)

// retryInterval is how often listen retries the backups its towers have not receipted.
var retryInterval = 30 * time.Second

// Do runs command cmd with arguments rest on an open wallet and prints its outcome to
// out. Before the command it retries the backups the watchtowers have not receipted; the
// outcome lists every backup made or retried.
func Do(ctx context.Context, w *client.Wallet, opts Options, cmd string, rest []string, out io.Writer) error {
	p := &printer{out: out, opts: opts}
	w.RetryBackups(ctx)
	r, err := runCommand(client.WithTxTrace(ctx, p.trace()), w, p, cmd, rest)
	bs := backups(w.Reports())
	if err != nil {
		if !opts.JSON {
			p.textBackups(bs)
		}
		return err
	}
	if r == nil { // listen printed its own outcome when it started
		return nil
	}
	return p.print(cmd, r, bs)
}

func runCommand(ctx context.Context, w *client.Wallet, p *printer, cmd string, rest []string) (result, error) {
	switch cmd {
	case "status":
		return status(ctx, w, p)
	case "deposit":
		a, err := resolveAsset(ctx, w, p.opts.Asset)
		if err != nil {
			return nil, err
		}
		v, err := a.parse(rest)
		if err != nil {
			return nil, err
		}
		if _, err := w.Deposit(ctx, a.asset, v); err != nil {
			return nil, err
		}
		return &depositView{Deposited: p.assetAmt(a, v), moved: p.moved(a), Approved: p.approved, Transactions: p.txs, v: v, a: a}, nil
	case "pay":
		if !common.IsHexAddress(rest[0]) {
			return nil, fmt.Errorf("%w: %q is not an address", errUsage, rest[0])
		}
		a, err := resolveAsset(ctx, w, p.opts.Asset)
		if err != nil {
			return nil, err
		}
		v, err := a.parse(rest[1:])
		if err != nil {
			return nil, err
		}
		to := common.HexToAddress(rest[0])
		hl, err := pay(ctx, w, p, to, a, v)
		if err != nil {
			return nil, err
		}
		return &payView{Paid: p.assetAmt(a, v), moved: p.moved(a), To: to, Hashlock: hl, v: v, a: a}, nil
	case "listen":
		return nil, listen(ctx, w, p)
	case "withdraw":
		args, to, err := splitAddress(rest)
		if err != nil {
			return nil, err
		}
		a, err := resolveAsset(ctx, w, p.opts.Asset)
		if err != nil {
			return nil, err
		}
		v, err := a.parse(args)
		if err != nil {
			return nil, err
		}
		if _, err := w.Withdraw(ctx, a.asset, v, to); err != nil {
			return nil, err
		}
		return &withdrawView{Withdrew: p.assetAmt(a, v), moved: p.moved(a), To: orSelf(to, w), Transactions: p.txs, v: v, a: a}, nil
	case "close":
		_, to, err := splitAddress(rest)
		if err != nil {
			return nil, err
		}
		if _, err := w.Close(ctx, to); err != nil {
			return nil, err
		}
		return &closeView{To: orSelf(to, w), Transactions: p.txs}, nil
	case "exit":
		r, err := w.Exit(ctx)
		if err != nil {
			return nil, err
		}
		deadline, err := w.ExitDeadline(r)
		if err != nil {
			return nil, err
		}
		return &exitView{Block: r.BlockNumber.Uint64(), Deadline: deadline, DeadlineUTC: utc(deadline), Transactions: p.txs}, nil
	case "settle":
		if _, err := w.Settle(ctx); err != nil {
			return nil, err
		}
		return &settleView{Transactions: p.txs}, nil
	case "towers":
		return towers(w), nil
	case "payments":
		return payments(ctx, w, p)
	case "retry":
		return retry(ctx, w, p)
	case "abandon":
		return abandon(ctx, w)
	}
	return nil, fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// assetArg is the asset --asset names, resolved on the wallet's contract.
type assetArg struct {
	asset client.Asset
	token client.Token // the contract's token, for client.Tokens
}

// resolveAsset resolves --asset: ether, or the contract's token by symbol or address. An
// asset the contract does not hold is a usage error naming what it supports.
func resolveAsset(ctx context.Context, w *client.Wallet, name string) (assetArg, error) {
	if isEther(name) {
		return assetArg{asset: client.Ether}, nil
	}
	a, t, err := w.ResolveAsset(ctx, name)
	if err != nil {
		if errors.Is(err, client.ErrUnknownAsset) {
			return assetArg{}, fmt.Errorf("%w: --asset: %w", errUsage, err)
		}
		return assetArg{}, err
	}
	return assetArg{asset: a, token: t}, nil
}

// parse parses an amount of the asset from arguments: ether as amount does, the token in
// its decimals.
func (a assetArg) parse(words []string) (*big.Int, error) {
	var v *big.Int
	var err error
	if a.asset == client.Tokens {
		v, err = tokenAmount(words, a.token)
	} else {
		v, err = amount(words)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errUsage, err)
	}
	return v, nil
}

func orSelf(a common.Address, w *client.Wallet) common.Address {
	if a == (common.Address{}) {
		return w.Address()
	}
	return a
}

// sides is an amount on each side of the channel.
type sides struct {
	You string `json:"you"`
	Hub string `json:"hub"`
}

type statusView struct {
	head
	User         common.Address `json:"user"`
	Nonce        string         `json:"nonce"`
	OnchainNonce string         `json:"onchainNonce"`
	Balance      sides          `json:"balance"`
	Locked       sides          `json:"locked"` // ether in open locks, by the side that locked it
	Token        *tokenView     `json:"token,omitempty"`
	Locks        []lockView     `json:"locks"`
	// Pending is the on-chain operation the latest state proposes, void after Until, and
	// what to do about it.
	Pending *pendingView `json:"pendingOperation,omitempty"`
	// Onchain is the channel as the wallet's node shows it: its phase (open, disputed,
	// settled), the dispute's deadline, the state the chain holds.
	Onchain *onchainView `json:"onchain,omitempty"`
	// Dispute is the exit open on-chain, if any: who closed, with which nonce, the
	// deadline, the challenges, and what to do (dispute.go).
	Dispute *disputeView `json:"dispute,omitempty"`
}

type onchainView struct {
	Phase       string `json:"phase"`
	Nonce       string `json:"nonce"`
	Deadline    uint64 `json:"deadline,omitempty"` // a block time, during a dispute
	DeadlineUTC string `json:"deadlineUTC,omitempty"`
	Holds       string `json:"holds"` // ether the contract holds for the channel
}

// tokenView is the contract's token and the channel's token balances.
type tokenView struct {
	Address  common.Address `json:"address"`
	Symbol   string         `json:"symbol"`
	Decimals uint8          `json:"decimals"`
	Unit     string         `json:"unit"` // of Balance, Locked and a lock's tokenAmount: the symbol, or its base units with --wei
	Balance  sides          `json:"balance"`
	Locked   sides          `json:"locked"`
}

type lockView struct {
	Hashlock    common.Hash `json:"hashlock"`
	Amount      string      `json:"amount"`                // ether
	TokenAmount string      `json:"tokenAmount,omitempty"` // in the token's unit, when the lock holds tokens
	Direction   string      `json:"direction"`             // "incoming" or "outgoing"
	Expiry      uint64      `json:"expiry"`                // a block timestamp
	ExpiryUTC   string      `json:"expiryUTC"`
}

func status(ctx context.Context, w *client.Wallet, p *printer) (result, error) {
	if err := w.Sync(ctx); err != nil {
		return nil, err
	}
	s, locks := w.Latest()
	v := &statusView{User: w.Address(), Nonce: s.Nonce.String(), OnchainNonce: s.OnchainNonce.String(),
		Balance: sides{You: p.amt(s.WeiBalances[channel.User]), Hub: p.amt(s.WeiBalances[channel.Hub])},
		Locked:  sides{You: p.amt(s.LockedWei[channel.User]), Hub: p.amt(s.LockedWei[channel.Hub])}, Locks: []lockView{}}
	t, ok, err := w.Token(ctx)
	if err != nil {
		return nil, err
	}
	if ok {
		v.Token = &tokenView{Address: t.Address, Symbol: t.Symbol, Decimals: t.Decimals, Unit: p.tokenUnit(t),
			Balance: sides{You: p.tokenAmt(t, s.TokenBalances[channel.User]), Hub: p.tokenAmt(t, s.TokenBalances[channel.Hub])},
			Locked:  sides{You: p.tokenAmt(t, s.LockedToken[channel.User]), Hub: p.tokenAmt(t, s.LockedToken[channel.Hub])}}
	}
	for _, l := range locks {
		dir := "outgoing"
		if l.Sender == channel.Hub {
			dir = "incoming"
		}
		exp := l.Expiry.Uint64()
		lv := lockView{Hashlock: l.Hashlock, Amount: p.amt(l.AmountWei), Direction: dir, Expiry: exp, ExpiryUTC: utc(exp)}
		if l.AmountToken != nil && l.AmountToken.Sign() != 0 {
			lv.TokenAmount = p.tokenAmt(t, l.AmountToken) // a token lock exists only with a token
		}
		v.Locks = append(v.Locks, lv)
	}
	if o, err := w.Lifecycle(ctx); err == nil {
		v.Onchain = &onchainView{Phase: o.Phase.String(), Nonce: o.Nonce.String(), Holds: p.amt(o.TotalWei)}
		if o.Deadline != 0 {
			v.Onchain.Deadline, v.Onchain.DeadlineUTC = o.Deadline, utc(o.Deadline)
		}
	}
	if v.Onchain != nil && v.Onchain.Phase == "disputed" {
		v.Dispute = disputeOf(ctx, w, s.Nonce)
	}
	v.Pending = pendingOf(ctx, w)
	return v, nil
}

func (v *statusView) text(p *printer) {
	fmt.Fprintf(p.out, "user %s\nnonce %s (on-chain %s)\nbalance: you %s %s, hub %s %s%s\n", v.User, v.Nonce, v.OnchainNonce,
		v.Balance.You, v.Unit, v.Balance.Hub, v.Unit, lockedText(v.Locked, v.Unit))
	if t := v.Token; t != nil {
		fmt.Fprintf(p.out, "tokens: you %s %s, hub %s %s%s (token %s)\n", t.Balance.You, t.Unit, t.Balance.Hub, t.Unit,
			lockedText(t.Locked, t.Unit), t.Address)
	}
	for _, l := range v.Locks {
		amt := l.Amount + " " + v.Unit
		if l.TokenAmount != "" {
			amt = l.TokenAmount + " " + v.Token.Unit
			if l.Amount != "0" {
				amt = l.Amount + " " + v.Unit + " + " + amt
			}
		}
		fmt.Fprintf(p.out, "lock %s %s, expires %s (block time %d, %s)\n", l.Hashlock, amt, l.ExpiryUTC, l.Expiry, l.Direction)
	}
	if v.Pending != nil {
		v.Pending.text(p)
	}
	switch o := v.Onchain; {
	case o == nil:
	case o.Phase == "disputed":
		fmt.Fprintf(p.out, "on-chain: disputed at nonce %s until %s (block time %d): no payment until it settles\n", o.Nonce, o.DeadlineUTC, o.Deadline)
	case o.Phase == "settled":
		fmt.Fprintf(p.out, "on-chain: settled at nonce %s, the channel holds nothing; the hub restarts it (run status again)\n", o.Nonce)
	default:
		fmt.Fprintf(p.out, "on-chain: open at nonce %s, holding %s %s\n", o.Nonce, o.Holds, v.Unit)
	}
	if v.Dispute != nil {
		v.Dispute.text(p)
	}
}

// lockedText is what a side has in open locks, for status's text: nothing when none.
func lockedText(l sides, unit string) string {
	if l.You == "0" && l.Hub == "0" {
		return ""
	}
	return fmt.Sprintf("; locked: you %s %s, hub %s %s", l.You, unit, l.Hub, unit)
}

type depositView struct {
	head
	Deposited string `json:"deposited"`
	moved
	// Approved is the amount a token deposit approved the contract to take first (ERC-20
	// approve), when its allowance fell short.
	Approved     string   `json:"approved,omitempty"`
	Transactions []txView `json:"transactions"`
	v            *big.Int
	a            assetArg
}

func (v *depositView) text(p *printer) {
	fmt.Fprintf(p.out, "deposited %s; the hub confirms it once final (run status)\n", p.assetText(v.a, v.v))
}

type payView struct {
	head
	Paid string `json:"paid"`
	moved
	To       common.Address `json:"to"`
	Hashlock common.Hash    `json:"hashlock"`
	v        *big.Int
	a        assetArg
}

func (v *payView) text(p *printer) {
	fmt.Fprintf(p.out, "paid %s to %s (hashlock %s)\n", p.assetText(v.a, v.v), v.To, v.Hashlock)
}

type listenView struct {
	head
	User      common.Address `json:"user"`
	Listening bool           `json:"listening"`
}

func (v *listenView) text(p *printer) {
	fmt.Fprintf(p.out, "listening as %s; interrupt to stop\n", v.User)
}

type withdrawView struct {
	head
	Withdrew string `json:"withdrew"`
	moved
	To           common.Address `json:"to"`
	Transactions []txView       `json:"transactions"`
	v            *big.Int
	a            assetArg
}

func (v *withdrawView) text(p *printer) {
	fmt.Fprintf(p.out, "withdrew %s to %s\n", p.assetText(v.a, v.v), v.To)
}

type closeView struct {
	head
	To           common.Address `json:"to"`
	Transactions []txView       `json:"transactions"`
}

func (v *closeView) text(p *printer) {
	fmt.Fprintf(p.out, "closed: the channel's balance went to %s\n", v.To)
}

type exitView struct {
	head
	Block        uint64   `json:"block"`    // the exit's
	Deadline     uint64   `json:"deadline"` // the challenge deadline, a block timestamp
	DeadlineUTC  string   `json:"deadlineUTC"`
	Transactions []txView `json:"transactions"`
}

func (v *exitView) text(p *printer) {
	fmt.Fprintf(p.out, "exit started in block %d; challenge deadline %s (block time %d); settle after it\n", v.Block, v.DeadlineUTC, v.Deadline)
}

type settleView struct {
	head
	Transactions []txView `json:"transactions"`
}

func (v *settleView) text(p *printer) {
	fmt.Fprintln(p.out, "settled")
}
