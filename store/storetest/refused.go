package storetest

import (
	"context"
	"math/big"
	"testing"

	"github.com/vigil-hub/vigil/store"
)

// testRefused: an intent queued as refused (the contract refuses its call) is recorded
// cancelled with its reason and no attempt; it stands for its dispute, as a failed entry
// does, and a new dispute arms its key again.
func testRefused(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(450)
	in := intent(u, 5, store.KindChallenge, 100)
	in.Refused = "InvalidSignature(expected: 0x01, recovered: 0x02)"
	id, created, err := st.Enqueue(ctx, in)
	must(t, err)
	if !created {
		t.Fatal("a refused intent was not recorded")
	}
	tx, err := st.LatestTx(ctx, contract, u, store.ChallengeKey{StateNonce: big.NewInt(5)})
	must(t, err)
	if tx.ID != id || tx.Status != store.TxCancelled || tx.Refused != in.Refused || tx.LastError != store.CannotSucceed+in.Refused ||
		tx.AccountNonce != nil || len(tx.Attempts) != 0 {
		t.Fatalf("refused entry read back: %+v", tx)
	}
	if active, err := st.ActiveTxs(ctx, chainID, sender); err != nil || len(active) != 0 {
		t.Fatalf("active entries %+v (%v), want none: a refused intent is not to be sent", active, err)
	}
	// Queued again, refused or not, in the same dispute: it stands.
	for _, refused := range []string{in.Refused, ""} {
		again := intent(u, 5, store.KindChallenge, 100)
		again.Refused = refused
		if id2, created, err := st.Enqueue(ctx, again); err != nil || created || id2 != id {
			t.Fatalf("enqueue again (refused %q): %d %v %v, want the refused entry %d standing", refused, id2, created, err, id)
		}
	}
	// A new dispute arms the key again.
	id3, created, err := st.Enqueue(ctx, intent(u, 5, store.KindChallenge, 200))
	must(t, err)
	if !created || id3 == id {
		t.Fatalf("enqueue for a new dispute: %d %v, want a new entry", id3, created)
	}
}

// testRefuse: Refuse cancels a queued entry without an account nonce and records the
// refusal; one holding a nonce keeps its status (its nonce is to be filled) and records
// the refusal too. A cancellation whose text merely reads like a refusal is not one: the
// decision is the typed field, not last_error.
func testRefuse(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	const why = "BalanceMismatch(stateTotal: 11, channelTotal: 10)"
	queued, _, err := st.Enqueue(ctx, intent(user(460), 5, store.KindChallenge, 100))
	must(t, err)
	must(t, st.Refuse(ctx, queued, why))
	if tx := find(t, st, user(460), queued); tx.Status != store.TxCancelled || tx.Refused != why || tx.LastError != store.CannotSucceed+why {
		t.Fatalf("refused queued entry: %s, refused %q, last error %q", tx.Status, tx.Refused, tx.LastError)
	}
	sent, _, err := st.Enqueue(ctx, intent(user(461), 5, store.KindChallenge, 100))
	must(t, err)
	_, err = signNext(ctx, st, sent, chainID, sender, 0, 21000, attemptAt(byte(sent)))
	must(t, err)
	must(t, st.Refuse(ctx, sent, why))
	if tx := find(t, st, user(461), sent); tx.Status != store.TxSent || tx.Refused != why || tx.AccountNonce == nil {
		t.Fatalf("refused sent entry: %s, refused %q, nonce %v: want sent with its nonce, refused", tx.Status, tx.Refused, tx.AccountNonce)
	}
	if err := st.Refuse(ctx, sent, ""); err == nil {
		t.Fatal("a refusal without the contract's error was taken")
	}
	lookalike, _, err := st.Enqueue(ctx, intent(user(462), 5, store.KindChallenge, 100))
	must(t, err)
	must(t, st.Finish(ctx, lookalike, store.TxCancelled, store.CannotSucceed+why))
	if id, created, err := st.Enqueue(ctx, intent(user(462), 5, store.KindChallenge, 100)); err != nil || !created || id == lookalike {
		t.Fatalf("enqueue after a cancellation that reads like a refusal: %d %v %v, want a new entry", id, created, err)
	}
}
