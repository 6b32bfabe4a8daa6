package contracts_test

import (
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
)

const challengePeriod = 3600

// env is a simulated chain with a ChannelManager, a hub with a funded reserve, and users
// holding ether and tokens that they approved to the manager.
type env struct {
	t     *testing.T
	c     *simchain.Chain
	hub   simchain.Account
	alice simchain.Account
	bob   simchain.Account
	carol simchain.Account // neither hub nor user: a watchtower
	keys  map[common.Address]*ecdsa.PrivateKey
	m     *bindings.ChannelManager
	tok   *bindings.TestToken
}

func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), simchain.Ether) }

func newEnv(t *testing.T) *env {
	t.Helper()
	c, err := simchain.New(simchain.Config{Accounts: 4, ChallengePeriod: challengePeriod})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	e := &env{t: t, c: c, hub: c.Accounts[0], alice: c.Accounts[1], bob: c.Accounts[2], carol: c.Accounts[3],
		keys: map[common.Address]*ecdsa.PrivateKey{}, m: c.ManagerABI, tok: c.TokenABI}
	for _, a := range c.Accounts {
		e.keys[a.Addr] = a.Key
		e.must(e.send(a, c.Token, nil, e.tok.PackMint(a.Addr, eth(1000))))
		e.must(e.send(a, c.Token, nil, e.tok.PackApprove(c.ManagerAddr, eth(1000))))
	}
	// The hub funds its reserve with a plain transfer of ether and tokens.
	e.must(e.send(e.hub, c.Manager, eth(500), nil))
	e.must(e.send(e.hub, c.Token, nil, e.tok.PackTransfer(c.ManagerAddr, eth(500))))
	return e
}

func (e *env) must(_ *types.Receipt, err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) send(from simchain.Account, to *bind.BoundContract, value *big.Int, data []byte) (*types.Receipt, error) {
	return e.c.Transact(from, to, value, data)
}

// expectRevert checks that err is the named ChannelManager custom error.
func (e *env) expectRevert(err error, name string) {
	e.t.Helper()
	if err == nil {
		e.t.Fatalf("call succeeded, want revert %s", name)
	}
	if got := simchain.RevertName(err); got != name {
		e.t.Fatalf("reverted with %q (%v), want %s", got, err, name)
	}
}

// state returns a zeroed state for user a at the given nonces.
func state(a simchain.Account, nonce, onchainNonce int64) *channel.State {
	s := channel.NewState(a.Addr)
	s.Nonce.SetInt64(nonce)
	s.OnchainNonce.SetInt64(onchainNonce)
	return s
}

func (e *env) signWith(d channel.Domain, s *channel.State, signer common.Address) []byte {
	e.t.Helper()
	digest, err := d.Digest(s)
	if err != nil {
		e.t.Fatal(err)
	}
	sig, err := channel.Sign(digest, e.keys[signer])
	if err != nil {
		e.t.Fatal(err)
	}
	return sig
}

func (e *env) sigs(s *channel.State) (sigHub, sigUser []byte) {
	return e.signWith(e.c.Domain, s, e.hub.Addr), e.signWith(e.c.Domain, s, s.User)
}

func (e *env) hubUpdate(s *channel.State) error {
	_, err := e.send(e.hub, e.c.Manager, nil, e.m.PackHubAuthorizedUpdate(contracts.State(s), e.signWith(e.c.Domain, s, s.User)))
	return err
}

func (e *env) userUpdate(from simchain.Account, s *channel.State, value *big.Int) error {
	_, err := e.send(from, e.c.Manager, value, e.m.PackUserAuthorizedUpdate(contracts.State(s), e.signWith(e.c.Domain, s, e.hub.Addr)))
	return err
}

func (e *env) startExit(from simchain.Account, user common.Address) error {
	_, err := e.send(from, e.c.Manager, nil, e.m.PackStartExit(user))
	return err
}

func (e *env) exitWithUpdate(from simchain.Account, s *channel.State) error {
	h, u := e.sigs(s)
	_, err := e.send(from, e.c.Manager, nil, e.m.PackStartExitWithUpdate(contracts.State(s), h, u))
	return err
}

func (e *env) challenge(from simchain.Account, s *channel.State) error {
	h, u := e.sigs(s)
	_, err := e.send(from, e.c.Manager, nil, e.m.PackChallenge(contracts.State(s), h, u))
	return err
}

