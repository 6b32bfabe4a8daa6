// Package leaktest checks that a package's tests leave no goroutine running
// (go.uber.org/goleak), past the ones a dependency starts once per process and never
// stops.
package leaktest

import (
	"testing"

	"go.uber.org/goleak"
)

// ignored are goroutines a dependency leaves behind by design: go-ethereum's transaction
// sender cache (core.SenderCacher), started once per process by the first simulated
// chain; and leveldb's memory-pool drain, which ends a second after its database closes
// (go-ethereum's own simulated-backend test ignores it for that reason).
var ignored = []goleak.Option{
	goleak.IgnoreTopFunction("github.com/ethereum/go-ethereum/core.(*txSenderCacher).cache"),
	goleak.IgnoreAnyFunction("github.com/syndtr/goleveldb/leveldb.(*DB).mpoolDrain"),
}

// VerifyTestMain runs the tests, then fails if a goroutine they started still runs.
// Call it from the package's TestMain.
func VerifyTestMain(m *testing.M) { goleak.VerifyTestMain(m, ignored...) }

// Check fails t if a goroutine other than the test's own still runs, after giving those
// ending a moment to end: for a test that must show one call leaves nothing behind.
func Check(t testing.TB) {
	t.Helper()
	goleak.VerifyNone(t, ignored...)
}
