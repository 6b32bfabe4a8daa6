package main

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
)

type row struct {
	fn, scenario string
	gas          uint64
}

type run struct {
	c    *chain
	rows []row
	err  error
}

func (r *run) do(fn, scenario string, from simchain.Account, to *bind.BoundContract, value *big.Int, data []byte) {
	if r.err != nil {
		return
	}
	rcpt, err := r.c.transact(from, to, value, data)
	if err != nil {
		r.err = fmt.Errorf("%s (%s): %w", fn, scenario, err)
		return
	}
	r.rows = append(r.rows, row{fn, scenario, rcpt.GasUsed})
}

func (r *run) sign(s *channel.State, key *ecdsa.PrivateKey) []byte {
	d, err := r.c.domain.Digest(s)
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

// secretBatches are the batch sizes registerSecrets is measured at.
var secretBatches = []int{1, 10, 100}

// batchScenario names the registerSecrets row of a batch of n secrets.
func batchScenario(n int) string {
	if n == 1 {
		return "a batch of 1 secret, not registered before"
	}
	return fmt.Sprintf("a batch of %d secrets, none registered before", n)
}

// signOwed signs an owed withdrawal in the chain's domain.
func (r *run) signOwed(w channel.OwedWithdrawal, key *ecdsa.PrivateKey) []byte {
	if r.err != nil {
		return nil
	}
	d, err := r.c.domain.OwedWithdrawalDigest(w)
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

const challengePeriod = 3600

// now is the chain's latest block time.
func (r *run) now() uint64 {
	if r.err != nil {
		return 0
	}
	t, err := r.c.now()
	r.err = err
	return t
}

func (r *run) advance(d time.Duration) {
	if r.err == nil {
		r.err = r.c.advance(d)
	}
}

// measure runs every ChannelManager function on c and returns the gas each used.
func measure(c *chain) ([]row, error) {
	r := &run{c: c}
	hub, alice, bob := c.accounts[0], c.accounts[1], c.accounts[2]
	m, tok := bindings.NewChannelManager(), bindings.NewTestToken()
	for _, a := range c.accounts {
		r.do("TestToken.mint", "test setup (not ChannelManager)", a, c.token, nil, tok.PackMint(a.Addr, eth(1000)))
		r.do("TestToken.approve", "test setup (not ChannelManager)", a, c.token, nil, tok.PackApprove(c.managerAddr, eth(1000)))
	}
	r.do("receive", "hub funds its reserve with ether", hub, c.manager, eth(100), nil)
	r.do("TestToken.transfer", "hub funds its reserve with tokens (test setup)", hub, c.token, nil, tok.PackTransfer(c.managerAddr, eth(100)))

	open := func(a simchain.Account) *channel.State {
		s := channel.NewState(a.Addr)
		s.Nonce.SetInt64(1)
		s.OnchainNonce.SetInt64(1)
		s.PendingWei[channel.UserDeposit], s.PendingToken[channel.UserDeposit] = eth(10), eth(10)
		s.PendingWei[channel.HubDeposit], s.PendingToken[channel.HubDeposit] = eth(10), eth(10)
		s.Timeout.SetUint64(r.now() + 600)
		r.do("userAuthorizedUpdate", "open: user deposits ether and tokens, hub collateral", a, c.manager, eth(10),
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
	w.Timeout.SetUint64(r.now() + 600)
	r.do("hubAuthorizedUpdate", "user withdraws ether and tokens, hub takes collateral back", hub, c.manager, nil,
		m.PackHubAuthorizedUpdate(contracts.State(w), r.sign(w, alice.Key)))

	// A withdrawal to a recipient that refuses ether: it is owed to the user, who takes it.
	refuser := r.deploy(bob, bindings.RefuserMetaData.Bin)
	bw := channel.NewState(bob.Addr)
	bw.Nonce.SetInt64(3)
	bw.OnchainNonce.SetInt64(2)
	bw.Recipient = refuser
	bw.WeiBalances = [2]*big.Int{eth(10), eth(9)}
	bw.TokenBalances = [2]*big.Int{eth(10), eth(10)}
	bw.PendingWei[channel.UserWithdrawal] = eth(1)
	bw.Timeout.SetUint64(r.now() + 600)
	r.do("hubAuthorizedUpdate", "user withdraws ether to a recipient that refuses it: owed to the user", hub, c.manager, nil,
		m.PackHubAuthorizedUpdate(contracts.State(bw), r.sign(bw, bob.Key)))
	r.do("withdrawOwed", "the user takes its owed ether", bob, c.manager, nil, m.PackWithdrawOwed(channel.AssetWei, bob.Addr))
	// Refused again; this time a relayer submits the user's signature for the amount owed.
	bw = bw.Clone()
	bw.Nonce.SetInt64(4)
	bw.OnchainNonce.SetInt64(3)
	bw.WeiBalances = [2]*big.Int{eth(10), eth(8)}
	bw.Timeout.SetUint64(r.now() + 600)
	r.do("hubAuthorizedUpdate", "user withdraws ether to a recipient that refuses it again", hub, c.manager, nil,
		m.PackHubAuthorizedUpdate(contracts.State(bw), r.sign(bw, bob.Key)))
	ow := channel.OwedWithdrawal{Owner: bob.Addr, Asset: channel.AssetWei, To: bob.Addr, Amount: eth(1),
		Nonce: big.NewInt(1), Deadline: new(big.Int).SetUint64(r.now() + 600)} // withdrawOwed used nonce 0
	r.do("withdrawOwedFor", "a relayer submits the user's signature for its owed ether", alice, c.manager, nil,
		m.PackWithdrawOwedFor(bob.Addr, ow.Asset, ow.To, ow.Amount, ow.Deadline, r.signOwed(ow, bob.Key)))

	// A stale close with a lock-free state, answered by a newer one, then by one with two locks.
	stale := channel.NewState(alice.Addr)
	stale.Nonce.SetInt64(4)
	stale.OnchainNonce.SetInt64(2)
	stale.WeiBalances = [2]*big.Int{eth(12), eth(5)}
	stale.TokenBalances = [2]*big.Int{eth(10), eth(9)}
	r.do("startExitWithUpdate", "hub closes with a co-signed state", hub, c.manager, nil,
		m.PackStartExitWithUpdate(contracts.State(stale), r.sign(stale, hub.Key), r.sign(stale, alice.Key)))
	newer := stale.Clone()
	newer.Nonce.SetInt64(5)
	newer.WeiBalances = [2]*big.Int{eth(9), eth(8)}
	r.do("challenge", "a watchtower answers with a newer state", bob, c.manager, nil,
		m.PackChallenge(contracts.State(newer), r.sign(newer, hub.Key), r.sign(newer, alice.Key)))
	secret := common.HexToHash("0x5ec7e7")
	expiry := new(big.Int).SetUint64(r.now() + 7200)
	locks := []channel.Lock{
		{Index: 0, Sender: channel.User, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret), Expiry: expiry},
		{Index: 1, Sender: channel.Hub, AmountWei: eth(1), AmountToken: new(big.Int), Hashlock: channel.HashSecret(common.HexToHash("0x01")), Expiry: expiry},
	}
	root, err := channel.LocksRoot(locks)
	if err != nil {
		return nil, err
	}
	locked := newer.Clone()
	locked.Nonce.SetInt64(6)
	locked.WeiBalances = [2]*big.Int{eth(8), eth(7)}
	locked.LockedWei = [2]*big.Int{eth(1), eth(1)}
	locked.LocksRoot = root
	r.do("challenge", "a newer state with two locks", bob, c.manager, nil,
		m.PackChallenge(contracts.State(locked), r.sign(locked, hub.Key), r.sign(locked, alice.Key)))
	r.do("registerSecret", "first registration", bob, c.manager, nil, m.PackRegisterSecret(secret))
	for _, n := range secretBatches {
		batch := make([]common.Hash, n)
		for i := range batch {
			batch[i] = crypto.Keccak256Hash([]byte(fmt.Sprintf("batch %d secret %d", n, i)))
		}
		r.do("registerSecrets", batchScenario(n), bob, c.manager, nil, contracts.PackRegisterSecrets(batch))
	}
	r.do("startExit", "user closes with the on-chain state", bob, c.manager, nil, m.PackStartExit(bob.Addr))
	r.advance(challengePeriod * time.Second)
	r.do("settle", "pays the user ether and tokens, keeps two locks", bob, c.manager, nil, m.PackSettle(alice.Addr))
	r.do("settle", "pays the user ether and tokens, no locks", bob, c.manager, nil, m.PackSettle(bob.Addr))
	r.do("resolveLocks", "one secret registered in time: pays the hub, the other lock waits", bob, c.manager, nil,
		m.PackResolveLocks(contracts.State(locked), contracts.Locks(locks)))
	r.advance(7200 * time.Second)
	r.do("resolveLocks", "the other expired without secret: back to the hub, the pool closes", bob, c.manager, nil,
		m.PackResolveLocks(contracts.State(locked), contracts.Locks(locks)))
	r.do("hubContractWithdraw", "ether and tokens from the reserve", hub, c.manager, nil, m.PackHubContractWithdraw(eth(1), eth(1)))
	return r.rows, r.err
}

// deploy deploys a contract from a, for the scenarios.
func (r *run) deploy(a simchain.Account, bin string) common.Address {
	if r.err != nil {
		return common.Address{}
	}
	addr, err := r.c.deploy(a, bin)
	r.err = err
	return addr
}
