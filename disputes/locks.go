package disputes

// The engine's lock duties, for states deposited with their locks and the secrets the user
// knows of the locks paying it:
//   - while the channel is disputed, and when a held state still holds a lock paying the
//     user close to its expiry (the hub withholding the claim it owes), each held secret is
//     registered on-chain before its lock expires (nearest expiry first, deadline-critical
//     in the outbox);
//   - once the settlement of that state is confirmed, its locks are resolved (resolveLocks,
//     in numbered rounds as more locks are decided) until nothing more can pay the user;
// so that a user offline through the dispute is paid its balance and its incoming locks.
// This work reads the chain a lot: it runs on the engine's own goroutine (Run), woken by
// confirmed settlements, never on the indexer's.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// maxLockArms bounds the entries of one resolution round: after a revert it is sent
// again while a simulation says it would succeed, at most maxLockArms-1 times.
const maxLockArms = 4

// defaultResolveWindow is the deadline given a lock resolution from its queueing (the
// contract sets none): a day.
const defaultResolveWindow = 24 * 3600

// defaultSecretMargin is EngineConfig.SecretMargin's default: two minutes, ten blocks of
// mainnet for the registration to be included. The hub's shortest lock to a payee lasts
// five minutes (hub.Config.MinLockTime less LockMargin), so a claim that completes as it
// should removes the lock before.
const defaultSecretMargin = 120

// LockChain is what the lock duties read from the chain at its head: when a secret was
// registered, whether a lock is resolved, the time, whether a call would succeed and what
// gas a registration takes. A decision on it is checked again by the outbox, which
// follows every transaction to depth.
type LockChain interface {
	ethereum.ContractCaller
	ethereum.GasEstimator
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
}

// HeldLocks is implemented by a store that keeps the locks and sealed secrets deposited
// with states (store.StoredState.Locks).
type HeldLocks interface {
	HeldSecrets(ctx context.Context, contract, user common.Address) ([]store.SealedSecret, error)
	// SecretsDue lists channels holding a secret whose lock expires at or before until.
	SecretsDue(ctx context.Context, until uint64) ([]store.Channel, error)
	DropSecrets(ctx context.Context, contract, user common.Address, hashlocks []common.Hash) error
	// SettledLockPools lists channels (with the settled nonce) whose state deposited with
	// its locks a confirmed settlement paid out and whose pool is neither closed nor
	// marked done, whatever was deposited since.
	SettledLockPools(ctx context.Context) ([]store.Channel, error)
	// LocksAt returns the state deposited at nonce with locks and its lock list.
	LocksAt(ctx context.Context, contract, user common.Address, nonce *big.Int) (*channel.State, []channel.Lock, error)
	MarkLocksDone(ctx context.Context, contract, user common.Address, nonce *big.Int) error
	// LatestTx returns the newest outbox entry with a key, or store.ErrNotFound.
	LatestTx(ctx context.Context, contract, user common.Address, nonce *big.Int, kind string) (store.OutboxTx, error)
	// ChannelTxs returns every outbox entry of a channel, oldest first.
	ChannelTxs(ctx context.Context, contract, user common.Address) ([]store.OutboxTx, error)
}

// SecretOpener opens the secrets the deposit API sealed (internal/secretbox).
type SecretOpener interface {
	Open(contract, user common.Address, hashlock common.Hash, sealed []byte) (common.Hash, error)
}

// WithLocks enables the lock duties, reading the chain through chain and opening the
// secrets the deposit API sealed with secrets. Call it before Run.
func (e *Engine) WithLocks(chain LockChain, secrets SecretOpener) *Engine {
	e.cfg.LockChain, e.cfg.Secrets = chain, secrets
	return e
}

// lockDuties reports whether the engine has what its lock duties need.
func (e *Engine) lockDuties() bool {
	return e.held != nil && e.cfg.LockChain != nil && e.cfg.Secrets != nil
}

// heldSecret is an opened secret, its hashlock and its lock's expiry.
type heldSecret struct {
	hashlock, secret common.Hash
	expiry           uint64
}

