package tower

import (
	"fmt"
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"
)

// Wei is an amount of ether in config: "200 gwei", "0.5 ether" or a plain number of wei.
type Wei struct{ V *big.Int }

var units = map[string]int{"wei": 0, "gwei": 9, "ether": 18, "eth": 18}

// ParseWei parses an amount with an optional unit.
func ParseWei(s string) (*big.Int, error) {
	fields := strings.Fields(strings.ToLower(s))
	if len(fields) == 0 || len(fields) > 2 {
		return nil, fmt.Errorf("amount %q: want a number and an optional unit (wei, gwei, ether)", s)
	}
	exp := 0
	if len(fields) == 2 {
		e, ok := units[fields[1]]
		if !ok {
			return nil, fmt.Errorf("amount %q: unknown unit %q (wei, gwei, ether)", s, fields[1])
		}
		exp = e
	}
	r, ok := new(big.Rat).SetString(fields[0])
	if !ok || r.Sign() < 0 {
		return nil, fmt.Errorf("amount %q: %q is not a non-negative number", s, fields[0])
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
	if !r.IsInt() {
		return nil, fmt.Errorf("amount %q: not a whole number of wei", s)
	}
	return new(big.Int).Set(r.Num()), nil
}

// UnmarshalYAML reads an amount.
func (w *Wei) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseWei(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	w.V = v
	return nil
}
