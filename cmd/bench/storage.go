package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
)

// Storage: a tower monitors channels — each with its on-chain view, the event it was
// opened by and a deposited state — and users keep depositing newer states. What a
// channel costs is measured after its first deposit and after many more, to see that it
// does not grow with them. The deposits go straight to the store (the crypto of
// deposits is measured elsewhere), 100 per call from 4 writers at once, channels in
// random order.

// storageTables are the per-channel tables of the figure: the deposited state with its
// receipt, and the on-chain view. The events a channel's view is folded from are counted
// apart (their number grows with on-chain activity, not with deposits).
var storageTables = []string{"channel_states", "channels"}

func (b *bench) storage(ctx context.Context) error {
	bes, err := b.backends(ctx)
	if err != nil {
		return err
	}
	for _, be := range bes {
		err := b.storageOn(ctx, be)
		be.close()
		if err != nil {
			return fmt.Errorf("%s: %w", be.name, err)
		}
	}
	return nil
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func (b *bench) storageOn(ctx context.Context, be *backend) error {
	chainID := big.NewInt(31337)
	contract := common.HexToAddress("0x00000000000000000000000000000000c0ffee02")
	tower := common.BytesToAddress(randBytes(20))
	if err := be.st.AddContract(ctx, store.Contract{ChainID: chainID, Address: contract, Hub: common.BytesToAddress(randBytes(20)),
		ChallengePeriod: 3600}); err != nil {
		return err
	}
	n := b.sc.storageChannels
	users := make([]common.Address, n)
	for i := range users {
		users[i] = common.BytesToAddress(randBytes(20))
	}
	// The channels as the indexer records them: each opened by a ChannelUpdated event.
	var prev *store.Block
	for start := 0; start < n; start += 1000 {
		blk := store.Block{Number: uint64(start/1000 + 1), Time: 1_700_000_000}
		copy(blk.Hash[:], randBytes(32))
		if prev != nil {
			blk.Parent = prev.Hash
		}
		var evs []store.Event
		for i := start; i < min(n, start+1000); i++ {
			fields, _ := json.Marshal(bindings.ChannelManagerChannelUpdated{User: users[i], Side: 1, Nonce: big.NewInt(1), OnchainNonce: big.NewInt(1),
				WeiBalances: [2]*big.Int{big.NewInt(0), big.NewInt(1e18)}, TokenBalances: [2]*big.Int{new(big.Int), new(big.Int)},
				PendingWei: [4]*big.Int{new(big.Int), new(big.Int), big.NewInt(1e18), new(big.Int)}, PendingToken: [4]*big.Int{new(big.Int), new(big.Int), new(big.Int), new(big.Int)}})
			evs = append(evs, store.Event{Contract: contract, BlockNumber: blk.Number, BlockHash: blk.Hash, TxHash: common.BytesToHash(randBytes(32)),
				LogIndex: uint(i - start), Kind: store.EventChannelUpdated, User: users[i], Sender: users[i], Side: 1, Nonce: big.NewInt(1),
				OnchainNonce: big.NewInt(1), Digest: common.BytesToHash(randBytes(32)), Fields: fields})
		}
		if err := be.st.ApplyRange(ctx, chainID, prev, blk, []store.Block{blk}, evs); err != nil {
			return err
		}
		prev = &blk
	}
	nonces := make([]int64, n)
	round := func() error {
		order := mrand.Perm(n)
		var mu sync.Mutex
		var first error
		var wg sync.WaitGroup
		const writers, per = 4, 100
		for w := range writers {
			wg.Go(func() {
				for lo := w * per; lo < n; lo += writers * per {
					var deps []store.Deposit
					for _, i := range order[lo:min(n, lo+per)] {
						nonces[i]++
						s := channel.NewState(users[i])
						s.Nonce.SetInt64(nonces[i] + 1)
						s.OnchainNonce.SetInt64(1)
						paid := new(big.Int).Mul(big.NewInt(nonces[i]), big.NewInt(1e12))
						s.WeiBalances = [2]*big.Int{paid, new(big.Int).Sub(big.NewInt(1e18), paid)}
						st := store.StoredState{Contract: contract, State: s, Digest: common.BytesToHash(randBytes(32)),
							SigHub: randBytes(65), SigUser: randBytes(65)}
						deps = append(deps, store.Deposit{State: st, Receipt: channel.Receipt{Contract: contract, User: users[i],
							Nonce: channel.Amount{V: s.Nonce}, StateDigest: st.Digest, IssuedAt: 1_700_000_000 + uint64(nonces[i]),
							Tower: tower, Signature: randBytes(65)}})
					}
					res, err := be.st.PutStates(ctx, deps)
					for _, r := range res {
						if err == nil && !r.Created {
							err = fmt.Errorf("deposit not stored: %+v", r)
						}
					}
					if err != nil {
						mu.Lock()
						first = err
						mu.Unlock()
						return
					}
				}
			})
		}
		wg.Wait()
		return first
	}
	if err := round(); err != nil {
		return err
	}
	one, events, err := b.sizes(ctx, be)
	if err != nil {
		return err
	}
	for range b.sc.storageUpdates {
		if err := round(); err != nil {
			return err
		}
	}
	many, _, err := b.sizes(ctx, be)
	if err != nil {
		return err
	}
	p := func(target string) map[string]any {
		return map[string]any{"backend": be.name, "channels": n, "tables": "channel_states + channels, with indexes", "target": target}
	}
	target := "≤ 1,024 B (ratio ≤ 1)"
	flat := "≤ 1.10"
	if be.name != "postgres" {
		target, flat = "(beside PostgreSQL)", "(beside PostgreSQL)"
	}
	after := fmt.Sprintf("storage per channel after %d deposits (%s)", b.sc.storageUpdates+1, be.name)
	for _, r := range []Row{
		row(fmt.Sprintf("storage per channel after 1 deposit (%s)", be.name), float64(one)/float64(n), "bytes", 1024, p(target)),
		row(after, float64(many)/float64(n), "bytes", 1024, p(target)),
		row(fmt.Sprintf("storage growth from 1 to %d deposits (%s)", b.sc.storageUpdates+1, be.name), float64(many)/float64(one), "×", 1.10,
			p(flat+" (ratio ≤ 1)")),
		row(fmt.Sprintf("on-chain events per channel, one each (%s)", be.name), float64(events)/float64(n), "bytes", 0,
			map[string]any{"backend": be.name, "channels": n, "tables": "chain_events, with indexes", "target": "(not in the figure above)"}),
	} {
		if err := b.rep.add(r); err != nil {
			return err
		}
	}
	return nil
}

// sizes returns the bytes of the per-channel tables and of the events table, indexes
// included: PostgreSQL's relation sizes, SQLite's pages (dbstat).
func (b *bench) sizes(ctx context.Context, be *backend) (perChannel, events int64, err error) {
	if be.admin != nil {
		for _, t := range storageTables {
			var n int64
			if err := be.admin.QueryRowContext(ctx, `SELECT pg_total_relation_size($1::regclass)`, t).Scan(&n); err != nil {
				return 0, 0, err
			}
			perChannel += n
		}
		err = be.admin.QueryRowContext(ctx, `SELECT pg_total_relation_size('chain_events'::regclass)`).Scan(&events)
		return perChannel, events, err
	}
	return be.sqliteSizes(ctx)
}
