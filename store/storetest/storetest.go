// Package storetest is the conformance suite every store implementation runs: each
// method the watchtower and the hub consume, with its conflicts, idempotent re-inserts,
// reorg rollback, outbox transitions, leadership and concurrent writers. An
// implementation's test calls Run with a function that opens a fresh, migrated store.
package storetest

import (
	"context"
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerd"
)

// Store is what the suite checks: everything the watchtower and the hub keep.
type Store interface {
	towerd.Store
	hubd.Store
	AlertStore
	// Events returns every stored event of a chain in chain order.
	Events(ctx context.Context, chainID *big.Int) ([]store.Event, error)
	// ChannelTxs returns every outbox entry of a channel, oldest first, with attempts.
	ChannelTxs(ctx context.Context, contract, user common.Address) ([]store.OutboxTx, error)
	// SetSettlePolicy sets a channel's settle-after-deadline override.
	SetSettlePolicy(ctx context.Context, contract, user common.Address, auto bool) error
	// Unanswered is the dispute engine's look for disputes a stored state must answer.
	disputes.Unanswered
	// Exec runs one statement, to build rows older versions left behind.
	Exec(ctx context.Context, query string, args ...any) error
}

// Factory opens a fresh, migrated store for one test; Reopen opens a second handle on the
// same database (another process), or is nil when the backend has none.
type Factory struct {
	New    func(t *testing.T) Store
	Reopen func(t *testing.T, st Store) Store
}

// Run runs the suite.
func Run(t *testing.T, f Factory) {
	tests := []struct {
		name string
		fn   func(t *testing.T, f Factory)
	}{
		{"contracts", testContracts},
		{"states/put, idempotent, stale, conflict", testStates},
		{"states/numeric nonces", testNumericNonces},
		{"states/batch: every outcome, one channel twice in a commit", testPutStatesBatch},
		{"states/only the latest receipt kept, every field stored", testLatestReceiptOnly},
		{"states/group commit: concurrent callers, overlapping channels", testGroupCommit},
		{"states/quota of channels not seen on-chain", testUnseenQuota},
		{"states/unseen channels expire", testPruneUnseen},
		{"states/2,000 updates of one channel leave one row", testOneRowPerChannel},
		{"states/locks and secrets kept with their state", testHeldLocks},
		{"states/settled lock pools", testSettledLockPools},
		{"states/secrets due", testSecretsDue},
		{"upkeep/usage", testUsage},
		{"indexer/apply, cursor, duplicates", testApplyRange},
		{"indexer/reorg rollback", testRollback},
		{"indexer/confirm", testConfirm},
		{"indexer/events deep enough are stored confirmed", testConfirmedAtInsert},
		{"indexer/a range of many events", testLargeRange},
		{"channels/disputed by deadline", testDisputed},
		{"outbox/enqueue and cancel", testEnqueue},
		{"outbox/transitions", testOutboxTransitions},
		{"outbox/concurrent nonce assignment", testConcurrentNonces},
		{"outbox/re-arming a key", testRearm},
		{"outbox/nonce only with a signature", testSignNext},
		{"outbox/nonce taken by another sender", testDropNonce},
		{"outbox/challenges before settlements", testChallengesFirst},
		{"outbox/unanswered disputes", testUnanswered},
		{"outbox/refused intents", testRefused},
		{"outbox/the hub's transactions", testHubTxs},
		{"settle policy and superseded", testSettlePolicy},
		{"hub/channel states", testHubStates},
		{"hub/frozen channels and final states", testHubFrozen},
		{"hub/payments", testPayments},
		{"hub/claims and uncollected payments", testClaimAndUncollected},
		{"hub/auth nonces and keys", testAuth},
		{"hub/lock resolutions", testLockResolutions},
		{"concurrent writers", testConcurrentWriters},
		{"leadership", testLeadership},
		{"alerts/queue: pending reads, final states written once, prune", testAlertQueue},
		{"alerts/sink lease: one holder, renewal, expiry, release", testAlertLease},
		{"alerts/open groups", testAlertGroups},
		{"alerts/concurrent lease takers", testConcurrentLeases},
		{"alerts/user webhooks", testUserWebhooks},
		{"upkeep/stats", testStats},
		{"upkeep/prune", testPrune},
		{"upkeep/prune, then a rollback", testPruneThenRollback},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, f) })
	}
}

