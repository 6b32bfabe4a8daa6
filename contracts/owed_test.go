package contracts_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
)

// refusedWithdrawal has the hub execute u's co-signed withdrawal of n ether after state s
// to a recipient that refuses ether, so the contract owes it to u, and returns the state
// that follows it.
func (e *env) refusedWithdrawal(u simchain.Account, s *channel.State, refuser common.Address, n int64) *channel.State {
	e.t.Helper()
	w := s.Clone()
	w.Nonce.Add(w.Nonce, big.NewInt(1))
	w.OnchainNonce.Add(w.OnchainNonce, big.NewInt(1))
	w.Recipient = refuser
	w.WeiBalances[channel.User] = new(big.Int).Sub(w.WeiBalances[channel.User], eth(n))
	w.PendingWei[channel.UserWithdrawal] = eth(n)
	w.Timeout.SetUint64(e.c.Now() + 600)
	if err := e.hubUpdate(w); err != nil {
		e.t.Fatalf("withdrawal of %d ether to a refuser: %v", n, err)
	}
	next := w.Clone()
	next.Nonce.Add(next.Nonce, big.NewInt(1))
	next.PendingWei[channel.UserWithdrawal] = new(big.Int)
	next.Timeout = new(big.Int)
	return next
}

// owedEther opens a channel of 10 ether for the first extra account and has 2 ether of it
// owed to it; it returns the account, the refusing recipient and the channel's next state.
func owedEther(t *testing.T) (*env, simchain.Account, common.Address, *channel.State) {
	e := newEnv(t, 1)
	u := e.more[0]
	refuser := e.deploy(bindings.RefuserMetaData.Bin)
	s := e.refusedWithdrawal(u, e.open(u, 10, 0, 0, 0), refuser, 2)
	return e, u, refuser, s
}

// owedSig is a signed owed-ether withdrawal.
type owedSig struct {
	to               common.Address
	amount, deadline *big.Int
	sig              []byte
}

// signOwed returns u's signature of a withdrawal of amount owed ether to `to`, good until
// deadline, at u's current nonce.
func (e *env) signOwed(u simchain.Account, to common.Address, amount *big.Int, deadline uint64) owedSig {
	e.t.Helper()
	nonce, err := callUint(e, e.m.PackOwedWithdrawalNonce(u.Addr), e.m.UnpackOwedWithdrawalNonce)
	if err != nil {
		e.t.Fatal(err)
	}
	w := channel.OwedWithdrawal{Owner: u.Addr, Asset: channel.AssetWei, To: to, Amount: amount, Nonce: nonce,
		Deadline: new(big.Int).SetUint64(deadline)}
	d, err := e.c.Domain.OwedWithdrawalDigest(w)
	if err != nil {
		e.t.Fatal(err)
	}
	sig, err := channel.Sign(d, u.Key)
	if err != nil {
		e.t.Fatal(err)
	}
	return owedSig{to, amount, w.Deadline, sig}
}

// submit sends s for owner u from carol, with amount and deadline as given (normally s's).
func (e *env) submitOwed(u simchain.Account, s owedSig, amount, deadline *big.Int) error {
	_, err := e.send(e.carol, e.c.Manager, nil, e.m.PackWithdrawOwedFor(u.Addr, channel.AssetWei, s.to, amount, deadline, s.sig))
	return err
}

