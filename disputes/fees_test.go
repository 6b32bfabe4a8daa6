package disputes_test

import (
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// TestFeeSpike: while the challenge waits in the pool, blocks full of better-paying
// transactions push the base fee up tenfold, pricing the first attempt out. The sender
// replaces it at the same account nonce with fees that follow the base fee, and the
// challenge lands before the deadline.
func TestFeeSpike(t *testing.T) {
	e := newEnv(t, envConfig{users: 1})
	burnerABI := bindings.NewGasBurner()
	addr, tx, err := bind.DeployContract(e.c.Opts(e.hub), common.FromHex(bindings.GasBurnerMetaData.Bin), e.c.Client, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.c.Mine(tx); err != nil {
		t.Fatal(err)
	}
	burner := burnerABI.Instance(e.c.Client, addr)

	held := e.staleClose()
	e.react(e.tw) // the challenge is signed and in the pool, not yet mined
	head, err := e.c.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	base0 := new(big.Int).Set(head.BaseFee)
	nonce, err := e.c.Client.PendingNonceAt(t.Context(), e.hub.Addr)
	if err != nil {
		t.Fatal(err)
	}
	for new(big.Int).Div(head.BaseFee, base0).Cmp(big.NewInt(10)) < 0 {
		// Fill the next block with four transactions that each burn a quarter of it and
		// tip far more than any challenge, so the challenge stays out.
		for range 4 {
			opts := e.c.Opts(e.hub)
			opts.Nonce = new(big.Int).SetUint64(nonce) // the pool may lag behind under load
			nonce++
			opts.GasLimit = head.GasLimit / 4
			opts.GasTipCap = big.NewInt(40 * params.GWei)
			opts.GasFeeCap = big.NewInt(60 * params.GWei) // under the node's 1-ether fee cap
			if _, err := burner.RawTransact(opts, burnerABI.PackBurn()); err != nil {
				t.Fatal(err)
			}
		}
		// The pool takes them in asynchronously: mine only once all four are pending.
		wait.Until(t, 10*time.Second, "the spam transactions to be pending", func() bool {
			n, err := e.c.Client.PendingNonceAt(t.Context(), e.hub.Addr)
			return err == nil && n == nonce
		})
		e.c.Backend.Commit()
		e.react(e.tw)
		if head, err = e.c.Client.HeaderByNumber(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		if got := e.challengesFrom(e.tower.Addr); len(got) != 0 {
			blk, _ := e.c.Client.BlockByHash(t.Context(), got[0].Raw.BlockHash)
			var tips []string
			for _, tx := range blk.Transactions() {
				tips = append(tips, fmt.Sprintf("%s/%d", tx.GasTipCap(), tx.Gas()))
			}
			t.Fatalf("the challenge was mined during the spike: block %d used %d of %d gas, base fee %s, txs %v",
				blk.NumberU64(), blk.GasUsed(), blk.GasLimit(), blk.BaseFee(), tips)
		}
	}
	spiked := new(big.Int).Set(head.BaseFee)
	e.rounds(e.tw, 6)

	e.checkAnsweredOnceWith(held, func(tx store.OutboxTx) {
		if len(tx.Attempts) < 2 {
			t.Fatalf("%d attempts, want the first replaced", len(tx.Attempts))
		}
		if first := tx.Attempts[0].FeeCap; first.Cmp(spiked) >= 0 {
			t.Fatalf("first attempt's fee cap %s was not below the spiked base fee %s: the test did not price it out", first, spiked)
		}
		for i, a := range tx.Attempts {
			var signed types.Transaction
			if err := signed.UnmarshalBinary(a.Raw); err != nil {
				t.Fatal(err)
			}
			if signed.Nonce() != *tx.AccountNonce {
				t.Errorf("attempt %d at account nonce %d, want %d: replacements must reuse the nonce", i, signed.Nonce(), *tx.AccountNonce)
			}
			if i > 0 && a.FeeCap.Cmp(tx.Attempts[i-1].FeeCap) <= 0 {
				t.Errorf("attempt %d fee cap %s not above the previous %s", i, a.FeeCap, tx.Attempts[i-1].FeeCap)
			}
		}
	})
	t.Logf("base fee %s -> %s wei", base0, spiked)
}
