package towerd

import (
	"testing"

	"github.com/vigil-hub/vigil/internal/testkit/leaktest"
)

// TestMain fails the package's tests when one leaves a goroutine running.
func TestMain(m *testing.M) { leaktest.VerifyTestMain(m) }