var (
	chainID  = big.NewInt(31337)
	contract = common.HexToAddress("0x00000000000000000000000000000000c0ffee01")
	hubAddr  = common.HexToAddress("0x0000000000000000000000000000000000000b0b")
	sender   = common.HexToAddress("0x0000000000000000000000000000000000005e4d")
)

func user(i int) common.Address { return common.BigToAddress(big.NewInt(int64(0x1000 + i))) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testContracts(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	if _, err := st.Contract(ctx, contract); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown contract: got %v, want ErrNotFound", err)
	}
	c := store.Contract{ChainID: chainID, Address: contract, Hub: hubAddr, DeployBlock: 7, ChallengePeriod: 60}
	must(t, st.AddContract(ctx, c))
	c.ChallengePeriod = 120
	must(t, st.AddContract(ctx, c)) // updates
	got, err := st.Contract(ctx, contract)
	must(t, err)
	if got.ChainID.Cmp(chainID) != 0 || got.Hub != hubAddr || got.DeployBlock != 7 || got.ChallengePeriod != 120 {
		t.Fatalf("contract = %+v", got)
	}
}

func state(u common.Address, nonce int64, userWei int64) *channel.State {
	s := channel.NewState(u)
	s.Nonce = big.NewInt(nonce)
	s.WeiBalances[channel.User] = big.NewInt(userWei)
	return s
}

func stored(s *channel.State) store.StoredState {
	return store.StoredState{Contract: contract, State: s, Digest: common.BigToHash(new(big.Int).Add(s.Nonce, big.NewInt(1000*int64(s.User[19])))),
		SigHub: []byte{1, 2}, SigUser: []byte{3, 4}}
}

func receipt(s store.StoredState) channel.Receipt {
	return channel.Receipt{Contract: contract, User: s.State.User, Nonce: channel.Amount{V: s.State.Nonce}, StateDigest: s.Digest,
		IssuedAt: uint64(time.Now().Unix()), Tower: hubAddr, Signature: []byte{9, 9, 9}}
}

func testStates(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(1)
	if _, err := st.State(ctx, contract, u); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no state yet: got %v", err)
	}
	s5 := stored(state(u, 5, 50))
	r, created, err := st.PutState(ctx, s5, receipt(s5))
	must(t, err)
	if !created || r.Nonce.V.Int64() != 5 {
		t.Fatalf("first deposit: created %v receipt nonce %v", created, r.Nonce.V)
	}
	// The same state again: the first receipt, not a new one.
	again := receipt(s5)
	again.IssuedAt++
	r2, created, err := st.PutState(ctx, s5, again)
	must(t, err)
	if created || r2.IssuedAt != r.IssuedAt || string(r2.Signature) != string(r.Signature) {
		t.Fatalf("re-deposit: created %v, receipt %+v, want the first %+v", created, r2, r)
	}
	// A different state at the same nonce, and an older one, change nothing.
	twin := stored(state(u, 5, 51))
	twin.Digest = common.HexToHash("0xbad")
	if _, _, err := st.PutState(ctx, twin, receipt(twin)); !errors.Is(err, store.ErrNonceConflict) {
		t.Fatalf("twin: got %v, want ErrNonceConflict", err)
	}
	s4 := stored(state(u, 4, 40))
	if _, _, err := st.PutState(ctx, s4, receipt(s4)); !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("older: got %v, want ErrStaleNonce", err)
	}
	got, err := st.State(ctx, contract, u)
	must(t, err)
	if got.State.Nonce.Int64() != 5 || got.State.WeiBalances[channel.User].Int64() != 50 || got.Digest != s5.Digest ||
		string(got.SigHub) != "\x01\x02" || string(got.SigUser) != "\x03\x04" || got.Superseded || got.ReceivedAt.IsZero() {
		t.Fatalf("stored state = %+v", got)
	}
	s6 := stored(state(u, 6, 60))
	_, created, err = st.PutState(ctx, s6, receipt(s6))
	must(t, err)
	if got, _ := st.State(ctx, contract, u); !created || got.State.Nonce.Int64() != 6 {
		t.Fatalf("newer: created %v, stored nonce %v", created, got.State.Nonce)
	}
}

