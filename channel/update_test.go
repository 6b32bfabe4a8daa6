package channel_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

func open(hubWei, userWei int64) *channel.State {
	s := channel.NewState(common.Address{7})
	s.Nonce.SetInt64(2)
	s.OnchainNonce.SetInt64(1)
	s.WeiBalances = [2]*big.Int{big.NewInt(hubWei), big.NewInt(userWei)}
	return s
}

func lock(sender uint8, wei int64, secret byte, expiry int64) channel.Lock {
	return channel.Lock{Sender: sender, AmountWei: big.NewInt(wei), AmountToken: new(big.Int),
		Hashlock: channel.HashSecret(common.Hash{secret}), Expiry: big.NewInt(expiry)}
}

// TestLockClaimRefund walks a channel through locks, a claim and a refund; every step is
// a valid transition that conserves funds, and each lock pays exactly one side.
func TestLockClaimRefund(t *testing.T) {
	s0 := open(50, 100)
	s1, l1, err := channel.AddLock(s0, nil, lock(channel.User, 30, 1, 1000)) // user pays 30 toward the hub
	if err != nil {
		t.Fatal(err)
	}
	s2, l2, err := channel.AddLock(s1, l1, lock(channel.Hub, 20, 2, 900)) // hub pays 20 toward the user
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		prev, next *channel.State
		locks      []channel.Lock
	}{{s0, s1, l1}, {s1, s2, l2}} {
		if err := channel.ValidateTransition(step.prev, step.next, step.locks); err != nil {
			t.Fatal(err)
		}
	}
	if s2.WeiBalances[0].Int64() != 30 || s2.WeiBalances[1].Int64() != 70 || s2.LockedWei[0].Int64() != 20 || s2.LockedWei[1].Int64() != 30 {
		t.Fatalf("after two locks: balances %v locked %v", s2.WeiBalances, s2.LockedWei)
	}
	if _, _, err := channel.ClaimLock(s2, l2, common.Hash{9}); !errors.Is(err, channel.ErrNoLock) {
		t.Errorf("claim with a wrong secret: %v, want ErrNoLock", err)
	}
	s3, l3, err := channel.ClaimLock(s2, l2, common.Hash{1}) // the hub learns secret 1: 30 to the hub
	if err != nil {
		t.Fatal(err)
	}
	if err := channel.ValidateTransition(s2, s3, l3); err != nil {
		t.Fatal(err)
	}
	if s3.WeiBalances[0].Int64() != 60 || len(l3) != 1 {
		t.Errorf("after the claim: hub %s, %d locks", s3.WeiBalances[0], len(l3))
	}
	if l2[1].Index != 1 || l3[0].Index != 0 || l3[0].Hashlock != l2[1].Hashlock {
		t.Errorf("indices: %d then %d, want the remaining lock renumbered from 1 to 0", l2[1].Index, l3[0].Index)
	}
	if _, _, err := channel.RefundLock(s3, l3, channel.HashSecret(common.Hash{2}), 900); !errors.Is(err, channel.ErrNotExpired) {
		t.Errorf("refund at the expiry: %v, want ErrNotExpired (the secret still counts then)", err)
	}
	s4, l4, err := channel.RefundLock(s3, l3, channel.HashSecret(common.Hash{2}), 901)
	if err != nil {
		t.Fatal(err)
	}
	if s4.WeiBalances[0].Int64() != 80 || s4.WeiBalances[1].Int64() != 70 || len(l4) != 0 || s4.LocksRoot != (common.Hash{}) {
		t.Errorf("after the refund: balances %v, %d locks, root %s", s4.WeiBalances, len(l4), s4.LocksRoot)
	}
	if _, _, err := channel.ClaimLock(s4, l4, common.Hash{1}); !errors.Is(err, channel.ErrNoLock) {
		t.Errorf("second claim of a settled lock: %v, want ErrNoLock", err)
	}
}

func TestLockRefusals(t *testing.T) {
	s := open(10, 10)
	if _, _, err := channel.AddLock(s, nil, lock(channel.User, 11, 1, 100)); !errors.Is(err, channel.ErrInsufficient) {
		t.Errorf("locking more than the balance: %v", err)
	}
	if _, _, err := channel.AddLock(s, nil, lock(channel.User, 0, 1, 100)); !errors.Is(err, channel.ErrInvalidField) {
		t.Errorf("locking nothing: %v", err)
	}
	s1, l1, _ := channel.AddLock(s, nil, lock(channel.User, 1, 1, 100))
	if _, _, err := channel.AddLock(s1, l1, lock(channel.Hub, 1, 1, 50)); !errors.Is(err, channel.ErrLocks) {
		t.Errorf("the same hashlock twice: %v", err)
	}
}

