package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// attempt is a stand-in signed transaction: the store keeps attempts as bytes.
func attempt(tag byte, nonce uint64) store.Attempt {
	return store.Attempt{Hash: common.Hash{0xa7, tag, byte(nonce >> 8), byte(nonce)}, FeeCap: big.NewInt(10), TipCap: big.NewInt(1),
		Raw: []byte{tag, byte(nonce)}, HeadNumber: 1}
}

// signNext signs one queued entry with SignEach, an entry no longer queued failing with
// store.ErrNotQueued.
func signNext(ctx context.Context, st Store, id int64, chainID *big.Int, sender common.Address, chainNonce, gasLimit uint64,
	sign func(nonce uint64) (store.Attempt, error)) (store.Attempt, error) {
	as, err := st.SignEach(ctx, chainID, sender, chainNonce, []store.SignRequest{{ID: id, GasLimit: gasLimit, Sign: sign}})
	if err != nil {
		return store.Attempt{}, err
	}
	if as[0].Raw == nil {
		return store.Attempt{}, fmt.Errorf("sign outbox entry %d: %w", id, store.ErrNotQueued)
	}
	return as[0], nil
}

// attemptAt signs attempt(tag, nonce) for signNext.
func attemptAt(tag byte) func(uint64) (store.Attempt, error) {
	return func(n uint64) (store.Attempt, error) { return attempt(tag, n), nil }
}