// testNumericNonces catches a backend that compares numbers as text: 9 < 10, and
// numbers beyond 64 bits.
func testNumericNonces(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(2)
	for _, n := range []int64{9, 10, 99, 100} {
		s := stored(state(u, n, n))
		if _, _, err := st.PutState(ctx, s, receipt(s)); err != nil {
			t.Fatalf("nonce %d after a lower one: %v", n, err)
		}
	}
	huge := new(big.Int).Lsh(big.NewInt(1), 200)
	s := stored(state(u, 0, 1))
	s.State.Nonce = huge
	if _, _, err := st.PutState(ctx, s, receipt(s)); err != nil {
		t.Fatalf("nonce 2^200: %v", err)
	}
	s = stored(state(u, 101, 1))
	if _, _, err := st.PutState(ctx, s, receipt(s)); !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("nonce 101 after 2^200: got %v, want ErrStaleNonce", err)
	}
	got, err := st.State(ctx, contract, u)
	must(t, err)
	if got.State.Nonce.Cmp(huge) != 0 {
		t.Fatalf("stored nonce %s, want 2^200", got.State.Nonce)
	}
	// MarkSuperseded compares numerically too.
	if ok, err := st.MarkSuperseded(ctx, contract, u, new(big.Int).Sub(huge, big.NewInt(1))); err != nil || ok {
		t.Fatalf("superseded below its own nonce: %v %v", ok, err)
	}
	if ok, err := st.MarkSuperseded(ctx, contract, u, new(big.Int).Add(huge, big.NewInt(1))); err != nil || !ok {
		t.Fatalf("superseded above its nonce: %v %v", ok, err)
	}
}

func block(n uint64, fork byte) store.Block {
	return store.Block{Number: n, Hash: common.Hash{fork, byte(n >> 8), byte(n)}, Parent: common.Hash{fork, byte((n - 1) >> 8), byte(n - 1)}, Time: 1000 + n}
}

func event(b store.Block, idx uint, kind store.EventKind, u common.Address, nonce, deadline int64) store.Event {
	return store.Event{Contract: contract, BlockNumber: b.Number, BlockHash: b.Hash, TxHash: common.Hash{0xee, byte(idx)},
		LogIndex: idx, Kind: kind, User: u, Sender: hubAddr, Side: 0, Nonce: big.NewInt(nonce), OnchainNonce: big.NewInt(1),
		Deadline: big.NewInt(deadline), Digest: common.Hash{0xdd}, Fields: []byte(`{"k":"v"}`)}
}

