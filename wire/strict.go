package wire

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vigil-hub/vigil/channel"
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

// MaxDepth is how deeply DecodeStrict lets arrays and objects nest: far deeper than any
// message of the API, and shallow enough that a body of brackets costs no more than its
// size.
const MaxDepth = 32

// DecodeStrict decodes the single JSON value in b into v, refusing duplicate keys, keys
// in another letter case than their field's, unknown fields, arrays of the wrong length
// and trailing data, with a *StrictError naming the field. A value of the wrong type or
// out of range is an error wrapping channel.ErrInvalidField. It is the one strict
// decoder of both APIs: bodies are answered invalid_json for the first kind of error and
// invalid_field for the second.
//
// It reads b twice: a scan by hand checks the JSON against v's type (its shape, cached
// per type) without allocating, then encoding/json decodes it, so that every type's own
// UnmarshalJSON is the one that reads its values.
func DecodeStrict(b []byte, v any) error {
	sc := scanner{b: b}
	if err := sc.value(shapeFor(v), nil, 0); err != nil {
		return err
	}
	if sc.ws(); sc.pos != len(b) {
		return &StrictError{Msg: "data after the JSON value"}
	}
	return valueError(json.Unmarshal(b, v))
}

// valueError classifies what the decoder refused once the scan has passed the body, which
// is then well-formed JSON of the right shape: the body itself of the wrong type (an
// array where an object is wanted) is not strict JSON; anything else is a value of the
// wrong type or out of range, an invalid field, named by its path where the decoder knows
// it (the values' own decoders, of amounts, states, locks and hex, say what was wrong).
func valueError(err error) error {
	var ute *json.UnmarshalTypeError
	switch {
	case err == nil || errors.Is(err, channel.ErrInvalidField):
		return err
	case !errors.As(err, &ute):
		return fmt.Errorf("%w: %w", channel.ErrInvalidField, err)
	case ute.Field == "":
		return &StrictError{Msg: fmt.Sprintf("wrong type: %s (want %s)", ute.Value, ute.Type)}
	}
	return fmt.Errorf("%s: %w: %s (want %s)", ute.Field, channel.ErrInvalidField, ute.Value, ute.Type)
}