// secrets returns, nearest expiry first, the held secrets that may still pay the user with
// st as the latest state: those of its locks the hub sends, or, when st was deposited
// without its locks (by the hub, say), every held one. A state without locks needs none.
// The hashlocks of the others are returned in stale, for dropping. A secret that does not
// open is alerted and left out.
func (e *Engine) secrets(ctx context.Context, st store.StoredState) (held []heldSecret, stale []common.Hash, err error) {
	sealed, err := e.held.HeldSecrets(ctx, st.Contract, st.State.User) // nearest expiry first
	if err != nil || len(sealed) == 0 {
		return nil, nil, err
	}
	var paysUser map[common.Hash]bool
	if st.Locks != nil || st.State.LocksRoot == (common.Hash{}) {
		paysUser = map[common.Hash]bool{}
		for _, l := range st.Locks {
			if l.Sender == channel.Hub {
				paysUser[l.Hashlock] = true
			}
		}
	}
	for _, s := range sealed {
		if paysUser != nil && !paysUser[s.Hashlock] {
			stale = append(stale, s.Hashlock)
			continue
		}
		secret, err := e.cfg.Secrets.Open(st.Contract, st.State.User, s.Hashlock, s.Sealed)
		if err != nil {
			e.log.Error("a held secret does not open with this tower's key; it cannot be registered", "contract", st.Contract,
				"user", st.State.User, "hashlock", s.Hashlock, "err", err)
			e.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.LockResolveFailed,
				Key: fmt.Sprintf("secret-sealed/%s/%s/%s", st.Contract, st.State.User, s.Hashlock), Contract: st.Contract, User: st.State.User,
				Text: fmt.Sprintf("A secret channel %s on %s deposited (hashlock %s) does not open with this tower's key (was the key changed?): "+
					"it cannot be registered for the user. Deposit the state and its secrets again.", st.State.User, st.Contract, s.Hashlock)})
			continue
		}
		held = append(held, heldSecret{hashlock: s.Hashlock, secret: secret, expiry: s.Expiry})
	}
	return held, stale, nil
}

// chainHead returns the chain's head block: its number pins the reads of one decision,
// its time is the chain's now.
func (e *Engine) chainHead(ctx context.Context) (*types.Header, error) {
	h, err := e.cfg.LockChain.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read the chain's head: %w", err)
	}
	return h, nil
}

// call simulates calldata at block (nil: the latest). A node behind block fails rather
// than answer from an older state.
func (e *Engine) call(ctx context.Context, contract common.Address, calldata []byte, block *big.Int) ([]byte, error) {
	out, err := e.cfg.LockChain.CallContract(ctx, ethereum.CallMsg{From: e.cfg.Sender, To: &contract, Data: calldata}, block)
	if err != nil {
		return nil, contracts.AsRevert(err)
	}
	return out, nil
}

func (e *Engine) registeredAt(ctx context.Context, contract common.Address, hashlock common.Hash, block *big.Int) (uint64, error) {
	out, err := e.call(ctx, contract, e.abi.PackSecretRegisteredAt(hashlock), block)
	if err != nil {
		return 0, fmt.Errorf("read the registration of %s: %w", hashlock, err)
	}
	at, err := e.abi.UnpackSecretRegisteredAt(out)
	if err != nil {
		return 0, err
	}
	return at.Uint64(), nil
}

// registerSecrets queues, in a dispute, the registration of the held secrets that may
// pay the user with st (secrets), whatever their expiry, as queueSecrets does.
func (e *Engine) registerSecrets(ctx context.Context, st store.StoredState, windowStart uint64) error {
	held, _, err := e.secrets(ctx, st)
	if err != nil || len(held) == 0 {
		return err
	}
	head, err := e.chainHead(ctx)
	if err != nil {
		return err
	}
	return e.queueSecrets(ctx, st, held, head, windowStart, math.MaxUint64)
}