func testApplyRange(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	if _, ok, err := st.Cursor(ctx, chainID); err != nil || ok {
		t.Fatalf("cursor before any range: ok %v err %v", ok, err)
	}
	u := user(3)
	b1, b2 := block(1, 0), block(2, 0)
	secret := event(b2, 5, store.EventSecretRegistered, common.Address{}, 0, 0)
	secret.Hashlock, secret.Secret, secret.Nonce, secret.Deadline, secret.Digest = common.Hash{0x41}, common.Hash{0x5e}, nil, nil, common.Hash{}
	evs := []store.Event{event(b1, 0, store.EventChannelUpdated, u, 3, 0), event(b2, 4, store.EventExitStarted, u, 2, 5000), secret}
	must(t, st.ApplyRange(ctx, chainID, nil, b2, []store.Block{b1, b2}, evs))
	cur, ok, err := st.Cursor(ctx, chainID)
	must(t, err)
	if !ok || cur.Number != 2 || cur.Hash != b2.Hash {
		t.Fatalf("cursor = %+v %v", cur, ok)
	}
	// From the wrong cursor: refused, nothing written.
	b3 := block(3, 0)
	if err := st.ApplyRange(ctx, chainID, &b1, b3, []store.Block{b3}, nil); !errors.Is(err, store.ErrCursorMoved) {
		t.Fatalf("wrong prev: got %v, want ErrCursorMoved", err)
	}
	if err := st.ApplyRange(ctx, chainID, nil, b3, []store.Block{b3}, nil); !errors.Is(err, store.ErrCursorMoved) {
		t.Fatalf("second first range: got %v, want ErrCursorMoved", err)
	}
	// The same events again in the next range are skipped.
	must(t, st.ApplyRange(ctx, chainID, &b2, b3, []store.Block{b3, b3}, evs))
	all, err := st.Events(ctx, chainID)
	must(t, err)
	if len(all) != 3 || all[0].Kind != store.EventChannelUpdated || all[1].LogIndex != 4 || all[2].Kind != store.EventSecretRegistered {
		t.Fatalf("events = %+v", all)
	}
	if sr := all[2]; sr.Hashlock != (common.Hash{0x41}) || sr.Secret != (common.Hash{0x5e}) || sr.Nonce != nil || sr.User != (common.Address{}) {
		t.Fatalf("SecretRegistered read back = %+v", sr)
	}
	if err := st.ApplyRange(ctx, chainID, &b3, block(4, 0), nil, []store.Event{{Contract: contract, BlockNumber: 4}}); !errors.Is(err, store.ErrUnknownEvent) {
		t.Fatalf("an event of no kind: got %v, want ErrUnknownEvent", err)
	}
	e := all[1]
	if e.User != u || e.Sender != hubAddr || e.Side != 0 || e.Nonce.Int64() != 2 || e.Deadline.Int64() != 5000 ||
		e.Digest != (common.Hash{0xdd}) || e.TxHash != evs[1].TxHash || e.BlockHash != b2.Hash || e.Confirmed {
		t.Fatalf("event read back = %+v", e)
	}
	ch, err := st.Channel(ctx, contract, u)
	must(t, err)
	want, _ := store.Fold(all)
	if ch.Status != store.StatusDisputed || ch.Nonce.Int64() != 2 || ch.OnchainNonce.Int64() != 1 || ch.Deadline.Int64() != 5000 ||
		ch.LastBlock != 2 || ch.Status != want.Status || ch.Nonce.Cmp(want.Nonce) != 0 {
		t.Fatalf("channel = %+v, fold = %+v", ch, want)
	}
	known, err := st.KnownBlocks(ctx, chainID, 2)
	must(t, err)
	if len(known) != 2 || known[0].Number != 3 || known[1].Number != 2 || known[1].Parent != b2.Parent || known[1].Time != b2.Time {
		t.Fatalf("known blocks = %+v", known)
	}
}

func testRollback(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(4)
	b1, b2, b3 := block(1, 0), block(2, 0), block(3, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b3, []store.Block{b1, b2, b3}, []store.Event{
		event(b1, 0, store.EventChannelUpdated, u, 3, 0),
		event(b2, 0, store.EventExitStarted, u, 2, 5000),
		event(b3, 1, store.EventChallenged, u, 3, 5000),
		event(b3, 0, store.EventSettled, user(5), 1, 0),
	}))
	removed, err := st.Rollback(ctx, chainID, b1)
	must(t, err)
	if len(removed) != 3 || removed[0].BlockNumber != 2 || removed[1].LogIndex != 0 || removed[2].LogIndex != 1 {
		t.Fatalf("removed = %+v, want blocks 2, 3/0, 3/1 in chain order", removed)
	}
	ch, err := st.Channel(ctx, contract, u)
	must(t, err)
	if ch.Status != store.StatusOpen || ch.Nonce.Int64() != 3 || ch.Deadline.Sign() != 0 || ch.LastBlock != 1 {
		t.Fatalf("channel after rollback = %+v, want open at nonce 3", ch)
	}
	if _, err := st.Channel(ctx, contract, user(5)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a channel left without events: got %v, want ErrNotFound", err)
	}
	cur, _, err := st.Cursor(ctx, chainID)
	must(t, err)
	if cur.Number != 1 || cur.Hash != b1.Hash {
		t.Fatalf("cursor after rollback = %+v", cur)
	}
	if known, _ := st.KnownBlocks(ctx, chainID, 0); len(known) != 1 {
		t.Fatalf("blocks after rollback = %+v", known)
	}
	// The other fork is applied on top.
	f2 := block(2, 1)
	f2.Parent = b1.Hash
	must(t, st.ApplyRange(ctx, chainID, &b1, f2, []store.Block{f2}, []store.Event{event(f2, 0, store.EventExitStarted, u, 3, 7000)}))
	if ch, _ := st.Channel(ctx, contract, u); ch.Status != store.StatusDisputed || ch.Deadline.Int64() != 7000 {
		t.Fatalf("channel on the new fork = %+v", ch)
	}
}

