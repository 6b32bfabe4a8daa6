package daemon

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/redact"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// OpenStore opens and migrates the store database.url names (postgres://… or
// sqlite:PATH) for program; a PostgreSQL database that does not exist yet is reported
// with the command that creates it. The wiring packages hand it on behind their own Store
// interfaces.
func OpenStore(ctx context.Context, url, program string) (*sqlstore.Store, error) {
	st, err := openStore(ctx, url)
	if errors.Is(err, sqlstore.ErrNoDatabase) {
		return nil, fmt.Errorf("%w (run `%s migrate`, which creates it when it may)", err, program)
	}
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, redact.URLError(err, url)
	}
	return st, nil
}

// openStore opens the database url names; its errors never carry the URL's password
// (lib/pq's parse errors quote the URL whole).
func openStore(ctx context.Context, url string) (*sqlstore.Store, error) {
	st, err := sqlstore.Open(ctx, url)
	return st, redact.URLError(err, url)
}

// Migrated is what Migrate did: whether it created the database, the migrations it
// applied, and the schema's version after them.
type Migrated struct {
	Created bool
	Applied []sqlstore.Migration
	Version int64
}

// String says what was done in a line for a person.
func (m Migrated) String() string {
	var b strings.Builder
	if m.Created {
		b.WriteString("created the database; ")
	}
	if len(m.Applied) == 0 {
		fmt.Fprintf(&b, "the schema is up to date at version %d", m.Version)
		return b.String()
	}
	names := make([]string, len(m.Applied))
	for i, a := range m.Applied {
		names[i] = a.Name
	}
	fmt.Fprintf(&b, "applied %d migration(s), the schema is now at version %d: %s", len(m.Applied), m.Version, strings.Join(names, ", "))
	return b.String()
}

// Migrate applies the migrations of the database url names and exits. A PostgreSQL
// database that does not exist yet is created when the configured role may; otherwise the
// error says how to.
func Migrate(ctx context.Context, url string) (Migrated, error) {
	var m Migrated
	st, err := openStore(ctx, url)
	if errors.Is(err, sqlstore.ErrNoDatabase) {
		if cerr := sqlstore.CreateDatabase(ctx, url); cerr != nil {
			return m, redact.URLError(cerr, url)
		}
		m.Created = true
		st, err = openStore(ctx, url)
	}
	if err != nil {
		return m, err
	}
	defer st.Close()
	m.Applied, m.Version, err = st.MigrateUp(ctx)
	return m, redact.URLError(err, url)
}

// ContractAdder records a watched contract.
type ContractAdder interface {
	AddContract(ctx context.Context, c store.Contract) error
}

// ErrDeployBlockAhead is a contract's deploy_block beyond the chain's head: indexing would
// wait, silently, for blocks that may never hold the contract's events.
var ErrDeployBlockAhead = errors.New("deploy_block is beyond the chain's head")

// RegisterContract reads a ChannelManager's hub and challenge period from the chain and
// records it; a contract that does not answer as a ChannelManager, or whose deployBlock is
// beyond the head, is an error naming it.
func RegisterContract(ctx context.Context, st ContractAdder, c bind.ContractBackend, chainID *big.Int, addr common.Address, deployBlock uint64) (store.Contract, error) {
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		return store.Contract{}, fmt.Errorf("contract %s: read the chain's head: %w", addr, err)
	}
	if head != nil && deployBlock > head.Number.Uint64() {
		return store.Contract{}, fmt.Errorf("contract %s: %w: deploy_block %d, head %d (is the node on the chain the contract was deployed to, and synced?)",
			addr, ErrDeployBlockAhead, deployBlock, head.Number.Uint64())
	}
	m := bindings.NewChannelManager()
	inst := m.Instance(c, addr)
	opts := &bind.CallOpts{Context: ctx}
	hub, err := bind.Call(inst, opts, m.PackHub(), m.UnpackHub)
	if err != nil {
		return store.Contract{}, fmt.Errorf("contract %s: read hub (is it a ChannelManager?): %w", addr, err)
	}
	period, err := bind.Call(inst, opts, m.PackChallengePeriod(), m.UnpackChallengePeriod)
	if err != nil {
		return store.Contract{}, fmt.Errorf("contract %s: read challenge period: %w", addr, err)
	}
	// Answering hub() and challengePeriod() is not enough: a look-alike could emit events
	// the tower acts on. The code must be this release's ChannelManager.
	code, err := c.CodeAt(ctx, addr, nil)
	if err != nil {
		return store.Contract{}, fmt.Errorf("contract %s: read its code: %w", addr, err)
	}
	if err := contracts.CheckRuntime(code); err != nil {
		return store.Contract{}, fmt.Errorf("contract %s: %w", addr, err)
	}
	ct := store.Contract{ChainID: chainID, Address: addr, Hub: hub, DeployBlock: deployBlock, ChallengePeriod: period.Uint64()}
	if err := st.AddContract(ctx, ct); err != nil {
		return store.Contract{}, err
	}
	return ct, nil
}
