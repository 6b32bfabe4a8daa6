package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// Asset is what a channel holds and a payment moves: ether, or the ERC-20 token its
// ChannelManager approves. Amounts of an asset are in its base units (wei, or the
// token's smallest unit).
type Asset uint8

// The assets, numbered as the contract numbers them (channel.AssetWei, AssetToken).
const (
	Ether  Asset = Asset(channel.AssetWei)
	Tokens Asset = Asset(channel.AssetToken)
)

// String names the asset: "ether" or "token".
func (a Asset) String() string {
	if a == Tokens {
		return "token"
	}
	return "ether"
}

// ErrUnknownAsset reports an asset name that is neither ether nor the contract's token.
var ErrUnknownAsset = errors.New("unknown asset")

// ErrNoToken reports a token operation on a contract whose approved token is no contract
// (or none at all).
var ErrNoToken = errors.New("the contract has no token")

// ResolveAsset turns what a user types into an asset: "ether" (or "eth"), or the
// contract's token by its symbol (case does not matter) or address. It returns the token
// too (zero for ether). An unknown name is an ErrUnknownAsset that names it and lists the
// assets the contract supports.
func (w *Wallet) ResolveAsset(ctx context.Context, name string) (Asset, Token, error) {
	n := strings.TrimSpace(name)
	if strings.EqualFold(n, "ether") || strings.EqualFold(n, "eth") {
		return Ether, Token{}, nil
	}
	t, ok, err := w.Token(ctx)
	if err != nil {
		return 0, Token{}, err
	}
	if ok && (strings.EqualFold(n, t.Symbol) || (common.IsHexAddress(n) && common.HexToAddress(n) == t.Address)) {
		return Tokens, t, nil
	}
	supported := "ether only: its token " + t.Address.Hex() + " is no contract"
	if ok {
		supported = fmt.Sprintf("ether and %s (%s)", t.Symbol, t.Address)
	}
	return 0, Token{}, fmt.Errorf("%w %q: contract %s supports %s", ErrUnknownAsset, name, w.cfg.Contract, supported)
}

// token returns the contract's token, or ErrNoToken.
func (w *Wallet) token(ctx context.Context) (Token, error) {
	t, ok, err := w.Token(ctx)
	if err != nil {
		return t, err
	}
	if !ok {
		return t, fmt.Errorf("%w: contract %s approves %s, which holds no code", ErrNoToken, w.cfg.Contract, t.Address)
	}
	return t, nil
}

// approve lets the contract pull amount of the token from the user, for a token deposit
// (userAuthorizedUpdate pulls it with transferFrom). It sends ERC-20 approve only when the
// allowance the contract already has falls short, and says so to ctx's TxTrace first.
// It checks the user's token balance too, so that a deposit the token cannot cover is
// refused here with the amounts rather than as a reverted transaction.
func (w *Wallet) approve(ctx context.Context, amount *big.Int) error {
	t, err := w.token(ctx)
	if err != nil {
		return err
	}
	erc20 := bindings.NewTestToken() // the standard ERC-20 selectors, as in Token
	inst, opts := erc20.Instance(w.cfg.Chain, t.Address), &bind.CallOpts{Context: ctx}
	bal, err := bind.Call(inst, opts, erc20.PackBalanceOf(w.addr), erc20.UnpackBalanceOf)
	if err != nil {
		return fmt.Errorf("token %s: read the balance of %s: %w", t.Address, w.addr, err)
	}
	if bal.Cmp(amount) < 0 {
		return fmt.Errorf("%w: %s holds %s base units of %s, the deposit is %s", channel.ErrInsufficient, w.addr, bal, t.Symbol, amount)
	}
	allowed, err := bind.Call(inst, opts, erc20.PackAllowance(w.addr, w.cfg.Contract), erc20.UnpackAllowance)
	if err != nil {
		return fmt.Errorf("token %s: read the allowance of %s: %w", t.Address, w.cfg.Contract, err)
	}
	if allowed.Cmp(amount) >= 0 {
		return nil
	}
	if tr := txTrace(ctx); tr.Approve != nil {
		tr.Approve(t, w.cfg.Contract, amount)
	}
	if _, err := w.transactTo(ctx, "this approval", t.Address, nil, erc20.PackApprove(w.cfg.Contract, amount)); err != nil {
		return fmt.Errorf("approve %s to take %s base units of %s: %w", w.cfg.Contract, amount, t.Symbol, err)
	}
	return nil
}

// opsFor returns operations moving amount of asset at index i (channel.UserDeposit,
// UserWithdrawal).
func opsFor(asset Asset, i int, amount *big.Int) (channel.Ops, error) {
	ops := channel.NewOps()
	switch asset {
	case Ether:
		ops.Wei[i].Set(amount)
	case Tokens:
		ops.Token[i].Set(amount)
	default:
		return ops, fmt.Errorf("%w: asset %d", ErrUnknownAsset, asset)
	}
	return ops, nil
}
