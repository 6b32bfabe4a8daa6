package wire

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// ErrStrictJSON reports JSON that Go's decoder would accept but another parser might read
// differently: a duplicate key (last wins in Go, first in others), a key in another
// letter case than the field's (Go matches case-insensitively), an array longer or
// shorter than its fixed size (Go cuts or pads silently), an unknown field, or data after
// the value. Signatures cover what Go decoded, so every reader must see the same object.
var ErrStrictJSON = errors.New("JSON not strict")

// StrictError says where the JSON broke a rule, by field path (e.g. "states[2].sigHub").
type StrictError struct {
	Path string
	Msg  string
}

func (e *StrictError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// Unwrap makes errors.Is(err, ErrStrictJSON) hold.
func (e *StrictError) Unwrap() error { return ErrStrictJSON }

// Shaper is implemented by a type whose JSON form is another type's, decoded by its own
// UnmarshalJSON: JSONShape returns a value of that form, so that DecodeStrict can check
// the fields and array lengths inside it.
type Shaper interface {
	JSONShape() any
}

// DecodeStrict decodes the single JSON value in b into v, refusing duplicate keys, keys
// in another letter case than their field's, unknown fields, arrays of the wrong length
// and trailing data, with a *StrictError naming the field.
func DecodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := check(dec, reflect.TypeOf(v), "", 0); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return &StrictError{Msg: "data after the JSON value"}
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

var (
	unmarshaler     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	shaper          = reflect.TypeFor[Shaper]()
)

// shapeOf is the type whose JSON form t's values take, and whether t decodes itself
// (then its inside is not checked beyond duplicate keys).
func shapeOf(t reflect.Type) (reflect.Type, bool) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return nil, true
	}
	if reflect.PointerTo(t).Implements(shaper) {
		s := reflect.New(t).Interface().(Shaper).JSONShape()
		return shapeOf(reflect.TypeOf(s))
	}
	if reflect.PointerTo(t).Implements(unmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return t, true
	}
	return t, false
}

// MaxDepth is how deeply DecodeStrict lets arrays and objects nest: far deeper than any
// message of the API, and shallow enough that a body of brackets costs no more than its
// size. json.Decoder's Token, which check reads with, has no limit of its own.
const MaxDepth = 32

// check reads one value from dec, at depth arrays and objects deep, and checks it against
// t (nil: any value).
func check(dec *json.Decoder, t reflect.Type, path string, depth int) error {
	tok, err := dec.Token()
	if err != nil {
		return &StrictError{Path: path, Msg: "malformed JSON: " + err.Error()}
	}
	if (tok == json.Delim('{') || tok == json.Delim('[')) && depth >= MaxDepth {
		return &StrictError{Path: path, Msg: fmt.Sprintf("arrays and objects nested more than %d deep", MaxDepth)}
	}
	t, opaque := shapeOf(t)
	switch tok {
	case json.Delim('{'):
		if opaque || t.Kind() == reflect.Interface {
			return checkObject(dec, nil, path, depth+1)
		}
		switch t.Kind() {
		case reflect.Struct:
			return checkObject(dec, fieldsOf(t), path, depth+1)
		case reflect.Map:
			return checkMap(dec, t.Elem(), path, depth+1)
		}
		return checkObject(dec, nil, path, depth+1) // the decoder reports the type mismatch
	case json.Delim('['):
		var elem reflect.Type
		fixed := -1
		if !opaque && t.Kind() != reflect.Interface {
			switch t.Kind() {
			case reflect.Array:
				elem, fixed = t.Elem(), t.Len()
			case reflect.Slice:
				elem = t.Elem()
			}
		}
		n := 0
		for dec.More() {
			if err := check(dec, elem, fmt.Sprintf("%s[%d]", path, n), depth+1); err != nil {
				return err
			}
			n++
		}
		if _, err := dec.Token(); err != nil {
			return &StrictError{Path: path, Msg: "malformed JSON: " + err.Error()}
		}
		if fixed >= 0 && n != fixed {
			return &StrictError{Path: path, Msg: fmt.Sprintf("want %d elements, got %d", fixed, n)}
		}
	}
	return nil
}

// field is a struct field's JSON name and type.
type field struct {
	name string
	t    reflect.Type
}

// fieldsOf maps the lower-cased JSON names of t's fields (embedded structs flattened) to
// their exact names and types.
func fieldsOf(t reflect.Type) map[string]field {
	out := map[string]field{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range fieldsOf(ft) {
					if _, ok := out[k]; !ok {
						out[k] = v
					}
				}
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		out[strings.ToLower(name)] = field{name, f.Type}
	}
	return out
}

// checkObject reads an object's members after its '{'. With fields nil any key is
// allowed; otherwise each must be one of them, in its exact letter case. No key may
// appear twice, in any letter case. Its members are depth deep.
func checkObject(dec *json.Decoder, fields map[string]field, path string, depth int) error {
	seen := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &StrictError{Path: path, Msg: "malformed JSON: " + err.Error()}
		}
		key, _ := tok.(string)
		at := join(path, key)
		fold := strings.ToLower(key)
		if prev, dup := seen[fold]; dup {
			if prev == key {
				return &StrictError{Path: at, Msg: "duplicate key"}
			}
			return &StrictError{Path: at, Msg: fmt.Sprintf("duplicate key (also given as %q)", prev)}
		}
		seen[fold] = key
		var elem reflect.Type
		if fields != nil {
			f, ok := fields[fold]
			switch {
			case !ok:
				return &StrictError{Path: at, Msg: "unknown field"}
			case f.name != key:
				return &StrictError{Path: at, Msg: fmt.Sprintf("unknown field: names are case-sensitive (the field is %q)", f.name)}
			}
			elem = f.t
		}
		if err := check(dec, elem, at, depth); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return &StrictError{Path: path, Msg: "malformed JSON: " + err.Error()}
	}
	return nil
}

// checkMap reads a map's members after its '{': any key, once, values of type elem,
// depth deep.
func checkMap(dec *json.Decoder, elem reflect.Type, path string, depth int) error {
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return &StrictError{Path: path, Msg: "malformed JSON: " + err.Error()}
		}
		key, _ := tok.(string)
		if seen[key] {
			return &StrictError{Path: join(path, key), Msg: "duplicate key"}
		}
		seen[key] = true
		if err := check(dec, elem, join(path, key), depth); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return &StrictError{Path: path, Msg: "malformed JSON: " + err.Error()}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
