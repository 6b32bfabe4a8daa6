// Package sqlstore is Vigil's store over database/sql, in two dialects: PostgreSQL through
// github.com/lib/pq for every real deployment (replicas share one database and elect a
// leader with an advisory lock), and SQLite through modernc.org/sqlite (pure Go, no cgo)
// as the embedded default of a single node. Both run the same queries; where the dialects
// differ (row locks, number encoding, parameter limits, leadership) the dialect decides.
// Schemas live in migrations/ and are applied by Migrate.
//
// sqlstore imports store, channel, migrations and the drivers; it must never import a
// service package. Outside the store packages nothing names *sqlstore.Store but the
// openers of the wiring layers (towerd, hubd, internal/demo) and test support.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/vigil-hub/vigil/migrations"
	"github.com/vigil-hub/vigil/store"
)

// Store is a SQL-backed store. It is safe for concurrent use; on PostgreSQL also by
// several processes sharing one database.
type Store struct {
	db *sql.DB // reads
	w  *sql.DB // writes and transactions; the same pool as db on PostgreSQL
	d  dialect
	// lockPath is the file an SQLite store's leader holds locked.
	lockPath string
	// gc group-commits deposits (groupcommit.go), started on first use.
	gc     *commitQueue
	gcOnce sync.Once
	// upserts are the prepared deposit upserts by row count (states.go), stmts other
	// statements prepared once and kept (prepared, indexer.go).
	stmtMu    sync.Mutex
	upserts   map[int]*sql.Stmt
	stmts     map[string]*sql.Stmt
	preparing map[string]bool
	bg        sync.WaitGroup // statements being prepared in the background
	// userKeys are the hub users' keys recorded (PutUserKey), which never change.
	userKeys sync.Map
}

// dialect holds what differs between the databases.
type dialect struct {
	name      string
	forUpdate string // row-lock suffix of a SELECT inside a write transaction
	maxParams int    // bound parameters per statement
	padNums   bool   // numbers as zero-padded decimal text (SQLite has no 256-bit type)
	goose     goose.Dialect
	fs        fs.FS
}

var (
	postgres = dialect{name: "postgres", forUpdate: " FOR UPDATE", maxParams: 60000,
		goose: goose.DialectPostgres, fs: migrations.Postgres}
	sqlite = dialect{name: "sqlite", maxParams: 30000, padNums: true,
		goose: goose.DialectSQLite3, fs: migrations.SQLite}
)

// Open connects to the database at url: a PostgreSQL URL or lib/pq connection string
// (postgres://…, postgresql://…, host=…), or an SQLite file as sqlite:PATH or a bare
// path. A PostgreSQL database that does not exist fails with ErrNoDatabase.
func Open(ctx context.Context, url string) (*Store, error) {
	if path, ok := SQLitePath(url); ok {
		return openSQLite(ctx, path)
	}
	return openPostgres(ctx, url)
}

// Backend names the dialect url selects: "sqlite" or "postgres".
func Backend(url string) string {
	if _, ok := SQLitePath(url); ok {
		return sqlite.name
	}
	return postgres.name
}

// SQLitePath returns the file an SQLite URL names (sqlite:PATH, sqlite://PATH, or a bare
// path); ok is false for a PostgreSQL URL.
func SQLitePath(url string) (path string, ok bool) {
	switch {
	case strings.HasPrefix(url, "sqlite://"):
		return strings.TrimPrefix(url, "sqlite://"), true
	case strings.HasPrefix(url, "sqlite:"):
		return strings.TrimPrefix(url, "sqlite:"), true
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"), strings.Contains(url, "="):
		return "", false
	case url != "" && !strings.Contains(url, "://"):
		return url, true
	}
	return "", false
}

// Backend names the store's dialect: "postgres" or "sqlite".
func (s *Store) Backend() string { return s.d.name }

// Close stops the group commits, failing writes still queued, and closes the connection
// pools.
func (s *Store) Close() error {
	s.closeCommits()
	s.bg.Wait()
	s.stmtMu.Lock()
	for _, st := range s.upserts {
		st.Close()
	}
	for _, st := range s.stmts {
		st.Close()
	}
	s.upserts, s.stmts = nil, nil
	s.stmtMu.Unlock()
	err := s.db.Close()
	if s.w != s.db {
		err = errors.Join(err, s.w.Close())
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Migrate applies every pending migration. On PostgreSQL concurrent callers are
// serialised by an advisory lock, so replicas may all call it at start-up.
func (s *Store) Migrate(ctx context.Context) error {
	_, _, err := s.MigrateUp(ctx)
	return err
}

// Migration is one schema migration: its version and file name.
type Migration struct {
	Version int64
	Name    string
}

// MigrateUp applies the pending migrations and returns those it applied, in order, and
// the schema's version after them.
func (s *Store) MigrateUp(ctx context.Context) ([]Migration, int64, error) {
	var opts []goose.ProviderOption
	if s.d.name == postgres.name {
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, 0, fmt.Errorf("migrate: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(s.d.goose, s.w, s.d.fs, opts...)
	if err != nil {
		return nil, 0, fmt.Errorf("migrate: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("migrate: %w", err)
	}
	var applied []Migration
	for _, r := range res {
		applied = append(applied, Migration{Version: r.Source.Version, Name: path.Base(r.Source.Path)})
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return applied, 0, fmt.Errorf("migrate: read the schema version: %w", err)
	}
	return applied, v, nil
}

// AddContract records a contract to watch, or updates its details.
func (s *Store) AddContract(ctx context.Context, c store.Contract) error {
	_, err := s.w.ExecContext(ctx, `
		INSERT INTO watched_contracts (chain_id, address, hub, deploy_block, challenge_period)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (address) DO UPDATE SET chain_id = $1, hub = $3, deploy_block = $4, challenge_period = $5`,
		s.num(c.ChainID), c.Address[:], c.Hub[:], int64(c.DeployBlock), int64(c.ChallengePeriod))
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

// numeric parses a number column read as text (padded or not); NULL gives nil.
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

// parseNum parses a NOT NULL number column.
func parseNum(v string) *big.Int {
	n, ok := new(big.Int).SetString(v, 10)
	if !ok {
		return new(big.Int)
	}
	return n
}

// numDigits is the width of a padded number: 2^256 has 78 decimal digits.
const numDigits = 78

// num formats a number parameter in the dialect's encoding; nil becomes NULL. SQLite
// gets 78 zero-padded digits, so that text order is numeric order.
func (s *Store) num(v *big.Int) any {
	if v == nil {
		return nil
	}
	if !s.d.padNums {
		return v.String()
	}
	d := v.String()
	if len(d) >= numDigits || v.Sign() < 0 {
		return d
	}
	return strings.Repeat("0", numDigits-len(d)) + d
}

// now is the time the store records for a row it writes: UTC, so that SQLite's text
// timestamps order correctly.
func now() time.Time { return time.Now().UTC() }

// Exec runs one SQL statement of the store's dialect on its writer, for tests and tools
// that fill or break a database on purpose; services use the typed methods.
func (s *Store) Exec(ctx context.Context, query string, args ...any) error {
	_, err := s.w.ExecContext(ctx, query, args...)
	return err
}
