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

// The figure is the deposits' table: each channel's state with its receipt, indexes
// included. A monitored channel also has its on-chain view and the events it was folded
// from, written by the indexer, which deposits do not touch: they are rows of their own.
// Every size is less that of the empty table (metapages and the like, once per database).
var storageParts = []struct{ name, tables string }{
	{"deposited state and receipt", "channel_states"},
	{"on-chain view", "channels"},
	{"on-chain events, one each", "chain_events"},
}

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
	empty, err := b.sizes(ctx, be)
	if err != nil {
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
	one, err := b.sizes(ctx, be)
	if err != nil {
		return err
	}
	// PostgreSQL prunes a replaced row version on its page only once no transaction
	// anywhere in the cluster that holds a transaction id could still see it: a
	// long transaction in another database (another program's, a test's) makes the table
	// grow with every update until it ends. The figure says whether one was seen.
	oldXacts := 0
	for range b.sc.storageUpdates {
		if err := round(); err != nil {
			return err
		}
		if be.admin != nil {
			var k int
			if err := be.admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
				WHERE backend_xid IS NOT NULL AND xact_start < now() - interval '2 seconds' AND pid <> pg_backend_pid()`).Scan(&k); err != nil {
				return fmt.Errorf("transactions in the cluster: %w", err)
			}
			oldXacts = max(oldXacts, k)
		}
	}
	many, err := b.sizes(ctx, be)
	if err != nil {
		return err
	}
	per := func(sizes map[string]int64, table string) float64 {
		return float64(sizes[table]-empty[table]) / float64(n)
	}
	target, flat := "≤ 1,024 B (ratio ≤ 1)", "≤ 1.10 (ratio ≤ 1)"
	if be.name != "postgres" {
		target, flat = "(beside PostgreSQL)", "(beside PostgreSQL)"
	}
	deposits := b.sc.storageUpdates + 1
	for i, part := range storageParts {
		p := func(t string) map[string]any {
			m := map[string]any{"backend": be.name, "channels": n, "table": part.tables + ", with indexes", "target": t}
			if be.admin != nil {
				// Transactions older than 2 s holding an id, at most, seen after a round:
				// above 0, replaced versions could not be pruned meanwhile.
				m["long_xacts_in_cluster"] = oldXacts
			}
			return m
		}
		if i > 0 {
			if err := b.rep.add(row(fmt.Sprintf("storage per channel, %s (%s)", part.name, be.name), per(many, part.tables), "bytes", 0,
				p("(not in the figure)"))); err != nil {
				return err
			}
			continue
		}
		for _, r := range []Row{
			row(fmt.Sprintf("storage per channel after 1 deposit, %s (%s)", part.name, be.name), per(one, part.tables), "bytes", 1024, p(target)),
			row(fmt.Sprintf("storage per channel after %d deposits, %s (%s)", deposits, part.name, be.name), per(many, part.tables), "bytes", 1024, p(target)),
			row(fmt.Sprintf("storage growth from 1 to %d deposits (%s)", deposits, be.name), per(many, part.tables)/per(one, part.tables), "×", 1.10, p(flat)),
		} {
			if err := b.rep.add(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// sizes returns the bytes of each table of storageParts, indexes included: PostgreSQL's
// relation sizes, SQLite's pages (dbstat).
func (b *bench) sizes(ctx context.Context, be *backend) (map[string]int64, error) {
	out := map[string]int64{}
	for _, part := range storageParts {
		var n int64
		var err error
		if be.admin != nil {
			err = be.admin.QueryRowContext(ctx, `SELECT pg_total_relation_size($1::regclass)`, part.tables).Scan(&n)
		} else {
			n, err = be.sqliteSize(ctx, part.tables)
		}
		if err != nil {
			return nil, fmt.Errorf("size of %s: %w", part.tables, err)
		}
		out[part.tables] = n
	}
	return out, nil
}
