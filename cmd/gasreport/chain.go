package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
)

// chain is where a measurement runs: a ChannelManager and a TestToken deployed with
// Accounts[0] as the hub, funded accounts, and a clock that can be moved on.
type chain struct {
	accounts    []simchain.Account
	manager     *bind.BoundContract
	token       *bind.BoundContract
	managerAddr common.Address
	domain      channel.Domain
	transact    func(from simchain.Account, to *bind.BoundContract, value *big.Int, data []byte) (*types.Receipt, error)
	deploy      func(from simchain.Account, bin string) (common.Address, error)
	now         func() (uint64, error)
	advance     func(d time.Duration) error
	close       func()
}

// simulated returns go-ethereum's in-process simulated chain.
func simulated() (*chain, error) {
	c, err := simchain.New(simchain.Config{Accounts: 3, ChallengePeriod: challengePeriod})
	if err != nil {
		return nil, err
	}
	return &chain{
		accounts: c.Accounts, manager: c.Manager, token: c.Token, managerAddr: c.ManagerAddr, domain: c.Domain,
		transact: c.Transact,
		deploy: func(from simchain.Account, bin string) (common.Address, error) {
			addr, tx, err := bind.DeployContract(c.Opts(from), common.FromHex(bin), c.Client, nil)
			if err == nil {
				_, err = c.Mine(tx)
			}
			return addr, err
		},
		now:     func() (uint64, error) { return c.Now(), nil },
		advance: c.AdvanceTime,
		close:   func() { c.Close() },
	}, nil
}

// node returns a chain over JSON-RPC at url, whose first three accounts are anvil's
// prefunded development keys (any node with those keys funded will do). It deploys a fresh
// token and manager; the clock moves with evm_increaseTime and evm_mine.
func node(ctx context.Context, url string) (*chain, error) {
	client, err := ethclient.DialContext(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", url, err)
	}
	chainID, err := client.ChainID(ctx)
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("chain id of %s: %w", url, err)
	}
	var accounts []simchain.Account
	for i := range 3 {
		k := anvil.Key(i)
		accounts = append(accounts, simchain.Account{Key: k, Addr: bind.NewKeyedTransactor(k, chainID).From})
	}
	opts := func(a simchain.Account) *bind.TransactOpts {
		o := bind.NewKeyedTransactor(a.Key, chainID)
		o.Context = ctx
		return o
	}
	ch := &chain{accounts: accounts, close: client.Close}
	ch.transact = func(from simchain.Account, to *bind.BoundContract, value *big.Int, data []byte) (*types.Receipt, error) {
		o := opts(from)
		o.Value = value
		tx, err := to.RawTransact(o, data)
		if err != nil {
			return nil, contracts.AsRevert(err)
		}
		rcpt, err := waitMined(ctx, client, tx.Hash())
		if err != nil {
			return nil, err
		}
		if rcpt.Status != types.ReceiptStatusSuccessful {
			return rcpt, fmt.Errorf("transaction %s reverted", tx.Hash())
		}
		return rcpt, nil
	}
	ch.deploy = func(from simchain.Account, bin string) (common.Address, error) {
		addr, tx, err := bind.DeployContract(opts(from), common.FromHex(bin), client, nil)
		if err == nil {
			_, err = waitMined(ctx, client, tx.Hash())
		}
		return addr, err
	}
	ch.now = func() (uint64, error) {
		h, err := client.HeaderByNumber(ctx, nil)
		if err != nil {
			return 0, err
		}
		return h.Time, nil
	}
	ch.advance = func(d time.Duration) error {
		if err := client.Client().CallContext(ctx, nil, "evm_increaseTime", uint64(d/time.Second)); err != nil {
			return fmt.Errorf("evm_increaseTime: %w", err)
		}
		return client.Client().CallContext(ctx, nil, "evm_mine")
	}

	hub := accounts[0]
	tokAddr, tx, err := bind.DeployContract(opts(hub), common.FromHex(bindings.TestTokenMetaData.Bin), client, nil)
	if err == nil {
		_, err = waitMined(ctx, client, tx.Hash())
	}
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("deploy token: %w", err)
	}
	mgrAddr, tx, err := contracts.DeployChannelManager(opts(hub), client, hub.Addr, challengePeriod, tokAddr)
	if err == nil {
		_, err = waitMined(ctx, client, tx.Hash())
	}
	if err != nil {
		client.Close()
		return nil, err
	}
	ch.manager = bindings.NewChannelManager().Instance(client, mgrAddr)
	ch.token = bindings.NewTestToken().Instance(client, tokAddr)
	ch.managerAddr = mgrAddr
	ch.domain = channel.Domain{ChainID: chainID, Contract: mgrAddr}
	return ch, nil
}

// waitMined polls for a transaction's receipt more often than bind.WaitMined (every
// second): anvil mines each transaction as it arrives.
func waitMined(ctx context.Context, client *ethclient.Client, hash common.Hash) (*types.Receipt, error) {
	for {
		rcpt, err := client.TransactionReceipt(ctx, hash)
		if err == nil {
			return rcpt, nil
		}
		if !errors.Is(err, ethereum.NotFound) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
