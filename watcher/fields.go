package watcher

import (
	"fmt"
	"math/big"
	"reflect"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/store"
)

// fieldsJSON encodes an event's arguments as Fields, for people: an object keyed by the
// arguments' names in the contract's ABI, in their order, with bytes and hashes as 0x-hex,
// addresses checksummed, integers of up to 32 bits as numbers and wider ones as decimal
// strings (a uint256 is no JSON number a reader keeps exactly). typed is the binding's
// event struct, whose fields are the ABI's arguments in order, then Raw.
func fieldsJSON(kind store.EventKind, typed any) ([]byte, error) {
	ev, ok := managerABI.Events[kind.String()]
	if !ok {
		return nil, fmt.Errorf("no ABI event %s", kind)
	}
	v := reflect.ValueOf(typed)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct || v.NumField() < len(ev.Inputs) {
		return nil, fmt.Errorf("event %s: %T does not hold its %d arguments", kind, typed, len(ev.Inputs))
	}
	b := make([]byte, 0, 64*len(ev.Inputs))
	b = append(b, '{')
	for i, in := range ev.Inputs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, in.Name)
		b = append(b, ':')
		var err error
		if b, err = appendField(b, v.Field(i)); err != nil {
			return nil, fmt.Errorf("event %s argument %s: %w", kind, in.Name, err)
		}
	}
	return append(b, '}'), nil
}

var (
	bigIntType  = reflect.TypeFor[*big.Int]()
	addressType = reflect.TypeFor[common.Address]()
)

func appendField(b []byte, v reflect.Value) ([]byte, error) {
	switch {
	case v.Type() == bigIntType:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		b = append(b, '"')
		b = v.Interface().(*big.Int).Append(b, 10)
		return append(b, '"'), nil
	case v.Type() == addressType:
		return strconv.AppendQuote(b, v.Interface().(common.Address).Hex()), nil
	}
	switch v.Kind() {
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return strconv.AppendUint(b, v.Uint(), 10), nil // exact as a JSON number
	case reflect.Int8, reflect.Int16, reflect.Int32:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case reflect.Uint64:
		b = append(b, '"')
		b = strconv.AppendUint(b, v.Uint(), 10)
		return append(b, '"'), nil
	case reflect.Int64:
		b = append(b, '"')
		b = strconv.AppendInt(b, v.Int(), 10)
		return append(b, '"'), nil
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 { // bytes, bytesN
			raw := make([]byte, v.Len())
			reflect.Copy(reflect.ValueOf(raw), v)
			return strconv.AppendQuote(b, hexutil.Encode(raw)), nil
		}
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendField(b, v.Index(i)); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	return nil, fmt.Errorf("type %s has no Fields encoding", v.Type())
}
