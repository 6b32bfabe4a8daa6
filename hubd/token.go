package hubd

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/wei"
)

// TokenAmount is an amount of the contract's token in hub.yaml, written in the token's
// own units ("1000", "2.5"): the hub reads the token's decimals when it starts and turns
// it into base units then (Units).
type TokenAmount struct{ S string }

// maxDecimals is the most decimals a token amount is checked against when hub.yaml is
// read, before the token's own are known: any plain decimal number passes.
const maxDecimals = 77

// UnmarshalYAML reads a non-negative decimal number.
func (a *TokenAmount) UnmarshalYAML(n *yaml.Node) error {
	if _, err := wei.ParseUnits(n.Value, maxDecimals); err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	a.S = n.Value
	return nil
}

// tokenDecimals is what Units needs of the contract's token.
type tokenDecimals interface {
	// Token returns the contract's token and whether it holds code (hub.Executor).
	Token(ctx context.Context) (common.Address, bool, error)
}

// Units returns the amount in base units of contract's token, nil when it is not set.
// A set amount on a contract without a token is an error: the hub could never top up in
// it.
func (a TokenAmount) Units(ctx context.Context, chain bind.ContractBackend, x tokenDecimals, field string) (*big.Int, error) {
	if a.S == "" {
		return nil, nil
	}
	addr, ok, err := x.Token(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s is set, but the contract's token %s holds no code", field, addr)
	}
	erc20 := bindings.NewTestToken() // the standard decimals() selector
	dec, err := bind.Call(erc20.Instance(chain, addr), &bind.CallOpts{Context: ctx}, erc20.PackDecimals(), erc20.UnpackDecimals)
	if err != nil {
		return nil, fmt.Errorf("%s: token %s gives no decimals(): %w", field, addr, err)
	}
	v, err := wei.ParseUnits(a.S, dec)
	if err != nil {
		return nil, fmt.Errorf("%s: token %s has %d decimals: %w", field, addr, dec, err)
	}
	return v, nil
}