func testConfirm(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	b1, b2 := block(1, 0), block(2, 0)
	must(t, st.ApplyRange(ctx, chainID, nil, b2, []store.Block{b1, b2}, []store.Event{
		event(b2, 0, store.EventChannelUpdated, user(6), 1, 0), event(b1, 0, store.EventChannelUpdated, user(7), 1, 0)}))
	got, err := st.ConfirmUpTo(ctx, chainID, 1)
	must(t, err)
	if len(got) != 1 || got[0].BlockNumber != 1 || !got[0].Confirmed {
		t.Fatalf("confirmed up to 1 = %+v", got)
	}
	if again, _ := st.ConfirmUpTo(ctx, chainID, 1); len(again) != 0 {
		t.Fatalf("confirming again returned %d events", len(again))
	}
	if got, _ := st.ConfirmUpTo(ctx, chainID, 5); len(got) != 1 || got[0].BlockNumber != 2 {
		t.Fatalf("confirmed up to 5 = %+v", got)
	}
}

func testDisputed(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	b1 := block(1, 0)
	// Deadlines 100, 9 and 10: numeric order is 9, 10, 100.
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, []store.Event{
		event(b1, 0, store.EventExitStarted, user(10), 1, 100),
		event(b1, 1, store.EventExitStarted, user(11), 1, 9),
		event(b1, 2, store.EventExitStarted, user(12), 1, 10),
		event(b1, 3, store.EventChannelUpdated, user(13), 1, 0),
	}))
	ds, err := st.DisputedChannels(ctx)
	must(t, err)
	if len(ds) != 3 || ds[0].Deadline.Int64() != 9 || ds[1].Deadline.Int64() != 10 || ds[2].Deadline.Int64() != 100 {
		t.Fatalf("disputed = %+v, want deadlines 9, 10, 100", ds)
	}
}

func intent(u common.Address, nonce int64, kind string, deadline uint64) store.Intent {
	return store.Intent{ChainID: chainID, Contract: contract, User: u, Nonce: big.NewInt(nonce), Kind: kind, Sender: sender,
		Calldata: []byte{0xca, 0x11}, Deadline: deadline, WindowStart: 10, NotBefore: 0}
}

func testEnqueue(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(20)
	id, created, err := st.Enqueue(ctx, intent(u, 5, store.KindChallenge, 500))
	must(t, err)
	id2, created2, err := st.Enqueue(ctx, intent(u, 5, store.KindChallenge, 999))
	must(t, err)
	if !created || created2 || id != id2 {
		t.Fatalf("enqueue twice: %d %v, %d %v", id, created, id2, created2)
	}
	_, _, err = st.Enqueue(ctx, intent(u, 9, store.KindChallenge, 400))
	must(t, err)
	_, _, err = st.Enqueue(ctx, intent(u, 10, store.KindChallenge, 400))
	must(t, err)
	_, _, err = st.Enqueue(ctx, intent(u, 5, store.KindSettle, 800))
	must(t, err)
	// Cancelling up to nonce 9 takes 5 and 9 (not 10: numeric order), not the settle.
	n, err := st.CancelQueued(ctx, contract, u, store.KindChallenge, big.NewInt(9), "exit reorged out")
	must(t, err)
	if n != 2 {
		t.Fatalf("cancelled %d, want 2", n)
	}
	txs, err := st.ChannelTxs(ctx, contract, u)
	must(t, err)
	status := map[string]string{}
	for _, tx := range txs {
		status[tx.Kind+"@"+tx.Nonce.String()] = tx.Status
	}
	want := map[string]string{"challenge@5": store.TxCancelled, "challenge@9": store.TxCancelled, "challenge@10": store.TxQueued, "settle@5": store.TxQueued}
	for k, v := range want {
		if status[k] != v {
			t.Fatalf("statuses = %v, want %v", status, want)
		}
	}
	// The second enqueue of challenge@5 moved its deadline (an exit mined again later).
	if txs[0].LastError != "exit reorged out" || txs[0].Deadline != 999 || txs[0].WindowStart != 10 || string(txs[0].Calldata) != "\xca\x11" {
		t.Fatalf("entry read back = %+v", txs[0])
	}
	// An entry holding an account nonce is never cancelled.
	ids := []int64{txs[2].ID}
	_, err = st.SignNext(ctx, ids[0], chainID, sender, 0, 21000, attemptAt(1))
	must(t, err)
	if n, _ := st.CancelQueued(ctx, contract, u, store.KindChallenge, nil, "any"); n != 0 {
		t.Fatalf("cancelled %d entries holding a nonce", n)
	}
	// A challenge in flight answers its dispute until the dispute's deadline, moved if its
	// exit is mined again; other kinds keep theirs (a lock resolution's is its own window).
	moved := intent(u, 10, store.KindChallenge, 700)
	moved.WindowStart = 100
	if id, created, err := st.Enqueue(ctx, moved); err != nil || created || id != ids[0] {
		t.Fatalf("enqueue of the sent challenge: %d %v %v", id, created, err)
	}
	_, _, err = st.Enqueue(ctx, intent(u, 5, store.KindSettle, 900))
	must(t, err)
	txs, err = st.ChannelTxs(ctx, contract, u)
	must(t, err)
	for _, tx := range txs {
		switch {
		case tx.ID == ids[0] && (tx.Deadline != 700 || tx.WindowStart != 100 || tx.Status != store.TxSent):
			t.Errorf("sent challenge after a later enqueue: deadline %d, window %d, %s; want 700, 100, sent", tx.Deadline, tx.WindowStart, tx.Status)
		case tx.Kind == store.KindSettle && tx.Deadline != 800:
			t.Errorf("settle deadline %d after a later enqueue, want 800 kept", tx.Deadline)
		}
	}
}