// queueSecrets queues the registration of those of held (nearest expiry first) whose
// lock expires between the head's time and until, that are not on-chain and that no
// registration on its way carries, in batches of registerSecrets due at their first
// lock's expiry (from windowStart their fees rise) — those the policy lets through
// (secretpolicy.go: the channel seen on-chain, outside a dispute the lock worth the gas,
// within the day's budgets).
func (e *Engine) queueSecrets(ctx context.Context, st store.StoredState, held []heldSecret, head *types.Header, windowStart, until uint64) error {
	var due []heldSecret
	for _, s := range held {
		if s.expiry >= head.Time && s.expiry <= until {
			due = append(due, s)
		}
	}
	if len(due) == 0 {
		return nil
	}
	// Read before the chain is asked about each secret: a flood of deposits for channels
	// that do not exist costs the tower a database read per channel, no more.
	ch, err := e.channels.Channel(ctx, st.Contract, st.State.User)
	if errors.Is(err, store.ErrNotFound) {
		e.unseenHeld(ctx, st, due)
		return nil
	} else if err != nil {
		return err
	}
	disputed := ch.Status == store.StatusDisputed
	unregistered := due[:0]
	for _, s := range due {
		at, err := e.registeredAt(ctx, st.Contract, s.hashlock, nil)
		if err != nil {
			return err
		}
		if at == 0 { // registered: the first registration counts
			unregistered = append(unregistered, s)
		}
	}
	if due, err = e.notOnTheirWay(ctx, st, unregistered); err != nil || len(due) == 0 {
		return err
	}
	queued := 0
	for len(due) > 0 {
		batch := due[:min(len(due), maxSecretsPerBatch)]
		due = due[len(batch):]
		created, err := e.queueBatch(ctx, st, batch, head, windowStart, disputed)
		if err != nil {
			return err
		}
		if created {
			queued++
		}
	}
	if queued > 0 {
		e.cfg.Wake()
	}
	return nil
}

// RegisterDueSecrets registers, outside any dispute, the held secrets whose lock expires
// within SecretMargin while the channel's latest held state still holds it: the hub owes
// the user a claim it has not signed, and a secret registered in time makes the lock pay
// the user whenever the channel is closed. Secrets no lock of the held state needs, and
// those whose lock expired an hour ago, are dropped. Reconcile calls it.
func (e *Engine) RegisterDueSecrets(ctx context.Context) error {
	if !e.lockDuties() {
		return nil
	}
	head, err := e.chainHead(ctx)
	if err != nil {
		return err
	}
	now := head.Time
	chs, err := e.held.SecretsDue(ctx, now+e.cfg.SecretMargin)
	if err != nil {
		return err
	}
	var errs []error
	for _, ch := range chs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		st, err := e.states.State(ctx, ch.Contract, ch.User)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		held, stale, err := e.secrets(ctx, st)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, s := range held {
			if s.expiry+3600 < now {
				stale = append(stale, s.hashlock)
			}
		}
		if len(stale) > 0 {
			if err := e.held.DropSecrets(ctx, ch.Contract, ch.User, stale); err != nil {
				errs = append(errs, err)
			}
		}
		if err := e.queueSecrets(ctx, st, held, head, now, now+e.cfg.SecretMargin); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Reverted is what the sender calls when one of the account's transactions reverted:
// the channel is examined again at once (Examine), and a reverted lock resolution is
// decided again by the lock duties' worker.
func (e *Engine) Reverted(ctx context.Context, contract, user common.Address) error {
	e.wakePools()
	return e.Examine(ctx, contract, user)
}

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
	in := store.Intent{ChainID: e.cfg.ChainID, Contract: contract, User: user, Nonce: store.ResolveKey(nonce, round),
		Kind: store.KindResolveLocks, Sender: e.cfg.Sender, Deadline: now + e.cfg.ResolveWindow, WindowStart: now, Calldata: calldata}
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
func (e *Engine) lastRound(ctx context.Context, contract, user common.Address, nonce *big.Int) (uint64, *store.OutboxTx, error) {
	var last *store.OutboxTx
	round := uint64(0)
	for r := uint64(0); ; r++ {
		t, err := e.held.LatestTx(ctx, contract, user, store.ResolveKey(nonce, r), store.KindResolveLocks)
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
