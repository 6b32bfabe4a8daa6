package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the SQLite driver, pure Go
)

// sqlitePragmas make every connection wait for the write lock instead of failing with
// "database is locked", keep readers off the writer's back (WAL), and make a commit
// durable before it returns (synchronous FULL): nothing acknowledged is lost.
const sqlitePragmas = "_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(ON)"

// openSQLite opens the file at path, creating it when absent. Writes go through one
// connection whose transactions take the write lock when they begin (BEGIN IMMEDIATE),
// so concurrent writers queue in Go instead of failing; reads use a pool of read-only
// connections that WAL lets run beside the writer.
func openSQLite(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == ":memory:" || strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open SQLite store: %q is not a file path (use sqlite:PATH)", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open SQLite store %s: %w", path, err)
	}
	if fi, err := os.Stat(filepath.Dir(abs)); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("open SQLite store %s: directory %s does not exist", path, filepath.Dir(abs))
	}
	w, err := sql.Open("sqlite", abs+"?"+sqlitePragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open SQLite store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	// The writer creates the file and switches it to WAL before any reader opens it.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open SQLite store %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", abs+"?"+sqlitePragmas+"&_pragma=query_only(ON)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open SQLite store %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	if err := r.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open SQLite store %s: %w", path, err)
	}
	return &Store{db: r, w: w, d: sqlite, lockPath: abs + ".lock"}, nil
}
