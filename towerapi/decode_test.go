package towerapi_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// referenceDecode decodes a body with encoding/json, as the API did before its own
// decoder: the fast decoder must never accept what this refuses, nor read it differently.
func referenceDecode(body []byte) ([]wire.Deposit, bool, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, false, err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if _, batch := probe["states"]; batch {
		var b wire.DepositBatch
		if err := dec.Decode(&b); err != nil {
			return nil, true, err
		}
		if dec.More() {
			return nil, true, errors.New("trailing data")
		}
		return b.States, true, nil
	}
	var d wire.Deposit
	if err := dec.Decode(&d); err != nil {
		return nil, false, err
	}
	if dec.More() {
		return nil, false, errors.New("trailing data")
	}
	return []wire.Deposit{d}, false, nil
}

func sampleDeposit() wire.Deposit {
	s := channel.NewState(common.HexToAddress("0xbb"))
	s.Nonce.SetInt64(7)
	s.WeiBalances[channel.User].SetInt64(1e18)
	return wire.Deposit{Contract: common.HexToAddress("0xaa"), State: s, SigHub: bytes.Repeat([]byte{1}, 65), SigUser: bytes.Repeat([]byte{2}, 65)}
}

// TestDecodeStrict: what encoding/json lets through and the API must not.
func TestDecodeStrict(t *testing.T) {
	good, _ := json.Marshal(sampleDeposit())
	batch, _ := json.Marshal(wire.DepositBatch{States: []wire.Deposit{sampleDeposit(), sampleDeposit()}})
	for _, b := range [][]byte{good, batch, append(append([]byte(" \n"), good...), '\t')} {
		if _, _, err := towerapi.DecodeDeposits(b); err != nil {
			t.Fatalf("refused a well-formed body: %v\n%s", err, b)
		}
	}
	edit := func(from, to string) []byte { return bytes.Replace(good, []byte(from), []byte(to), 1) }
	for name, body := range map[string][]byte{
		"duplicate key":         edit(`"sigHub"`, `"sigUser":"0x01","sigHub"`),
		"duplicate state key":   edit(`"nonce":"7"`, `"nonce":"7","nonce":"8"`),
		"key in another case":   edit(`"nonce"`, `"Nonce"`),
		"short array":           edit(`"weiBalances":["0","1000000000000000000"]`, `"weiBalances":["0"]`),
		"long array":            edit(`"weiBalances":["0","1000000000000000000"]`, `"weiBalances":["0","1","2"]`),
		"escaped string":        edit(`"nonce":"7"`, `"nonce":"\u0037"`),
		"leading zero":          edit(`"nonce":"7"`, `"nonce":"07"`),
		"number amount":         edit(`"nonce":"7"`, `"nonce":7`),
		"null state":            edit(`"state":{`, `"state":null,"x":{`),
		"short address":         edit(`"contract":"0x00000000000000000000000000000000000000aa"`, `"contract":"0xaa"`),
		"odd signature":         edit(`"sigHub":"0x01`, `"sigHub":"0x1`),
		"trailing data":         append(append([]byte{}, good...), []byte(`{}`)...),
		"not an object":         []byte(`[1]`),
		"empty batch":           []byte(`{"states":[]}`),
		"batch with extra keys": []byte(`{"states":[` + string(good) + `],"contract":"0x00"}`),
		"too many":              []byte(`{"states":[` + strings.Repeat(string(good)+",", towerapi.MaxBatch) + string(good) + `]}`),
	} {
		if _, _, err := towerapi.DecodeDeposits(body); err == nil {
			t.Errorf("%s: accepted %s", name, body)
		}
	}
}

