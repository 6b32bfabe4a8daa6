package adversary

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/simchain"
)

// Options configures a run.
type Options struct {
	// DSN is the hub's database: "sqlite:PATH" or a PostgreSQL URL of an empty database.
	// Empty: SQLite in Dir.
	DSN string
	// Dir holds the wallets' files (and the SQLite database). Required.
	Dir string
	// Choices are a fuzzer's bytes, turned into actions after the seed's (Generate).
	Choices []byte
	// Logf, when set, receives the trace of the run.
	Logf func(format string, args ...any)
}

// ErrViolation is an invariant the chain's end state breaks.
var ErrViolation = errors.New("invariant violated")

// Result is what a run did and found.
type Result struct {
	Schedule   Schedule
	Violations []string
}

// Run generates the schedule of seed, runs it against a hub on a fresh simulated chain,
// drains it and checks the invariants. It returns an error wrapping ErrViolation when an
// invariant fails, another error when the simulation itself could not run.
func Run(ctx context.Context, seed uint64, opt Options) (*Result, error) {
	s := Generate(seed, opt.Choices)
	res := &Result{Schedule: s}
	if opt.DSN == "" {
		opt.DSN = "sqlite:" + opt.Dir + "/hub.db"
	}
	logf := opt.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	w, err := newWorld(ctx, opt.DSN, opt.Dir, s.Users)
	if err != nil {
		return res, fmt.Errorf("seed %d: set up: %w", seed, err)
	}
	defer w.close()
	if err := w.startHub(); err != nil {
		return res, fmt.Errorf("seed %d: start the hub: %w", seed, err)
	}
	r := &runner{w: w, s: s, logf: logf}
	for _, u := range w.users {
		u.hostile = s.Hostile == u.i
		u.secrets = map[common.Hash]common.Hash{}
		u.history = map[string]*seen{}
		if err := w.openWallet(u); err != nil {
			return res, err
		}
	}
	for i, a := range s.Actions {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		r.t0 = w.now()
		err := r.do(ctx, a)
		logf("%2d %-40s %v", i, a, err)
		r.react(ctx)
	}
	if err := r.drain(ctx); err != nil {
		return res, fmt.Errorf("seed %d: drain: %w\n%s", seed, err, s)
	}
	if err := ctx.Err(); err != nil {
		// A drain cut short (its waits and the users' claims skipped) is not one the
		// invariants can judge.
		return res, fmt.Errorf("seed %d: drain: %w", seed, err)
	}
	res.Violations, err = r.check(ctx)
	if err != nil {
		return res, fmt.Errorf("seed %d: check: %w", seed, err)
	}
	if len(res.Violations) > 0 {
		return res, fmt.Errorf("seed %d: %w:\n  %s\n%s", seed, ErrViolation, joinLines(res.Violations), s)
	}
	return res, nil
}

func joinLines(ls []string) string {
	out := ""
	for i, l := range ls {
		if i > 0 {
			out += "\n  "
		}
		out += l
	}
	return out
}

type runner struct {
	w    *world
	s    Schedule
	logf func(string, ...any)
	t0   uint64 // chain time when the current action started
}

// observe records every user's newly co-signed states.
func (r *runner) observe() {
	now := r.w.now()
	for _, u := range r.w.users {
		u.observe(r.t0, now)
	}
}

// react is what honest parties do between two actions: online honest users co-sign
// what the hub proposed and answer a dispute of their channel opened with an older state
// than their newest (the wallet has no challenge call of its own; this stands in for
// the user's tower), and the simulation records what everyone co-signed.
func (r *runner) react(ctx context.Context) {
	r.observe()
	for _, u := range r.w.users {
		if u.hostile || !u.online {
			continue
		}
		r.answer(ctx, u)
	}
	r.observe()
}

// answer challenges u's dispute with u's newest final state when it is newer than the
// disputed one.
func (r *runner) answer(ctx context.Context, u *user) {
	ch, err := r.w.channel(u.addr())
	if err != nil || ch.Status != 1 {
		return
	}
	_, final := u.newest()
	if final == nil || final.State.Nonce.Cmp(ch.Nonce) <= 0 || r.w.now() >= ch.Deadline.Uint64() {
		return
	}
	err = r.w.transact(u.acct, nil, r.w.c.ManagerABI.PackChallenge(contracts.State(final.State), final.SigHub, final.SigUser))
	r.logf("   u%d answers the dispute at nonce %s with nonce %s: %v", u.i, ch.Nonce, final.State.Nonce, err)
}

