package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// Backend is one kind of store database a test can run on.
type Backend struct {
	Name string
	// URL makes a fresh, empty database and returns its database.url.
	URL func(t testing.TB) string
}

// Backends lists every store backend: PostgreSQL (a fresh database on DATABASE_URL's
// server) and SQLite (a file in a temporary directory).
func Backends() []Backend {
	return []Backend{
		{"postgres", pgtest.NewDatabase},
		{"sqlite", func(t testing.TB) string { return "sqlite:" + filepath.Join(t.TempDir(), "vigil.db") }},
	}
}

// Open opens and migrates the store at url, closed with t.Cleanup.
func Open(t testing.TB, url string) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}
