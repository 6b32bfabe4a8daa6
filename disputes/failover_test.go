package disputes_test

import (
	"context"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/monitor"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/towerd"
)

// eventually is wait.For, for priority_test.go, which still calls it by this name.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	wait.For(t, what, cond)
}

type replica struct {
	name   string
	st     *sqlstore.Store
	r      *towerd.Replica
	cancel context.CancelFunc
	done   chan error
}

// TestLeaderFailover: two tower replicas share a database. The leader signs the
// challenge to a stale close and dies (its process and its database sessions gone). The
// other takes over, follows the challenge to inclusion and settles after the deadline,
// without signing anything at a used account nonce or sending anything twice.
func TestLeaderFailover(t *testing.T) {
	e := newEnv(t, envConfig{users: 1, autoSettle: true})
	u := e.users[0]
	s3 := pay(e.open(u, 10, 0), 6)
	held := pay(s3, -5)
	e.deposit(e.st, held)

	start := func(name string) *replica {
		st := pgtest.OpenStore(t, e.dsn+"&application_name=vigil-"+name)
		tw := e.newTower(st, e.tower, e.c.Client)
		d := &monitor.Duties{Indexer: tw.ix, Engine: tw.eng, Sender: tw.snd, Schedules: monitor.Schedules{Reconcile: "@every 1s"}}
		rp := &replica{name: name, st: st, done: make(chan error, 1),
			r: &towerd.Replica{Store: st, LockKey: 7001, Duties: d.Run, Retry: 100 * time.Millisecond, Check: 200 * time.Millisecond}}
		ctx, cancel := context.WithCancel(t.Context())
		rp.cancel = cancel
		go func() { rp.done <- rp.r.Run(ctx) }()
		return rp
	}
	a := start("a")
	wait.For(t, "replica a to lead", a.r.Leading)
	b := start("b")
	defer func() {
		b.cancel()
		<-b.done
	}()

	// Blocks every 200ms; the clock can be moved forward between them.
	var chainMu sync.Mutex
	mined := make(chan struct{})
	mineCtx, stopMining := context.WithCancel(t.Context())
	go func() {
		defer close(mined)
		for mineCtx.Err() == nil {
			chainMu.Lock()
			e.c.Backend.Commit()
			chainMu.Unlock()
			time.Sleep(200 * time.Millisecond)
		}
	}()
	defer func() { stopMining(); <-mined }()

	chainMu.Lock()
	e.exitWith(e.hub, s3)
	chainMu.Unlock()
	wait.For(t, "the leader to sign the challenge", func() bool {
		txs := e.outbox(e.st, u.Addr)
		return len(txs) > 0 && len(txs[0].Attempts) > 0
	})
	if b.r.Leading() {
		t.Fatal("both replicas lead")
	}
	// The leader dies: its sessions are terminated, as when its host goes, and it stops.
	if err := e.st.Exec(t.Context(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE application_name = 'vigil-a'`); err != nil {
		t.Fatal(err)
	}
	a.cancel()
	<-a.done
	died := time.Now()
	wait.For(t, "replica b to take over", b.r.Leading)
	t.Logf("replica b took over %v after the leader died", time.Since(died).Round(time.Millisecond))

	wait.For(t, "the challenge to be included", func() bool {
		return e.onchain(u.Addr).Nonce.Cmp(held.Nonce) == 0
	})
	userBefore := e.c.Balance(u.Addr)
	chainMu.Lock()
	e.passDeadline(u.Addr)
	chainMu.Unlock()
	wait.For(t, "the challenge and the settle to be confirmed", func() bool {
		txs := e.outbox(e.st, u.Addr)
		return len(txs) == 2 && txs[0].Status == store.TxConfirmed && txs[1].Status == store.TxConfirmed
	})

	if got := e.challengesFrom(e.tower.Addr); len(got) != 1 {
		t.Errorf("tower challenged %d times, want once", len(got))
	}
	if n := e.countEvents("Settled"); n != 1 {
		t.Errorf("%d Settled events, want 1", n)
	}
	nonces := map[uint64]int64{}
	for _, tx := range e.outbox(e.st, u.Addr) {
		if other, ok := nonces[*tx.AccountNonce]; ok {
			t.Errorf("account nonce %d used by outbox entries %d and %d", *tx.AccountNonce, other, tx.ID)
		}
		nonces[*tx.AccountNonce] = tx.ID
	}
	if got, want := new(big.Int).Sub(e.c.Balance(u.Addr), userBefore), eth(9); got.Cmp(want) != 0 {
		t.Errorf("user received %s, want %s", got, want)
	}
}

// countEvents counts the manager's events with the given name on the canonical chain.
func (e *env) countEvents(name string) int {
	e.t.Helper()
	abi := e.m.GetABI()
	id := abi.Events[name].ID
	logs, err := e.c.Client.FilterLogs(e.t.Context(), ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(e.c.DeployBlock),
		Addresses: []common.Address{e.c.ManagerAddr}, Topics: [][]common.Hash{{id}}})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(logs)
}