func (r *runner) user(i int) *user { return r.w.users[i%len(r.w.users)] }

// do runs one action. Its error is the action's outcome (a refusal is often the right
// one), logged, never a failure of the run.
func (r *runner) do(ctx context.Context, a Action) error {
	w := r.w
	u := r.user(a.User)
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	switch a.Op {
	case OpDeposit:
		if !u.online {
			return errOffline
		}
		if _, err := u.w.Deposit(ctx, client.Ether, eth(a.Amount)); err != nil {
			return err
		}
		return r.settleUp(ctx, u)
	case OpPay:
		v := r.user(a.Other)
		if v == u || !u.online {
			return errOffline
		}
		_, err := u.w.Pay(ctx, v.addr(), client.Ether, eth(a.Amount))
		if err != nil {
			return err
		}
		if v.online {
			v.w.Sync(ctx)
			if a.Pick == 1 {
				r.claim(ctx, v)
				u.w.Sync(ctx)
			}
		}
		return nil
	case OpClaim:
		if !u.online {
			return errOffline
		}
		return r.claim(ctx, u)
	case OpSync:
		if !u.online {
			return errOffline
		}
		return u.w.Sync(ctx)
	case OpWithdraw:
		if !u.online {
			return errOffline
		}
		s, _ := u.w.Latest()
		amt := eth(a.Amount)
		if bal := s.WeiBalances[channel.User]; amt.Cmp(bal) > 0 {
			amt = new(big.Int).Div(bal, big.NewInt(2))
		}
		if amt.Sign() == 0 {
			return errors.New("nothing to withdraw")
		}
		_, err := u.w.Withdraw(ctx, client.Ether, amt, common.Address{})
		return err
	case OpExit:
		if u.hostile {
			return r.exitWith(u, u.acct, a.Pick)
		}
		if !u.online {
			return errOffline
		}
		_, err := u.w.Exit(ctx)
		return err
	case OpChallenge:
		if !u.hostile {
			r.answer(ctx, u)
			return nil
		}
		return r.challengeWith(u, a.Pick)
	case OpSettle:
		return w.transact(w.third, nil, w.c.ManagerABI.PackSettle(u.addr()))
	case OpAdvance:
		return r.advance(ctx, uint64(a.Secs))
	case OpRegister:
		_, locks := u.w.Latest()
		l := pickLock(locks, a.Pick, func(channel.Lock) bool { return true })
		if l == nil {
			return errors.New("no lock")
		}
		sec, ok := u.w.Secret(l.Hashlock)
		if !ok {
			return errors.New("secret unknown")
		}
		return w.transact(u.acct, nil, w.c.ManagerABI.PackRegisterSecret(sec))
	case OpOffline:
		u.online = false
		return nil
	case OpOnline:
		u.online = true
		return nil
	case OpCrash:
		w.stopHub()
		return nil
	case OpRestart:
		return w.startHub()
	case OpLag:
		w.node.stalled.Store(true)
		return nil
	case OpCatchUp:
		w.node.stalled.Store(false)
		return nil
	case OpCosignAll:
		return r.cosignAll(ctx, u)
	case OpPayStale:
		return r.payStale(ctx, u, r.user(a.Other), eth(a.Amount))
	case OpHubExit:
		return r.hubExit(ctx, u, a.Pick)
	case OpCollateral:
		if !u.online {
			return errOffline
		}
		if err := u.w.RequestCollateral(ctx); err != nil {
			return err
		}
		return r.settleUp(ctx, u)
	case OpHubMute:
		w.sends.muted.Store(true)
		return nil
	case OpHubWithhold:
		u.px.setWithhold(true)
		return nil
	case OpHubReclaim, OpHubCollect, OpHubTopUp:
		return r.inject(ctx, u, a)
	case OpHubBatch:
		return r.injectBatch(ctx, u, a)
	case OpAbandon:
		if !u.online {
			return errOffline
		}
		return u.w.Abandon(ctx)
	}
	return fmt.Errorf("unknown action %v", a.Op)
}

var errOffline = errors.New("user offline (or paying itself)")

// settleUp syncs u until the hub has nothing more to propose, briefly.
func (r *runner) settleUp(ctx context.Context, u *user) error {
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		if err := u.w.Sync(ctx); err != nil {
			return err
		}
		s, _ := u.w.Latest()
		if !s.HasPending() {
			return nil
		}
		time.Sleep(2 * pollEvery)
	}
	return errors.New("the hub did not confirm in time")
}

