package watcher_test

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/watcher"
)

type env struct {
	t   *testing.T
	c   *simchain.Chain
	st  *sqlstore.Store
	rec *recorder
}

func newEnv(t *testing.T) *env {
	t.Helper()
	c, err := simchain.New(simchain.Config{Accounts: 3})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &env{t: t, c: c, st: pgtest.NewStore(t), rec: &recorder{}}
}

func (e *env) indexer(chain watcher.Chain, rng uint64) *watcher.Indexer {
	e.t.Helper()
	ix, err := watcher.New(watcher.Config{ChainID: e.c.ChainID, Contracts: []common.Address{e.c.ManagerAddr},
		StartBlock: e.c.DeployBlock, Confirmations: 3, InitialRange: rng, MaxRange: rng}, chain, e.st, e.rec.consume)
	if err != nil {
		e.t.Fatal(err)
	}
	return ix
}

// syncAll runs Sync until the indexer reports it reached the head.
func (e *env) syncAll(ix *watcher.Indexer) {
	e.t.Helper()
	for range 1000 {
		done, err := ix.Sync(e.t.Context())
		if err != nil {
			e.t.Fatal(err)
		}
		if done {
			return
		}
	}
	e.t.Fatal("indexer did not catch up")
}

// open makes a channel for a with a hub-authorized update.
func (e *env) open(a simchain.Account) {
	e.t.Helper()
	s := channel.NewState(a.Addr)
	s.Nonce.SetInt64(1)
	s.OnchainNonce.SetInt64(1)
	d, _ := e.c.Domain.Digest(s)
	sig, _ := channel.Sign(d, a.Key)
	if _, err := e.c.Transact(e.c.Accounts[0], e.c.Manager, nil, e.c.ManagerABI.PackHubAuthorizedUpdate(contracts.State(s), sig)); err != nil {
		e.t.Fatal(err)
	}
}

// emit mines a block holding one SecretRegistered event per secret.
func (e *env) emit(secrets ...string) {
	e.t.Helper()
	from := e.c.Accounts[2]
	opts := e.c.Opts(from)
	nonce, err := e.c.Client.PendingNonceAt(e.t.Context(), from.Addr)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range secrets {
		opts.Nonce = new(big.Int).SetUint64(nonce)
		nonce++
		if _, err := e.c.Manager.RawTransact(opts, e.c.ManagerABI.PackRegisterSecret(common.BytesToHash([]byte(s)))); err != nil {
			e.t.Fatal(err)
		}
	}
	if err := e.c.WaitPending(from.Addr, nonce); err != nil {
		e.t.Fatal(err)
	}
	e.c.Backend.Commit()
}

type eventKey struct {
	Block common.Hash
	Index uint
	Tx    common.Hash
	Name  string
}

// canonical returns the manager's events on the node's canonical chain.
func (e *env) canonical() []eventKey {
	e.t.Helper()
	logs, err := e.c.Client.FilterLogs(e.t.Context(), ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(e.c.DeployBlock), Addresses: []common.Address{e.c.ManagerAddr}})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []eventKey
	for i := range logs {
		ev, err := watcher.Decode(&logs[i])
		if err != nil {
			e.t.Fatal(err)
		}
		out = append(out, eventKey{ev.BlockHash, ev.LogIndex, ev.TxHash, ev.Kind.String()})
	}
	return out
}

func (e *env) stored() []eventKey {
	e.t.Helper()
	evs, err := e.st.Events(e.t.Context(), e.c.ChainID)
	if err != nil {
		e.t.Fatal(err)
	}
	out := make([]eventKey, len(evs))
	for i, ev := range evs {
		out[i] = eventKey{ev.BlockHash, ev.LogIndex, ev.TxHash, ev.Kind.String()}
	}
	return out
}

// checkMatchesChain asserts that the stored events are exactly the canonical ones.
func (e *env) checkMatchesChain(step string) {
	e.t.Helper()
	want, got := e.canonical(), e.stored()
	if len(want) == 0 {
		e.t.Fatalf("%s: no events on chain", step)
	}
	if fmt.Sprint(want) != fmt.Sprint(got) {
		e.t.Fatalf("%s: stored events differ from the chain\nchain:  %v\nstored: %v", step, want, got)
	}
}

// recorder collects what the indexer hands to its consumer.
type recorder struct {
	mu      sync.Mutex
	updates []watcher.Update
}

func (r *recorder) consume(_ context.Context, u watcher.Update) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.updates = append(r.updates, u)
}

func (r *recorder) names(kind watcher.UpdateKind) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, u := range r.updates {
		if u.Kind == kind {
			for _, e := range u.Events {
				out = append(out, e.Kind.String())
			}
		}
	}
	sort.Strings(out)
	return out
}
