package adversary

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
)

// flow is one on-chain movement between the contract and a user: positive paid to the
// user (delivered or owed to it), negative deposited by it; Nonce is the state nonce the
// event belongs to (an execution's, a settlement's, a lock pool's settled nonce).
type flow struct {
	Nonce  *big.Int
	Amount *big.Int
	Settle bool // a settlement's payout or its lock pool's
}

// ledger is what the contract's events say moved, in wei.
type ledger struct {
	in, out        *big.Int // into and out of the contract, all parties
	funded, hubOut *big.Int // the hub's reserve: funded, withdrawn
	flows          map[common.Address][]flow
}

func (r *runner) ledger(ctx context.Context) (*ledger, error) {
	logs, err := r.logs(ctx)
	if err != nil {
		return nil, err
	}
	m := r.w.c.ManagerABI
	l := &ledger{in: zero(), out: zero(), funded: zero(), hubOut: zero(), flows: map[common.Address][]flow{}}
	add := func(u common.Address, nonce, amount *big.Int, settle bool) {
		if amount.Sign() != 0 {
			l.flows[u] = append(l.flows[u], flow{Nonce: nonce, Amount: amount, Settle: settle})
		}
	}
	for i := range logs {
		lg := &logs[i]
		if ev, err := m.UnpackHubReserveFundedEvent(lg); err == nil {
			l.in.Add(l.in, ev.WeiAmount)
			l.funded.Add(l.funded, ev.WeiAmount)
		} else if ev, err := m.UnpackHubReserveWithdrawnEvent(lg); err == nil {
			l.out.Add(l.out, ev.WeiAmount)
			l.hubOut.Add(l.hubOut, ev.WeiAmount)
		} else if ev, err := m.UnpackChannelUpdatedEvent(lg); err == nil {
			l.in.Add(l.in, ev.PendingWei[channel.UserDeposit])
			l.out.Add(l.out, ev.PendingWei[channel.UserWithdrawal])
			add(ev.User, ev.Nonce, new(big.Int).Sub(ev.PendingWei[channel.UserWithdrawal], ev.PendingWei[channel.UserDeposit]), false)
		} else if ev, err := m.UnpackSettledEvent(lg); err == nil {
			l.out.Add(l.out, ev.WeiBalances[channel.User])
			add(ev.User, ev.Nonce, new(big.Int).Set(ev.WeiBalances[channel.User]), true)
		} else if ev, err := m.UnpackLockResolvedEvent(lg); err == nil {
			s, locks, err := r.stateByDigest(ctx, ev.User, r.settledDigest(logs, ev.User, ev.SettledNonce))
			if err != nil {
				return nil, fmt.Errorf("lock %s of %s at nonce %s: %w", ev.Index, ev.User, ev.SettledNonce, err)
			}
			_ = s
			lk := locks[ev.Index.Int64()]
			if (lk.Sender == channel.Hub) == ev.ToReceiver { // paid to the user
				l.out.Add(l.out, ev.AmountWei)
				add(ev.User, ev.SettledNonce, new(big.Int).Set(ev.AmountWei), true)
			}
		} else if ev, err := m.UnpackLockPoolClosedEvent(lg); err == nil {
			l.out.Add(l.out, ev.ReturnedWei[channel.User])
			add(ev.User, ev.SettledNonce, new(big.Int).Set(ev.ReturnedWei[channel.User]), true)
		} else if ev, err := m.UnpackPayoutDeferredEvent(lg); err == nil {
			l.out.Sub(l.out, ev.WeiAmount) // counted paid above, still in the contract
		} else if ev, err := m.UnpackOwedWithdrawnEvent(lg); err == nil {
			l.out.Add(l.out, ev.WeiAmount)
		}
	}
	return l, nil
}

// settledDigest returns the digest of the settlement of user at nonce.
func (r *runner) settledDigest(logs []types.Log, user common.Address, nonce *big.Int) common.Hash {
	for i := range logs {
		if ev, err := r.w.c.ManagerABI.UnpackSettledEvent(&logs[i]); err == nil && ev.User == user && ev.Nonce.Cmp(nonce) == 0 {
			return ev.Digest
		}
	}
	return common.Hash{}
}

func (r *runner) call(data []byte) (*big.Int, error) {
	out, err := r.w.c.Client.CallContract(context.Background(), ethereum.CallMsg{To: &r.w.c.ManagerAddr, Data: data}, nil)
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetBytes(out), nil
}

