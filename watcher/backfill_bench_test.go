package watcher_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/watcher"
)

// BenchmarkBackfill indexes 100,000 ChannelManager events (SecretRegistered, emitted 100
// per transaction by a helper contract: a transaction may use at most 2^24 gas) from the deployment block into an empty
// PostgreSQL database, as a tower does on first start, and reports events per second.
func BenchmarkBackfill(b *testing.B) {
	const perTx, txs = 100, 1000
	c, err := simchain.New(simchain.Config{Accounts: 2})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	spam := bindings.NewSecretSpammer()
	addr, tx, err := bind.DeployContract(c.Opts(c.Accounts[1]), common.FromHex(bindings.SecretSpammerMetaData.Bin), c.Client, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Mine(tx); err != nil {
		b.Fatal(err)
	}
	inst := spam.Instance(c.Client, addr)
	for i := range txs {
		calldata := spam.PackRegisterMany(c.ManagerAddr, common.BigToHash(big.NewInt(int64(i))), big.NewInt(perTx))
		if _, err := c.Transact(c.Accounts[1], inst, nil, calldata); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		st := pgtest.NewStore(b)
		ix, err := watcher.New(watcher.Config{ChainID: c.ChainID, Contracts: []common.Address{c.ManagerAddr},
			StartBlock: c.DeployBlock, Confirmations: 12}, c.Client, st, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for done := false; !done; {
			if done, err = ix.Sync(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		evs, err := st.Events(b.Context(), c.ChainID)
		if err != nil {
			b.Fatal(err)
		}
		if len(evs) != perTx*txs {
			b.Fatalf("indexed %d events, want %d", len(evs), perTx*txs)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(perTx*txs*b.N)/b.Elapsed().Seconds(), "events/s")
}
