package contracts_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
)

func TestUserDepositAndHubCollateral(t *testing.T) {
	e := newEnv(t)
	reserveWei, reserveTok := e.reserve()
	userWei, userTok := e.c.Balance(e.alice.Addr), e.c.TokenBalance(e.alice.Addr)

	e.open(e.alice, 10, 20, 5, 7)

	ch := e.channel(e.alice.Addr)
	if ch.WeiBalances[0].Cmp(eth(5)) != 0 || ch.WeiBalances[1].Cmp(eth(10)) != 0 {
		t.Errorf("wei balances %v, want [5 10] ether", ch.WeiBalances)
	}
	if ch.TokenBalances[0].Cmp(eth(7)) != 0 || ch.TokenBalances[1].Cmp(eth(20)) != 0 {
		t.Errorf("token balances %v, want [7 20] ether", ch.TokenBalances)
	}
	if ch.Nonce.Int64() != 1 || ch.OnchainNonce.Int64() != 1 {
		t.Errorf("nonces %v/%v, want 1/1", ch.Nonce, ch.OnchainNonce)
	}
	w, k := e.reserve()
	if d := new(big.Int).Sub(reserveWei, w); d.Cmp(eth(5)) != 0 {
		t.Errorf("reserve wei fell by %s, want 5 ether", d)
	}
	if d := new(big.Int).Sub(reserveTok, k); d.Cmp(eth(7)) != 0 {
		t.Errorf("reserve tokens fell by %s, want 7 ether", d)
	}
	if d := new(big.Int).Sub(userTok, e.c.TokenBalance(e.alice.Addr)); d.Cmp(eth(20)) != 0 {
		t.Errorf("user paid %s tokens, want 20 ether", d)
	}
	if paid := new(big.Int).Sub(userWei, e.c.Balance(e.alice.Addr)); paid.Cmp(eth(10)) <= 0 {
		t.Errorf("user paid %s wei, want 10 ether plus gas", paid)
	}
	e.checkConservation()
}

func TestWithdrawals(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 10, 20, 5, 7)
	reserveWei, reserveTok := e.reserve()

	// The user withdraws 4 ether and 6 tokens to a fresh recipient; the hub takes 2 ether
	// of collateral back to its reserve. Balances already exclude the withdrawals.
	recipient := common.HexToAddress("0x00000000000000000000000000000000000000Aa")
	s := conf.Clone()
	s.Nonce.SetInt64(3)
	s.OnchainNonce.SetInt64(2)
	s.Recipient = recipient
	s.WeiBalances = [2]*big.Int{eth(3), eth(6)}
	s.TokenBalances = [2]*big.Int{eth(7), eth(14)}
	s.PendingWei[channel.UserWithdrawal] = eth(4)
	s.PendingWei[channel.HubWithdrawal] = eth(2)
	s.PendingToken[channel.UserWithdrawal] = eth(6)
	s.Timeout.SetUint64(e.c.Now() + 600)
	if err := e.hubUpdate(s); err != nil {
		t.Fatal(err)
	}
	if got := e.c.Balance(recipient); got.Cmp(eth(4)) != 0 {
		t.Errorf("recipient got %s wei, want 4 ether", got)
	}
	if got := e.c.TokenBalance(recipient); got.Cmp(eth(6)) != 0 {
		t.Errorf("recipient got %s tokens, want 6 ether", got)
	}
	w, k := e.reserve()
	if d := new(big.Int).Sub(w, reserveWei); d.Cmp(eth(2)) != 0 {
		t.Errorf("reserve wei grew by %s, want 2 ether", d)
	}
	if k.Cmp(reserveTok) != 0 {
		t.Errorf("reserve tokens changed from %s to %s", reserveTok, k)
	}
	ch := e.channel(e.alice.Addr)
	if ch.WeiBalances[0].Cmp(eth(3)) != 0 || ch.WeiBalances[1].Cmp(eth(6)) != 0 {
		t.Errorf("wei balances %v, want [3 6] ether", ch.WeiBalances)
	}
	e.checkConservation()
}

