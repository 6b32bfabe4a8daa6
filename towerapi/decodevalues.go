package towerapi

import (
	"encoding/hex"
	"fmt"
	"math/big"

	"github.com/vigil-hub/vigil/channel"
)

// number reads a small JSON number: a non-negative integer without sign, fraction or
// exponent, of at most 10 digits.
func (p *parser) number(path string) (*big.Int, error) {
	p.ws()
	start := p.pos
	for p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '9' {
		p.pos++
	}
	lit := p.b[start:p.pos]
	if len(lit) == 0 || len(lit) > 10 || (len(lit) > 1 && lit[0] == '0') {
		p.pos = start
		return nil, p.valueErr(path, "want a small non-negative integer")
	}
	if c := p.peek(); c != ',' && c != '}' && c != ']' {
		p.pos = start
		return nil, p.valueErr(path, "want a small non-negative integer")
	}
	n, _ := new(big.Int).SetString(string(lit), 10)
	return n, nil
}

// fixed reads a 0x-prefixed hex string of exactly len(dst) bytes.
func (p *parser) fixed(path string, dst []byte) error {
	v, err := p.str(path)
	if err != nil {
		return err
	}
	if len(v) != 2+2*len(dst) || v[0] != '0' || (v[1] != 'x' && v[1] != 'X') {
		return field(path, "want 0x and %d hex digits", 2*len(dst))
	}
	if _, err := hex.Decode(dst, v[2:]); err != nil {
		return field(path, "not hex")
	}
	return nil
}

// bytes reads a 0x-prefixed hex string of any even length.
func (p *parser) bytes(path string) ([]byte, error) {
	v, err := p.str(path)
	if err != nil {
		return nil, err
	}
	if len(v) < 2 || v[0] != '0' || (v[1] != 'x' && v[1] != 'X') || len(v)%2 != 0 {
		return nil, field(path, "want 0x and an even number of hex digits")
	}
	out := make([]byte, (len(v)-2)/2)
	if _, err := hex.Decode(out, v[2:]); err != nil {
		return nil, field(path, "not hex")
	}
	return out, nil
}

// maxUint256 is 2^256-1.
var maxUint256 = channel.MaxUint256()

// amount reads a canonical decimal string in [0, 2^256).
func (p *parser) amount(path string) (*big.Int, error) {
	v, err := p.str(path)
	if err != nil {
		return nil, err
	}
	if len(v) == 0 || len(v) > 78 || (len(v) > 1 && v[0] == '0') {
		return nil, field(path, "amount %q is not a canonical decimal", v)
	}
	var small uint64
	for _, c := range v {
		if c < '0' || c > '9' {
			return nil, field(path, "amount %q is not a canonical decimal", v)
		}
		small = small*10 + uint64(c-'0')
	}
	if len(v) <= 19 {
		return new(big.Int).SetUint64(small), nil
	}
	n, _ := new(big.Int).SetString(string(v), 10)
	if n.Cmp(maxUint256) > 0 {
		return nil, field(path, "amount is above 2^256-1")
	}
	return n, nil
}

// amounts reads an array of exactly len(dst) amounts.
func (p *parser) amounts(path string, dst []*big.Int) error {
	if p.peek() != '[' {
		return p.valueErr(path, "want an array")
	}
	p.pos++
	if p.peek() == ']' {
		return field(path, "want %d amounts", len(dst))
	}
	for i := range dst {
		if i > 0 {
			if p.peek() != ',' {
				return field(path, "want %d amounts", len(dst))
			}
			p.pos++
		}
		v, err := p.amount(fmt.Sprintf("%s[%d]", path, i))
		if err != nil {
			return err
		}
		dst[i] = v
	}
	if p.peek() != ']' {
		return field(path, "want %d amounts", len(dst))
	}
	p.pos++
	return nil
}
