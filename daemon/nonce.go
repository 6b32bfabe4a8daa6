package daemon

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// NonceAt fails over. The dispute sender reads the account's nonce at the head to tell an
// account nonce that another transaction used.
func (c *Chain) NonceAt(ctx context.Context, a common.Address, block *big.Int) (uint64, error) {
	return on(ctx, c, "nonce", func(x Client) (uint64, error) { return x.NonceAt(ctx, a, block) })
}
