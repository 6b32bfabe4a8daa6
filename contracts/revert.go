package contracts

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/vigil-hub/vigil/contracts/bindings"
)

// RevertError is a call that reverted with one of the ChannelManager's custom errors.
type RevertError struct {
	Name  string // the Solidity error's name, e.g. "StaleNonce"
	Value any    // the decoded error, a *bindings.ChannelManager<Name>
	Err   error  // the node's error
}

// Error gives the error as the contract raised it (Call), for logs, notes and searches,
// then what it means (Reason).
func (e *RevertError) Error() string {
	if r := e.Reason(); r != e.Call() {
		return "reverted: " + e.Call() + ": " + r
	}
	return "reverted: " + e.Call()
}
func (e *RevertError) Unwrap() error { return e.Err }

// Call names the error with its arguments as the contract raised it, for people:
// "StaleNonce(nonce: 5, onchain: 7)".
func (e *RevertError) Call() string {
	v := reflect.ValueOf(e.Value)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return e.Name + "()"
	}
	args := make([]string, 0, v.NumField())
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		r, n := utf8.DecodeRuneInString(name)
		name = string(unicode.ToLower(r)) + name[n:]
		f := v.Field(i)
		text := fmt.Sprint(f.Interface())
		if h, ok := f.Interface().(interface{ Hex() string }); ok { // an address, checksummed
			text = h.Hex()
		} else if f.Kind() == reflect.Array && f.Type().Elem().Kind() == reflect.Uint8 { // bytes32
			b := make([]byte, f.Len())
			reflect.Copy(reflect.ValueOf(b), f)
			text = hexutil.Encode(b)
		}
		args = append(args, name+": "+text)
	}
	return e.Name + "(" + strings.Join(args, ", ") + ")"
}

var managerABI = bindings.NewChannelManager()

// DecodeRevert decodes a ChannelManager custom error from revert data. Data from a node is
// outside input: short or unknown data is an error, never a panic (the generated
// UnpackError indexes raw[:4] unchecked).
func DecodeRevert(data []byte) (name string, value any, err error) {
	if len(data) < 4 {
		return "", nil, fmt.Errorf("revert data of %d bytes holds no error selector", len(data))
	}
	v, err := managerABI.UnpackError(data)
	if err != nil {
		return "", nil, err
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", v), "*bindings.ChannelManager"), v, nil
}

// AsRevert returns err as a *RevertError when it carries revert data (as go-ethereum's
// RPC errors do) that decodes to a ChannelManager custom error; err wrapped with
// ErrUnfunded when the node refused to estimate or send for want of ether (see
// Unfunded); and err unchanged otherwise.
func AsRevert(err error) error {
	if Unfunded(err) && !errors.Is(err, ErrUnfunded) {
		return fmt.Errorf("%w: %w", ErrUnfunded, err)
	}
	var de interface{ ErrorData() interface{} }
	if !errors.As(err, &de) {
		return err
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return err
	}
	raw, herr := hexutil.Decode(s)
	if herr != nil {
		return err
	}
	name, v, derr := DecodeRevert(raw)
	if derr != nil {
		return err
	}
	return &RevertError{Name: name, Value: v, Err: err}
}

// RevertName returns the custom error name of a reverted call, or "" if err is not one.
func RevertName(err error) string {
	var re *RevertError
	if errors.As(err, &re) {
		return re.Name
	}
	return ""
}

// ErrUnfunded is a transaction its sender cannot pay the gas of.
var ErrUnfunded = errors.New("the sending account holds too little ether to pay for gas: fund it")

// Unfunded reports whether err is a node refusing a transaction, or its gas estimate,
// for want of ether: "insufficient funds for gas * price + value", or an estimate capped
// at an allowance of 0 ("gas required exceeds allowance: 0", as anvil and geth say for an
// empty account). An allowance above zero is left alone: a call that runs out of a whole
// block's gas says the same.
func Unfunded(err error) bool {
	if err == nil {
		return false
	}
	s := strings.ToLower(err.Error())
	return strings.Contains(s, "insufficient funds") || zeroAllowance.MatchString(s)
}

var zeroAllowance = regexp.MustCompile(`gas required exceeds allowance(: | \()0\b`)
