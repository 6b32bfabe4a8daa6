// Package simchain sets up go-ethereum's in-process simulated chain for tests and the
// demo: funded accounts, a deployed ChannelManager and test token, and helpers that mine
// a transaction and return its receipt.
package simchain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// Ether is 10^18 wei.
var Ether = big.NewInt(params.Ether)

// Account is a funded key on the simulated chain.
type Account struct {
	Key  *ecdsa.PrivateKey
	Addr common.Address
}

// Chain is a simulated chain with a deployed ChannelManager and TestToken.
type Chain struct {
	Backend  *simulated.Backend
	Client   simulated.Client
	ChainID  *big.Int
	Accounts []Account // Accounts[0] is the hub

	Manager     *bind.BoundContract
	ManagerABI  *bindings.ChannelManager
	ManagerAddr common.Address
	DeployBlock uint64
	Token       *bind.BoundContract
	TokenABI    *bindings.TestToken
	TokenAddr   common.Address
	Domain      channel.Domain
}

// Config sets up a Chain.
type Config struct {
	Accounts        int    // funded accounts, the first is the hub; at least 1
	ChallengePeriod uint64 // seconds
	BlockGasLimit   uint64 // default 60,000,000
}

// New starts a simulated chain, funds the accounts with a million ether each and deploys
// a TestToken and a ChannelManager whose hub is Accounts[0].
func New(cfg Config) (*Chain, error) {
	if cfg.Accounts < 1 {
		cfg.Accounts = 1
	}
	if cfg.ChallengePeriod == 0 {
		cfg.ChallengePeriod = 3600
	}
	alloc := types.GenesisAlloc{}
	c := &Chain{}
	fund := new(big.Int).Mul(big.NewInt(1_000_000), Ether)
	for range cfg.Accounts {
		key, err := crypto.GenerateKey()
		if err != nil {
			return nil, err
		}
		a := Account{Key: key, Addr: crypto.PubkeyToAddress(key.PublicKey)}
		c.Accounts = append(c.Accounts, a)
		alloc[a.Addr] = types.Account{Balance: fund}
	}
	if cfg.BlockGasLimit == 0 {
		cfg.BlockGasLimit = 60_000_000
	}
	c.Backend = simulated.NewBackend(alloc, simulated.WithBlockGasLimit(cfg.BlockGasLimit))
	c.Client = c.Backend.Client()
	id, err := c.Client.ChainID(context.Background())
	if err != nil {
		return nil, err
	}
	c.ChainID = id
	c.TokenABI = bindings.NewTestToken()
	hub := c.Accounts[0]
	tokAddr, tx, err := bind.DeployContract(c.Opts(hub), common.FromHex(bindings.TestTokenMetaData.Bin), c.Client, nil)
	if err != nil {
		return nil, fmt.Errorf("deploy token: %w", err)
	}
	if _, err := c.Mine(tx); err != nil {
		return nil, err
	}
	c.TokenAddr = tokAddr
	c.Token = c.TokenABI.Instance(c.Client, tokAddr)
	if err := c.DeployManager(cfg.ChallengePeriod, tokAddr); err != nil {
		return nil, err
	}
	return c, nil
}

// DeployManager deploys a new ChannelManager (hub Accounts[0]) and makes it the Chain's.
func (c *Chain) DeployManager(challengePeriod uint64, token common.Address) error {
	addr, tx, err := contracts.DeployChannelManager(c.Opts(c.Accounts[0]), c.Client, c.Accounts[0].Addr, challengePeriod, token)
	if err != nil {
		return err
	}
	rcpt, err := c.Mine(tx)
	if err != nil {
		return err
	}
	c.ManagerABI = bindings.NewChannelManager()
	c.ManagerAddr = addr
	c.Manager = c.ManagerABI.Instance(c.Client, addr)
	c.DeployBlock = rcpt.BlockNumber.Uint64()
	c.Domain = channel.Domain{ChainID: c.ChainID, Contract: addr}
	return nil
}

// Close stops the chain.
func (c *Chain) Close() error { return c.Backend.Close() }

// Opts returns transaction options signed by a.
func (c *Chain) Opts(a Account) *bind.TransactOpts {
	return bind.NewKeyedTransactor(a.Key, c.ChainID)
}

// WaitPending waits until the pool holds addr's transactions up to nonce next-1 as
// pending: the pool takes transactions in asynchronously, and a block mined before would
// leave them out.
func (c *Chain) WaitPending(addr common.Address, next uint64) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := c.Client.PendingNonceAt(context.Background(), addr)
		if err != nil {
			return err
		}
		if n >= next {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("transactions of %s up to nonce %d never became pending (pending nonce %d)", addr, next-1, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// Mine commits a block with the pending transactions, once tx is among them, and returns
// tx's receipt.
func (c *Chain) Mine(tx *types.Transaction) (*types.Receipt, error) {
	from, err := types.Sender(types.LatestSignerForChainID(c.ChainID), tx)
	if err != nil {
		return nil, err
	}
	if err := c.WaitPending(from, tx.Nonce()+1); err != nil {
		return nil, err
	}
	c.Backend.Commit()
	rcpt, err := c.Client.TransactionReceipt(context.Background(), tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("receipt of %s: %w", tx.Hash(), err)
	}
	return rcpt, nil
}

// Transact sends calldata to contract from a with value wei, mines it and returns the
// receipt. A reverting call fails with the revert reason decoded against the
// ChannelManager's custom errors when possible.
func (c *Chain) Transact(a Account, contract *bind.BoundContract, value *big.Int, calldata []byte) (*types.Receipt, error) {
	opts := c.Opts(a)
	opts.Value = value
	tx, err := contract.RawTransact(opts, calldata)
	if err != nil {
		return nil, c.decodeErr(err)
	}
	rcpt, err := c.Mine(tx)
	if err != nil {
		return nil, err
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return rcpt, fmt.Errorf("transaction %s reverted", tx.Hash())
	}
	return rcpt, nil
}

// RevertError is a call that reverted with a ChannelManager custom error.
type RevertError = contracts.RevertError

func (c *Chain) decodeErr(err error) error { return contracts.AsRevert(err) }

// RevertName returns the custom error name of a reverted call, or "" if err is not one.
func RevertName(err error) string { return contracts.RevertName(err) }

// Balance returns the wei balance of addr at the latest block.
func (c *Chain) Balance(addr common.Address) *big.Int {
	b, err := c.Client.BalanceAt(context.Background(), addr, nil)
	if err != nil {
		panic(err) // the in-process chain does not fail reads
	}
	return b
}

// TokenBalance returns addr's TestToken balance.
func (c *Chain) TokenBalance(addr common.Address) *big.Int {
	v, err := bind.Call(c.Token, nil, c.TokenABI.PackBalanceOf(addr), c.TokenABI.UnpackBalanceOf)
	if err != nil {
		panic(err)
	}
	return v
}

// Now returns the latest block's timestamp.
func (c *Chain) Now() uint64 {
	h, err := c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		panic(err)
	}
	return h.Time
}

// AdvanceTime moves the chain's clock forward by d and mines a block. The simulated chain
// only adjusts time with an empty pool, so whatever is pending is mined first.
func (c *Chain) AdvanceTime(d time.Duration) error {
	var err error
	for range 100 {
		if err = c.Backend.AdjustTime(d); err == nil {
			c.Backend.Commit()
			return nil
		}
		c.Backend.Commit()
		time.Sleep(time.Millisecond)
	}
	return fmt.Errorf("advance time: %w", err)
}