func TestAuthorizedUpdateRejections(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 10, 0, 5, 0)
	other := common.HexToAddress("0x000000000000000000000000000000000000dEaD")

	// next returns a valid proposal after conf: the hub deposits 1 ether more.
	next := func() *channel.State {
		s := conf.Clone()
		s.Nonce.SetInt64(3)
		s.OnchainNonce.SetInt64(2)
		s.PendingWei[channel.HubDeposit] = eth(1)
		s.Timeout.SetUint64(e.c.Now() + 600)
		return s
	}
	hubCall := func(s *channel.State, sig []byte) error {
		_, err := e.send(e.hub, e.c.Manager, nil, e.m.PackHubAuthorizedUpdate(contracts.State(s), sig))
		return err
	}
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"wrong signer/hub signs for user", func() error {
			s := next()
			return hubCall(s, e.signWith(e.c.Domain, s, e.hub.Addr))
		}, "InvalidSignature"},
		{"wrong signer/another user", func() error {
			s := next()
			return hubCall(s, e.signWith(e.c.Domain, s, e.bob.Addr))
		}, "InvalidSignature"},
		{"signature for another chain id", func() error {
			s := next()
			return hubCall(s, e.signWith(channel.Domain{ChainID: big.NewInt(1), Contract: e.c.ManagerAddr}, s, s.User))
		}, "InvalidSignature"},
		{"signature for another contract", func() error {
			s := next()
			return hubCall(s, e.signWith(channel.Domain{ChainID: e.c.ChainID, Contract: other}, s, s.User))
		}, "InvalidSignature"},
		{"malformed signature", func() error { return hubCall(next(), []byte{1, 2, 3}) }, "MalformedSignature"},
		{"equal nonce", func() error {
			s := next()
			s.Nonce.SetInt64(1)
			return e.hubUpdate(s)
		}, "StaleNonce"},
		{"lower nonce", func() error {
			s := next()
			s.Nonce.SetInt64(0)
			return e.hubUpdate(s)
		}, "StaleNonce"},
		{"onchain nonce skips", func() error {
			s := next()
			s.OnchainNonce.SetInt64(3)
			return e.hubUpdate(s)
		}, "WrongOnchainNonce"},
		{"onchain nonce repeats", func() error {
			s := next()
			s.OnchainNonce.SetInt64(1)
			return e.hubUpdate(s)
		}, "WrongOnchainNonce"},
		{"timed out", func() error {
			s := next()
			s.Timeout.SetUint64(e.c.Now() - 1)
			return e.hubUpdate(s)
		}, "StateTimedOut"},
		{"pending operations without a timeout", func() error {
			s := next()
			s.Timeout.SetUint64(0)
			return e.hubUpdate(s)
		}, "MissingTimeout"},
		{"pending operations without a timeout/user update", func() error {
			s := next()
			s.Timeout.SetUint64(0)
			return e.userUpdate(e.alice, s, nil)
		}, "MissingTimeout"},
		{"nonce/2^256-1", func() error {
			s := next()
			s.Nonce = channel.MaxUint256()
			return e.hubUpdate(s)
		}, "NonceTooFar"},
		{"nonce/more than 2^64 ahead", func() error {
			s := next()
			s.Nonce = new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(2))
			return e.hubUpdate(s)
		}, "NonceTooFar"},

		{"balances create funds", func() error {
			s := next()
			s.WeiBalances[channel.User] = eth(11)
			return e.hubUpdate(s)
		}, "BalanceMismatch"},
		{"hub deposit beyond reserve", func() error {
			s := next()
			s.PendingWei[channel.HubDeposit] = eth(100_000)
			return e.hubUpdate(s)
		}, "InsufficientReserve"},
		{"user deposit through hub", func() error {
			s := next()
			s.PendingWei[channel.UserDeposit] = eth(1)
			return e.hubUpdate(s)
		}, "UserDepositNotAllowed"},
		{"not the hub", func() error {
			s := next()
			_, err := e.send(e.bob, e.c.Manager, nil, e.m.PackHubAuthorizedUpdate(contracts.State(s), e.signWith(e.c.Domain, s, s.User)))
			return err
		}, "NotHub"},
		{"user update by another address", func() error { return e.userUpdate(e.bob, next(), nil) }, "NotUser"},
		{"user update with wrong value", func() error {
			s := next()
			s.PendingWei[channel.UserDeposit] = eth(2)
			return e.userUpdate(e.alice, s, eth(1))
		}, "WrongDepositValue"},
		{"user update signed by user", func() error {
			s := next()
			_, err := e.send(e.alice, e.c.Manager, nil, e.m.PackUserAuthorizedUpdate(contracts.State(s), e.signWith(e.c.Domain, s, s.User)))
			return err
		}, "InvalidSignature"},
	}
	before := e.channel(e.alice.Addr)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.t = t
			e.expectRevert(tc.run(), tc.want)
		})
	}
	e.t = t
	after := e.channel(e.alice.Addr)
	if after.Nonce.Cmp(before.Nonce) != 0 || after.WeiBalances[1].Cmp(before.WeiBalances[1]) != 0 {
		t.Errorf("a rejected update changed the channel: %+v -> %+v", before, after)
	}
	// The valid proposal still goes through afterwards.
	if err := e.hubUpdate(next()); err != nil {
		t.Fatal(err)
	}
}

func TestTokenReturningFalse(t *testing.T) {
	e := newEnv(t)
	e.must(e.send(e.hub, e.c.Token, nil, e.tok.PackSetReturnFalse(true)))
	s := state(e.alice, 1, 1)
	s.PendingToken[channel.UserDeposit] = eth(1)
	s.Timeout.SetUint64(e.c.Now() + 600)
	e.expectRevert(e.userUpdate(e.alice, s, nil), "TokenTransferFailed")
}

