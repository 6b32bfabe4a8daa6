package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// unseenDep is a deposit of user i's state at nonce n under a quota of max channels not
// seen on-chain.
func unseenDep(t *testing.T, i int, n int64, max int64) store.Deposit {
	d := dep(t, stored(state(user(i), n, n)), uint64(100+n))
	d.MaxUnseen = max
	return d
}

// putOne stores one deposit and returns what became of it.
func putOne(ctx context.Context, st Store, d store.Deposit) (channel.Receipt, bool, error) {
	res, err := st.PutStates(ctx, []store.Deposit{d})
	if err != nil {
		return channel.Receipt{}, false, err
	}
	return res[0].Receipt, res[0].Created, res[0].Err
}

// testUnseenQuota: a flood of states for channels never seen on-chain stops at the
// contract's quota, with ErrUnseenQuota, whether they come in one call or one by one;
// held channels keep taking newer states, channels seen on-chain pass beyond the quota,
// and a channel the indexer sees leaves the quota (a reorg that removes it brings it back).
func testUnseenQuota(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	const max = 5
	// Seven fresh channels in one call, then three more one by one: five are held.
	var batch []store.Deposit
	for i := range 7 {
		batch = append(batch, unseenDep(t, 600+i, 1, max))
	}
	res, err := st.PutStates(ctx, batch)
	must(t, err)
	for i, r := range res {
		if wantHeld := i < max; wantHeld != r.Created || wantHeld != (r.Err == nil) {
			t.Fatalf("fresh channel %d of 7 under a quota of %d: %+v", i, max, r)
		}
		if i >= max && !errors.Is(r.Err, store.ErrUnseenQuota) {
			t.Fatalf("fresh channel %d: %v, want ErrUnseenQuota", i, r.Err)
		}
	}
	for i := 7; i < 10; i++ {
		if _, _, err := putOne(ctx, st, unseenDep(t, 600+i, 1, max)); !errors.Is(err, store.ErrUnseenQuota) {
			t.Fatalf("fresh channel %d alone: %v, want ErrUnseenQuota", i, err)
		}
	}
	if n, err := st.UnseenChannels(ctx, contract); err != nil || n != max {
		t.Fatalf("unseen channels held: %d %v, want %d", n, err, max)
	}
	stats, err := st.Stats(ctx)
	must(t, err)
	if stats.StatesStored != max {
		t.Fatalf("states stored after the flood: %d, want %d", stats.StatesStored, max)
	}
	// A held channel takes newer states at the quota.
	res, err = st.PutStates(ctx, []store.Deposit{unseenDep(t, 600, 2, max), unseenDep(t, 600, 3, max)})
	must(t, err)
	if !res[0].Created || !res[1].Created {
		t.Fatalf("a held unseen channel's newer states: %+v", res)
	}
	// Channels seen on-chain pass beyond the quota.
	b1 := block(1, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{
		event(b1, 0, store.EventChannelUpdated, user(620), 1, 0), event(b1, 1, store.EventChannelUpdated, user(621), 1, 0),
		event(b1, 2, store.EventChannelUpdated, user(601), 1, 0)}))
	res, err = st.PutStates(ctx, []store.Deposit{unseenDep(t, 620, 2, max), unseenDep(t, 621, 2, max)})
	must(t, err)
	if !res[0].Created || !res[1].Created {
		t.Fatalf("channels seen on-chain beyond the quota: %+v", res)
	}
	// user(601), held unseen, has been seen: it leaves the quota and a fresh channel fits.
	if n, _ := st.UnseenChannels(ctx, contract); n != max-1 {
		t.Fatalf("unseen channels once one is seen: %d, want %d", n, max-1)
	}
	if _, _, err := putOne(ctx, st, unseenDep(t, 607, 1, max)); err != nil {
		t.Fatalf("a fresh channel with room in the quota: %v", err)
	}
	if _, _, err := putOne(ctx, st, unseenDep(t, 608, 1, max)); !errors.Is(err, store.ErrUnseenQuota) {
		t.Fatalf("a fresh channel once the quota is full again: %v, want ErrUnseenQuota", err)
	}
	// Without a quota every channel is admitted.
	if _, _, err := putOne(ctx, st, unseenDep(t, 609, 1, 0)); err != nil {
		t.Fatalf("a fresh channel without a quota: %v", err)
	}
	// A reorg removes user(620)'s only event: its state counts as unseen again.
	before, _ := st.UnseenChannels(ctx, contract)
	_, err = st.Rollback(ctx, chainID, store.Block{Number: 0, Hash: b1.Parent})
	must(t, err)
	if n, _ := st.UnseenChannels(ctx, contract); n != before+3 {
		t.Fatalf("unseen channels after a reorg removed three seen ones: %d, want %d", n, before+3)
	}
}