// claim claims u's incoming locks whose secret it holds.
func (r *runner) claim(ctx context.Context, u *user) error {
	_, locks := u.w.Latest()
	var errs []error
	for _, l := range locks {
		if l.Sender != channel.Hub {
			continue
		}
		if sec, ok := u.w.Secret(l.Hashlock); ok {
			u.secrets[l.Hashlock] = sec
			_, err := u.w.Claim(ctx, sec)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func pickLock(locks []channel.Lock, pick int, ok func(channel.Lock) bool) *channel.Lock {
	var c []channel.Lock
	for _, l := range locks {
		if ok(l) {
			c = append(c, l)
		}
	}
	if len(c) == 0 {
		return nil
	}
	if pick < 0 {
		return &c[len(c)-1]
	}
	return &c[pick%len(c)]
}

// pickState returns a final co-signed state of u's history above the on-chain nonce:
// pick < 0 the newest, else pick counts from the oldest.
func (r *runner) pickState(u *user, pick int) *seen {
	ch, err := r.w.channel(u.addr())
	if err != nil {
		return nil
	}
	var c []*seen
	for _, s := range u.states() {
		if s.State.Timeout.Sign() == 0 && s.State.Nonce.Cmp(ch.Nonce) > 0 && s.State.OnchainNonce.Cmp(ch.OnchainNonce) >= 0 {
			c = append(c, s)
		}
	}
	if len(c) == 0 {
		return nil
	}
	if pick < 0 {
		return c[len(c)-1]
	}
	return c[pick%len(c)]
}

// exitWith starts a dispute of u's channel from acct with the state pick of u's history,
// or with the last on-chain state when there is none to take.
func (r *runner) exitWith(u *user, acct simchain.Account, pick int) error {
	m := r.w.c.ManagerABI
	if s := r.pickState(u, pick); s != nil {
		return r.w.transact(acct, nil, m.PackStartExitWithUpdate(contracts.State(s.State), s.SigHub, s.SigUser))
	}
	return r.w.transact(acct, nil, m.PackStartExit(u.addr()))
}

// challengeWith has hostile u challenge its dispute with state pick of its history.
func (r *runner) challengeWith(u *user, pick int) error {
	s := r.pickState(u, pick)
	if s == nil {
		return errors.New("no state to challenge with")
	}
	return r.w.transact(u.acct, nil, r.w.c.ManagerABI.PackChallenge(contracts.State(s.State), s.SigHub, s.SigUser))
}

// hubExit is a hostile hub exiting u's channel with an old state: it stops its process
// (its sender holds its account's nonces) and sends the exit from its account itself.
func (r *runner) hubExit(ctx context.Context, u *user, pick int) error {
	running := r.w.proc != nil
	r.w.idle(ctx, time.Second)
	r.w.stopHub()
	err := r.exitWith(u, r.w.c.Accounts[0], pick)
	if err == nil && !u.online {
		u.unguarded = true
	}
	if running {
		return errors.Join(err, r.w.startHub())
	}
	return err
}

// onchainCall reads a uint256 view.
func (r *runner) secretAt(hl common.Hash) uint64 {
	v, err := bind.Call(r.w.c.Manager, nil, r.w.c.ManagerABI.PackSecretRegisteredAt(hl), r.w.c.ManagerABI.UnpackSecretRegisteredAt)
	if err != nil {
		return 0
	}
	return v.Uint64()
}

// advance moves the clock secs forward as time passes on a chain: it stops at each point
// where the hub must act — lockMargin before a payment's lock expires, where it
// forwards, reclaims or registers a secret — and lets the hub act there, rather than
// jumping over the hub's window in one block no node would ever mine.
func (r *runner) advance(ctx context.Context, secs uint64) error {
	w := r.w
	end := w.now() + secs
	var stops []uint64
	if p := w.proc; p != nil {
		if open, err := p.st.OpenPayments(ctx, w.c.ManagerAddr); err == nil {
			for _, pm := range open {
				for _, e := range []uint64{pm.PayeeExpiry, pm.PayerExpiry} {
					if e > lockMargin {
						stops = append(stops, e-lockMargin+2)
					}
				}
			}
		}
	}
	slices.Sort(stops)
	for _, t := range stops {
		now := w.now()
		if t <= now || t >= end {
			continue
		}
		if err := w.advance(time.Duration(t-now) * time.Second); err != nil {
			return err
		}
		time.Sleep(3 * pollEvery) // a sweep
		w.idle(ctx, time.Second)
	}
	if now := w.now(); end > now {
		return w.advance(time.Duration(end-now) * time.Second)
	}
	return nil
}
