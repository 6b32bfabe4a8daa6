package hubd

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
)

// LeaderConfig is hub.yaml's leader section: several hub processes share one PostgreSQL
// database; the one holding the advisory lock leads and owns the channels, the others
// answer reads and take over within Failover.
type LeaderConfig struct {
	// LockKey is the PostgreSQL advisory lock key (default 0x76687562, "vhub": not the
	// tower's, so that a hub and a tower may share a database).
	LockKey int64 `yaml:"lock_key"`
	// Failover bounds how long the hub goes without a leader when its leader dies,
	// freezes or is cut off (default 10s; at least 2s).
	Failover time.Duration `yaml:"failover"`
	// Advertise is the URL wallets reach this process's API at, which followers name to
	// a wallet that asks them to write (default http:// and api.listen).
	Advertise string `yaml:"advertise"`
}

// defaultHubLockKey is leader.lock_key's default.
const defaultHubLockKey = 0x76687562

// termName is the group whose terms fence the hub's channel writes: one per contract, so
// that hubs of different deployments may share a database.
func termName(contract common.Address) string { return "hub:" + contract.Hex() }

// leadership is what a hub process knows of its own lead: the term it writes under while
// it leads.
type leadership struct {
	mu      sync.Mutex
	term    store.Term
	leading bool
}

func (l *leadership) set(t store.Term) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.term, l.leading = t, true
}

func (l *leadership) end() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.leading = false
}

// current returns the term to write under, false when the process does not lead.
func (l *leadership) current() (store.Term, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.term, l.leading
}

// fencedStore is the store the hub writes its channels through: every channel
// transaction carries the process's term, so the database refuses it (store.ErrFenced)
// once another process began a newer one, and a process that does not lead writes none.
// A hub that is not the leader therefore never signs a state it could release: the hub
// signs inside the channel transaction and answers only after it committed.
type fencedStore struct {
	Store
	lead *leadership
}

func (f fencedStore) HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error {
	t, ok := f.lead.current()
	if !ok {
		return fmt.Errorf("hub channel %s: %w", user, store.ErrFenced)
	}
	return f.Store.HubChannel(store.WithTerm(ctx, t), contract, user, fn)
}

// leadTerm begins a term and runs the leader's duties until lctx (the lease) ends. The term
// is given up the moment the lease ends, before the duties have wound down.
func (hp *Hub) leadTerm(lctx context.Context, duties func(context.Context) error) error {
	cfg := hp.d.Config
	t, err := hp.d.Store.BeginTerm(lctx, termName(hp.contract), cfg.Leader.Advertise)
	if err != nil {
		return err
	}
	// The previous leader's writes are all in the database now: forget what this process
	// kept of it in memory while following.
	hp.h.Forget()
	hp.lead.set(t)
	// Long polls held here are sent on to the next leader at once, not at their timeout.
	stop := context.AfterFunc(lctx, func() { hp.lead.end(); hp.h.WakeAll() })
	defer func() {
		stop()
		hp.lead.end()
		hp.h.WakeAll()
	}()
	hp.d.Log.Info("leading the hub", "term", t.N, "advertise", cfg.Leader.Advertise)
	return duties(lctx)
}

// Leader reports whether this process leads and, when it does not, the API address
// the leader advertised (empty when unknown).
func (hp *Hub) Leader(ctx context.Context) (bool, string) {
	if _, ok := hp.lead.current(); ok {
		return true, ""
	}
	_, addr, err := hp.d.Store.CurrentTerm(ctx, termName(hp.contract))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		hp.d.Log.Warn("reading the leader's address", "err", err)
	}
	return false, addr
}

// Leading reports whether this process leads now.
func (hp *Hub) Leading() bool { _, ok := hp.lead.current(); return ok }

var _ hub.Store = fencedStore{}
