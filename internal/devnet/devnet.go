// Package devnet sets up a local Vigil stack on a development node in one step: a token
// and a ChannelManager deployed, the hub's reserve funded, and the configs, keystores and
// password file of a hub, a watchtower and two wallets written into one directory, with
// the commands that run them (`hub devnet`).
//
// It is tooling at the top, beside the processes: it wires hubd's deployment and towerd's
// first-run setup together, and nothing but cmd/hub and tests import it.
package devnet

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/vigil-hub/vigil/internal/redact"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/hubd"
	"github.com/vigil-hub/vigil/internal/foundry"
)

// Options say where the stack's node is and where its programs listen.
type Options struct {
	Dir string // receives every file; created when missing
	// RPC is the node's HTTP URL; WS its WebSocket URL, when it has one (the hub and the
	// tower then wake on new heads).
	RPC, WS string
	// Faucet pays for the token, and funds every account; anvil's first test account
	// when nil.
	Faucet *ecdsa.PrivateKey
	// ChallengePeriod is the ChannelManager's dispute window.
	ChallengePeriod time.Duration
	// HubListen, HubOps, TowerListen and TowerOps are the programs' listen addresses.
	HubListen, HubOps, TowerListen, TowerOps string
	// Sent is told each transaction's purpose as soon as it is sent (nil: nothing).
	Sent func(what string, tx common.Hash)
}

// Amounts the stack's accounts are given, in ether (and, for the token, whole units).
const (
	hubEther, reserveEther, userEther, towerEther = 200, 100, 100, 10
	tokenUnits                                    = 1000
)

// Stack is what Setup deployed and wrote.
type Stack struct {
	ChainID                 *big.Int
	Token, Manager          common.Address
	DeployBlock             uint64
	Hub, Alice, Bob, Tower  common.Address
	HubConfig, TowerConfig  string
	AliceConfig, BobConfig  string
	PasswordFile            string
	ReserveEther, UserEther int
}

// ErrExists is returned when Dir already holds a stack.
var ErrExists = errors.New("already holds a stack")

// Setup deploys and writes the stack. It writes nothing into a directory that holds a
// hub.yaml already.
func Setup(ctx context.Context, o Options) (*Stack, error) {
	if _, err := os.Stat(filepath.Join(o.Dir, "hub.yaml")); err == nil {
		return nil, fmt.Errorf("devnet: %s %w (hub.yaml); remove it or choose another --dir", o.Dir, ErrExists)
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	o.Dir = dir
	if o.Faucet == nil {
		o.Faucet = foundry.DevKey(0)
	}
	if o.Sent == nil {
		o.Sent = func(string, common.Hash) {}
	}
	s, err := setup(ctx, o)
	return s, redact.URLError(err, o.RPC) // an RPC URL may carry a key
}

func setup(ctx context.Context, o Options) (*Stack, error) {
	c, err := ethclient.DialContext(ctx, o.RPC)
	if err != nil {
		return nil, fmt.Errorf("devnet: the RPC URL does not dial: %w", err)
	}
	defer c.Close()
	s := &Stack{ReserveEther: reserveEther, UserEther: userEther}
	if s.ChainID, err = c.ChainID(ctx); err != nil {
		return nil, fmt.Errorf("devnet: the node did not give its chain id: %w", err)
	}
	faucet := crypto.PubkeyToAddress(o.Faucet.PublicKey)
	need := ether(hubEther + 2*userEther + towerEther + 1)
	if bal, err := c.BalanceAt(ctx, faucet, nil); err != nil {
		return nil, fmt.Errorf("devnet: the faucet's balance: %w", err)
	} else if bal.Cmp(need) < 0 {
		return nil, fmt.Errorf("devnet: the faucet %s holds %s wei on chain %s, below the %s ether the stack needs: "+
			"use a development node that funds anvil's test accounts", faucet, bal, s.ChainID, formatEther(need))
	}
	keys := map[string]*ecdsa.PrivateKey{}
	for _, name := range []string{"hub", "alice", "bob", "tower"} {
		if keys[name], err = crypto.GenerateKey(); err != nil {
			return nil, fmt.Errorf("devnet: generate a key: %w", err)
		}
	}
	addr := func(name string) common.Address { return crypto.PubkeyToAddress(keys[name].PublicKey) }
	s.Hub, s.Alice, s.Bob, s.Tower = addr("hub"), addr("alice"), addr("bob"), addr("tower")

	tx := txs{ctx: ctx, c: c, chainID: s.ChainID, sent: o.Sent}
	// The faucet deploys the token and funds every account; the hub deploys its manager.
	tok, deployTx, err := bind.DeployContract(tx.opts(o.Faucet, nil), common.FromHex(bindings.TestTokenMetaData.Bin), c, nil)
	if err != nil {
		return nil, fmt.Errorf("devnet: deploy the token: %w", explain(err))
	}
	o.Sent("the token", deployTx.Hash())
	s.Token = tok
	tx.send(o.Faucet, s.Hub, ether(hubEther), nil, "the hub's ether")
	tx.send(o.Faucet, s.Alice, ether(userEther), nil, "alice's ether")
	tx.send(o.Faucet, s.Bob, ether(userEther), nil, "bob's ether")
	tx.send(o.Faucet, s.Tower, ether(towerEther), nil, "the tower's ether")
	if err := tx.wait(); err != nil {
		return nil, err
	}
	d, err := hubd.Deploy(ctx, hubd.DeployOptions{RPC: o.RPC, Key: keys["hub"], ChallengePeriod: uint64(o.ChallengePeriod / time.Second),
		Token: s.Token, Sent: func(h common.Hash) { o.Sent("the ChannelManager", h) }})
	if err != nil {
		return nil, err
	}
	s.Manager, s.DeployBlock = d.Address, d.Block
	token := bindings.NewTestToken()
	tx.send(keys["hub"], s.Manager, ether(reserveEther), nil, "the hub's reserve")
	for _, to := range []struct {
		who  string
		addr common.Address
	}{{"the hub's token reserve", s.Manager}, {"alice's tokens", s.Alice}, {"bob's tokens", s.Bob}} {
		tx.send(o.Faucet, s.Token, nil, token.PackMint(to.addr, ether(tokenUnits)), to.who)
	}
	if err := tx.wait(); err != nil {
		return nil, err
	}
	if err := s.write(o, keys); err != nil {
		return nil, err
	}
	return s, nil
}

// ether is n ether in wei (and n whole units of an 18-decimal token).
func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

// newPassword is a random password for the stack's keystores.
func newPassword() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
