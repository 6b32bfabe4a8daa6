package daemon

import (
	"fmt"
	"math/big"

	"gopkg.in/yaml.v3"

	"github.com/vigil-hub/vigil/internal/wei"
)

// Wei is an amount of ether in config: "200 gwei", "0.5 ether" or a plain number of wei,
// read with internal/wei's Parse.
type Wei struct{ V *big.Int }

// UnmarshalYAML reads an amount.
func (w *Wei) UnmarshalYAML(n *yaml.Node) error {
	v, err := wei.Parse(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	w.V = v
	return nil
}
