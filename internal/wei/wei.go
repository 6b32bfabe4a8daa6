// Package wei parses amounts of ether as people write them, on a command line or in a
// config file: "0.5 ether", "200 gwei", or a plain number of wei; and amounts of a token
// in its own decimals ("2.5 VTT"). It imports nothing of
// Vigil, so the wallet (chanctl) and the services' config share it without one depending
// on the other.
package wei

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// units are the exponents of ten the unit names stand for.
var units = map[string]int{"wei": 0, "gwei": 9, "ether": 18, "eth": 18}

// Parse parses a non-negative amount with an optional unit (wei, gwei, ether or eth; case
// does not matter) into wei; a plain number is wei. A fraction must come to a whole number
// of wei.
func Parse(s string) (*big.Int, error) { return ParseDefault(s, "wei") }

// ParseEther is Parse for amounts people type, where a plain number is ether: "0.2" is
// 0.2 ether, "1000 wei" still 1000 wei.
func ParseEther(s string) (*big.Int, error) { return ParseDefault(s, "ether") }

// ParseDefault is Parse with unit (wei, gwei or ether) for a number written without one.
func ParseDefault(s, unit string) (*big.Int, error) {
	fields := strings.Fields(strings.ToLower(s))
	if len(fields) == 0 || len(fields) > 2 {
		return nil, fmt.Errorf("amount %q: want a number and an optional unit (wei, gwei, ether)", s)
	}
	exp, ok := units[unit]
	if !ok {
		return nil, fmt.Errorf("amount %q: unknown default unit %q", s, unit)
	}
	if len(fields) == 2 {
		e, ok := units[fields[1]]
		if !ok {
			return nil, fmt.Errorf("amount %q: unknown unit %q (wei, gwei, ether)", s, fields[1])
		}
		exp = e
	}
	return scale(s, fields[0], exp, "wei")
}

// ParseUnits parses a non-negative amount of an asset with decimals decimal places (an
// ERC-20 token) as people type it: a number in the asset's own units, "1.5" being 1.5
// tokens, that is 1.5 × 10^decimals base units, optionally followed by one of names (the
// token's symbol; case does not matter). A fraction must come to a whole number of base
// units.
func ParseUnits(s string, decimals uint8, names ...string) (*big.Int, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 2 {
		return nil, fmt.Errorf("amount %q: want a number and an optional unit (%s)", s, strings.Join(names, ", "))
	}
	if len(fields) == 2 && !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, fields[1]) }) {
		return nil, fmt.Errorf("amount %q: unknown unit %q (want %s)", s, fields[1], strings.Join(names, ", "))
	}
	return scale(s, fields[0], int(decimals), "base units")
}

// scale turns the decimal number num (from the amount s) into base units, 10^exp of them
// to a unit.
func scale(s, num string, exp int, base string) (*big.Int, error) {
	r, ok := new(big.Rat).SetString(num)
	if !ok || r.Sign() < 0 {
		return nil, fmt.Errorf("amount %q: %q is not a non-negative number", s, num)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
	if !r.IsInt() {
		return nil, fmt.Errorf("amount %q: not a whole number of %s", s, base)
	}
	return new(big.Int).Set(r.Num()), nil
}