func TestHubReserveWithdrawal(t *testing.T) {
	e := newEnv(t)
	e.open(e.alice, 1, 1, 100, 100)
	w, k := e.reserve()
	_, err := e.send(e.alice, e.c.Manager, nil, e.m.PackHubContractWithdraw(eth(1), big.NewInt(0)))
	e.expectRevert(err, "NotHub")
	_, err = e.send(e.hub, e.c.Manager, nil, e.m.PackHubContractWithdraw(new(big.Int).Add(w, big.NewInt(1)), big.NewInt(0)))
	e.expectRevert(err, "InsufficientReserve")
	tokBefore := e.c.TokenBalance(e.hub.Addr)
	e.must(e.send(e.hub, e.c.Manager, nil, e.m.PackHubContractWithdraw(w, k)))
	if w2, k2 := e.reserve(); w2.Sign() != 0 || k2.Sign() != 0 {
		t.Errorf("reserve after withdrawing all: %s wei, %s tokens", w2, k2)
	}
	if got := new(big.Int).Sub(e.c.TokenBalance(e.hub.Addr), tokBefore); got.Cmp(k) != 0 {
		t.Errorf("hub received %s tokens, want %s", got, k)
	}
	// Channel funds are not the hub's reserve: the channel still holds its collateral.
	if ch := e.channel(e.alice.Addr); ch.WeiBalances[0].Cmp(eth(100)) != 0 {
		t.Errorf("hub collateral %s after reserve withdrawal, want 100 ether", ch.WeiBalances[0])
	}
	e.checkConservation()
}

// TestMaxNonceCannotBrickAChannel: a co-signed state at nonce 2^256-1 (or far ahead) is
// refused by updates and disputes alike, so the channel keeps nonces for later states; a
// state just within the step is accepted.
func TestMaxNonceCannotBrickAChannel(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 10, 0, 10, 0)
	for _, n := range []*big.Int{channel.MaxUint256(), new(big.Int).Lsh(big.NewInt(1), 120)} {
		s := conf.Clone()
		s.Nonce = n
		e.expectRevert(e.exitWithUpdate(e.alice, s), "NonceTooFar")
	}
	far := conf.Clone()
	far.Nonce = new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 64), big.NewInt(1)) // 1 + 2^64
	if err := e.exitWithUpdate(e.alice, far); err != nil {
		t.Fatalf("a state 2^64 above the channel's nonce: %v", err)
	}
	e.expectRevert(e.challenge(e.hub, far), "StaleNonce") // equal nonce
	high := far.Clone()
	high.Nonce = channel.MaxUint256()
	e.expectRevert(e.challenge(e.hub, high), "NonceTooFar")
	next := pay(far, 1)
	if err := e.challenge(e.hub, next); err != nil {
		t.Fatalf("the next nonce after a far one: %v", err)
	}
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.carol, e.alice.Addr); err != nil {
		t.Fatal(err)
	}
	// The channel opens again, above the settled nonce.
	d := state(e.alice, 0, 2)
	d.Nonce.Add(next.Nonce, big.NewInt(1))
	d.PendingWei[channel.UserDeposit] = eth(1)
	d.Timeout.SetUint64(e.c.Now() + 600)
	if err := e.userUpdate(e.alice, d, eth(1)); err != nil {
		t.Fatalf("deposit after the settlement: %v", err)
	}
}

// TestChannelTotalBoundedTo128Bits: the record keeps amounts in 128 bits, so a deposit that
// would take a channel's total past 2^128-1 is refused, however large the reserve.
func TestChannelTotalBoundedTo128Bits(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 1, 1, 0, 0)
	huge := new(big.Int).Lsh(big.NewInt(1), 128)
	e.must(e.send(e.hub, e.c.Token, nil, e.tok.PackMint(e.hub.Addr, huge)))
	e.must(e.send(e.hub, e.c.Token, nil, e.tok.PackTransfer(e.c.ManagerAddr, huge)))
	s := conf.Clone()
	s.Nonce.SetInt64(3)
	s.OnchainNonce.SetInt64(2)
	s.PendingToken[channel.HubDeposit] = new(big.Int).Sub(huge, big.NewInt(1)) // plus the user's 1 ether
	s.Timeout.SetUint64(e.c.Now() + 600)
	e.expectRevert(e.hubUpdate(s), "AmountTooLarge")
	s.PendingToken[channel.HubDeposit].Sub(huge, eth(1)).Sub(s.PendingToken[channel.HubDeposit], big.NewInt(1))
	if err := e.hubUpdate(s); err != nil {
		t.Fatalf("a total of exactly 2^128-1: %v", err)
	}
}
