package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/store/storetest"
)

func open(t *testing.T, url string) *sqlstore.Store { return storetest.Open(t, url) }

func TestConformance(t *testing.T) {
	for _, backend := range storetest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			urls := map[storetest.Store]string{}
			storetest.Run(t, storetest.Factory{
				New: func(t *testing.T) storetest.Store {
					u := backend.URL(t)
					st := open(t, u)
					urls[st] = u
					return st
				},
				Reopen: func(t *testing.T, st storetest.Store) storetest.Store { return open(t, urls[st]) },
			})
		})
	}
}

// TestCreateDatabase: a missing PostgreSQL database is reported as ErrNoDatabase, and
// CreateDatabase makes it so that Open then succeeds.
func TestCreateDatabase(t *testing.T) {
	ctx := context.Background()
	base := pgtest.NewDatabase(t) // a server we may create databases on
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = u.Path + "_created"
	missing := u.String()
	t.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err == nil {
			admin.Exec("DROP DATABASE IF EXISTS " + strings.TrimPrefix(u.Path, "/") + " WITH (FORCE)")
			admin.Close()
		}
	})
	if _, err := sqlstore.Open(ctx, missing); !errors.Is(err, sqlstore.ErrNoDatabase) {
		t.Fatalf("open a missing database: got %v, want ErrNoDatabase", err)
	}
	if err := sqlstore.CreateDatabase(ctx, missing); err != nil {
		t.Fatal(err)
	}
	if err := sqlstore.CreateDatabase(ctx, missing); err != nil {
		t.Fatalf("creating it again (another replica first) must succeed: %v", err)
	}
	open(t, missing)
}

func TestSQLitePath(t *testing.T) {
	for in, want := range map[string]string{"sqlite:vigil.db": "vigil.db", "sqlite:///var/lib/vigil.db": "/var/lib/vigil.db",
		"/var/lib/vigil.db": "/var/lib/vigil.db", "vigil.db": "vigil.db"} {
		if got, ok := sqlstore.SQLitePath(in); !ok || got != want {
			t.Errorf("SQLitePath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, pg := range []string{"postgres://u@h/db", "postgresql://h/db", "host=h dbname=db"} {
		if _, ok := sqlstore.SQLitePath(pg); ok {
			t.Errorf("%q taken for SQLite", pg)
		}
	}
}
