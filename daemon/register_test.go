package daemon_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/daemon"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/store"
)

type contractsAdded []store.Contract

func (c *contractsAdded) AddContract(_ context.Context, ct store.Contract) error {
	*c = append(*c, ct)
	return nil
}

// TestRegisterLookAlikeRefused: a contract that answers hub() and challengePeriod() as a
// ChannelManager does, but is not one (it could emit any event the tower acts on), was
// registered and watched. Its code is now checked against the committed artifact: the
// error names the address, and nothing is registered; the real manager still is.
func TestRegisterLookAlikeRefused(t *testing.T) {
	c, err := simchain.New(simchain.Config{Accounts: 1, ChallengePeriod: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	input := bindings.NewLookAlike().PackConstructor(c.Accounts[0].Addr, big.NewInt(600))
	fake, tx, err := bind.DeployContract(c.Opts(c.Accounts[0]), common.FromHex(bindings.LookAlikeMetaData.Bin), c.Client, input)
	if err != nil {
		t.Fatal(err)
	}
	c.Backend.Commit()
	if _, err := bind.WaitMined(t.Context(), c.Client, tx.Hash()); err != nil {
		t.Fatal(err)
	}
	var added contractsAdded
	_, err = daemon.RegisterContract(t.Context(), &added, c.Client, c.ChainID, fake, 0)
	if !errors.Is(err, contracts.ErrNotChannelManager) || !strings.Contains(err.Error(), fake.Hex()) || len(added) != 0 {
		t.Fatalf("a look-alike: got %v (registered %d), want ErrNotChannelManager naming %s", err, len(added), fake)
	}
	if _, err := daemon.RegisterContract(t.Context(), &added, c.Client, c.ChainID, c.ManagerAddr, 0); err != nil || len(added) != 1 {
		t.Fatalf("the ChannelManager: %v (registered %d)", err, len(added))
	}
}

// TestRegisterDeployBlockAhead: a deploy_block beyond the head is an error naming both
// numbers, not an indexer waiting in silence; the head itself is accepted.
func TestRegisterDeployBlockAhead(t *testing.T) {
	c, err := simchain.New(simchain.Config{Accounts: 1, ChallengePeriod: 600})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	head, err := c.Client.BlockNumber(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var added contractsAdded
	_, err = daemon.RegisterContract(t.Context(), &added, c.Client, c.ChainID, c.ManagerAddr, head+1000)
	if !errors.Is(err, daemon.ErrDeployBlockAhead) || len(added) != 0 ||
		!strings.Contains(err.Error(), fmt.Sprintf("deploy_block %d, head %d", head+1000, head)) {
		t.Fatalf("deploy_block %d past head %d: %v (registered %d)", head+1000, head, err, len(added))
	}
	if _, err := daemon.RegisterContract(t.Context(), &added, c.Client, c.ChainID, c.ManagerAddr, head); err != nil || len(added) != 1 {
		t.Fatalf("deploy_block at the head: %v", err)
	}
}
