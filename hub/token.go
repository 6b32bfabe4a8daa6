package hub

import (
	"context"
	"fmt"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// tokenInfo is what the hub knows of the contract's token. The contract fixes it in its
// constructor, so once read it is kept.
type tokenInfo struct {
	mu    sync.Mutex
	known bool
	addr  common.Address
	ok    bool
}

// hasToken reports whether the contract's approved token is a contract: a payment,
// deposit or withdrawal in tokens is refused (ErrNoToken) when it is not, since no
// transfer of it can succeed. A hub without an executor (no chain) assumes it is.
func (h *Hub) hasToken(ctx context.Context) (common.Address, bool, error) {
	if h.exec == nil {
		return common.Address{}, true, nil
	}
	t := &h.token
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.known {
		addr, ok, err := h.exec.Token(ctx)
		if err != nil {
			return addr, false, fmt.Errorf("contract %s: %w", h.cfg.Contract, err)
		}
		t.known, t.addr, t.ok = true, addr, ok
	}
	return t.addr, t.ok, nil
}

// checkTokens refuses what moves tokens, in a request of the user's, when the contract
// has no token.
func (h *Hub) checkTokens(ctx context.Context, what string, amounts ...*big.Int) error {
	moves := false
	for _, a := range amounts {
		moves = moves || (a != nil && a.Sign() != 0)
	}
	if !moves {
		return nil
	}
	addr, ok, err := h.hasToken(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: %s moves tokens, but contract %s approves %s, which is no token contract; use ether",
			ErrNoToken, what, h.cfg.Contract, addr)
	}
	return nil
}

// need is what a payment lacks in a payee's channel: the hub's ether and token balance
// toward the payee must reach these (nil: that asset is not short).
type need struct {
	wei, token *big.Int
}

// short returns what the hub's side of s lacks to lock amountWei and amountToken.
func short(s *channel.State, amountWei, amountToken *big.Int) (need, bool) {
	var n need
	if s.WeiBalances[channel.Hub].Cmp(amountWei) < 0 {
		n.wei = amountWei
	}
	if amountToken != nil && s.TokenBalances[channel.Hub].Cmp(amountToken) < 0 {
		n.token = amountToken
	}
	return n, n.wei != nil || n.token != nil
}
