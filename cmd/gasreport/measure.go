package main

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/simchain"
)

type row struct {
	fn, scenario string
	gas          uint64
}

type run struct {
	c    *simchain.Chain
	rows []row
	err  error
}

func (r *run) do(fn, scenario string, from simchain.Account, to *bind.BoundContract, value *big.Int, data []byte) {
	if r.err != nil {
		return
	}
	rcpt, err := r.c.Transact(from, to, value, data)
	if err != nil {
		r.err = fmt.Errorf("%s (%s): %w", fn, scenario, err)
		return
	}
	r.rows = append(r.rows, row{fn, scenario, rcpt.GasUsed})
}

func (r *run) sign(s *channel.State, key *ecdsa.PrivateKey) []byte {
	d, err := r.c.Domain.Digest(s)
	if err != nil {
		r.err = err
		return nil
	}
	sig, err := channel.Sign(d, key)
	if err != nil {
		r.err = err
	}
	return sig
}

func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), simchain.Ether) }

func measure() ([]row, error) {
	c, err := simchain.New(simchain.Config{Accounts: 3, ChallengePeriod: 3600})
	if err != nil {
		return nil, err
	}
	defer c.Close()
	r := &run{c: c}
	hub, alice, bob := c.Accounts[0], c.Accounts[1], c.Accounts[2]
	m, tok := c.ManagerABI, c.TokenABI
	for _, a := range c.Accounts {
		r.do("TestToken.mint", "test setup (not ChannelManager)", a, c.Token, nil, tok.PackMint(a.Addr, eth(1000)))
		r.do("TestToken.approve", "test setup (not ChannelManager)", a, c.Token, nil, tok.PackApprove(c.ManagerAddr, eth(1000)))
	}
	r.do("receive", "hub funds its reserve with ether", hub, c.Manager, eth(100), nil)
	r.do("TestToken.transfer", "hub funds its reserve with tokens (test setup)", hub, c.Token, nil, tok.PackTransfer(c.ManagerAddr, eth(100)))

	open := func(a simchain.Account) *channel.State {
		s := channel.NewState(a.Addr)
		s.Nonce.SetInt64(1)
		s.OnchainNonce.SetInt64(1)
		s.PendingWei[channel.UserDeposit], s.PendingToken[channel.UserDeposit] = eth(10), eth(10)
		s.PendingWei[channel.HubDeposit], s.PendingToken[channel.HubDeposit] = eth(10), eth(10)
		s.Timeout.SetUint64(c.Now() + 600)
		r.do("userAuthorizedUpdate", "open: user deposits ether and tokens, hub collateral", a, c.Manager, eth(10),
			m.PackUserAuthorizedUpdate(contracts.State(s), r.sign(s, hub.Key)))
		return s
	}
	open(alice)
	open(bob)

	w := channel.NewState(alice.Addr)
	w.Nonce.SetInt64(3)
	w.OnchainNonce.SetInt64(2)
	w.WeiBalances = [2]*big.Int{eth(9), eth(8)}
	w.TokenBalances = [2]*big.Int{eth(10), eth(9)}
	w.PendingWei[channel.UserWithdrawal], w.PendingWei[channel.HubWithdrawal] = eth(2), eth(1)
	w.PendingToken[channel.UserWithdrawal] = eth(1)
	w.Timeout.SetUint64(c.Now() + 600)
	r.do("hubAuthorizedUpdate", "user withdraws ether and tokens, hub takes collateral back", hub, c.Manager, nil,
		m.PackHubAuthorizedUpdate(contracts.State(w), r.sign(w, alice.Key)))

	// A stale close with a lock-free state, answered by a newer state with two locks.
	stale := channel.NewState(alice.Addr)
	stale.Nonce.SetInt64(4)
	stale.OnchainNonce.SetInt64(2)
	stale.WeiBalances = [2]*big.Int{eth(12), eth(5)}
	stale.TokenBalances = [2]*big.Int{eth(10), eth(9)}
	r.do("startExitWithUpdate", "hub closes with a co-signed state", hub, c.Manager, nil,
		m.PackStartExitWithUpdate(contracts.State(stale), r.sign(stale, hub.Key), r.sign(stale, alice.Key)))
	secret := common.HexToHash("0x5ec7e7")
	locks := []channel.Lock{
		{Sender: channel.User, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret), Expiry: new(big.Int).SetUint64(c.Now() + 7200)},
		{Sender: channel.Hub, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: channel.HashSecret(common.HexToHash("0x01")), Expiry: new(big.Int).SetUint64(c.Now() + 7200)},
	}
	tree, err := channel.NewLockTree(locks)
	if err != nil {
		return nil, err
	}
	newer := stale.Clone()
	newer.Nonce.SetInt64(5)
	newer.WeiBalances = [2]*big.Int{eth(8), eth(7)}
	newer.LockedWei = [2]*big.Int{eth(1), eth(1)}
	newer.LocksRoot = tree.Root()
	r.do("challenge", "a watchtower answers with a newer state with two locks", bob, c.Manager, nil,
		m.PackChallenge(contracts.State(newer), r.sign(newer, hub.Key), r.sign(newer, alice.Key)))
	r.do("registerSecret", "first registration", bob, c.Manager, nil, m.PackRegisterSecret(secret))
	r.do("startExit", "user closes with the on-chain state", bob, c.Manager, nil, m.PackStartExit(bob.Addr))
	if r.err == nil {
		r.err = c.AdvanceTime(3600 * time.Second)
	}
	r.do("settle", "pays the user ether and tokens, keeps two locks", bob, c.Manager, nil, m.PackSettle(alice.Addr))
	r.do("settle", "pays the user ether and tokens, no locks", bob, c.Manager, nil, m.PackSettle(bob.Addr))
	p0, _ := tree.Proof(0)
	r.do("resolveLock", "secret registered in time: pays the hub", bob, c.Manager, nil,
		m.PackResolveLock(alice.Addr, big.NewInt(5), contracts.Lock(&locks[0]), contracts.Proof(p0)))
	if r.err == nil {
		r.err = c.AdvanceTime(7200 * time.Second)
	}
	p1, _ := tree.Proof(1)
	r.do("resolveLock", "expired without secret: refunds the hub", bob, c.Manager, nil,
		m.PackResolveLock(alice.Addr, big.NewInt(5), contracts.Lock(&locks[1]), contracts.Proof(p1)))
	r.do("hubContractWithdraw", "ether and tokens from the reserve", hub, c.Manager, nil, m.PackHubContractWithdraw(eth(1), eth(1)))
	return r.rows, r.err
}
