package contracts

import (
	"bytes"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrNotChannelManager reports code at an address that is not ChannelManager's runtime
// code as committed in artifacts (a look-alike answering hub() and challengePeriod(), or
// another release).
var ErrNotChannelManager = errors.New("not this release's ChannelManager")

//go:embed artifacts/ChannelManager.runtime.json
var runtimeJSON []byte

// runtime is the committed runtime code and where its immutables go (set by the
// constructor: the hub, the challenge period, the token, the chain id and domain
// separator), which differ between deployments.
var runtime = func() (r struct {
	code       []byte
	immutables []struct{ Start, Length int }
}) {
	var j struct {
		Object     string                        `json:"object"`
		Immutables []struct{ Start, Length int } `json:"immutables"`
	}
	if err := json.Unmarshal(runtimeJSON, &j); err != nil {
		panic(fmt.Sprintf("contracts: the committed runtime artifact does not decode: %v", err))
	}
	code, err := hex.DecodeString(strings.TrimPrefix(j.Object, "0x"))
	if err != nil {
		panic(fmt.Sprintf("contracts: the committed runtime artifact does not decode: %v", err))
	}
	r.code, r.immutables = code, j.Immutables
	return r
}()

// CheckRuntime says whether code is ChannelManager's runtime code, as this release
// compiled it, whatever its constructor's arguments: the bytes where immutables go are
// not compared.
func CheckRuntime(code []byte) error {
	want := runtime.code
	if len(code) == 0 {
		return fmt.Errorf("%w: no code at the address", ErrNotChannelManager)
	}
	if len(code) != len(want) {
		return fmt.Errorf("%w: %d bytes of code, ChannelManager has %d", ErrNotChannelManager, len(code), len(want))
	}
	got := bytes.Clone(code)
	for _, im := range runtime.immutables {
		if im.Start < 0 || im.Start+im.Length > len(got) {
			return fmt.Errorf("contracts: the committed runtime artifact's immutable at %d is out of range", im.Start)
		}
		copy(got[im.Start:im.Start+im.Length], want[im.Start:im.Start+im.Length])
	}
	for i := range got {
		if got[i] != want[i] {
			return fmt.Errorf("%w: the code differs from byte %d", ErrNotChannelManager, i)
		}
	}
	return nil
}
