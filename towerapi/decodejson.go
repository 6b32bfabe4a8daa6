package towerapi

import (
	"fmt"
	"net/http"

	"github.com/vigil-hub/vigil/wire"
)

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
