package storetest

import (
	"context"
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

func intent(u common.Address, nonce int64, kind store.TxKind, deadline uint64) store.Intent {
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
	status := map[string]store.TxStatus{}
	for _, tx := range txs {
		status[string(tx.Kind)+"@"+tx.Nonce.String()] = tx.Status
	}
	want := map[string]store.TxStatus{"challenge@5": store.TxCancelled, "challenge@9": store.TxCancelled, "challenge@10": store.TxQueued, "settle@5": store.TxQueued}
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
	_, err = signNext(ctx, st, ids[0], chainID, sender, 0, 21000, attemptAt(1))
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
	got, err := signNext(ctx, st, id, chainID, sender, 7, 50000, func(n uint64) (store.Attempt, error) {
		signedAt = n
		return a1, nil
	})
	must(t, err)
	if signedAt != 7 || got.Hash != a1.Hash {
		t.Fatalf("first nonce %d (attempt %s), want the chain's 7", signedAt, got.Hash)
	}
	if _, err := signNext(ctx, st, id, chainID, sender, 20, 1, attemptAt(9)); !errors.Is(err, store.ErrNotQueued) {
		t.Fatalf("signing a sent entry again: %v, want ErrNotQueued", err)
	}
	var n2 uint64
	_, err = signNext(ctx, st, late, chainID, sender, 0, 1, func(n uint64) (store.Attempt, error) { n2 = n; return attempt(8, n), nil })
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
			_, errs[i] = signNext(ctx, s, ids[i], chainID, sender, 0, 21000, func(n uint64) (store.Attempt, error) {
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
