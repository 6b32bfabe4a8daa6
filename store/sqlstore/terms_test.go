package sqlstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
)

// TestBeginTermEndsFrozenWrite: a leader that froze inside a channel transaction holds
// its term's row shared, and would keep the next term from ever beginning (the failover
// test's takeover that never came). The next leader's BeginTerm ends that transaction and
// begins; the frozen write is refused, not committed, when its leader wakes.
func TestBeginTermEndsFrozenWrite(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.NewDatabase(t)
	oldSt, newSt := pgtest.OpenStore(t, dsn), pgtest.OpenStore(t, dsn)
	contract, user := common.HexToAddress("0xc0ffee"), common.HexToAddress("0x1234")
	s := channel.NewState(user)
	s.Nonce, s.WeiBalances = big.NewInt(1), [2]*big.Int{big.NewInt(50), big.NewInt(50)}
	hs := store.HubState{Kind: "pay", Detail: json.RawMessage(`{}`), State: s, SigHub: []byte{1}, SigUser: []byte{1}}

	t1, err := oldSt.BeginTerm(ctx, "hub", "http://old")
	if err != nil {
		t.Fatal(err)
	}
	inside, wake, frozen := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		frozen <- oldSt.HubChannel(store.WithTerm(ctx, t1), contract, user, func(tx store.HubTx) error {
			if err := tx.Append(ctx, hs); err != nil {
				return err
			}
			close(inside)
			<-wake // frozen with the transaction open
			return nil
		})
	}()
	<-inside
	bctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	t2, err := newSt.BeginTerm(bctx, "hub", "http://new")
	close(wake)
	if err != nil {
		t.Fatalf("the next term did not begin past a frozen leader's open write: %v", err)
	}
	if t2.N != t1.N+1 {
		t.Fatalf("began term %d after %d", t2.N, t1.N)
	}
	if err := <-frozen; err == nil {
		t.Fatal("the frozen leader's write committed after the next term began")
	}
	if _, err := newSt.HubLatest(ctx, contract, user); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the frozen leader's state is stored (%v)", err)
	}
}