// testPruneUnseen: states of channels never seen on-chain expire a while after the first
// of them was stored, however often they were replaced since, with their webhooks;
// channels seen on-chain keep theirs.
func testPruneUnseen(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	for i := range 3 {
		_, err := st.PutStates(ctx, []store.Deposit{unseenDep(t, 700+i, 1, 100)})
		must(t, err)
	}
	b1 := block(1, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{event(b1, 0, store.EventChannelUpdated, user(701), 1, 0)}))
	for _, i := range []int{701, 702} {
		must(t, st.PutUserWebhook(ctx, store.UserWebhook{Contract: contract, User: user(i), URL: "https://hooks.slack.com/x",
			Format: "slack", SignedAt: 1}))
	}
	if n, err := st.PruneUnseen(ctx, time.Now().Add(-time.Hour)); err != nil || n != 0 {
		t.Fatalf("prune of states stored within the ttl: %d %v, want none", n, err)
	}
	time.Sleep(10 * time.Millisecond)
	cut := time.Now()
	// A newer state of user(700) does not renew its entry; user(703) arrives after the cut.
	_, err := st.PutStates(ctx, []store.Deposit{unseenDep(t, 700, 2, 100), unseenDep(t, 703, 1, 100)})
	must(t, err)
	n, err := st.PruneUnseen(ctx, cut)
	must(t, err)
	if n != 2 {
		t.Fatalf("pruned %d unseen states, want 2 (users 700 and 702)", n)
	}
	for i, want := range map[int]bool{700: false, 701: true, 702: false, 703: true} {
		if _, err := st.State(ctx, contract, user(i)); (err == nil) != want {
			t.Errorf("user %d: state held %v after the prune, want %v", i, err == nil, want)
		}
	}
	if n, _ := st.UnseenChannels(ctx, contract); n != 1 {
		t.Errorf("unseen channels after the prune: %d, want 1", n)
	}
	if _, err := st.UserWebhook(ctx, contract, user(702)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the webhook of a pruned channel: %v, want ErrNotFound", err)
	}
	if _, err := st.UserWebhook(ctx, contract, user(701)); err != nil {
		t.Errorf("the webhook of a channel seen on-chain: %v", err)
	}
}

// testOneRowPerChannel: 2,000 updates of one channel leave one row, holding the latest
// state and its receipt.
func testOneRowPerChannel(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	watch(t, st)
	u := user(800)
	var last store.Deposit
	for n := int64(1); n <= 2000; n += 100 {
		var deps []store.Deposit
		for k := range int64(100) {
			last = dep(t, stored(state(u, n+k, n+k)), uint64(n+k))
			deps = append(deps, last)
		}
		_, err := st.PutStates(ctx, deps)
		must(t, err)
	}
	stats, err := st.Stats(ctx)
	must(t, err)
	if stats.StatesStored != 1 {
		t.Fatalf("rows after 2,000 updates of one channel: %d, want 1", stats.StatesStored)
	}
	r, err := st.Receipt(ctx, contract, u)
	must(t, err)
	if !sameReceipt(r, last.Receipt) {
		t.Fatalf("receipt held %+v, want the latest %+v", r, last.Receipt)
	}
	if _, err := st.Receipt(ctx, contract, user(801)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("receipt of a channel without a state: %v, want ErrNotFound", err)
	}
}

// testUsage: the store reports its size, and on SQLite the free space beside it.
func testUsage(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u, err := st.Usage(ctx)
	must(t, err)
	if u.Bytes <= 0 || (st.Backend() == "sqlite") != (u.Free > 0) || (st.Backend() == "postgres") != (u.Free == -1) {
		t.Fatalf("usage of a %s store: %+v", st.Backend(), u)
	}
}
