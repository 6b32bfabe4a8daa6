package client_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
)

// TestShortfallText: a shortfall names the account, what it holds and what the step
// needs, in ether, the value only when the step moves some; and it is ErrCannotAfford.
func TestShortfallText(t *testing.T) {
	gwei := func(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e9)) }
	acct := common.HexToAddress("0x00000000000000000000000000000000000000a1")
	for _, tc := range []struct {
		name string
		sf   client.Shortfall
		want string
	}{
		{"deposit", client.Shortfall{What: "this deposit", Account: acct, Balance: gwei(10_000_000), Value: gwei(1e9), Gas: gwei(200_000)},
			"the account cannot pay for the transaction: your account 0x00000000000000000000000000000000000000A1 holds 0.01 ether; " +
				"this deposit needs 1 ether plus about 0.0002 ether of gas: fund the account, then run it again"},
		{"gas only", client.Shortfall{What: "this exit", Account: acct, Balance: new(big.Int), Value: new(big.Int), Gas: gwei(64_000)},
			"the account cannot pay for the transaction: your account 0x00000000000000000000000000000000000000A1 holds 0 ether; " +
				"this exit needs about 0.000064 ether of gas: fund the account, then run it again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := error(&tc.sf)
			if err.Error() != tc.want {
				t.Errorf("got  %s\nwant %s", err, tc.want)
			}
			if !errors.Is(err, client.ErrCannotAfford) {
				t.Error("not ErrCannotAfford")
			}
		})
	}
}
