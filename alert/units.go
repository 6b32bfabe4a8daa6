package alert

import (
	"log/slog"
	"math/big"
	"strings"

	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/internal/wei"
)

// TokenUnits says how to show amounts of the channels' ERC-20 token.
type TokenUnits struct {
	Symbol   string `yaml:"symbol"`   // e.g. USDC; default TOKEN
	Decimals int    `yaml:"decimals"` // e.g. 6; default 18
}

func (t TokenUnits) orDefault() TokenUnits {
	if t.Symbol == "" {
		t.Symbol = "TOKEN"
	}
	if t.Decimals == 0 {
		t.Decimals = 18
	}
	return t
}

// decimal writes v (in units of 10^-decimals) exactly, without trailing zeros:
// decimal(1500000000000000000, 18) is "1.5".
func decimal(v *big.Int, decimals int) string {
	if v == nil {
		return "0"
	}
	neg := v.Sign() < 0
	digits := new(big.Int).Abs(v).String()
	if decimals > 0 {
		if len(digits) <= decimals {
			digits = strings.Repeat("0", decimals-len(digits)+1) + digits
		}
		whole, frac := digits[:len(digits)-decimals], strings.TrimRight(digits[len(digits)-decimals:], "0")
		digits = whole
		if frac != "" {
			digits += "." + frac
		}
	}
	// Group the whole part by thousands for reading.
	whole, frac, _ := strings.Cut(digits, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// ether shows wei as ether with its unit: "1.5 ETH".
func ether(wei *big.Int) string { return decimal(wei, 18) + " ETH" }

// funds shows an amount in ether and token units, leaving out a zero part unless both
// are zero: "1.5 ETH + 20 USDC".
func (t TokenUnits) funds(f Funds) string {
	t = t.orDefault()
	var parts []string
	if f.Wei != nil && f.Wei.Sign() != 0 {
		parts = append(parts, ether(f.Wei))
	}
	if f.Token != nil && f.Token.Sign() != 0 {
		parts = append(parts, decimal(f.Token, t.Decimals)+" "+t.Symbol)
	}
	if len(parts) == 0 {
		return "0 ETH"
	}
	return strings.Join(parts, " + ")
}

// add returns f+g, nil-safe.
func (f Funds) add(g Funds) Funds {
	add := func(x, y *big.Int) *big.Int {
		if y == nil {
			return x
		}
		if x == nil {
			return new(big.Int).Set(y)
		}
		return new(big.Int).Add(x, y)
	}
	return Funds{Wei: add(f.Wei, g.Wei), Token: add(f.Token, g.Token)}
}

// logUnits are an alert's deadline, amounts and balance as log attributes, each raw value
// beside its reading: Unix seconds and UTC, wei and ether (token amounts stay in base
// units: the log sink knows no token's decimals).
func logUnits(a Alert) []any {
	var args []any
	if a.Deadline != 0 {
		args = append(args, utc.Attrs("deadline", a.Deadline))
	}
	for _, w := range []slog.Attr{wei.Attrs("at_stake", a.AtStake.Wei), wei.Attrs("user", a.UserFunds.Wei),
		wei.Attrs("hub", a.HubFunds.Wei), wei.Attrs("balance", a.Balance)} {
		if !w.Equal(slog.Attr{}) {
			args = append(args, w)
		}
	}
	return args
}
