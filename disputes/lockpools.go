package disputes

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// wakePools asks the lock resolution worker for a pass.
func (e *Engine) wakePools() {
	if !e.lockDuties() {
		return
	}
	select {
	case e.pools <- struct{}{}:
	default:
	}
}

// resolveOnWake runs ResolveLockPools each time it is woken, until ctx ends.
func (e *Engine) resolveOnWake(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.pools:
			if err := e.ResolveLockPools(ctx); err != nil && ctx.Err() == nil {
				e.log.Warn("resolving settled locks failed; retried at the next reconcile", "err", err)
			}
		}
	}
}

// ResolveLockPools moves on the lock resolution of every settled state the tower holds
// locks for. Reconcile calls it; so does a confirmed settlement, for its channel.
func (e *Engine) ResolveLockPools(ctx context.Context) error {
	if !e.lockDuties() {
		return nil
	}
	pools, err := e.held.SettledLockPools(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range pools {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := e.resolvePool(ctx, p.Contract, p.User, p.Nonce); err != nil {
			errs = append(errs, fmt.Errorf("locks of %s/%s settled at %s: %w", p.Contract, p.User, p.Nonce, err))
		}
	}
	return errors.Join(errs...)
}

// lockView is what the chain says of one lock of a settled state.
type lockView struct {
	resolved, decided, paysUser bool
}

// resolvePool moves on the resolution of the locks of user's held state settled at
// nonce: a secret still to register is queued; when a decided, unresolved lock pays the
// user (or closing the pool returns the user something), a resolveLocks round is queued;
// when nothing more can pay the user, the locks are marked done. The chain is read at one
// block, so that a lagging endpoint fails rather than answer from before the settlement.
// It takes no channel lock: what it queues is keyed, so a second decision queues nothing.
func (e *Engine) resolvePool(ctx context.Context, contract, user common.Address, nonce *big.Int) error {
	settled, locks, err := e.held.LocksAt(ctx, contract, user, nonce)
	if errors.Is(err, store.ErrNotFound) {
		return nil // done, or never deposited with locks
	}
	if err != nil {
		return err
	}
	if len(locks) == 0 {
		return nil // its lock list never came: the user resolves it
	}
	st := store.StoredState{Contract: contract, State: settled, Locks: locks}
	head, err := e.chainHead(ctx)
	if err != nil {
		return err
	}
	now, at := head.Time, head.Number
	held, _, err := e.secrets(ctx, st)
	if err != nil {
		return err
	}
	if err := e.queueSecrets(ctx, st, held, head, now, math.MaxUint64); err != nil {
		return err
	}
	s := st.State
	var sumWei, sumToken [2]*big.Int
	for side := range 2 {
		sumWei[side], sumToken[side] = new(big.Int), new(big.Int)
	}
	for _, l := range st.Locks {
		sumWei[l.Sender].Add(sumWei[l.Sender], l.AmountWei)
		sumToken[l.Sender].Add(sumToken[l.Sender], l.AmountToken)
	}
	void := [2]bool{}
	for side := range 2 {
		void[side] = sumWei[side].Cmp(s.LockedWei[side]) > 0 || sumToken[side].Cmp(s.LockedToken[side]) > 0
	}
	var views []lockView
	undecided, want := false, false
	for _, l := range st.Locks {
		if void[l.Sender] {
			views = append(views, lockView{resolved: true}) // pays nothing: returned at the close
			continue
		}
		out, err := e.call(ctx, contract, e.abi.PackLockResolved(user, nonce, new(big.Int).SetUint64(uint64(l.Index))), at)
		if err != nil {
			return fmt.Errorf("read whether lock %d is resolved: %w", l.Index, err)
		}
		resolved, err := e.abi.UnpackLockResolved(out)
		if err != nil {
			return err
		}
		if resolved {
			views = append(views, lockView{resolved: true})
			continue
		}
		registered, err := e.registeredAt(ctx, contract, l.Hashlock, at)
		if err != nil {
			return err
		}
		inTime := registered != 0 && new(big.Int).SetUint64(registered).Cmp(l.Expiry) <= 0
		expired := new(big.Int).SetUint64(now).Cmp(l.Expiry) > 0
		v := lockView{decided: inTime || expired, paysUser: (l.Sender == channel.Hub) == inTime}
		undecided = undecided || !v.decided
		want = want || (v.decided && v.paysUser)
		views = append(views, v)
	}
	// Closing the pool returns to the user what its locks do not claim.
	back := new(big.Int).Add(s.LockedWei[channel.User], s.LockedToken[channel.User])
	if !void[channel.User] {
		back.Sub(back, new(big.Int).Add(sumWei[channel.User], sumToken[channel.User]))
	}
	want = want || (!undecided && back.Sign() > 0)
	if !want {
		if undecided {
			return nil // a lock paying the user may still be decided for it: asked again later
		}
		if slices.ContainsFunc(views, func(v lockView) bool { return !v.resolved }) {
			e.log.Info("settled locks: nothing more pays the user; the rest is the hub's", "contract", contract, "user", user, "settledNonce", nonce)
		}
		return e.held.MarkLocksDone(ctx, contract, user, nonce)
	}
	return e.resolveRound(ctx, st, now, at)
}

// resolveRound queues the next resolveLocks call of a settled state's locks unless one is
// on its way, re-arming a reverted one while a simulation says it would succeed.
func (e *Engine) resolveRound(ctx context.Context, st store.StoredState, now uint64, at *big.Int) error {
	contract, user, nonce := st.Contract, st.State.User, st.State.Nonce
	round, last, err := e.lastRound(ctx, contract, user, nonce)
	if err != nil {
		return err
	}
	if last != nil && (last.Status == store.TxQueued || last.Status == store.TxSent || (last.Status == store.TxIncluded && last.Succeeded)) {
		return nil // on its way: what it resolves is known once it is confirmed
	}
	calldata := e.abi.PackResolveLocks(contracts.State(st.State), contracts.Locks(st.Locks))
	if _, err := e.call(ctx, contract, calldata, at); err != nil {
		switch contracts.RevertName(err) {
		case "NoLockPool": // closed: the pool leaves SettledLockPools once its LockPoolClosed is confirmed
			return nil
		case "NothingToResolve": // resolved meanwhile, by the hub or the user: the rest is undecided
			return nil
		case "":
			return err // the node did not answer: asked again at the next reconcile
		}
		e.lockAlert(ctx, st, last, fmt.Sprintf("it cannot succeed now: %v", err))
		return nil
	}
	if last != nil {
		switch {
		case last.Status == store.TxConfirmed:
			round++ // resolved what was decided then; more is decided since
		case last.Arm+1 >= maxLockArms && (last.Status == store.TxReverted || last.Status == store.TxIncluded):
			e.lockAlert(ctx, st, last, fmt.Sprintf("it reverted %d times", last.Arm+1))
			return nil
		default:
			e.log.Warn("lock resolution did not succeed; sending it again", "contract", contract, "user", user,
				"settledNonce", nonce, "outbox", last.ID, "status", last.Status, "arm", last.Arm)
		}
	}
	in := store.Intent{ChainID: e.cfg.ChainID, Contract: contract, User: user, Sender: e.cfg.Sender,
		Deadline: now + e.cfg.ResolveWindow, WindowStart: now, Calldata: calldata}
	in.SetKey(store.ResolveKey{SettledNonce: nonce, Round: round})
	if _, created, err := e.intents.Enqueue(ctx, in); err != nil {
		return err
	} else if created {
		e.log.Info("lock resolution queued", "contract", contract, "user", user, "settledNonce", nonce, "round", round,
			"locks", len(st.Locks))
		e.cfg.Wake()
	}
	return nil
}

// lastRound returns the newest round of a settled state's lock resolution and its newest
// entry (nil and round 0: none yet).
func (e *Engine) lastRound(ctx context.Context, contract, user common.Address, nonce *big.Int) (uint32, *store.OutboxTx, error) {
	var last *store.OutboxTx
	round := uint32(0)
	for r := uint32(0); ; r++ {
		t, err := e.held.LatestTx(ctx, contract, user, store.ResolveKey{SettledNonce: nonce, Round: r})
		if errors.Is(err, store.ErrNotFound) {
			return round, last, nil
		}
		if err != nil {
			return 0, nil, err
		}
		round, last = r, &t
	}
}

// lockAlert tells operators that the locks of a settled state cannot be resolved for the
// user now; the tower asks again at every reconcile.
func (e *Engine) lockAlert(ctx context.Context, st store.StoredState, last *store.OutboxTx, why string) {
	a := alert.Alert{Severity: alert.Critical, Kind: alert.LockResolveFailed,
		Key:      fmt.Sprintf("lock-resolve/%s/%s/%s", st.Contract, st.State.User, st.State.Nonce),
		Contract: st.Contract, User: st.State.User, Nonce: st.State.Nonce, Account: e.cfg.Sender,
		Text: fmt.Sprintf("The locks of channel %s on %s, settled at nonce %s, cannot be resolved for the user: %s. "+
			"The tower checks again at every reconcile; the user or the hub may call resolveLocks with the state and its %d locks.",
			st.State.User, st.Contract, st.State.Nonce, why, len(st.Locks))}
	if last != nil {
		a.TxHash, a.Block = last.TxHash, last.BlockNumber
	}
	e.log.Error("lock resolution cannot succeed", "contract", st.Contract, "user", st.State.User, "settledNonce", st.State.Nonce, "why", why)
	e.cfg.Alerts.Send(ctx, a)
}
