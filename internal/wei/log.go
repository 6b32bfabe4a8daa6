package wei

import (
	"log/slog"
	"math/big"
)

// Attrs is an amount of wei as log attributes, the raw value beside its reading:
// Attrs("balance", v) logs balance_wei=1500000000000000000 balance_ether=1.5 (a group
// with an empty key, which handlers inline). A nil v logs nothing.
func Attrs(key string, v *big.Int) slog.Attr {
	if v == nil {
		return slog.Attr{}
	}
	return slog.Group("", slog.String(key+"_wei", v.String()), slog.String(key+"_ether", Ether(v)))
}

// GweiAttrs is a price per gas in wei as log attributes, raw and in gwei: key_wei and
// key_gwei. A nil v logs nothing.
func GweiAttrs(key string, v *big.Int) slog.Attr {
	if v == nil {
		return slog.Attr{}
	}
	return slog.Group("", slog.String(key+"_wei", v.String()), slog.String(key+"_gwei", Format(v, 9)))
}

// Text is an amount of wei for a message, raw and in ether: "1500000000000000000 wei
// (1.5 ether)".
func Text(v *big.Int) string {
	if v == nil {
		v = new(big.Int)
	}
	return v.String() + " wei (" + Ether(v) + " ether)"
}
