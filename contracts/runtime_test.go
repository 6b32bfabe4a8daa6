package contracts_test

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/simchain"
)

// TestCheckRuntime: a ChannelManager's deployed code passes whatever its constructor's
// arguments (two deployments, other periods and tokens); the token's code, code with one
// byte changed, and an address without code are not a ChannelManager.
func TestCheckRuntime(t *testing.T) {
	c, err := simchain.New(simchain.Config{Accounts: 1, ChallengePeriod: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	first := c.ManagerAddr
	if err := c.DeployManager(3600, c.Accounts[0].Addr); err != nil { // another period, no token
		t.Fatal(err)
	}
	codeAt := func(a common.Address) []byte {
		code, err := c.Client.CodeAt(t.Context(), a, nil)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	for _, a := range []common.Address{first, c.ManagerAddr} {
		if err := contracts.CheckRuntime(codeAt(a)); err != nil {
			t.Errorf("ChannelManager at %s: %v", a, err)
		}
	}
	changed := codeAt(first)
	changed[10] ^= 0xff // in the dispatcher, no immutable
	for name, code := range map[string][]byte{"the token": codeAt(c.TokenAddr), "one byte changed": changed, "no code": nil} {
		if err := contracts.CheckRuntime(code); !errors.Is(err, contracts.ErrNotChannelManager) {
			t.Errorf("%s: got %v, want ErrNotChannelManager", name, err)
		}
	}
}
