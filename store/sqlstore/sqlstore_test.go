package sqlstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vigil-hub/vigil/internal/pgtest"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/store/storetest"
)

// open opens and migrates the store at url, closed with t.Cleanup.
func open(t *testing.T, url string) *sqlstore.Store {
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

func TestConformance(t *testing.T) {
	for _, backend := range []struct {
		name string
		url  func(t *testing.T) string
	}{
		{"postgres", func(t *testing.T) string { return pgtest.NewDatabase(t) }},
		{"sqlite", func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "vigil.db") }},
	} {
		t.Run(backend.name, func(t *testing.T) {
			urls := map[storetest.Store]string{}
			storetest.Run(t, storetest.Factory{
				New: func(t *testing.T) storetest.Store {
					u := backend.url(t)
					st := open(t, u)
					urls[st] = u
					return st
				},
				Reopen: func(t *testing.T, st storetest.Store) storetest.Store { return open(t, urls[st]) },
			})
		})
	}
}
