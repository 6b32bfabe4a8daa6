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
	"github.com/vigil-hub/vigil/lockpool"
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

// resolvePool moves on the resolution of the locks of user's held state settled at
// nonce: a secret still to register is queued; when the user's side of the pool is to be
// resolved (channel.DecidePool: a decided, unresolved lock pays the user, or closing the
// pool returns the user something), a resolveLocks round is moved on (lockpool.Next);
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
	facts, err := e.lockFacts(ctx, st, at)
	if err != nil {
		return err
	}
	d := channel.DecidePool(settled, locks, facts, now, channel.User)
	switch d.Step {
	case channel.PoolWait:
		return nil // a lock paying the user may still be decided for it: asked again later
	case channel.PoolDone:
		if slices.ContainsFunc(d.Locks, func(l channel.LockDecision) bool { return !l.Done }) {
			e.log.Info("settled locks: nothing more pays the user; the rest is the hub's", "contract", contract, "user", user, "settledNonce", nonce)
		}
		return e.held.MarkLocksDone(ctx, contract, user, nonce)
	}
	return e.resolveRound(ctx, st, now, at)
}

// lockFacts reads at block at what the chain says of each lock of a settled state:
// whether it is resolved, and when its secret was registered. The locks of a void side
// pay nothing (channel.VoidSides) and are not read.
func (e *Engine) lockFacts(ctx context.Context, st store.StoredState, at *big.Int) ([]channel.LockFacts, error) {
	contract, user, nonce := st.Contract, st.State.User, st.State.Nonce
	void := channel.VoidSides(st.State, st.Locks)
	facts := make([]channel.LockFacts, len(st.Locks))
	for i, l := range st.Locks {
		if void[l.Sender] {
			facts[i].Done = true
			continue
		}
		out, err := e.call(ctx, contract, e.abi.PackLockResolved(user, nonce, new(big.Int).SetUint64(uint64(l.Index))), at)
		if err != nil {
			return nil, fmt.Errorf("read whether lock %d is resolved: %w", l.Index, err)
		}
		resolved, err := e.abi.UnpackLockResolved(out)
		if err != nil {
			return nil, err
		}
		if resolved {
			facts[i].Done = true
			continue
		}
		if facts[i].RegisteredAt, err = e.registeredAt(ctx, contract, l.Hashlock, at); err != nil {
			return nil, err
		}
	}
	return facts, nil
}

// resolveRound moves on the resolveLocks rounds of a settled state's locks
// (lockpool.Next), simulated at block at, and alerts when they cannot succeed.
func (e *Engine) resolveRound(ctx context.Context, st store.StoredState, now uint64, at *big.Int) error {
	calldata := e.abi.PackResolveLocks(contracts.State(st.State), contracts.Locks(st.Locks))
	simulate := func(ctx context.Context, calldata []byte) error {
		_, err := e.call(ctx, st.Contract, calldata, at)
		return err
	}
	res, err := lockpool.Next(ctx, towerRounds{e: e, st: st, now: now}, simulate, st.State.Nonce, calldata)
	if err != nil {
		return err // the node did not answer: asked again at the next reconcile
	}
	switch res.Step {
	case lockpool.Refused:
		e.lockAlert(ctx, st, res.Last, fmt.Sprintf("it cannot succeed now: %v", res.Err))
	case lockpool.GaveUp:
		e.lockAlert(ctx, st, res.Last, fmt.Sprintf("it reverted %d times", res.Last.Arm+1))
	case lockpool.Queued:
		if res.Rearmed() {
			e.log.Warn("lock resolution did not succeed; sent again", "contract", st.Contract, "user", st.State.User,
				"settledNonce", st.State.Nonce, "outbox", res.Last.ID, "status", res.Last.Status, "arm", res.Last.Arm)
		}
		if res.Created {
			e.log.Info("lock resolution queued", "contract", st.Contract, "user", st.State.User, "settledNonce", st.State.Nonce,
				"round", res.Round, "locks", len(st.Locks))
			e.cfg.Wake()
		}
	}
	return nil
}

// towerRounds is the tower's outbox for the resolveLocks rounds of one settled state.
type towerRounds struct {
	e   *Engine
	st  store.StoredState
	now uint64
}

func (r towerRounds) Latest(ctx context.Context, key store.ResolveKey) (store.OutboxTx, error) {
	return r.e.held.LatestTx(ctx, r.st.Contract, r.st.State.User, key)
}

// Queue queues a round from the tower's account, due ResolveWindow from now (the
// contract sets no deadline).
func (r towerRounds) Queue(ctx context.Context, key store.ResolveKey, calldata []byte) (bool, error) {
	in := store.Intent{ChainID: r.e.cfg.ChainID, Contract: r.st.Contract, User: r.st.State.User, Sender: r.e.cfg.Sender,
		Deadline: r.now + r.e.cfg.ResolveWindow, WindowStart: r.now, Calldata: calldata}
	in.SetKey(key)
	_, created, err := r.e.intents.Enqueue(ctx, in)
	return created, err
}

func (r towerRounds) Cancel(ctx context.Context, id int64, reason string) (bool, error) {
	return r.e.held.CancelTx(ctx, id, reason)
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
