// Package pgtest forwards to internal/testkit/pgtest for the dispute engine's tests,
// whose imports change with the engine's rewrite under way beside this move.
//
// New code imports github.com/vigil-hub/vigil/internal/testkit/pgtest; this forwarder goes
// once those tests move to it.
package pgtest

import (
	"testing"

	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// NewDatabase is testkit/pgtest's NewDatabase.
func NewDatabase(t testing.TB) string { t.Helper(); return pgtest.NewDatabase(t) }

// NewStore is testkit/pgtest's NewStore.
func NewStore(t testing.TB) *sqlstore.Store { t.Helper(); return pgtest.NewStore(t) }

// OpenStore is testkit/pgtest's OpenStore.
func OpenStore(t testing.TB, dsn string) *sqlstore.Store { t.Helper(); return pgtest.OpenStore(t, dsn) }
