package towerapi

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/wire"
)

// DecodeDeposits parses a request body: one deposit or a batch (an object whose first key
// is "states"). It decodes with wire.DecodeStrict, the strict decoder of both APIs: a
// duplicate key, a key in another letter case, an unknown key, an array of the wrong
// length, data after the object or a JSON syntax error is invalid_json; a missing field, a
// value of the wrong type, a malformed address, hash or signature, an amount that is not a
// canonical decimal string below 2^256, or more locks, secrets or deposits than allowed
// is invalid_field.
func DecodeDeposits(body []byte) (deps []wire.Deposit, batch bool, err error) {
	if batch = isBatch(body); batch {
		var b wire.DepositBatch
		if err := wire.DecodeStrict(body, &b); err != nil {
			return nil, true, decodeErr(err)
		}
		if n := len(b.States); n == 0 || n > MaxBatch {
			return nil, true, field("states", "%d deposits, want 1 to %d", n, MaxBatch)
		}
		deps = b.States
	} else {
		var d wire.Deposit
		if err := wire.DecodeStrict(body, &d); err != nil {
			return nil, false, decodeErr(err)
		}
		deps = []wire.Deposit{d}
	}
	for i, d := range deps {
		switch {
		case d.State == nil:
			return nil, batch, field(fmt.Sprintf("deposit %d: state", i), "missing")
		case d.Contract == (common.Address{}):
			return nil, batch, field(fmt.Sprintf("deposit %d: contract", i), "missing")
		case len(d.SigHub) == 0 || len(d.SigUser) == 0:
			return nil, batch, field(fmt.Sprintf("deposit %d", i), "sigHub and sigUser are required")
		case len(d.Locks) > wire.MaxLocks:
			return nil, batch, field(fmt.Sprintf("deposit %d: locks", i), "more than %d entries", wire.MaxLocks)
		case len(d.Secrets) > wire.MaxLocks:
			return nil, batch, field(fmt.Sprintf("deposit %d: secrets", i), "more than %d entries", wire.MaxLocks)
		}
	}
	return deps, batch, nil
}

// isBatch reports whether body is an object whose first key is "states".
func isBatch(body []byte) bool {
	b := bytes.TrimLeft(body, " \t\r\n")
	if len(b) == 0 || b[0] != '{' {
		return false
	}
	return bytes.HasPrefix(bytes.TrimLeft(b[1:], " \t\r\n"), []byte(`"states"`))
}

func field(path, format string, args ...any) error {
	return reject(http.StatusBadRequest, wire.CodeInvalidField, "%s: %s", path, fmt.Sprintf(format, args...))
}
