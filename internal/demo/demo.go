package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/towerd"
)

// Store is what one party keeps: the hub's store or the watchtower's (one database each).
type Store interface {
	towerd.Store
	hubd.Store
}

// Options sets up a demo run.
type Options struct {
	// WithoutWatchtower tells the same story with no tower: nobody answers the stale
	// close, and the victim loses.
	WithoutWatchtower bool
	// Dir is the working directory for the databases and wallet files; a temporary
	// directory, removed afterwards, when empty.
	Dir string
	// OpenStore opens and migrates the store of one party ("hub", "tower") under dir.
	// Nil means OpenSQLite.
	OpenStore func(ctx context.Context, dir, name string) (Store, error)
	// Logger receives the components' logs (hub, tower, wallets); discarded when nil.
	Logger *slog.Logger
}

// Result is what happened: per party, what its latest co-signed state gave it and what
// it received on-chain.
type Result struct {
	Parties []Party
	// StaleNonce is the nonce of the state the hub closed the victim's channel with;
	// LatestNonce that of the victim's latest co-signed state.
	StaleNonce, LatestNonce *big.Int
	// Challenged reports whether the stale close was answered on-chain.
	Challenged bool
}

// Party is one user's outcome, in wei.
type Party struct {
	Name string
	// Expected is the party's balance in its latest co-signed state; Received is what
	// the contract paid it.
	Expected, Received *big.Int
	// Victim marks the party the hub cheated.
	Victim bool
}

// Victim returns the party the hub cheated, or nil.
func (r *Result) Victim() *Party {
	for i := range r.Parties {
		if r.Parties[i].Victim {
			return &r.Parties[i]
		}
	}
	return nil
}

// VictimWhole reports whether the victim received exactly (to the wei) what its latest
// co-signed state gives it.
func (r *Result) VictimWhole() bool {
	v := r.Victim()
	return v != nil && v.Expected != nil && v.Received != nil && v.Expected.Cmp(v.Received) == 0
}

// OpenSQLite is the default Options.OpenStore: an SQLite database name.db in dir,
// migrated.
func OpenSQLite(ctx context.Context, dir, name string) (Store, error) {
	st, err := sqlstore.Open(ctx, "sqlite:"+filepath.Join(dir, name+".db"))
	if err != nil {
		return nil, fmt.Errorf("open the %s store: %w", name, err)
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, fmt.Errorf("migrate the %s store: %w", name, err)
	}
	return st, nil
}

// Amounts of the story.
var (
	reserve      = eth(100) // the hub's reserve in the contract
	aliceDeposit = eth(5)
	bobDeposit   = eth(1)
	collateral   = eth(4)                                         // the hub's side of a payee's channel
	payments     = []*big.Int{milli(500), milli(250), milli(750)} // Alice to Bob
)

// challengePeriod is the contract's dispute window, in seconds of chain time.
const challengePeriod = 300

// eth returns n ether in wei.
func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), simchain.Ether) }

// milli returns n thousandths of an ether in wei.
func milli(n int64) *big.Int { return new(big.Int).Div(eth(n), big.NewInt(1000)) }

// run is one telling of the story: the chain, the services and what the narrator says.
type run struct {
	opts      Options
	n         *narrator
	log       *slog.Logger
	dir       string
	c         *chain
	hub       *hubProc
	tower     *towerProc
	transport *http.Transport // the wallets' connections, closed at the end
}

// Run tells the story to out and returns its outcome. Everything it starts ends before
// it returns; an error says which step failed.
func Run(ctx context.Context, out io.Writer, opts Options) (res *Result, err error) {
	if out == nil {
		out = io.Discard
	}
	open := opts.OpenStore
	if open == nil {
		open = OpenSQLite
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dir, cleanup, err := workDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	c, err := newChain(challengePeriod)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	// The stores are closed after every component has stopped (deferred before them).
	hubStore, err := open(ctx, dir, "hub")
	if err != nil {
		return nil, fmt.Errorf("open the hub's store: %w", err)
	}
	defer hubStore.Close()
	var towerStore Store
	if !opts.WithoutWatchtower {
		if towerStore, err = open(ctx, dir, "tower"); err != nil {
			return nil, fmt.Errorf("open the tower's store: %w", err)
		}
		defer towerStore.Close()
	}
	transport := newTransport()
	defer transport.CloseIdleConnections()

	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	defer func() {
		cancel()
		if werr := g.Wait(); werr != nil {
			res, err = nil, errors.Join(err, fmt.Errorf("a demo component failed: %w", werr))
		}
	}()
	r := &run{opts: opts, n: &narrator{w: out}, log: log, dir: dir, c: c, transport: transport}
	return r.story(gctx, g, hubStore, towerStore)
}

// workDir returns dir, created if need be and refused if a previous run left its files
// there, or else a new temporary directory and the function that removes it.
func workDir(dir string) (string, func(), error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", nil, fmt.Errorf("create the working directory: %w", err)
		}
		for _, f := range []string{"hub.db", "tower.db", "alice-wallet.json", "bob-wallet.json"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				return "", nil, fmt.Errorf("%s: %w (%s); use an empty one", dir, ErrDirInUse, f)
			}
		}
		return dir, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "vigil-demo-")
	if err != nil {
		return "", nil, fmt.Errorf("create a temporary directory: %w", err)
	}
	return tmp, func() { os.RemoveAll(tmp) }, nil
}

// newTransport returns a transport of the wallets' own, so that its connections can be
// closed when the story ends.
func newTransport() *http.Transport {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		return t.Clone()
	}
	return &http.Transport{}
}
