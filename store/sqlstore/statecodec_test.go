package sqlstore

import (
	"bytes"
	"encoding/json"
	"math/big"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// fillState sets every field of a State to a distinct non-zero value by reflection, so
// that a field added to channel.State and forgotten by the codec fails the round trip.
func fillState(t *testing.T, seed int64) *channel.State {
	t.Helper()
	s := &channel.State{}
	v := reflect.ValueOf(s).Elem()
	n := seed
	next := func() int64 { n++; return n }
	var fill func(f reflect.Value)
	fill = func(f reflect.Value) {
		switch {
		case f.Type() == reflect.TypeOf((*big.Int)(nil)):
			f.Set(reflect.ValueOf(new(big.Int).Lsh(big.NewInt(next()), uint(next()%200))))
		case f.Type() == reflect.TypeOf(common.Address{}):
			f.Set(reflect.ValueOf(common.BigToAddress(big.NewInt(next()))))
		case f.Type() == reflect.TypeOf(common.Hash{}):
			f.Set(reflect.ValueOf(common.BigToHash(big.NewInt(next()))))
		case f.Kind() == reflect.Array:
			for i := range f.Len() {
				fill(f.Index(i))
			}
		default:
			t.Fatalf("channel.State has a field of type %s the test (and the codec) do not know", f.Type())
		}
	}
	for i := range v.NumField() {
		fill(v.Field(i))
	}
	return s
}

func TestStateCodecRoundTrip(t *testing.T) {
	plain := channel.NewState(common.HexToAddress("0x1111111111111111111111111111111111111111"))
	plain.Nonce.SetInt64(12)
	plain.WeiBalances[channel.User].SetInt64(5e17)
	top := channel.NewState(plain.User)
	for _, p := range stateNumbers(top) {
		*p = channel.MaxUint256()
	}
	top.Nonce = channel.MaxUint256()
	for name, s := range map[string]*channel.State{"every field set": fillState(t, 0), "usual state": plain, "all 2^256-1": top} {
		t.Run(name, func(t *testing.T) {
			b, err := encodeState(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeState(s.User, s.Nonce, b)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(s)
			have, _ := json.Marshal(got)
			if !bytes.Equal(want, have) {
				t.Fatalf("round trip:\n got %s\nwant %s", have, want)
			}
		})
	}
	b, _ := encodeState(plain)
	if len(b) > 30 {
		t.Errorf("a usual state takes %d bytes, want at most 30", len(b))
	}
	for _, bad := range []func(*channel.State){
		func(s *channel.State) { s.WeiBalances[0] = nil },
		func(s *channel.State) { s.Timeout = big.NewInt(-1) },
		func(s *channel.State) { s.LockedToken[1] = new(big.Int).Lsh(big.NewInt(1), 256) },
	} {
		s := plain.Clone()
		bad(s)
		if _, err := encodeState(s); err == nil {
			t.Errorf("encoded an out-of-range state %+v", s)
		}
	}
}

// FuzzDecodeState: decoding never panics, and whatever decodes encodes back to the same
// bytes (one form per state).
func FuzzDecodeState(f *testing.F) {
	b, _ := encodeState(channel.NewState(common.Address{1}))
	f.Add(b)
	f.Add([]byte{stateCodecV1, flagRecipient | flagLocksRoot})
	f.Add([]byte{stateCodecV1, 0, 33})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeState(common.Address{1}, big.NewInt(3), b)
		if err != nil {
			return
		}
		again, err := encodeState(s)
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("decoded %x, encodes back to %x (%v)", b, again, err)
		}
	})
}