// TestMaxLocks: a state holds at most channel.MaxLocks locks — a longer list could be too
// costly for resolveLocks in any block — so the next lock is refused, and a state claiming
// more fails validation.
func TestMaxLocks(t *testing.T) {
	s, locks := open(1000, 1000), []channel.Lock(nil)
	hashlock := func(i int) common.Hash { return channel.HashSecret(common.Hash{byte(i), byte(i >> 8), 0xaa}) }
	var err error
	for i := range channel.MaxLocks {
		l := lock(channel.User, 1, 0, 100)
		l.Hashlock = hashlock(i)
		if s, locks, err = channel.AddLock(s, locks, l); err != nil {
			t.Fatalf("lock %d: %v", i+1, err)
		}
	}
	if err := channel.Validate(s, locks); err != nil {
		t.Fatalf("a state with %d locks: %v", channel.MaxLocks, err)
	}
	extra := lock(channel.Hub, 1, 0, 100)
	extra.Hashlock = hashlock(channel.MaxLocks)
	if _, _, err := channel.AddLock(s, locks, extra); !errors.Is(err, channel.ErrLocks) || !strings.Contains(err.Error(), "256 open locks") {
		t.Fatalf("lock %d: got %v, want ErrLocks naming the cap", channel.MaxLocks+1, err)
	}
	// The same list one longer, made by hand: the state is refused before its root is looked at.
	over := append(append([]channel.Lock(nil), locks...), extra)
	over[len(over)-1].Index = uint32(len(over) - 1)
	if err := channel.Validate(s, over); !errors.Is(err, channel.ErrLocks) || !strings.Contains(err.Error(), "above the 256") {
		t.Fatalf("a state with %d locks: got %v, want ErrLocks", len(over), err)
	}
}

// TestProposeConfirmInvalidate: deposits join the balances on confirmation; withdrawals
// leave at once and come back if the proposal expires.
func TestProposeConfirmInvalidate(t *testing.T) {
	s := open(10, 20)
	ops := channel.NewOps()
	ops.Wei[channel.UserDeposit].SetInt64(5)
	ops.Wei[channel.HubDeposit].SetInt64(7)
	ops.Wei[channel.UserWithdrawal].SetInt64(3)
	p, _, err := channel.Propose(s, nil, ops, common.Address{8}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if err := channel.ValidateTransition(s, p, nil); err != nil {
		t.Fatal(err)
	}
	if p.WeiBalances[1].Int64() != 17 || p.OnchainNonce.Int64() != 2 || p.Recipient != (common.Address{8}) {
		t.Errorf("proposal: %+v", p)
	}
	if _, _, err := channel.Propose(p, nil, ops, common.Address{8}, 1000); !errors.Is(err, channel.ErrPending) {
		t.Errorf("a proposal after a proposal: %v", err)
	}
	c, _, err := channel.Confirm(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := channel.ValidateTransition(p, c, nil); err != nil {
		t.Fatal(err)
	}
	if c.WeiBalances[0].Int64() != 17 || c.WeiBalances[1].Int64() != 22 || c.HasPending() || c.Timeout.Sign() != 0 {
		t.Errorf("confirmed: %v", c.WeiBalances)
	}
	if c.Recipient != c.User {
		t.Errorf("confirmed state keeps recipient %s: it served the withdrawal only", c.Recipient)
	}
	v, _, err := channel.Invalidate(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := channel.ValidateTransition(p, v, nil); err != nil {
		t.Fatal(err)
	}
	if v.WeiBalances[1].Int64() != 20 || v.OnchainNonce.Int64() != 1 || v.Recipient != v.User {
		t.Errorf("invalidated: %v onchain %s recipient %s", v.WeiBalances, v.OnchainNonce, v.Recipient)
	}
	deposit := channel.NewOps()
	deposit.Wei[channel.UserDeposit].SetInt64(1)
	if _, _, err := channel.Propose(s, nil, deposit, common.Address{8}, 1000); !errors.Is(err, channel.ErrRecipient) {
		t.Errorf("a deposit naming a recipient: %v, want ErrRecipient", err)
	}
	over := channel.NewOps()
	over.Wei[channel.UserWithdrawal].SetInt64(21)
	if _, _, err := channel.Propose(s, nil, over, s.User, 1000); !errors.Is(err, channel.ErrInsufficient) {
		t.Errorf("withdrawing more than the balance: %v", err)
	}
}

func TestLockJSON(t *testing.T) {
	l := lock(channel.Hub, 5, 3, 77)
	l.Index = 4
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var back channel.Lock
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Leaf() != l.Leaf() {
		t.Errorf("round trip changed the lock: %s", b)
	}
	const hl = `"hashlock":"0x0101010101010101010101010101010101010101010101010101010101010101"`
	for _, bad := range []string{`{"sender":2,"amountWei":"1","amountToken":"0","expiry":"1",` + hl + `}`, `{"sender":0,"amountWei":"1",` + hl + `}`,
		`{"sender":0,"amountWei":"0","amountToken":"0","expiry":"1",` + hl + `}`, `{"sender":0,"amountWei":-1,"amountToken":"0","expiry":"1",` + hl + `}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("accepted lock %s", bad)
		}
	}
	// A missing sender or hashlock is not taken as zero: the error names what is missing.
	for bad, missing := range map[string]string{
		`{"amountWei":"1","amountToken":"0","expiry":"1",` + hl + `}`:               "sender",
		`{"sender":1,"amountWei":"1","amountToken":"0","expiry":"1"}`:               "hashlock",
		`{"sender":null,"amountWei":"1","amountToken":"0","expiry":"1",` + hl + `}`: "sender",
		`{"amountWei":"1","amountToken":"0"}`:                                       "sender, hashlock, expiry",
	} {
		err := json.Unmarshal([]byte(bad), &back)
		if !errors.Is(err, channel.ErrInvalidField) || !strings.Contains(err.Error(), "without "+missing+" ") {
			t.Errorf("lock %s: got %v, want an error naming %s missing", bad, err, missing)
		}
	}
}