func FuzzDecodeDeposits(f *testing.F) {
	f.Add([]byte(`{"states":[]}`))
	f.Add([]byte(`{"contract":"0x00000000000000000000000000000000000000aa","state":{"user":"0x00000000000000000000000000000000000000bb"}}`))
	b, _ := json.Marshal(sampleDeposit())
	f.Add(b)
	b, _ = json.Marshal(wire.DepositBatch{States: []wire.Deposit{sampleDeposit()}})
	f.Add(b)
	f.Fuzz(func(t *testing.T, body []byte) {
		deps, batch, err := towerapi.DecodeDeposits(body)
		if err != nil {
			return
		}
		ref, refBatch, rerr := referenceDecode(body)
		if rerr != nil || refBatch != batch || len(ref) != len(deps) {
			t.Fatalf("accepted %q, which encoding/json refuses or reads otherwise: %v", body, rerr)
		}
		for i, d := range deps {
			if d.State == nil || d.State.CheckFields() != nil {
				t.Fatalf("decoder accepted an invalid state: %+v", d.State)
			}
			got, _ := json.Marshal(d)
			want, _ := json.Marshal(ref[i])
			if !bytes.Equal(got, want) {
				t.Fatalf("deposit %d read as %s, encoding/json reads %s", i, got, want)
			}
		}
	})
}

// TestStrictJSONOverHTTP: each way a second parser could read a deposit otherwise than
// the tower does is refused with 400 invalid_json or invalid_field, the message naming the
// field, and nothing is stored.
func TestStrictJSONOverHTTP(t *testing.T) {
	e := newEnv(t)
	good, err := json.Marshal(e.deposit(e.state(6)))
	if err != nil {
		t.Fatal(err)
	}
	user := strings.ToLower(e.userAddr().Hex())
	edit := func(from, to string) []byte {
		t.Helper()
		if !bytes.Contains(good, []byte(from)) {
			t.Fatalf("no %s in %s", from, good)
		}
		return bytes.Replace(good, []byte(from), []byte(to), 1)
	}
	userField := `"user":"` + user + `"`
	if !bytes.Contains(good, []byte(userField)) {
		userField = `"user":"` + e.userAddr().Hex() + `"`
	}
	for _, tc := range []struct {
		name  string
		body  []byte
		field string
	}{
		{"duplicate key", edit(`"sigHub"`, `"sigUser":"0x01","sigHub"`), "sigUser"},
		{"duplicate nested key", edit(`"nonce":"6"`, `"nonce":"6","nonce":"7"`), "nonce"},
		{"key in another case", edit(`"nonce"`, `"Nonce"`), "Nonce"},
		{"user beside USER", edit(userField, userField+`,"USER":"0x00000000000000000000000000000000000000bb"`), "USER"},
		{"array too short", edit(`"pendingWei":["0","0","0","0"]`, `"pendingWei":["0","0","0"]`), "pendingWei"},
		{"array too long", edit(`"pendingWei":["0","0","0","0"]`, `"pendingWei":["0","0","0","0","0"]`), "pendingWei"},
		{"balances too long", edit(`"tokenBalances":["0","0"]`, `"tokenBalances":["0","0","0"]`), "tokenBalances"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := e.post(tc.body)
			var werr wire.Error
			json.Unmarshal(body, &werr)
			if code != 400 || (werr.Code != wire.CodeInvalidJSON && werr.Code != wire.CodeInvalidField) ||
				!strings.Contains(werr.Message, tc.field) {
				t.Errorf("got %d %s %q, want 400 invalid_json or invalid_field naming %s", code, werr.Code, werr.Message, tc.field)
			}
			if got := e.storedNonce(); got != "none" {
				t.Errorf("stored nonce %s after a refused body", got)
			}
		})
	}
}

// BenchmarkDecodeDeposits is the decoding alone of a one-deposit body and of a batch of
// 100: the share of a deposit's cost that the strict decoder takes.
func BenchmarkDecodeDeposits(b *testing.B) {
	one, _ := json.Marshal(sampleDeposit())
	batch := wire.DepositBatch{}
	for range 100 {
		batch.States = append(batch.States, sampleDeposit())
	}
	hundred, _ := json.Marshal(batch)
	for _, bc := range []struct {
		name string
		body []byte
		n    int
	}{{"one", one, 1}, {"batch100", hundred, 100}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := towerapi.DecodeDeposits(bc.body); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*bc.n), "µs/deposit")
		})
	}
}