func testOutboxTransitions(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(21)
	late, _, err := st.Enqueue(ctx, intent(u, 1, store.KindSettle, 900))
	must(t, err)
	id, _, err := st.Enqueue(ctx, intent(u, 2, store.KindChallenge, 300))
	must(t, err)
	active, err := st.ActiveTxs(ctx, chainID, sender)
	must(t, err)
	if len(active) != 2 || active[0].ID != id || active[1].ID != late {
		t.Fatalf("active order = %+v, want the challenge first", active)
	}
	a1 := store.Attempt{Hash: common.Hash{1}, FeeCap: big.NewInt(100), TipCap: big.NewInt(2), Raw: []byte{0xaa}, HeadNumber: 4,
		SignedAt: time.Now().Add(-time.Second)}
	a2 := store.Attempt{Hash: common.Hash{2}, FeeCap: new(big.Int).Lsh(big.NewInt(1), 100), TipCap: big.NewInt(3), Raw: []byte{0xbb}, HeadNumber: 6}
	var signedAt uint64
	got, err := st.SignNext(ctx, id, chainID, sender, 7, 50000, func(n uint64) (store.Attempt, error) {
		signedAt = n
		return a1, nil
	})
	must(t, err)
	if signedAt != 7 || got.Hash != a1.Hash {
		t.Fatalf("first nonce %d (attempt %s), want the chain's 7", signedAt, got.Hash)
	}
	if _, err := st.SignNext(ctx, id, chainID, sender, 20, 1, attemptAt(9)); !errors.Is(err, store.ErrNotQueued) {
		t.Fatalf("signing a sent entry again: %v, want ErrNotQueued", err)
	}
	var n2 uint64
	_, err = st.SignNext(ctx, late, chainID, sender, 0, 1, func(n uint64) (store.Attempt, error) { n2 = n; return attempt(8, n), nil })
	must(t, err)
	if n2 != 8 {
		t.Fatalf("next nonce %d, want 8", n2)
	}
	must(t, st.AddAttempt(ctx, id, a1)) // idempotent
	must(t, st.AddAttempt(ctx, id, a2))
	must(t, st.MarkSent(ctx, id)) // already sent: no change
	must(t, st.NoteError(ctx, id, "underpriced"))
	tx := find(t, st, u, id)
	if tx.Status != store.TxSent || tx.AccountNonce == nil || *tx.AccountNonce != 7 || tx.GasLimit != 50000 || tx.LastError != "underpriced" {
		t.Fatalf("sent entry = %+v", tx)
	}
	if len(tx.Attempts) != 2 || tx.Attempts[0].Hash != a1.Hash || tx.Attempts[1].FeeCap.Cmp(a2.FeeCap) != 0 || tx.Attempts[0].HeadNumber != 4 {
		t.Fatalf("attempts = %+v, want a1 then a2", tx.Attempts)
	}
	must(t, st.MarkIncluded(ctx, id, a2.Hash, 12, common.Hash{0x12}, true))
	if tx := find(t, st, u, id); tx.Status != store.TxIncluded || tx.TxHash != a2.Hash || tx.BlockNumber != 12 || !tx.Succeeded {
		t.Fatalf("included entry = %+v", tx)
	}
	must(t, st.MarkUnincluded(ctx, id))
	if tx := find(t, st, u, id); tx.Status != store.TxSent || tx.BlockNumber != 0 || tx.TxHash != (common.Hash{}) {
		t.Fatalf("unincluded entry = %+v", tx)
	}
	must(t, st.MarkIncluded(ctx, id, a1.Hash, 13, common.Hash{0x13}, false))
	must(t, st.Finish(ctx, id, store.TxReverted, "reverted"))
	must(t, st.Finish(ctx, id, store.TxConfirmed, "")) // a final status is final
	if tx := find(t, st, u, id); tx.Status != store.TxReverted || tx.LastError != "reverted" {
		t.Fatalf("finished entry = %+v", tx)
	}
	active, _ = st.ActiveTxs(ctx, chainID, sender)
	if len(active) != 1 || active[0].ID != late || active[0].Status != store.TxSent || *active[0].AccountNonce != 8 {
		t.Fatalf("active after finishing = %+v", active)
	}
}

