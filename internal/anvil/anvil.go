// Package anvil forwards to internal/testkit/anvil for cmd/bench's mass exit, whose files
// are being rewritten beside this move.
//
// New code imports github.com/vigil-hub/vigil/internal/testkit/anvil; this forwarder goes
// once that file moves to it.
package anvil

import (
	"crypto/ecdsa"

	"github.com/vigil-hub/vigil/internal/testkit/anvil"
)

// Key is testkit/anvil's Key: anvil's i-th development key.
func Key(i int) *ecdsa.PrivateKey { return anvil.Key(i) }