// check reads the chain after the drain and returns every invariant it breaks (doc.go
// states them).
func (r *runner) check(ctx context.Context) ([]string, error) {
	w := r.w
	m := w.c.ManagerABI
	var bad []string
	fail := func(f string, args ...any) { bad = append(bad, fmt.Sprintf(f, args...)) }
	l, err := r.ledger(ctx)
	if err != nil {
		return nil, err
	}

	// Conservation.
	balance := w.c.Balance(w.c.ManagerAddr)
	if want := new(big.Int).Sub(l.in, l.out); balance.Cmp(want) != 0 {
		fail("conservation: the contract holds %s wei, its events say %s came in and %s went out (%s)", balance, l.in, l.out, want)
	}
	totalChannel, err := r.call(m.PackTotalChannelWei())
	if err != nil {
		return nil, err
	}
	totalOwed, err := r.call(m.PackTotalOwedWei())
	if err != nil {
		return nil, err
	}
	reserve, err := bind.Call(w.c.Manager, nil, m.PackHubReserveWei(), m.UnpackHubReserveWei)
	if err != nil {
		fail("conservation: hubReserveWei reverts (%v): channels and owed payouts exceed the balance", err)
		reserve = zero()
	}
	channels, owed, hubSide := zero(), zero(), zero()
	views := map[common.Address]chanView{}
	for _, u := range w.users {
		ch, err := w.channel(u.addr())
		if err != nil {
			return nil, err
		}
		views[u.addr()] = ch
		channels.Add(channels, ch.TotalWei)
		hubSide.Add(hubSide, ch.WeiBalances[channel.Hub])
		o, err := r.call(m.PackOwedWei(u.addr()))
		if err != nil {
			return nil, err
		}
		owed.Add(owed, o)
		if ch.Status != 0 {
			fail("drain: u%d's channel is still disputed", u.i)
		}
	}
	pools, err := r.openPools(ctx)
	if err != nil {
		return nil, err
	}
	held := zero()
	for _, p := range pools {
		lp, err := bind.Call(w.c.Manager, nil, m.PackGetLockPool(p.user, p.nonce), m.UnpackGetLockPool)
		if err != nil {
			return nil, err
		}
		held.Add(held, lp.HeldWei)
		fail("drain: the lock pool of %s at nonce %s still holds %s wei", p.user, p.nonce, lp.HeldWei)
	}
	if sum := new(big.Int).Add(channels, held); sum.Cmp(totalChannel) != 0 {
		fail("conservation: totalChannelWei %s, channels hold %s and lock pools %s", totalChannel, channels, held)
	}
	if owed.Cmp(totalOwed) != 0 {
		fail("conservation: totalOwedWei %s, owed to users %s", totalOwed, owed)
	}
	if sum := new(big.Int).Add(new(big.Int).Add(channels, held), new(big.Int).Add(reserve, totalOwed)); sum.Cmp(balance) != 0 {
		fail("conservation: the contract holds %s wei; channels %s + lock pools %s + reserve %s + owed %s = %s",
			balance, channels, held, reserve, totalOwed, sum)
	}

	// The honest hub.
	if r.s.Hostile != HostileHub {
		net := new(big.Int).Add(reserve, l.hubOut)
		net.Add(net, hubSide)
		net.Sub(net, l.funded)
		if net.Sign() < 0 {
			fail("honest hub: it lost %s wei (reserve %s + withdrawn %s + channel sides %s − funded %s)", new(big.Int).Neg(net), reserve, l.hubOut, hubSide, l.funded)
		}
	}

	// Honest users.
	for _, u := range w.users {
		if u.hostile {
			continue
		}
		bad = append(bad, r.checkUser(ctx, u, l.flows[u.addr()], views[u.addr()])...)
	}
	return bad, nil
}

