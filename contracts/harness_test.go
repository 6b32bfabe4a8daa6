package contracts_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
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
	more  []simchain.Account
	keys  map[common.Address]*ecdsa.PrivateKey
	m     *bindings.ChannelManager
	tok   *bindings.TestToken
}

func eth(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), simchain.Ether) }

// newEnv starts a chain with the hub, alice, bob, carol and extra more accounts (e.more).
// After the test, whatever it did, the conservation check runs.
func newEnv(t *testing.T, extra ...int) *env {
	t.Helper()
	n := 4
	for _, x := range extra {
		n += x
	}
	c, err := simchain.New(simchain.Config{Accounts: n, ChallengePeriod: challengePeriod})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	e := &env{t: t, c: c, hub: c.Accounts[0], alice: c.Accounts[1], bob: c.Accounts[2], carol: c.Accounts[3],
		more: c.Accounts[4:], keys: map[common.Address]*ecdsa.PrivateKey{}, m: c.ManagerABI, tok: c.TokenABI}
	t.Cleanup(func() {
		e.t = t
		e.checkConservation()
	})
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
// deferred payouts and the hub's reserve account for, summing channels, pools and owed
// payouts from their views: every account's channel and owed payouts, and the pool of
// every settlement that left something locked (found from the Settled events).
func (e *env) checkConservation() {
	e.t.Helper()
	wantWei, wantTok := e.reserve()
	wantWei, wantTok = new(big.Int).Set(wantWei), new(big.Int).Set(wantTok)
	for _, a := range e.c.Accounts {
		ch := e.channel(a.Addr)
		wantWei.Add(wantWei, ch.TotalWei)
		wantTok.Add(wantTok, ch.TotalToken)
		sum := func(b [2]*big.Int, locked *big.Int) *big.Int {
			return new(big.Int).Add(new(big.Int).Add(b[0], b[1]), locked)
		}
		if sum(ch.WeiBalances, ch.LockedWei).Cmp(ch.TotalWei) != 0 || sum(ch.TokenBalances, ch.LockedToken).Cmp(ch.TotalToken) != 0 {
			e.t.Errorf("channel %s: balances and locks do not add up to its totals: %+v", a.Addr, ch)
		}
		owedW, err := callUint(e, e.m.PackOwedWei(a.Addr), e.m.UnpackOwedWei)
		if err != nil {
			e.t.Fatal(err)
		}
		owedT, err := callUint(e, e.m.PackOwedToken(a.Addr), e.m.UnpackOwedToken)
		if err != nil {
			e.t.Fatal(err)
		}
		wantWei.Add(wantWei, owedW)
		wantTok.Add(wantTok, owedT)
	}
	for _, k := range e.pools() {
		p, err := bind.Call(e.c.Manager, nil, e.m.PackGetLockPool(k.user, k.nonce), e.m.UnpackGetLockPool)
		if err != nil {
			e.t.Fatal(err)
		}
		wantWei.Add(wantWei, p.HeldWei)
		wantTok.Add(wantTok, p.HeldToken)
	}
	if got := e.c.Balance(e.c.ManagerAddr); got.Cmp(wantWei) != 0 {
		e.t.Errorf("contract holds %s wei, channels+pools+owed+reserve account for %s", got, wantWei)
	}
	if got := e.c.TokenBalance(e.c.ManagerAddr); got.Cmp(wantTok) != 0 {
		e.t.Errorf("contract holds %s tokens, channels+pools+owed+reserve account for %s", got, wantTok)
	}
}

type poolKey struct {
	user  common.Address
	nonce *big.Int
}

// pools lists the settlements that left something locked.
func (e *env) pools() []poolKey {
	e.t.Helper()
	logs, err := e.c.Client.FilterLogs(context.Background(), ethereum.FilterQuery{Addresses: []common.Address{e.c.ManagerAddr}})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []poolKey
	for i := range logs {
		if ev, err := e.m.UnpackSettledEvent(&logs[i]); err == nil && (ev.LockedWei.Sign() > 0 || ev.LockedToken.Sign() > 0) {
			out = append(out, poolKey{ev.User, ev.Nonce})
		}
	}
	return out
}

// resolveLocks resolves the decided locks of the settled state s, from carol.
func (e *env) resolveLocks(s *channel.State, locks []channel.Lock) (*types.Receipt, error) {
	return e.send(e.carol, e.c.Manager, nil, e.m.PackResolveLocks(contracts.State(s), contracts.Locks(locks)))
}

func (e *env) owed(owner common.Address) (wei, tok *big.Int) {
	e.t.Helper()
	w, err := callUint(e, e.m.PackOwedWei(owner), e.m.UnpackOwedWei)
	if err != nil {
		e.t.Fatal(err)
	}
	k, err := callUint(e, e.m.PackOwedToken(owner), e.m.UnpackOwedToken)
	if err != nil {
		e.t.Fatal(err)
	}
	return w, k
}

func callUint(e *env, data []byte, unpack func([]byte) (*big.Int, error)) (*big.Int, error) {
	return bind.Call(e.c.Manager, nil, data, unpack)
}
