package storetest

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// towerKey signs the receipts of the deposit cases.
var towerKey, _ = crypto.HexToECDSA("8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f")

func signedReceipt(t *testing.T, s store.StoredState, issued uint64, key *ecdsa.PrivateKey) channel.Receipt {
	t.Helper()
	r := channel.Receipt{Contract: s.Contract, User: s.State.User, Nonce: channel.Amount{V: s.State.Nonce}, StateDigest: s.Digest,
		IssuedAt: issued, Tower: crypto.PubkeyToAddress(key.PublicKey)}
	d, err := channel.ReceiptDigest(chainID, &r)
	must(t, err)
	r.Signature, err = channel.Sign(d, key)
	must(t, err)
	return r
}

func dep(t *testing.T, s store.StoredState, issued uint64) store.Deposit {
	return store.Deposit{State: s, Receipt: signedReceipt(t, s, issued, towerKey)}
}

func watch(t *testing.T, st Store) {
	must(t, st.AddContract(context.Background(), store.Contract{ChainID: chainID, Address: contract, Hub: hubAddr, ChallengePeriod: 60}))
}

func sameReceipt(a, b channel.Receipt) bool {
	return a.Contract == b.Contract && a.User == b.User && a.Nonce.V.Cmp(b.Nonce.V) == 0 && a.StateDigest == b.StateDigest &&
		a.IssuedAt == b.IssuedAt && a.Tower == b.Tower && string(a.Signature) == string(b.Signature)
}

// testPutStatesBatch: one call, every outcome, each deposit judged as if it came alone
// after the ones before it.
func testPutStatesBatch(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	// user(40) is on-chain at nonce 5; user(41) has nonce 3 stored; user(42) nonce 7.
	b1 := block(1, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{event(b1, 0, store.EventChannelUpdated, user(40), 5, 0)}))
	s413, s427 := stored(state(user(41), 3, 3)), stored(state(user(42), 7, 7))
	first, err := st.PutStates(ctx, []store.Deposit{dep(t, s413, 100), dep(t, s427, 100)})
	must(t, err)
	if !first[0].Created || !first[1].Created || first[0].Err != nil {
		t.Fatalf("first deposits: %+v", first)
	}
	twin := stored(state(user(42), 7, 8))
	twin.Digest = common.HexToHash("0x7717")
	deps := []store.Deposit{
		dep(t, stored(state(user(40), 4, 1)), 200), // 0: below the chain's nonce 5
		dep(t, stored(state(user(40), 5, 1)), 200), // 1: at the chain's nonce: stored
		dep(t, stored(state(user(41), 2, 1)), 200), // 2: below the stored 3: stale
		dep(t, s413, 200),                          // 3: the stored state again: its first receipt
		dep(t, twin, 200),                          // 4: another state at the stored nonce 7: conflict
		dep(t, stored(state(user(43), 1, 1)), 200), // 5: new channel: stored (then replaced by 6)
		dep(t, stored(state(user(43), 6, 1)), 200), // 6: stored
		dep(t, stored(state(user(43), 6, 1)), 201), // 7: a duplicate of 6: 6's receipt, not created
		dep(t, stored(state(user(44), 9, 1)), 200), // 8: new channel: stored
		dep(t, stored(state(user(43), 1, 1)), 200), // 9: below 6, stored just before: stale
	}
	res, err := st.PutStates(ctx, deps)
	must(t, err)
	if len(res) != len(deps) {
		t.Fatalf("%d results for %d deposits", len(res), len(deps))
	}
	want := []struct {
		err     error
		created bool
	}{{store.ErrBelowOnchain, false}, {nil, true}, {store.ErrStaleNonce, false}, {nil, false}, {store.ErrNonceConflict, false},
		{nil, true}, {nil, true}, {nil, false}, {nil, true},
		{store.ErrStaleNonce, false}}
	for i, w := range want {
		if !errors.Is(res[i].Err, w.err) || (w.err == nil && res[i].Err != nil) || res[i].Created != w.created {
			t.Errorf("deposit %d: err %v created %v, want %v %v", i, res[i].Err, res[i].Created, w.err, w.created)
		}
	}
	if !sameReceipt(res[3].Receipt, first[0].Receipt) {
		t.Errorf("duplicate of a stored state: receipt %+v, want the first %+v", res[3].Receipt, first[0].Receipt)
	}
	if !sameReceipt(res[7].Receipt, deps[6].Receipt) || !sameReceipt(res[6].Receipt, deps[6].Receipt) {
		t.Errorf("duplicates in one call: receipts %+v and %+v, want both %+v", res[6].Receipt, res[7].Receipt, deps[6].Receipt)
	}
	for u, n := range map[int]int64{40: 5, 41: 3, 42: 7, 43: 6, 44: 9} {
		got, err := st.State(ctx, contract, user(u))
		must(t, err)
		if got.State.Nonce.Int64() != n {
			t.Errorf("user %d: stored nonce %v, want %d", u, got.State.Nonce, n)
		}
	}
	if got, _ := st.State(ctx, contract, user(42)); got.Digest != s427.Digest || got.State.WeiBalances[channel.User].Int64() != 7 {
		t.Errorf("a conflicting deposit changed the stored state: %+v", got)
	}
}

