package wire

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// scanner checks one JSON value against a shape, byte by byte: the strict half of
// DecodeStrict. It allocates nothing for a well-formed body of the right shape, save for
// objects of no fixed fields (maps and values that decode themselves), whose keys it
// remembers to refuse duplicates.
type scanner struct {
	b   []byte
	pos int
}

// path is where a value sits, built on the stack as the scan descends and rendered only
// for an error: "states[2].sigHub".
type path struct {
	parent *path
	key    []byte // an object member's key, when index < 0
	index  int    // an array element's index
}

func (p *path) String() string {
	if p == nil {
		return ""
	}
	prefix := p.parent.String()
	switch {
	case p.index >= 0:
		return prefix + "[" + strconv.Itoa(p.index) + "]"
	case prefix == "":
		return string(p.key)
	}
	return prefix + "." + string(p.key)
}

func (sc *scanner) fail(at *path, format string, args ...any) error {
	return &StrictError{Path: at.String(), Msg: fmt.Sprintf(format, args...)}
}

func (sc *scanner) malformed(at *path, what string) error {
	if sc.pos >= len(sc.b) {
		return sc.fail(at, "malformed JSON: %s at the end of the body", what)
	}
	return sc.fail(at, "malformed JSON: %s at byte %d (%q)", what, sc.pos, sc.b[sc.pos])
}

func (sc *scanner) ws() {
	for sc.pos < len(sc.b) {
		switch sc.b[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

// next skips whitespace and returns the next byte, 0 at the end.
func (sc *scanner) next() byte {
	if sc.ws(); sc.pos == len(sc.b) {
		return 0
	}
	return sc.b[sc.pos]
}

// value checks the value at sc.pos against s; depth arrays and objects enclose it.
func (sc *scanner) value(s *shape, at *path, depth int) error {
	switch c := sc.next(); c {
	case '{', '[':
		if depth >= MaxDepth {
			return sc.fail(at, "arrays and objects nested more than %d deep", MaxDepth)
		}
		sc.pos++
		if c == '{' {
			return sc.object(s, at, depth+1)
		}
		return sc.array(s, at, depth+1)
	case '"':
		_, err := sc.str(at)
		return err
	default:
		return sc.literal(at)
	}
}

// object checks an object's members after its '{'. Of a struct, each key must be one of
// its fields, in its exact letter case, once; of a map, any key once; of anything else,
// any key once in any letter case.
func (sc *scanner) object(s *shape, at *path, depth int) error {
	if sc.next() == '}' {
		sc.pos++
		return nil
	}
	var (
		few      [32]bool
		seen     []bool            // a struct's fields given
		seenKeys map[string]string // other objects' keys given, by lower case for the fold
	)
	switch {
	case s != nil && s.kind == shapeStruct && len(s.names) <= len(few):
		seen = few[:len(s.names)]
	case s != nil && s.kind == shapeStruct:
		seen = make([]bool, len(s.names))
	default:
		seenKeys = map[string]string{}
	}
	for {
		if sc.next() != '"' {
			return sc.malformed(at, "want a key")
		}
		key, err := sc.str(at)
		if err != nil {
			return err
		}
		if sc.next() != ':' {
			return sc.malformed(at, "want ':'")
		}
		sc.pos++
		member := path{parent: at, key: key, index: -1}
		var elem *shape
		switch {
		case seen != nil:
			i, ok := s.fields[string(key)]
			if !ok {
				return sc.unknown(s, seen, &member)
			}
			if seen[i] {
				return sc.fail(&member, "duplicate key")
			}
			seen[i], elem = true, s.elems[i]
		default:
			k := string(key)
			fold := k
			if s == nil || s.kind != shapeMap {
				fold = strings.ToLower(k)
			} else {
				elem = s.elem
			}
			if prev, dup := seenKeys[fold]; dup {
				if prev == k {
					return sc.fail(&member, "duplicate key")
				}
				return sc.fail(&member, "duplicate key (also given as %q)", prev)
			}
			seenKeys[fold] = k
		}
		if err := sc.value(elem, &member, depth); err != nil {
			return err
		}
		switch sc.next() {
		case ',':
			sc.pos++
		case '}':
			sc.pos++
			return nil
		default:
			return sc.malformed(at, "want ',' or '}'")
		}
	}
}

// unknown explains a key that is none of a struct's fields.
func (sc *scanner) unknown(s *shape, seen []bool, at *path) error {
	i, ok := s.folded[strings.ToLower(string(at.key))]
	switch {
	case !ok:
		return sc.fail(at, "unknown field")
	case seen[i]:
		return sc.fail(at, "duplicate key (also given as %q)", s.names[i])
	}
	return sc.fail(at, "unknown field: names are case-sensitive (the field is %q)", s.names[i])
}

// array checks an array's elements after its '['; of a Go array, their number too.
func (sc *scanner) array(s *shape, at *path, depth int) error {
	var elem *shape
	fixed := -1
	if s != nil && (s.kind == shapeArray || s.kind == shapeSlice) {
		elem = s.elem
		if s.kind == shapeArray {
			fixed = s.length
		}
	}
	n := 0
	if sc.next() == ']' {
		sc.pos++
	} else {
		for ; ; n++ {
			el := path{parent: at, index: n}
			if err := sc.value(elem, &el, depth); err != nil {
				return err
			}
			if c := sc.next(); c == ',' {
				sc.pos++
				continue
			} else if c != ']' {
				return sc.malformed(at, "want ',' or ']'")
			}
			sc.pos++
			n++
			break
		}
	}
	if fixed >= 0 && n != fixed {
		return sc.fail(at, "want %d elements, got %d", fixed, n)
	}
	return nil
}

// str reads a string at sc.pos and returns its content. A string without escapes is
// returned as it is in the body (no copy); one with escapes is decoded as encoding/json
// decodes it.
func (sc *scanner) str(at *path) ([]byte, error) {
	start := sc.pos + 1
	escaped := false
	for i := start; i < len(sc.b); i++ {
		switch c := sc.b[i]; {
		case c == '"':
			sc.pos = i + 1
			if !escaped {
				return sc.b[start:i], nil
			}
			var s string
			if err := json.Unmarshal(sc.b[start-1:i+1], &s); err != nil {
				return nil, sc.fail(at, "malformed JSON: %v", err)
			}
			return []byte(s), nil
		case c == '\\':
			escaped = true
			sc.pos = i
			if i+1 == len(sc.b) {
				return nil, sc.malformed(at, "unterminated string")
			}
			switch sc.b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+5 >= len(sc.b) || !isHex4(sc.b[i+2:i+6]) {
					return nil, sc.malformed(at, `want 4 hex digits after \u`)
				}
				i += 5
			default:
				return nil, sc.malformed(at, "invalid escape")
			}
		case c < 0x20:
			sc.pos = i
			return nil, sc.malformed(at, "control character in a string")
		}
	}
	sc.pos = len(sc.b)
	return nil, sc.malformed(at, "unterminated string")
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// literal reads a number, true, false or null at sc.pos.
func (sc *scanner) literal(at *path) error {
	start := sc.pos
	for sc.pos < len(sc.b) {
		c := sc.b[sc.pos]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '+' || c == '.') {
			break
		}
		sc.pos++
	}
	lit := sc.b[start:sc.pos]
	switch string(lit) {
	case "true", "false", "null":
		return nil
	}
	if isNumber(lit) {
		return nil
	}
	sc.pos = start
	return sc.malformed(at, "want a JSON value")
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