func find(t *testing.T, st Store, u common.Address, id int64) store.OutboxTx {
	t.Helper()
	txs, err := st.ChannelTxs(context.Background(), contract, u)
	must(t, err)
	for _, tx := range txs {
		if tx.ID == id {
			return tx
		}
	}
	t.Fatalf("entry %d not found", id)
	return store.OutboxTx{}
}

func testConcurrentNonces(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	const n = 40
	ids := make([]int64, n)
	for i := range ids {
		var err error
		ids[i], _, err = st.Enqueue(ctx, intent(user(100+i), 1, store.KindChallenge, 100))
		must(t, err)
	}
	other := st
	if f.Reopen != nil {
		other = f.Reopen(t, st) // a second process on the same database
	}
	got := make([]uint64, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range ids {
		wg.Go(func() {
			s := st
			if i%2 == 1 {
				s = other
			}
			_, errs[i] = s.SignNext(ctx, ids[i], chainID, sender, 0, 21000, func(n uint64) (store.Attempt, error) {
				got[i] = n
				return attempt(byte(i), n), nil
			})
		})
	}
	wg.Wait()
	seen := map[uint64]bool{}
	for i, n := range got {
		if errs[i] != nil {
			t.Fatalf("assign %d: %v", i, errs[i])
		}
		if seen[n] {
			t.Fatalf("nonce %d handed out twice: %v", n, got)
		}
		seen[n] = true
	}
	for i := range n {
		if !seen[uint64(i)] {
			t.Fatalf("nonces %v leave a gap at %d", got, i)
		}
	}
}

func testSettlePolicy(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(30)
	if _, ok, err := st.SettlePolicy(ctx, contract, u); err != nil || ok {
		t.Fatalf("no override: ok %v err %v", ok, err)
	}
	must(t, st.SetSettlePolicy(ctx, contract, u, false))
	must(t, st.SetSettlePolicy(ctx, contract, u, true))
	if auto, ok, err := st.SettlePolicy(ctx, contract, u); err != nil || !ok || !auto {
		t.Fatalf("override: auto %v ok %v err %v", auto, ok, err)
	}
	s := stored(state(u, 4, 1))
	_, _, err := st.PutState(ctx, s, receipt(s))
	must(t, err)
	if ok, _ := st.MarkSuperseded(ctx, contract, u, big.NewInt(4)); ok {
		t.Fatal("a state at the on-chain nonce is not superseded")
	}
	if ok, _ := st.MarkSuperseded(ctx, contract, u, big.NewInt(5)); !ok {
		t.Fatal("a state below the on-chain nonce is superseded")
	}
	if ok, _ := st.MarkSuperseded(ctx, contract, u, big.NewInt(6)); ok {
		t.Fatal("marking twice reported a change")
	}
	if got, _ := st.State(ctx, contract, u); !got.Superseded {
		t.Fatal("state not flagged superseded")
	}
	// A newer deposit clears the flag.
	s = stored(state(u, 7, 1))
	_, _, err = st.PutState(ctx, s, receipt(s))
	must(t, err)
	if got, _ := st.State(ctx, contract, u); got.Superseded {
		t.Fatal("a newer state inherited the superseded flag")
	}
}