// checkUser checks an honest user: what it got against what its newest co-signed state
// gives it, and each lock its wallet let go against the chain's decision.
func (r *runner) checkUser(ctx context.Context, u *user, flows []flow, ch chanView) []string {
	var bad []string
	fail := func(f string, args ...any) {
		bad = append(bad, fmt.Sprintf("honest u%d: ", u.i)+fmt.Sprintf(f, args...))
	}
	states := u.states()
	// A zero state marks a restart: a settlement before it is history the state builds on.
	restartAfter := func(settled, upTo *big.Int) bool {
		for _, s := range states {
			if s.State.Nonce.Cmp(settled) > 0 && s.State.Nonce.Cmp(upTo) <= 0 && empty(s) {
				return true
			}
		}
		return false
	}
	got := new(big.Int).Set(ch.WeiBalances[channel.User])
	for _, f := range flows {
		got.Add(got, f.Amount)
	}
	newest, _ := u.newest()
	if newest != nil && !u.unguarded {
		worth := new(big.Int).Add(newest.State.WeiBalances[channel.User], newest.State.PendingWei[channel.UserWithdrawal])
		for _, lk := range newest.Locks {
			if r.toUser(lk) {
				worth.Add(worth, lk.AmountWei)
			}
		}
		for _, f := range flows {
			if f.Nonce.Cmp(newest.State.Nonce) < 0 && (!f.Settle || restartAfter(f.Nonce, newest.State.Nonce)) {
				worth.Add(worth, f.Amount)
			}
		}
		if got.Cmp(worth) < 0 {
			fail("received %s wei net (payouts − deposits + %s left in its channel), its newest co-signed state (nonce %s) gives it %s: %s short",
				got, ch.WeiBalances[channel.User], newest.State.Nonce, worth, new(big.Int).Sub(worth, got))
		}
	}
	for i := 1; i < len(states); i++ {
		if why := r.unfairStep(states[i-1], states[i]); why != "" {
			fail("co-signed %s", why)
		}
	}
	bad = append(bad, r.checkBatches(u)...)
	return bad
}

// unfairStep says what is unfair in the step from a to b of a user's history, "" when
// nothing is: a proposal b whose timeout is more than the hub's maximum plus a minute
// past when it was signed, or (nonces n → n+1) a lock given to the hub alone against the
// chain's decision — the hub's lock whose secret was registered in time, or the user's
// lock after its expiry without a registration in time.
func (r *runner) unfairStep(a, b *seen) string {
	if b.State.Timeout.Sign() != 0 && b.State.Timeout.Uint64() > b.By+proposalTimeout+60 {
		return fmt.Sprintf("a proposal (nonce %s) whose timeout is %ds away: no update may follow it until then", b.State.Nonce,
			b.State.Timeout.Uint64()-b.By)
	}
	if new(big.Int).Sub(b.State.Nonce, a.State.Nonce).Cmp(big.NewInt(1)) != 0 {
		return ""
	}
	gone := removed(a.Locks, b.Locks)
	if len(gone) != 1 {
		return ""
	}
	lk := gone[0]
	dUser := new(big.Int).Sub(b.State.WeiBalances[channel.User], a.State.WeiBalances[channel.User])
	dHub := new(big.Int).Sub(b.State.WeiBalances[channel.Hub], a.State.WeiBalances[channel.Hub])
	if dHub.Cmp(lk.AmountWei) != 0 || dUser.Sign() != 0 {
		return "" // not a lock going to the hub alone
	}
	at := r.secretAt(lk.Hashlock)
	inTime := at != 0 && at <= lk.Expiry.Uint64()
	switch {
	case lk.Sender == channel.Hub && inTime:
		return fmt.Sprintf("the hub taking back its lock %s (nonce %s) whose secret the chain registered in time (at %d, expiry %s)",
			lk.Hashlock, b.State.Nonce, at, lk.Expiry)
	case lk.Sender == channel.User && !inTime && b.After > lk.Expiry.Uint64():
		return fmt.Sprintf("the hub collecting its lock %s (nonce %s) after its expiry %s (signed after %d) without a registration in time",
			lk.Hashlock, b.State.Nonce, lk.Expiry, b.After)
	}
	return ""
}

// toUser reports whether the chain pays lk to the channel's user: a lock whose secret
// was registered by its expiry pays its receiver, any other its sender.
func (r *runner) toUser(lk channel.Lock) bool {
	at := r.secretAt(lk.Hashlock)
	inTime := at != 0 && at <= lk.Expiry.Uint64()
	return (lk.Sender == channel.Hub) == inTime
}

func empty(s *seen) bool {
	st := s.State
	if len(s.Locks) > 0 || st.Timeout.Sign() != 0 {
		return false
	}
	for _, v := range [][]*big.Int{st.WeiBalances[:], st.PendingWei[:], st.LockedWei[:]} {
		for _, x := range v {
			if x.Sign() != 0 {
				return false
			}
		}
	}
	return true
}

// removed returns the locks of a that b no longer holds.
func removed(a, b []channel.Lock) []channel.Lock {
	var out []channel.Lock
	for _, x := range a {
		found := false
		for _, y := range b {
			if x.Hashlock == y.Hashlock && x.Sender == y.Sender && x.AmountWei.Cmp(y.AmountWei) == 0 && x.Expiry.Cmp(y.Expiry) == 0 {
				found = true
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}
