package contracts_test

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// decoded packs the named ChannelManager error with args and decodes it as a node's
// revert data would be.
func decoded(t *testing.T, name string, args ...any) *contracts.RevertError {
	t.Helper()
	parsed, err := bindings.ChannelManagerMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	e := parsed.Errors[name]
	packed, err := e.Inputs.Pack(args...)
	if err != nil {
		t.Fatal(err)
	}
	n, v, err := contracts.DecodeRevert(append(e.ID[:4:4], packed...))
	if err != nil || n != name {
		t.Fatalf("decode %s: %q %v", name, n, err)
	}
	return &contracts.RevertError{Name: n, Value: v}
}

// sample is a value of an ABI argument's type.
func sample(t *testing.T, typ abi.Type) any {
	switch typ.T {
	case abi.UintTy:
		if typ.Size == 8 {
			return uint8(1)
		}
		return big.NewInt(1796655893)
	case abi.AddressTy:
		return common.HexToAddress("0x00000000000000000000000000000000000000aa")
	case abi.FixedBytesTy:
		return [32]byte{1}
	}
	t.Fatalf("no sample of %s", typ)
	return nil
}

// TestReasonEveryError: every custom error in the contract's ABI has a sentence of its
// own, not the bare call, so that a new error in the contract fails here until it has one.
func TestReasonEveryError(t *testing.T) {
	parsed, err := bindings.ChannelManagerMetaData.ParseABI()
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Errors) < 40 {
		t.Fatalf("the ABI has %d errors", len(parsed.Errors))
	}
	for name, e := range parsed.Errors {
		t.Run(name, func(t *testing.T) {
			var args []any
			for _, in := range e.Inputs {
				args = append(args, sample(t, in.Type))
			}
			re := decoded(t, name, args...)
			if r := re.Reason(); r == re.Call() || r == "" {
				t.Errorf("%s has no sentence of its own: %q", name, r)
			}
		})
	}
}

// TestReasonUnits: times are UTC beside Unix seconds, amounts ether beside wei.
func TestReasonUnits(t *testing.T) {
	for _, tc := range []struct {
		re   *contracts.RevertError
		want []string
	}{
		{decoded(t, "DeadlineNotReached", big.NewInt(1796655893), big.NewInt(1796655812)),
			[]string{"deadline 2026-12-07 15:04:53 UTC (1796655893) has not come", "chain time 2026-12-07 15:03:32 UTC (1796655812), 1m21s before it"}},
		{decoded(t, "DeadlinePassed", big.NewInt(1796655893), big.NewInt(1796655900)),
			[]string{"2026-12-07 15:04:53 UTC (1796655893) has passed", "7s after it"}},
		{decoded(t, "WrongDepositValue", big.NewInt(1e17), big.NewInt(15e17)),
			[]string{"sent 0.1 ether (100000000000000000 wei)", "deposit is 1.5 ether (1500000000000000000 wei)"}},
		{decoded(t, "BalanceMismatch", new(big.Int).Mul(big.NewInt(2), big.NewInt(1e18)), big.NewInt(3e18)),
			[]string{"accounts for 2 ether or 18-decimal token units (2000000000000000000 base units)", "holds 3 ether"}},
		{decoded(t, "InsufficientReserve", big.NewInt(1e18), big.NewInt(0)),
			[]string{"reserve holds 0 ether", "needs 1 ether", "fund the reserve"}},
	} {
		t.Run(tc.re.Name, func(t *testing.T) {
			got := tc.re.Error()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s\nlacks %q", got, w)
				}
			}
			if !strings.HasPrefix(got, "reverted: "+tc.re.Call()+": ") {
				t.Errorf("%s does not name the error", got)
			}
		})
	}
}

// TestUnfunded: a node's refusal for want of ether is said as an unfunded account, and
// nothing else is.
func TestUnfunded(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{errors.New("Out of gas: gas required exceeds allowance: 0"), true},
		{errors.New("gas required exceeds allowance (0)"), true},
		{errors.New("insufficient funds for gas * price + value: balance 0, tx cost 21000"), true},
		{errors.New("gas required exceeds allowance (30000000)"), false},
		{errors.New("gas required exceeds allowance: 01"), false},
		{errors.New("execution reverted"), false},
		{nil, false},
	} {
		t.Run(fmt.Sprint(tc.err), func(t *testing.T) {
			if got := contracts.Unfunded(tc.err); got != tc.want {
				t.Errorf("Unfunded = %v, want %v", got, tc.want)
			}
			if tc.err == nil {
				return
			}
			got := contracts.AsRevert(tc.err)
			if errors.Is(got, contracts.ErrUnfunded) != tc.want || !errors.Is(got, tc.err) {
				t.Errorf("AsRevert = %v", got)
			}
			if tc.want && !strings.Contains(got.Error(), "too little ether to pay for gas") {
				t.Errorf("AsRevert says %q", got)
			}
		})
	}
}