// testLatestReceiptOnly: after many updates the stored state's first receipt comes back
// for it, older states are stale, and a state round-trips whatever its fields.
func testLatestReceiptOnly(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	u := user(50)
	var last store.Deposit
	for n := int64(1); n <= 50; n++ {
		s := stored(state(u, n, n))
		last = dep(t, s, uint64(1000+n))
		res, err := st.PutStates(ctx, []store.Deposit{last})
		must(t, err)
		if !res[0].Created {
			t.Fatalf("nonce %d not created: %+v", n, res[0])
		}
	}
	again := last
	again.Receipt = signedReceipt(t, last.State, 9999, towerKey)
	r, created, err := st.PutState(ctx, again.State, again.Receipt)
	must(t, err)
	if created || !sameReceipt(r, last.Receipt) {
		t.Fatalf("latest again: created %v, receipt %+v, want the first %+v", created, r, last.Receipt)
	}
	if _, _, err := st.PutState(ctx, stored(state(u, 49, 49)), receipt(stored(state(u, 49, 49)))); !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("an older state: %v, want ErrStaleNonce", err)
	}
	// A receipt signed by another tower key (a rotated one) comes back with its own signer.
	other, _ := crypto.GenerateKey()
	s51 := stored(state(u, 51, 51))
	d51 := store.Deposit{State: s51, Receipt: signedReceipt(t, s51, 2000, other)}
	_, err = st.PutStates(ctx, []store.Deposit{d51})
	must(t, err)
	if r, _, err := st.PutState(ctx, s51, receipt(s51)); err != nil || !sameReceipt(r, d51.Receipt) {
		t.Fatalf("receipt of a rotated key: %+v %v, want %+v", r, err, d51.Receipt)
	}
	// Every field survives the store's encoding: huge numbers, a recipient, locks.
	full := state(user(51), 7, 1)
	full.Recipient = common.HexToAddress("0x00000000000000000000000000000000000abcde")
	full.LocksRoot = common.HexToHash("0x1234")
	for i, p := range []*big.Int{full.WeiBalances[0], full.TokenBalances[1], full.PendingWei[3], full.PendingToken[2],
		full.OnchainNonce, full.LockedWei[0], full.LockedToken[1]} {
		p.Lsh(big.NewInt(int64(i+1)), uint(40*i))
	}
	full.WeiBalances[1] = channel.MaxUint256()
	s := stored(full)
	_, _, err = st.PutState(ctx, s, receipt(s))
	must(t, err)
	got, err := st.State(ctx, contract, user(51))
	must(t, err)
	d := channel.Domain{ChainID: chainID, Contract: contract}
	if wantD, _ := d.Digest(full); got.Digest != s.Digest || func() common.Hash { h, _ := d.Digest(got.State); return h }() != wantD {
		t.Fatalf("state read back differs: %+v, want %+v", got.State, full)
	}
}

// testGroupCommit: many concurrent callers, overlapping channels. Every acknowledged state
// is stored or superseded by a newer acknowledged one, each channel ends at its highest
// acknowledged nonce, and the receipt given for it is the one stored.
func testGroupCommit(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	const callers, rounds, channels = 16, 20, 24
	type ack struct {
		nonce   int64
		receipt channel.Receipt
	}
	var mu sync.Mutex
	best := map[int]ack{}
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for c := range callers {
		wg.Go(func() {
			for r := range rounds {
				// Each call holds a few channels; callers share channels, so commits race on rows.
				var deps []store.Deposit
				for k := range 1 + c%3 {
					u := (c + r + k*7) % channels
					deps = append(deps, dep(t, stored(state(user(60+u), int64(r*callers+c+1), int64(c))), uint64(r)))
				}
				res, err := st.PutStates(ctx, deps)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				for i, res := range res {
					u, n := int(deps[i].State.State.User[19])-60, deps[i].State.State.Nonce.Int64()
					if res.Err != nil && !errors.Is(res.Err, store.ErrStaleNonce) {
						errs <- fmt.Errorf("caller %d round %d: %v", c, r, res.Err)
					}
					if res.Err == nil && n > best[u].nonce {
						best[u] = ack{n, res.Receipt}
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for u, a := range best {
		got, err := st.State(ctx, contract, user(60+u))
		must(t, err)
		if got.State.Nonce.Int64() != a.nonce {
			t.Errorf("channel %d: stored nonce %v, highest acknowledged %d", u, got.State.Nonce, a.nonce)
		}
		s := stored(state(user(60+u), a.nonce, got.State.WeiBalances[channel.User].Int64()))
		r, created, err := st.PutState(ctx, s, receipt(s))
		if err != nil || created || !sameReceipt(r, a.receipt) {
			t.Errorf("channel %d: receipt again %+v (%v, created %v), acknowledged %+v", u, r, err, created, a.receipt)
		}
	}
	if len(best) != channels {
		t.Errorf("%d channels acknowledged, want %d", len(best), channels)
	}
	// A caller whose context is already over is not answered with a result.
	done, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := st.PutStates(done, []store.Deposit{dep(t, stored(state(user(99), 1, 1)), 1)}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled caller: %v, want context.Canceled", err)
	}
}