// testRearm: a key whose newest entry was cancelled, reverted (or is included reverted)
// or failed in an earlier dispute is armed again with a new entry; one that is queued,
// sent, included and succeeded, confirmed, or failed in the same dispute stands.
func testRearm(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	sign := func(id int64, _ common.Address) {
		_, err := signNext(ctx, st, id, chainID, sender, 0, 21000, attemptAt(byte(id)))
		must(t, err)
	}
	included := func(ok bool) func(int64, common.Address) {
		return func(id int64, u common.Address) {
			sign(id, u)
			must(t, st.MarkIncluded(ctx, id, attempt(byte(id), 0).Hash, 5, common.Hash{5}, ok))
		}
	}
	fail := func(id int64, _ common.Address) { must(t, st.Finish(ctx, id, store.TxFailed, "deadline passed")) }
	refuse := func(id int64, _ common.Address) {
		must(t, st.Refuse(ctx, id, "BalanceMismatch(stateTotal: 11, channelTotal: 10)"))
	}
	for i, tc := range []struct {
		name     string
		to       func(id int64, u common.Address) // brings the entry to the state under test
		deadline uint64                           // of the intent queued next
		rearmed  bool
	}{
		{"queued stands", func(int64, common.Address) {}, 100, false},
		{"sent stands", sign, 100, false},
		{"included and succeeded stands", included(true), 100, false},
		{"confirmed stands", func(id int64, u common.Address) {
			included(true)(id, u)
			must(t, st.Finish(ctx, id, store.TxConfirmed, ""))
		}, 100, false},
		{"failed stands for the same dispute", fail, 100, false},
		{"failed does not stand for a new dispute", fail, 200, true},
		{"cancelled as unable to succeed stands for the same dispute", refuse, 100, false},
		{"cancelled as unable to succeed does not stand for a new dispute", refuse, 200, true},
		{"cancelled is re-armed", func(_ int64, u common.Address) {
			if n, err := st.CancelQueued(ctx, contract, u, store.KindChallenge, nil, "exit reorged out"); err != nil || n != 1 {
				t.Fatalf("cancel: %d %v", n, err)
			}
		}, 100, true},
		{"included and reverted is re-armed at once", included(false), 100, true},
		{"reverted is re-armed", func(id int64, u common.Address) {
			included(false)(id, u)
			must(t, st.Finish(ctx, id, store.TxReverted, "reverted"))
		}, 100, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := user(400 + i)
			in := intent(u, 5, store.KindChallenge, 100)
			first, created, err := st.Enqueue(ctx, in)
			must(t, err)
			if !created {
				t.Fatal("the first intent of a key was not created")
			}
			tc.to(first, u)
			in.Deadline = tc.deadline
			id, created, err := st.Enqueue(ctx, in)
			must(t, err)
			if created != tc.rearmed || (id == first) == tc.rearmed {
				t.Fatalf("enqueue again: id %d (first %d), created %v; want re-armed %v", id, first, created, tc.rearmed)
			}
			txs, err := st.ChannelTxs(ctx, contract, u)
			must(t, err)
			if !tc.rearmed {
				if len(txs) != 1 {
					t.Fatalf("entries: %+v, want the first only", txs)
				}
				return
			}
			if len(txs) != 2 || txs[1].Arm != 1 || txs[1].Status != store.TxQueued || txs[1].AccountNonce != nil || txs[1].Deadline != tc.deadline {
				t.Fatalf("entries after re-arming: %+v", txs)
			}
			// The new entry stands in its turn.
			if id2, created, err := st.Enqueue(ctx, in); err != nil || created || id2 != id {
				t.Fatalf("enqueue once more: %d %v %v, want the new entry %d", id2, created, err, id)
			}
		})
	}

	// Writers racing to re-arm one key create one entry between them.
	u := user(499)
	id, _, err := st.Enqueue(ctx, intent(u, 1, store.KindChallenge, 100))
	must(t, err)
	if _, err := st.CancelQueued(ctx, contract, u, store.KindChallenge, nil, "reorg"); err != nil {
		t.Fatal(err)
	}
	other := st
	if f.Reopen != nil {
		other = f.Reopen(t, st)
	}
	var wg sync.WaitGroup
	ids := make([]int64, 8)
	creates := make([]bool, 8)
	for i := range ids {
		wg.Go(func() {
			s := st
			if i%2 == 1 {
				s = other
			}
			var err error
			ids[i], creates[i], err = s.Enqueue(ctx, intent(u, 1, store.KindChallenge, 100))
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	n := 0
	for i := range ids {
		if creates[i] {
			n++
		}
		if ids[i] != ids[0] || ids[i] == id {
			t.Fatalf("racing re-arms gave ids %v (cancelled %d)", ids, id)
		}
	}
	if n != 1 {
		t.Fatalf("%d racing enqueues created an entry, want 1", n)
	}
}

// testSignEach: a batch takes consecutive account nonces for the entries still queued,
// skips one cancelled meanwhile (no nonce, no attempt), keeps a nonce an entry already
// holds, and a failing signature anywhere in it leaves every entry as it was.
func testSignEach(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	var ids []int64
	for i := range 3 {
		id, _, err := st.Enqueue(ctx, intent(user(540+i), 1, store.KindChallenge, 100))
		must(t, err)
		ids = append(ids, id)
	}
	reqs := func(fail int64) []store.SignRequest {
		var rs []store.SignRequest
		for _, id := range ids {
			rs = append(rs, store.SignRequest{ID: id, GasLimit: 21000 + uint64(id), Sign: func(n uint64) (store.Attempt, error) {
				if id == fail {
					return store.Attempt{}, errors.New("no key")
				}
				return attempt(byte(id), n), nil
			}})
		}
		return rs
	}
	if _, err := st.SignEach(ctx, chainID, sender, 4, reqs(ids[2])); err == nil {
		t.Fatal("a batch with a failing signature succeeded")
	}
	for i, id := range ids {
		if tx := find(t, st, user(540+i), id); tx.AccountNonce != nil || tx.Status != store.TxQueued || len(tx.Attempts) != 0 {
			t.Fatalf("after a failed batch, entry %d: %+v", id, tx)
		}
	}
	if n, err := st.CancelQueued(ctx, contract, user(541), store.KindChallenge, nil, "not needed"); err != nil || n != 1 {
		t.Fatalf("cancel: %d %v", n, err)
	}
	as, err := st.SignEach(ctx, chainID, sender, 4, reqs(0))
	must(t, err)
	if len(as) != 3 || as[1].Raw != nil {
		t.Fatalf("attempts %+v, want three with the cancelled entry's zero", as)
	}
	for i, want := range map[int]uint64{0: 4, 2: 5} {
		tx := find(t, st, user(540+i), ids[i])
		if tx.AccountNonce == nil || *tx.AccountNonce != want || tx.Status != store.TxSent || tx.GasLimit != 21000+uint64(ids[i]) ||
			len(tx.Attempts) != 1 || tx.Attempts[0].Hash != as[i].Hash {
			t.Fatalf("entry %d signed: %+v, want account nonce %d", ids[i], tx, want)
		}
	}
	if tx := find(t, st, user(541), ids[1]); tx.AccountNonce != nil || len(tx.Attempts) != 0 {
		t.Fatalf("cancelled entry signed: %+v", tx)
	}
	// The next entry takes the nonce after the batch's.
	next, _, err := st.Enqueue(ctx, intent(user(543), 1, store.KindChallenge, 100))
	must(t, err)
	if a, err := signNext(ctx, st, next, chainID, sender, 0, 21000, attemptAt(9)); err != nil || nonceOfAttempt(a) != 6 {
		t.Fatalf("after the batch: %+v %v, want account nonce 6", a, err)
	}
}

// nonceOfAttempt is the account nonce attempt(tag, nonce) was made with.
func nonceOfAttempt(a store.Attempt) uint64 { return uint64(a.Hash[2])<<8 | uint64(a.Hash[3]) }

// testSignNext: an account nonce is taken only together with a recorded signed attempt;
// a cancelled entry and a failing signature take none; a nonce held unsigned (an entry
// from before outbox version 6) is reused.
func testSignNext(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(500)
	a, _, err := st.Enqueue(ctx, intent(u, 1, store.KindChallenge, 100))
	must(t, err)
	b, _, err := st.Enqueue(ctx, intent(u, 2, store.KindChallenge, 100))
	must(t, err)
	c, _, err := st.Enqueue(ctx, intent(u, 3, store.KindChallenge, 100))
	must(t, err)

	// The signature fails: nothing is held, and the nonce goes to the next signature.
	boom := errors.New("no key")
	if _, err := signNext(ctx, st, a, chainID, sender, 3, 21000, func(uint64) (store.Attempt, error) { return store.Attempt{}, boom }); !errors.Is(err, boom) {
		t.Fatalf("failing signature: %v", err)
	}
	if tx := find(t, st, u, a); tx.AccountNonce != nil || tx.Status != store.TxQueued || len(tx.Attempts) != 0 {
		t.Fatalf("after a failed signature: %+v", tx)
	}
	// A cancelled entry is not signed, and takes no nonce.
	if n, err := st.CancelQueued(ctx, contract, u, store.KindChallenge, big.NewInt(1), "not needed"); err != nil || n != 1 {
		t.Fatalf("cancel: %d %v", n, err)
	}
	called := false
	if _, err := signNext(ctx, st, a, chainID, sender, 3, 21000, func(n uint64) (store.Attempt, error) { called = true; return attempt(1, n), nil }); !errors.Is(err, store.ErrNotQueued) || called {
		t.Fatalf("signing a cancelled entry: %v (signed %v), want ErrNotQueued unsigned", err, called)
	}
	got, err := signNext(ctx, st, b, chainID, sender, 3, 30000, attemptAt(2))
	must(t, err)
	tx := find(t, st, u, b)
	if tx.AccountNonce == nil || *tx.AccountNonce != 3 || tx.Status != store.TxSent || tx.GasLimit != 30000 ||
		len(tx.Attempts) != 1 || tx.Attempts[0].Hash != got.Hash || string(tx.Attempts[0].Raw) != string(attempt(2, 3).Raw) {
		t.Fatalf("signed entry: %+v", tx)
	}
	// An entry holding a nonce without an attempt keeps its nonce.
	must(t, st.Exec(ctx, `UPDATE outbox SET account_nonce = 9 WHERE id = $1`, c))
	var at uint64
	_, err = signNext(ctx, st, c, chainID, sender, 20, 21000, func(n uint64) (store.Attempt, error) { at = n; return attempt(3, n), nil })
	must(t, err)
	if at != 9 {
		t.Fatalf("entry holding nonce 9 signed at %d", at)
	}
	// The counter went on from the nonce it handed out (3), not from the held 9.
	d, _, err := st.Enqueue(ctx, intent(u, 4, store.KindChallenge, 100))
	must(t, err)
	_, err = signNext(ctx, st, d, chainID, sender, 0, 21000, func(n uint64) (store.Attempt, error) { at = n; return attempt(4, n), nil })
	must(t, err)
	if at != 4 {
		t.Fatalf("next nonce %d, want 4", at)
	}
}

// testDropNonce: a queued entry counts its failed estimates (a sent one does not); an
// entry whose nonce another transaction used is queued again without it, its attempts
// kept and its failed estimates counted from 0, and signed at a fresh nonce.
func testDropNonce(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(510)
	id, _, err := st.Enqueue(ctx, intent(u, 1, store.KindChallenge, 100))
	must(t, err)
	if tx := find(t, st, u, id); tx.EstimateFailures != 0 {
		t.Fatalf("a new entry counts %d failed estimates", tx.EstimateFailures)
	}
	must(t, st.NoteEstimateFailure(ctx, id, "estimate gas: execution reverted"))
	must(t, st.NoteEstimateFailure(ctx, id, "estimate gas: timeout"))
	if tx := find(t, st, u, id); tx.Status != store.TxQueued || tx.EstimateFailures != 2 || tx.LastError != "estimate gas: timeout" {
		t.Fatalf("after two failed estimates: %+v", tx)
	}
	_, err = signNext(ctx, st, id, chainID, sender, 5, 21000, attemptAt(1))
	must(t, err)
	must(t, st.NoteEstimateFailure(ctx, id, "estimate gas: late"))
	if tx := find(t, st, u, id); tx.Status != store.TxSent || tx.EstimateFailures != 2 {
		t.Fatalf("a failed estimate counted on a sent entry: %+v", tx)
	}
	must(t, st.DropNonce(ctx, id, "nonce 5 taken"))
	tx := find(t, st, u, id)
	if tx.Status != store.TxQueued || tx.AccountNonce != nil || len(tx.Attempts) != 1 || tx.LastError != "nonce 5 taken" || tx.EstimateFailures != 0 {
		t.Fatalf("after dropping the nonce: %+v", tx)
	}
	var at uint64
	_, err = signNext(ctx, st, id, chainID, sender, 6, 21000, func(n uint64) (store.Attempt, error) { at = n; return attempt(2, n), nil })
	must(t, err)
	tx = find(t, st, u, id)
	if at != 6 || tx.Status != store.TxSent || *tx.AccountNonce != 6 || len(tx.Attempts) != 2 {
		t.Fatalf("signed again at %d: %+v", at, tx)
	}
	// A final entry keeps its nonce.
	must(t, st.MarkIncluded(ctx, id, attempt(2, 6).Hash, 9, common.Hash{9}, true))
	must(t, st.Finish(ctx, id, store.TxConfirmed, ""))
	must(t, st.DropNonce(ctx, id, "late"))
	if tx := find(t, st, u, id); tx.Status != store.TxConfirmed || tx.AccountNonce == nil {
		t.Fatalf("a confirmed entry lost its nonce: %+v", tx)
	}
}

// testChallengesFirst: ActiveTxs lists every challenge before every settlement, whatever
// their deadlines.
func testChallengesFirst(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	settle, _, err := st.Enqueue(ctx, intent(user(520), 1, store.KindSettle, 50))
	must(t, err)
	late, _, err := st.Enqueue(ctx, intent(user(521), 1, store.KindChallenge, 900))
	must(t, err)
	early, _, err := st.Enqueue(ctx, intent(user(522), 1, store.KindChallenge, 300))
	must(t, err)
	active, err := st.ActiveTxs(ctx, chainID, sender)
	must(t, err)
	var got []int64
	for _, tx := range active {
		got = append(got, tx.ID)
	}
	if len(got) != 3 || got[0] != early || got[1] != late || got[2] != settle {
		t.Fatalf("active order %v, want challenges %d, %d then the settle %d", got, early, late, settle)
	}
}

// testDueTxs: DueTxs leaves out the queued entries not to be sent yet (NotBefore after
// the time asked for), never a sent one, the included ones when asked to, and keeps
// ActiveTxs's order.
func testDueTxs(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	at := func(nb uint64, in store.Intent) store.Intent { in.NotBefore = nb; return in }
	challenge, _, err := st.Enqueue(ctx, intent(user(530), 1, store.KindChallenge, 900))
	must(t, err)
	soon, _, err := st.Enqueue(ctx, at(50, intent(user(531), 1, store.KindSettle, 300)))
	must(t, err)
	later, _, err := st.Enqueue(ctx, at(100, intent(user(532), 1, store.KindSettle, 200)))
	must(t, err)
	signed, _, err := st.Enqueue(ctx, at(100, intent(user(533), 1, store.KindSettle, 400)))
	must(t, err)
	_, err = signNext(ctx, st, signed, chainID, sender, 0, 21000, attemptAt(0x53))
	must(t, err)
	for _, c := range []struct {
		at   uint64
		want []int64
	}{{49, []int64{challenge, signed}}, {50, []int64{challenge, soon, signed}}, {100, []int64{challenge, later, soon, signed}}} {
		due, err := st.DueTxs(ctx, chainID, sender, c.at, true)
		must(t, err)
		var got []int64
		for _, tx := range due {
			got = append(got, tx.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Fatalf("due at %d: %v, want %v", c.at, got, c.want)
		}
	}
	must(t, st.MarkIncluded(ctx, signed, common.Hash{0x53}, 7, common.Hash{0x07}, true))
	for _, included := range []bool{true, false} {
		due, err := st.DueTxs(ctx, chainID, sender, 49, included)
		must(t, err)
		if n := len(due); n != 1+map[bool]int{true: 1}[included] || due[0].ID != challenge {
			t.Fatalf("due with included %v: %+v", included, due)
		}
	}
}

// testUnanswered: the disputed channels a stored state must still answer are those whose
// state is newer than the on-chain nonce and that no standing challenge at that nonce
// answers, nearest deadline first.
func testUnanswered(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	put := func(u common.Address, nonce int64) {
		s := stored(state(u, nonce, 1))
		_, _, err := st.PutState(ctx, s, receipt(s))
		must(t, err)
	}
	b1 := block(1, 0)
	// Disputed at nonce 3 with deadlines 900, 800, ...
	var evs []store.Event
	for i := range 7 {
		evs = append(evs, event(b1, uint(i), store.EventExitStarted, user(530+i), 3, int64(900-100*i)))
	}
	evs = append(evs, event(b1, 7, store.EventChannelUpdated, user(537), 3, 0), // open
		event(b1, 8, store.EventExitStarted, user(538), 3, 200), event(b1, 9, store.EventExitStarted, user(539), 3, 150))
	must(t, st.ApplyRange(ctx, chainID, nil, b1, []store.Block{b1}, evs))
	put(user(530), 4) // newer, nothing queued: unanswered
	put(user(531), 3) // not newer
	put(user(532), 4) // answered by a queued challenge
	put(user(533), 4) // its challenge was cancelled: unanswered
	put(user(534), 4) // its challenge failed in this dispute: answered (too late)
	put(user(535), 9) // a newer deposit than the challenge queued at 4: unanswered
	put(user(538), 4) // its challenge cannot succeed (the contract refuses the state) in this dispute: answered
	put(user(539), 4) // its challenge could not succeed in an earlier dispute: unanswered
	put(user(537), 9) // not disputed
	// user(536): no state
	enq := func(u common.Address, nonce int64, deadline uint64) int64 {
		id, _, err := st.Enqueue(ctx, intent(u, nonce, store.KindChallenge, deadline))
		must(t, err)
		return id
	}
	enq(user(532), 4, 700)
	enq(user(533), 4, 600)
	_, err := st.CancelQueued(ctx, contract, user(533), store.KindChallenge, nil, "reorg")
	must(t, err)
	must(t, st.Finish(ctx, enq(user(534), 4, 500), store.TxFailed, "deadline passed"))
	enq(user(535), 4, 400)
	must(t, st.Refuse(ctx, enq(user(538), 4, 200), "BalanceMismatch(stateTotal: 11, channelTotal: 10)"))
	must(t, st.Refuse(ctx, enq(user(539), 4, 50), "InvalidSignature()"))
	other := intent(user(530), 4, store.KindChallenge, 900)
	other.Sender = common.Address{0x99} // another account's challenge answers nothing for sender
	_, _, err = st.Enqueue(ctx, other)
	must(t, err)

	got, err := st.Unanswered(ctx, sender)
	must(t, err)
	var users []common.Address
	for _, c := range got {
		users = append(users, c.User)
	}
	want := []common.Address{user(539), user(535), user(533), user(530)} // deadlines 150, 400, 600, 900
	if len(users) != len(want) {
		t.Fatalf("unanswered %v, want %v", users, want)
	}
	for i := range want {
		if users[i] != want[i] {
			t.Fatalf("unanswered %v, want %v", users, want)
		}
	}
	if got[0].Status != store.StatusDisputed || got[0].Nonce.Int64() != 3 || got[0].Deadline.Int64() != 150 {
		t.Fatalf("channel read back: %+v", got[0])
	}
}
