// Package pgtest gives each test its own PostgreSQL database on the server named by
// DATABASE_URL (default: postgres@127.0.0.1:5432, trust auth) and drops it afterwards.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/lib/pq" // the PostgreSQL driver

	"github.com/vigil-hub/vigil/store/sqlstore"
)

// DefaultURL is used when DATABASE_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// NewDatabase creates an empty database, registers its removal with t.Cleanup, and
// returns its connection URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		base = DefaultURL
	}
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if err := admin.Ping(); err != nil {
		t.Fatalf("pgtest: PostgreSQL at %s is not reachable (set DATABASE_URL): %v", redact(base), err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "vigil_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("pgtest: DATABASE_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// NewStore returns a migrated PostgreSQL store on a fresh database, closed and dropped
// with t.Cleanup.
func NewStore(t testing.TB) *sqlstore.Store {
	t.Helper()
	return OpenStore(t, NewDatabase(t))
}

// OpenStore opens and migrates a store on an existing database (a second replica on
// NewDatabase's database), closed with t.Cleanup.
func OpenStore(t testing.TB, dsn string) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}