// TestOwedSignatureMovesOnlyItsAmount: a signature given while 2 ether was owed moves 2
// ether when 8 are owed later, leaving 6 owed; it cannot be stretched to a larger amount,
// and one for more than is owed is refused.
func TestOwedSignatureMovesOnlyItsAmount(t *testing.T) {
	e, u, refuser, s := owedEther(t)
	to := common.HexToAddress("0x0000000000000000000000000000000000007080")
	signed := e.signOwed(u, to, eth(2), e.c.Now()+3600)
	e.refusedWithdrawal(u, s, refuser, 6)
	if w, _ := e.owed(u.Addr); w.Cmp(eth(8)) != 0 {
		t.Fatalf("owed %s, want 8 ether", w)
	}

	e.expectRevert(e.submitOwed(u, signed, eth(8), signed.deadline), "InvalidSignature") // the amount is signed
	more := e.signOwed(u, to, eth(9), e.c.Now()+3600)
	e.expectRevert(e.submitOwed(u, more, more.amount, more.deadline), "OwedLessThanSigned")
	zero := e.signOwed(u, to, new(big.Int), e.c.Now()+3600)
	e.expectRevert(e.submitOwed(u, zero, zero.amount, zero.deadline), "ZeroAmount")

	if err := e.submitOwed(u, signed, signed.amount, signed.deadline); err != nil {
		t.Fatal(err)
	}
	if got := e.c.Balance(to); got.Cmp(eth(2)) != 0 {
		t.Errorf("a signature given for 2 ether moved %s", got)
	}
	if w, _ := e.owed(u.Addr); w.Cmp(eth(6)) != 0 {
		t.Errorf("owed after the signed withdrawal: %s, want the other 6 ether", w)
	}
	if ev := lastEvent(t, e, e.m.UnpackOwedWithdrawnEvent); ev.Owner != u.Addr || ev.To != to || ev.WeiAmount.Cmp(eth(2)) != 0 {
		t.Errorf("OwedWithdrawn %+v, want 2 ether from %s to %s", ev, u.Addr, to)
	}
	e.expectRevert(e.submitOwed(u, signed, signed.amount, signed.deadline), "InvalidSignature") // used
}

// TestOwedSignatureExpires: a signature is refused after its deadline, and cannot be given
// a later one; the owner's next signature, with a later deadline, works.
func TestOwedSignatureExpires(t *testing.T) {
	e, u, _, _ := owedEther(t)
	to := common.HexToAddress("0x0000000000000000000000000000000000007081")
	signed := e.signOwed(u, to, eth(2), e.c.Now()+600)
	e.advance(time.Hour)
	e.expectRevert(e.submitOwed(u, signed, signed.amount, signed.deadline), "OwedWithdrawalExpired")
	later := new(big.Int).SetUint64(e.c.Now() + 600)
	e.expectRevert(e.submitOwed(u, signed, signed.amount, later), "InvalidSignature") // the deadline is signed
	if got := e.c.Balance(to); got.Sign() != 0 {
		t.Errorf("an expired signature moved %s", got)
	}

	fresh := e.signOwed(u, to, eth(2), e.c.Now()+600) // same nonce: the expired one never used it
	if err := e.submitOwed(u, fresh, fresh.amount, fresh.deadline); err != nil {
		t.Fatal(err)
	}
	if got := e.c.Balance(to); got.Cmp(eth(2)) != 0 {
		t.Errorf("a signature in time moved %s, want 2 ether", got)
	}
}

// TestOwnWithdrawalKillsSignatures: the owner's own withdrawOwed moves its nonce on, so a
// signature it gave earlier moves nothing owed later.
func TestOwnWithdrawalKillsSignatures(t *testing.T) {
	e, u, refuser, s := owedEther(t)
	to := common.HexToAddress("0x0000000000000000000000000000000000007082")
	signed := e.signOwed(u, to, eth(2), e.c.Now()+3600)
	before, _ := callUint(e, e.m.PackOwedWithdrawalNonce(u.Addr), e.m.UnpackOwedWithdrawalNonce)
	e.must(e.send(u, e.c.Manager, nil, e.m.PackWithdrawOwed(channel.AssetWei, u.Addr)))
	after, _ := callUint(e, e.m.PackOwedWithdrawalNonce(u.Addr), e.m.UnpackOwedWithdrawalNonce)
	if after.Cmp(new(big.Int).Add(before, big.NewInt(1))) != 0 {
		t.Errorf("withdrawOwed moved the nonce from %s to %s, want one on", before, after)
	}
	e.refusedWithdrawal(u, s, refuser, 2)
	e.expectRevert(e.submitOwed(u, signed, signed.amount, signed.deadline), "InvalidSignature")
	if got := e.c.Balance(to); got.Sign() != 0 {
		t.Errorf("a signature given before the owner's own withdrawal moved %s", got)
	}
	if w, _ := e.owed(u.Addr); w.Cmp(eth(2)) != 0 {
		t.Errorf("owed %s, want the later 2 ether", w)
	}
}
