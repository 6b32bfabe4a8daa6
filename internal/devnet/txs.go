package devnet

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/wei"
)

// txs sends a batch of transactions, then waits for all of them: the first error stops
// the batch and is what wait returns.
type txs struct {
	ctx     context.Context
	c       *ethclient.Client
	chainID *big.Int
	sent    func(string, common.Hash)
	pending []sentTx
	err     error
}

type sentTx struct {
	what string
	hash common.Hash
}

func (t *txs) opts(key *ecdsa.PrivateKey, value *big.Int) *bind.TransactOpts {
	o := bind.NewKeyedTransactor(key, t.chainID)
	o.Context, o.Value = t.ctx, value
	return o
}

// send sends value and data from key to to.
func (t *txs) send(key *ecdsa.PrivateKey, to common.Address, value *big.Int, data []byte, what string) {
	if t.err != nil {
		return
	}
	opts := t.opts(key, value)
	if code, err := t.c.CodeAt(t.ctx, to, nil); err == nil && len(code) == 0 && len(data) == 0 {
		opts.GasLimit = params.TxGas // a plain transfer, which bind would not estimate to an account without code
	}
	tx, err := bind.NewBoundContract(to, abi.ABI{}, t.c, t.c, t.c).RawTransact(opts, data)
	if err != nil {
		t.err = fmt.Errorf("devnet: send %s: %w", what, explain(err))
		return
	}
	t.sent(what, tx.Hash())
	t.pending = append(t.pending, sentTx{what, tx.Hash()})
}

// wait waits for every transaction sent since the last wait to succeed.
func (t *txs) wait() error {
	for _, p := range t.pending {
		if t.err != nil {
			break
		}
		rcpt, err := bind.WaitMined(t.ctx, t.c, p.hash)
		switch {
		case err != nil:
			t.err = fmt.Errorf("devnet: wait for %s (%s): %w", p.what, p.hash, err)
		case rcpt.Status != types.ReceiptStatusSuccessful:
			t.err = fmt.Errorf("devnet: %s (%s) reverted", p.what, p.hash)
		}
	}
	t.pending = nil
	return t.err
}

// explain decodes a contract's custom error, and says an unfunded account is one.
func explain(err error) error { return contracts.AsRevert(err) }

func formatEther(v *big.Int) string { return wei.Ether(v) }
