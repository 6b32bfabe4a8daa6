package wire_test

import (
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

const validState = `{"user":"0x00000000000000000000000000000000000000aa","recipient":"0x00000000000000000000000000000000000000aa",
"weiBalances":["1","2"],"tokenBalances":["0","0"],"pendingWei":["0","0","0","0"],"pendingToken":["0","0","0","0"],
"nonce":"5","onchainNonce":"1","locksRoot":"0x0000000000000000000000000000000000000000000000000000000000000000",
"lockedWei":["0","0"],"lockedToken":["0","0"],"timeout":"0"}`

func deposit(state string) string {
	return `{"contract":"0x00000000000000000000000000000000000000cc","state":` + state + `,"sigHub":"0x01","sigUser":"0x02"}`
}

func TestDecodeStrict(t *testing.T) {
	var ok wire.Deposit
	if err := wire.DecodeStrict([]byte(deposit(validState)), &ok); err != nil {
		t.Fatalf("a valid deposit: %v", err)
	}
	if ok.State.Nonce.Int64() != 5 || ok.State.WeiBalances[1].Int64() != 2 {
		t.Fatalf("decoded %+v", ok.State)
	}
	for name, tc := range map[string]struct{ json, path, msg string }{
		"duplicate key":          {strings.Replace(deposit(validState), `"sigHub":"0x01"`, `"sigHub":"0x01","sigHub":"0x03"`, 1), "sigHub", "duplicate key"},
		"case-variant duplicate": {strings.Replace(deposit(validState), `"sigUser":"0x02"`, `"sigUser":"0x02","SIGUSER":"0x03"`, 1), "SIGUSER", "duplicate key"},
		"other letter case":      {strings.Replace(deposit(validState), `"sigHub"`, `"SigHub"`, 1), "SigHub", "case-sensitive"},
		"nested case":            {deposit(strings.Replace(validState, `"nonce"`, `"Nonce"`, 1)), "state.Nonce", "case-sensitive"},
		"nested duplicate":       {deposit(strings.Replace(validState, `"timeout":"0"`, `"timeout":"0","timeout":"9"`, 1)), "state.timeout", "duplicate"},
		"array too long":         {deposit(strings.Replace(validState, `"weiBalances":["1","2"]`, `"weiBalances":["1","2","3"]`, 1)), "state.weiBalances", "want 2 elements, got 3"},
		"array too short":        {deposit(strings.Replace(validState, `"pendingWei":["0","0","0","0"]`, `"pendingWei":["0"]`, 1)), "state.pendingWei", "want 4 elements, got 1"},
		"unknown field":          {strings.Replace(deposit(validState), `"sigHub"`, `"pad":1,"sigHub"`, 1), "pad", "unknown field"},
		"trailing data":          {deposit(validState) + `{}`, "", "data after"},
		"batch path":             {`{"states":[` + deposit(validState) + `,` + strings.Replace(deposit(validState), `"contract"`, `"Contract"`, 1) + `]}`, "states[1].Contract", "case-sensitive"},
	} {
		t.Run(name, func(t *testing.T) {
			var err error
			if strings.HasPrefix(tc.json, `{"states"`) {
				var b wire.DepositBatch
				err = wire.DecodeStrict([]byte(tc.json), &b)
			} else {
				var d wire.Deposit
				err = wire.DecodeStrict([]byte(tc.json), &d)
			}
			var se *wire.StrictError
			if !errors.Is(err, wire.ErrStrictJSON) || !errors.As(err, &se) || se.Path != tc.path || !strings.Contains(se.Msg, tc.msg) {
				t.Fatalf("got %v, want a StrictError at %q mentioning %q", err, tc.path, tc.msg)
			}
		})
	}
}

func TestDecodeStrictShapes(t *testing.T) {
	var l channel.Lock
	err := wire.DecodeStrict([]byte(`{"sender":1,"amountWei":"1","amountToken":"0","hashlock":"0x0000000000000000000000000000000000000000000000000000000000000001","expiry":"9","Expiry":"9"}`), &l)
	if !errors.Is(err, wire.ErrStrictJSON) {
		t.Fatalf("a lock with a case-variant duplicate: %v", err)
	}
}

func FuzzDecodeStrict(f *testing.F) {
	f.Add([]byte(deposit(validState)))
	f.Add([]byte(`{"states":[]}`))
	// Whatever decodes strictly re-encodes to JSON that decodes strictly again to the same
	// object; nothing panics.
	f.Fuzz(func(t *testing.T, b []byte) {
		var d wire.Deposit
		if err := wire.DecodeStrict(b, &d); err != nil || d.State == nil {
			return
		}
		again, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		var d2 wire.Deposit
		if err := wire.DecodeStrict(again, &d2); err != nil {
			t.Fatalf("re-decode %s: %v", again, err)
		}
		if d2.State.Nonce.Cmp(d.State.Nonce) != 0 || d2.Contract != d.Contract {
			t.Fatalf("round trip changed the deposit: %+v vs %+v", d, d2)
		}
	})
}

// TestDecodeStrictDepth: values nest up to wire.MaxDepth arrays and objects deep; deeper
// is refused, naming where, and a body of brackets costs memory of the order of its size
// (the check once built a path per level, as long as the depth: quadratic in the body).
func TestDecodeStrictDepth(t *testing.T) {
	nest := func(n int) string { return strings.Repeat(`[`, n) + strings.Repeat(`]`, n) }
	var v any
	if err := wire.DecodeStrict([]byte(nest(wire.MaxDepth)), &v); err != nil {
		t.Fatalf("%d levels: %v", wire.MaxDepth, err)
	}
	deepObject := strings.Repeat(`{"a":`, wire.MaxDepth) + `1` + strings.Repeat(`}`, wire.MaxDepth)
	if err := wire.DecodeStrict([]byte(deepObject), &v); err != nil {
		t.Fatalf("%d levels of objects: %v", wire.MaxDepth, err)
	}
	var se *wire.StrictError
	err := wire.DecodeStrict([]byte(nest(wire.MaxDepth+1)), &v)
	if !errors.Is(err, wire.ErrStrictJSON) || !errors.As(err, &se) || se.Path != strings.Repeat("[0]", wire.MaxDepth) ||
		!strings.Contains(se.Msg, "nested more than") {
		t.Fatalf("%d levels: got %v, want a StrictError at the level too deep", wire.MaxDepth+1, err)
	}
	var d wire.Deposit
	deep := `{"contract":` + strings.Repeat(`{"a":`, 40) + `1` + strings.Repeat(`}`, 40) + `}`
	if err := wire.DecodeStrict([]byte(deep), &d); !errors.As(err, &se) || !strings.Contains(se.Msg, "nested more than") {
		t.Fatalf("a deep object where a deposit's contract goes: got %v, want it refused for its depth", err)
	}

	body := []byte(nest(20_000)) // well-formed: only its depth is wrong
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err = wire.DecodeStrict(body, &v)
	runtime.ReadMemStats(&after)
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "nested more than") {
		t.Fatalf("20,000 nested arrays: got %v, want them refused for their depth", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("20,000 nested arrays (%d bytes) allocated %d bytes", len(body), alloc)
	}
}
