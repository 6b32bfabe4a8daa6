package wei

import (
	"math/big"
	"strings"
)

// Format writes v base units of an asset with decimals decimal places as an exact decimal
// number, without trailing zeros: Format(1500000000000000000, 18) is "1.5", Format(7, 0)
// is "7". A nil v is "0".
func Format(v *big.Int, decimals uint8) string {
	if v == nil {
		return "0"
	}
	abs := new(big.Int).Abs(v)
	q, r := new(big.Int).QuoRem(abs, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil), new(big.Int))
	s := q.String()
	if r.Sign() != 0 {
		frac := r.String()
		frac = strings.Repeat("0", int(decimals)-len(frac)) + frac
		s += "." + strings.TrimRight(frac, "0")
	}
	if v.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// Ether is Format of an amount of wei in ether: Ether(1500000000000000000) is "1.5".
func Ether(v *big.Int) string { return Format(v, 18) }
