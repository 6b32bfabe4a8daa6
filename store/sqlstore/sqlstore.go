// Package pgstore is the PostgreSQL implementation of Vigil's store, over database/sql and
// github.com/lib/pq. Its schema lives in migrations/ and is applied by Migrate.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	_ "github.com/lib/pq" // the PostgreSQL driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/vigil-hub/vigil/migrations"
	"github.com/vigil-hub/vigil/store"
)

// Store is a PostgreSQL-backed store. It is safe for concurrent use, also by several
// processes sharing one database.
type Store struct {
	db *sql.DB
}

// Open connects to the database at dsn (a lib/pq connection string or URL).
func Open(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &Store{db: db}, nil
}

// Close closes the connection pool.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the underlying pool (for leader election and tests).
func (s *Store) DB() *sql.DB { return s.db }

// Migrate applies every pending migration. Concurrent callers are serialised by a
// PostgreSQL advisory lock, so replicas may all call it at start-up.
func (s *Store) Migrate(ctx context.Context) error {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, s.db, migrations.FS, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// AddContract records a contract to watch, or updates its details.
func (s *Store) AddContract(ctx context.Context, c store.Contract) error {
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO watched_contracts (chain_id, address, hub, deploy_block, challenge_period)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (address) DO UPDATE SET chain_id = $1, hub = $3, deploy_block = $4, challenge_period = $5`,
		c.ChainID.String(), c.Address[:], c.Hub[:], int64(c.DeployBlock), int64(c.ChallengePeriod))
	if err != nil {
		return fmt.Errorf("add contract %s: %w", c.Address, err)
	}
	return nil
}

// Contract returns a watched contract, or store.ErrNotFound.
func (s *Store) Contract(ctx context.Context, addr common.Address) (store.Contract, error) {
	var c store.Contract
	var chain string
	var hub []byte
	var deploy, period int64
	err := s.db.QueryRowContext(ctx, `SELECT chain_id, hub, deploy_block, challenge_period FROM watched_contracts WHERE address = $1`,
		addr[:]).Scan(&chain, &hub, &deploy, &period)
	if err == sql.ErrNoRows {
		return c, fmt.Errorf("contract %s: %w", addr, store.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("contract %s: %w", addr, err)
	}
	c.ChainID, _ = new(big.Int).SetString(chain, 10)
	c.Address, c.Hub = addr, common.BytesToAddress(hub)
	c.DeployBlock, c.ChallengePeriod = uint64(deploy), uint64(period)
	return c, nil
}

// numeric parses a NUMERIC column read as text; NULL gives nil.
func numeric(v sql.NullString) *big.Int {
	if !v.Valid {
		return nil
	}
	n, ok := new(big.Int).SetString(v.String, 10)
	if !ok {
		return nil
	}
	return n
}

// numArg formats a number for a NUMERIC parameter; nil becomes NULL.
func numArg(v *big.Int) any {
	if v == nil {
		return nil
	}
	return v.String()
}
