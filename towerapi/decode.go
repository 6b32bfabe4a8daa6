package towerapi

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// DecodeDeposits parses a request body: one deposit or a batch. It is strict, and reads
// the body once: a key must be spelt exactly as documented and appear once, an unknown
// key, data after the object or a JSON syntax error is invalid_json; a missing field, an
// array of the wrong length, a value of the wrong type, a malformed address, hash or
// signature, or an amount that is not a canonical decimal string below 2^256 is
// invalid_field. Strings are plain ASCII: a string holding an escape is malformed.
func DecodeDeposits(body []byte) (deps []wire.Deposit, batch bool, err error) {
	p := &parser{b: body}
	deps, batch, err = p.top()
	if err != nil {
		return nil, batch, err
	}
	for i, d := range deps {
		switch {
		case d.State == nil:
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: state: missing", i)
		case d.Contract == (common.Address{}):
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: contract: missing", i)
		case len(d.SigHub) == 0 || len(d.SigUser) == 0:
			return nil, batch, reject(http.StatusBadRequest, wire.CodeInvalidField, "deposit %d: sigHub and sigUser are required", i)
		}
	}
	return deps, batch, nil
}

// parser reads one deposit body.
type parser struct {
	b   []byte
	pos int
}

func (p *parser) syntax(format string, args ...any) error {
	return reject(http.StatusBadRequest, wire.CodeInvalidJSON, "at byte %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func field(path, format string, args ...any) error {
	return reject(http.StatusBadRequest, wire.CodeInvalidField, "%s: %s", path, fmt.Sprintf(format, args...))
}

func (p *parser) ws() {
	for p.pos < len(p.b) {
		switch p.b[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// peek skips whitespace and returns the next byte (0 at the end).
func (p *parser) peek() byte {
	p.ws()
	if p.pos == len(p.b) {
		return 0
	}
	return p.b[p.pos]
}

func (p *parser) expect(c byte) error {
	if p.peek() != c {
		return p.syntax("want %q", c)
	}
	p.pos++
	return nil
}

// str reads a string without escapes and returns its bytes (within the body).
func (p *parser) str(path string) ([]byte, error) {
	if p.peek() != '"' {
		return nil, p.valueErr(path, "want a string")
	}
	start := p.pos + 1
	for i := start; i < len(p.b); i++ {
		switch c := p.b[i]; {
		case c == '"':
			p.pos = i + 1
			return p.b[start:i], nil
		case c == '\\' || c < 0x20 || c >= 0x80:
			p.pos = i
			return nil, field(path, "not a plain string")
		}
	}
	p.pos = len(p.b)
	return nil, p.syntax("unterminated string")
}

// valueErr reports a value of the wrong type: a field error if the value is well-formed
// JSON, else a syntax error.
func (p *parser) valueErr(path, msg string) error {
	start := p.pos
	if err := p.skip(0); err != nil {
		return err
	}
	p.pos = start
	return field(path, "%s", msg)
}

// skip reads past one JSON value of any kind.
func (p *parser) skip(depth int) error {
	if depth > 64 {
		return p.syntax("nested too deep")
	}
	switch c := p.peek(); {
	case c == '{' || c == '[':
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		p.pos++
		if p.peek() == closing {
			p.pos++
			return nil
		}
		for {
			if c == '{' {
				if _, err := p.key(); err != nil {
					return err
				}
			}
			if err := p.skip(depth + 1); err != nil {
				return err
			}
			switch p.peek() {
			case ',':
				p.pos++
			case closing:
				p.pos++
				return nil
			default:
				return p.syntax("want ',' or %q", closing)
			}
		}
	case c == '"':
		for i := p.pos + 1; i < len(p.b); i++ {
			switch p.b[i] {
			case '\\':
				i++
			case '"':
				p.pos = i + 1
				return nil
			}
		}
		return p.syntax("unterminated string")
	default:
		start := p.pos
		for p.pos < len(p.b) {
			switch p.b[p.pos] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				goto done
			}
			p.pos++
		}
	done:
		lit := p.b[start:p.pos]
		if s := string(lit); s == "true" || s == "false" || s == "null" || isNumber(lit) {
			return nil
		}
		p.pos = start
		return p.syntax("not a JSON value")
	}
}

// isNumber reports whether b is a JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isNumber(b []byte) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}

// key reads an object key and its colon.
func (p *parser) key() (string, error) {
	if p.peek() != '"' {
		return "", p.syntax("want a key")
	}
	start := p.pos + 1
	for i := start; i < len(p.b); i++ {
		switch p.b[i] {
		case '\\':
			p.pos = i
			return "", p.syntax("escaped key")
		case '"':
			p.pos = i + 1
			k := string(p.b[start:i])
			return k, p.expect(':')
		}
	}
	return "", p.syntax("unterminated key")
}

// object reads an object whose keys must be among known, each once, calling val for each.
func (p *parser) object(path string, known []string, val func(k string) error) (map[string]bool, error) {
	if p.peek() != '{' {
		return nil, p.valueErr(path, "want an object")
	}
	p.pos++
	seen := make(map[string]bool, len(known))
	if p.peek() == '}' {
		p.pos++
		return seen, nil
	}
	for {
		k, err := p.key()
		if err != nil {
			return nil, err
		}
		ok := false
		for _, want := range known {
			if k == want {
				ok = true
				break
			}
		}
		switch {
		case !ok:
			return nil, p.syntax("%s: unknown field %q", path, k)
		case seen[k]:
			return nil, p.syntax("%s: duplicate field %q", path, k)
		}
		seen[k] = true
		if err := val(k); err != nil {
			return nil, err
		}
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return seen, nil
		default:
			return nil, p.syntax("want ',' or '}'")
		}
	}
}

func (p *parser) top() ([]wire.Deposit, bool, error) {
	if p.peek() != '{' {
		return nil, false, p.syntax("body is not a JSON object")
	}
	// A batch is the object with "states": look at its first key.
	save := p.pos
	p.pos++
	batch := false
	if p.peek() == '"' {
		k, err := p.key()
		if err != nil {
			return nil, false, err
		}
		batch = k == "states"
	}
	p.pos = save
	var deps []wire.Deposit
	if batch {
		_, err := p.object("body", []string{"states"}, func(string) error {
			return p.array("states", MaxBatch, func(at string) error {
				d, err := p.deposit(at)
				deps = append(deps, d)
				return err
			})
		})
		if err != nil {
			return nil, true, err
		}
		if len(deps) == 0 {
			return nil, true, field("states", "0 deposits, want 1 to %d", MaxBatch)
		}
	} else {
		d, err := p.deposit("body")
		if err != nil {
			return nil, false, err
		}
		deps = []wire.Deposit{d}
	}
	if p.peek() != 0 {
		return nil, batch, p.syntax("trailing data after the JSON object")
	}
	return deps, batch, nil
}

var depositKeys = []string{"contract", "state", "sigHub", "sigUser", "locks", "secrets"}

func (p *parser) deposit(path string) (wire.Deposit, error) {
	var d wire.Deposit
	_, err := p.object(path, depositKeys, func(k string) error {
		var err error
		switch k {
		case "contract":
			err = p.fixed(path+".contract", d.Contract[:])
		case "state":
			d.State, err = p.state(path + ".state")
		case "sigHub":
			d.SigHub, err = p.bytes(path + ".sigHub")
		case "sigUser":
			d.SigUser, err = p.bytes(path + ".sigUser")
		case "locks":
			d.Locks, err = p.locks(path + ".locks")
		case "secrets":
			err = p.array(path+".secrets", wire.MaxLocks, func(at string) error {
				var h common.Hash
				if err := p.fixed(at, h[:]); err != nil {
					return err
				}
				d.Secrets = append(d.Secrets, h)
				return nil
			})
		}
		return err
	})
	return d, err
}

// array reads an array of at most max elements, calling elem with each one's path
// (name[i]).
func (p *parser) array(path string, max int, elem func(at string) error) error {
	if p.peek() != '[' {
		return p.valueErr(path, "want an array")
	}
	p.pos++
	if p.peek() == ']' {
		p.pos++
		return nil
	}
	for i := 0; ; i++ {
		if i == max {
			return field(path, "more than %d entries", max)
		}
		if err := elem(fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
		switch p.peek() {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return nil
		default:
			return p.syntax("want ',' or ']'")
		}
	}
}

var lockKeys = []string{"index", "sender", "amountWei", "amountToken", "hashlock", "expiry"}

// locks reads a lock list: every field of every lock is required.
func (p *parser) locks(path string) ([]channel.Lock, error) {
	var out []channel.Lock
	err := p.array(path, wire.MaxLocks, func(at string) error {
		var l channel.Lock
		seen, err := p.object(at, lockKeys, func(k string) error {
			var err error
			switch k {
			case "index", "sender":
				var v *big.Int
				if v, err = p.number(at + "." + k); err != nil {
					return err
				}
				if k == "sender" {
					if v.Cmp(big.NewInt(channel.User)) > 0 {
						return field(at+".sender", "%s is neither hub (0) nor user (1)", v)
					}
					l.Sender = uint8(v.Uint64())
				} else {
					if !v.IsUint64() || v.Uint64() > wire.MaxLocks {
						return field(at+".index", "%s is beyond the lock list", v)
					}
					l.Index = uint32(v.Uint64())
				}
			case "amountWei":
				l.AmountWei, err = p.amount(at + ".amountWei")
			case "amountToken":
				l.AmountToken, err = p.amount(at + ".amountToken")
			case "hashlock":
				err = p.fixed(at+".hashlock", l.Hashlock[:])
			case "expiry":
				l.Expiry, err = p.amount(at + ".expiry")
			}
			return err
		})
		if err != nil {
			return err
		}
		for _, k := range lockKeys {
			if !seen[k] {
				return field(at+"."+k, "missing")
			}
		}
		if err := l.CheckFields(); err != nil {
			return field(at, "%v", err)
		}
		out = append(out, l)
		return nil
	})
	return out, err
}

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

var stateKeys = []string{"user", "recipient", "weiBalances", "tokenBalances", "pendingWei", "pendingToken",
	"nonce", "onchainNonce", "locksRoot", "lockedWei", "lockedToken", "timeout"}

func (p *parser) state(path string) (*channel.State, error) {
	s := &channel.State{}
	seen, err := p.object(path, stateKeys, func(k string) error {
		at := path + "." + k
		switch k {
		case "user":
			return p.fixed(at, s.User[:])
		case "recipient":
			return p.fixed(at, s.Recipient[:])
		case "locksRoot":
			return p.fixed(at, s.LocksRoot[:])
		case "weiBalances":
			return p.amounts(at, s.WeiBalances[:])
		case "tokenBalances":
			return p.amounts(at, s.TokenBalances[:])
		case "pendingWei":
			return p.amounts(at, s.PendingWei[:])
		case "pendingToken":
			return p.amounts(at, s.PendingToken[:])
		case "lockedWei":
			return p.amounts(at, s.LockedWei[:])
		case "lockedToken":
			return p.amounts(at, s.LockedToken[:])
		}
		v, err := p.amount(at)
		switch k {
		case "nonce":
			s.Nonce = v
		case "onchainNonce":
			s.OnchainNonce = v
		case "timeout":
			s.Timeout = v
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, k := range stateKeys {
		if !seen[k] {
			return nil, field(path+"."+k, "missing")
		}
	}
	if err := s.CheckFields(); err != nil {
		return nil, field(path, "%v", err)
	}
	return s, nil
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
