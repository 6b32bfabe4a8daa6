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

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

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
	LatestTx(ctx context.Context, contract, user common.Address, key store.TxKey) (store.OutboxTx, error)
	// ChannelTxs returns every outbox entry of a channel, oldest first.
	ChannelTxs(ctx context.Context, contract, user common.Address) ([]store.OutboxTx, error)
	// CancelTx cancels a queued entry that holds no account nonce yet; it reports
	// whether it did.
	CancelTx(ctx context.Context, id int64, reason string) (bool, error)
}

// SecretOpener opens the secrets the deposit API sealed (internal/secretbox).
type SecretOpener interface {
	Open(contract, user common.Address, hashlock common.Hash, sealed []byte) (common.Hash, error)
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