func (e *env) settle(from simchain.Account, user common.Address) error {
	_, err := e.send(from, e.c.Manager, nil, e.m.PackSettle(user))
	return err
}

func (e *env) channel(user common.Address) bindings.ChannelManagerChannel {
	e.t.Helper()
	ch, err := bind.Call(e.c.Manager, nil, e.m.PackGetChannel(user), e.m.UnpackGetChannel)
	if err != nil {
		e.t.Fatal(err)
	}
	return ch
}

func (e *env) reserve() (wei, tok *big.Int) {
	e.t.Helper()
	w, err := bind.Call(e.c.Manager, nil, e.m.PackHubReserveWei(), e.m.UnpackHubReserveWei)
	if err != nil {
		e.t.Fatal(err)
	}
	k, err := bind.Call(e.c.Manager, nil, e.m.PackHubReserveTokens(), e.m.UnpackHubReserveTokens)
	if err != nil {
		e.t.Fatal(err)
	}
	return w, k
}

// advance moves the chain's clock forward and mines a block.
func (e *env) advance(d time.Duration) {
	e.t.Helper()
	if err := e.c.AdvanceTime(d); err != nil {
		e.t.Fatal(err)
	}
}

// open deposits into user a's channel: the user's ether and tokens and the hub's
// collateral from its reserve, in one user-authorized update at onchainNonce 1.
func (e *env) open(a simchain.Account, userWei, userTok, hubWei, hubTok int64) *channel.State {
	e.t.Helper()
	s := state(a, 1, 1)
	s.PendingWei[channel.UserDeposit] = eth(userWei)
	s.PendingToken[channel.UserDeposit] = eth(userTok)
	s.PendingWei[channel.HubDeposit] = eth(hubWei)
	s.PendingToken[channel.HubDeposit] = eth(hubTok)
	s.Timeout.SetUint64(e.c.Now() + 600)
	if err := e.userUpdate(a, s, eth(userWei)); err != nil {
		e.t.Fatal(err)
	}
	// The confirmed state folds the deposits into the balances.
	conf := state(a, 2, 1)
	conf.WeiBalances = [2]*big.Int{eth(hubWei), eth(userWei)}
	conf.TokenBalances = [2]*big.Int{eth(hubTok), eth(userTok)}
	return conf
}

// checkConservation asserts that the contract holds exactly what channels, lock pools,
// deferred payouts and the hub's reserve account for, summing channels from their views.
func (e *env) checkConservation(users []common.Address, pools map[common.Address][]*big.Int) {
	e.t.Helper()
	wantWei, wantTok := e.reserve()
	wantWei, wantTok = new(big.Int).Set(wantWei), new(big.Int).Set(wantTok)
	for _, u := range users {
		ch := e.channel(u)
		for i := range 2 {
			wantWei.Add(wantWei, ch.WeiBalances[i]).Add(wantWei, ch.LockedWei[i])
			wantTok.Add(wantTok, ch.TokenBalances[i]).Add(wantTok, ch.LockedToken[i])
		}
		owedW, _ := bind.Call(e.c.Manager, nil, e.m.PackOwedWei(u), e.m.UnpackOwedWei)
		owedT, _ := bind.Call(e.c.Manager, nil, e.m.PackOwedToken(u), e.m.UnpackOwedToken)
		wantWei.Add(wantWei, owedW)
		wantTok.Add(wantTok, owedT)
		for _, n := range pools[u] {
			p, err := bind.Call(e.c.Manager, nil, e.m.PackGetLockPool(u, n), e.m.UnpackGetLockPool)
			if err != nil {
				e.t.Fatal(err)
			}
			for i := range 2 {
				wantWei.Add(wantWei, p.RemainingWei[i])
				wantTok.Add(wantTok, p.RemainingToken[i])
			}
		}
	}
	if got := e.c.Balance(e.c.ManagerAddr); got.Cmp(wantWei) != 0 {
		e.t.Errorf("contract holds %s wei, channels+pools+owed+reserve account for %s", got, wantWei)
	}
	if got := e.c.TokenBalance(e.c.ManagerAddr); got.Cmp(wantTok) != 0 {
		e.t.Errorf("contract holds %s tokens, channels+pools+owed+reserve account for %s", got, wantTok)
	}
}

func callUint(e *env, data []byte, unpack func([]byte) (*big.Int, error)) (*big.Int, error) {
	return bind.Call(e.c.Manager, nil, data, unpack)
}
