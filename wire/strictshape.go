package wire

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// shape is what DecodeStrict checks a JSON value against, derived from a Go type. A nil
// *shape is any value: objects with any keys (each once, in any letter case), arrays of
// any length.
type shape struct {
	kind   shapeKind
	fields map[string]int // struct: exact JSON name → index in names and elems
	folded map[string]int // struct: lower-cased JSON name → index
	names  []string       // struct: each field's exact JSON name
	elems  []*shape       // struct: each field's shape
	elem   *shape         // map, array, slice: the elements' shape
	length int            // array: its fixed length
}

type shapeKind uint8

const (
	shapeScalar shapeKind = iota // a string, number or literal: its type is the decoder's to check
	shapeStruct
	shapeMap
	shapeArray
	shapeSlice
)

var (
	unmarshaler     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	shaper          = reflect.TypeFor[Shaper]()
	shapes          sync.Map // reflect.Type → *shape
)

// shapeFor returns the shape of v's type, built once per type.
func shapeFor(v any) *shape {
	t := reflect.TypeOf(v)
	if s, ok := shapes.Load(t); ok {
		return s.(*shape)
	}
	s := buildShape(t, map[reflect.Type]*shape{})
	shapes.Store(t, s)
	return s
}

// buildShape builds t's shape; building holds those under construction, so that a type
// that contains itself refers to its own shape.
func buildShape(t reflect.Type, building map[reflect.Type]*shape) *shape {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	if reflect.PointerTo(t).Implements(shaper) {
		return buildShape(reflect.TypeOf(reflect.New(t).Interface().(Shaper).JSONShape()), building)
	}
	if reflect.PointerTo(t).Implements(unmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return nil // it decodes itself: its inside is checked for duplicate keys only
	}
	if s, ok := building[t]; ok {
		return s
	}
	s := &shape{}
	building[t] = s
	switch t.Kind() {
	case reflect.Struct:
		s.kind = shapeStruct
		s.fields, s.folded = map[string]int{}, map[string]int{}
		addFields(s, t, false, building)
	case reflect.Map:
		s.kind, s.elem = shapeMap, buildShape(t.Elem(), building)
	case reflect.Array:
		s.kind, s.elem, s.length = shapeArray, buildShape(t.Elem(), building), t.Len()
	case reflect.Slice:
		s.kind, s.elem = shapeSlice, buildShape(t.Elem(), building)
	default:
		s.kind = shapeScalar
	}
	return s
}

// addFields adds t's fields to s by JSON name, embedded structs flattened (an outer
// field wins over an embedded one of the same name); embedded says t is embedded.
func addFields(s *shape, t reflect.Type, embedded bool, building map[reflect.Type]*shape) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFields(s, ft, true, building)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		fold := strings.ToLower(name)
		if i, ok := s.folded[fold]; ok {
			if embedded {
				continue
			}
			delete(s.fields, s.names[i])
		}
		s.fields[name], s.folded[fold] = len(s.names), len(s.names)
		s.names = append(s.names, name)
		s.elems = append(s.elems, buildShape(f.Type, building))
	}
}
