package e2e

import (
	"crypto/ecdsa"
	"math/big"

	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/internal/testkit/geth"
)

// node is the chain a scenario runs on, as a separate process on loopback: anvil
// (internal/testkit/anvil) or geth --dev (internal/testkit/geth). Each fails the test itself.
type node interface {
	// Name names the node in configs and logs.
	Name() string
	// HTTP and WS are its JSON-RPC endpoints.
	HTTP() string
	WS() string
	ChainID() *big.Int
	// Key is the i-th funded test key (0 the hub, 1 and 2 the users).
	Key(i int) *ecdsa.PrivateKey
	// Restart stops the node and starts it again on the same chain and ports.
	Restart()
	// Mine has blocks more blocks made: anvil mines them, geth is waited for.
	Mine(blocks int)
	// AdvanceTo has a block at or after timestamp ts made: anvil moves its clock, geth
	// waits in real time.
	AdvanceTo(ts uint64)
}

type anvilNode struct{ *anvil.Node }

func (anvilNode) Name() string { return "anvil" }

type gethNode struct{ *geth.Node }

func (gethNode) Name() string { return "geth" }
