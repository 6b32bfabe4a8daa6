package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/vigil-hub/vigil/store"
)

// testTerms checks the fence behind one state per nonce across a takeover: a channel
// write under a term that is over is refused and leaves nothing, and a write that passed
// its check commits before the next term begins.
func testTerms(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(90)
	if _, _, err := st.CurrentTerm(ctx, "hub"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no term yet: got %v", err)
	}
	write := func(term store.Term, nonce int64) error {
		return st.HubChannel(store.WithTerm(ctx, term), contract, u, func(tx store.HubTx) error {
			return tx.Append(ctx, hubState(u, nonce, true))
		})
	}
	if err := write(store.Term{Name: "hub", N: 1}, 1); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("a write under a term never begun: got %v, want ErrFenced", err)
	}
	t1, err := st.BeginTerm(ctx, "hub", "http://a")
	must(t, err)
	must(t, write(t1, 1))
	t2, err := st.BeginTerm(ctx, "hub", "http://b")
	must(t, err)
	if t2.N <= t1.N {
		t.Fatalf("term %d after %d", t2.N, t1.N)
	}
	if cur, addr, err := st.CurrentTerm(ctx, "hub"); err != nil || cur != t2 || addr != "http://b" {
		t.Fatalf("current term %+v at %q (%v), want %+v at http://b", cur, addr, err, t2)
	}
	if err := write(t1, 2); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("the old leader's write after a new term: got %v, want ErrFenced", err)
	}
	if hs, err := st.HubLatest(ctx, contract, u); err != nil || hs.State.Nonce.Int64() != 1 {
		t.Fatalf("after a fenced write the newest state is %v (%v), want nonce 1", hs.State, err)
	}
	// Another group's term is its own.
	if _, err := st.BeginTerm(ctx, "other", ""); err != nil {
		t.Fatal(err)
	}
	must(t, write(t2, 2))

	// A write that passed its check holds the term until it commits: the next term begins
	// after it, so the next leader reads it.
	next := st
	if f.Reopen != nil {
		next = f.Reopen(t, st)
	}
	inside, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- st.HubChannel(store.WithTerm(ctx, t2), contract, u, func(tx store.HubTx) error {
			close(inside)
			<-release
			return tx.Append(ctx, hubState(u, 3, true))
		})
	}()
	<-inside
	begun := make(chan error, 1)
	go func() {
		_, err := next.BeginTerm(ctx, "hub", "http://c")
		begun <- err
	}()
	close(release)
	must(t, <-begun)
	if hs, err := next.HubLatest(ctx, contract, u); err != nil || hs.State.Nonce.Int64() != 3 {
		t.Fatalf("the new term began before the old leader's write committed: newest %v (%v), want nonce 3", hs.State, err)
	}
	must(t, <-done)
	if err := write(t2, 4); !errors.Is(err, store.ErrFenced) {
		t.Fatalf("a write after the third term began: got %v, want ErrFenced", err)
	}
}
