package disputes

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/watcher"
)

// EngineConfig sets up an Engine.
type EngineConfig struct {
	ChainID *big.Int
	Sender  common.Address // the account whose transactions the engine queues
	// AutoSettle settles disputes after their deadline by default; Settle overrides it
	// per deployment, and the store's settle policy per channel.
	AutoSettle bool
	Settle     map[common.Address]bool
	Logger     *slog.Logger
	Alerts     alert.Sink
	// Wake is called after the engine queued something (the sender's Wake).
	Wake func()
	// Caller simulates a challenge before it is queued: an eth_call from Sender at the
	// chain's head. A challenge the contract refuses for good is recorded refused, not
	// queued, with an alert (simulate.go). Nil: LockChain's, or, with neither, no
	// simulation — the challenge is queued and the sender's gas estimate decides.
	Caller ethereum.ContractCaller
	// Sweep is how often Run looks for disputes no standing challenge answers, when the
	// States implement Unanswered (default 500ms).
	Sweep time.Duration
	// Examiners is how many channels the engine examines at once: the closes of one
	// block, a sweep's or a reconcile's channels (default 8). An examination waits on
	// the store and the node, one round trip after another; a mass exit's closes are
	// answered in time only when they overlap.
	Examiners int
	// LockChain and Secrets enable the lock duties (locks.go) when the States also
	// implement HeldLocks: registering the user's secrets in a dispute and resolving the
	// locks of a settled state. ResolveWindow is a resolution's deadline from its queueing
	// (default a day).
	LockChain     LockChain
	Secrets       SecretOpener
	ResolveWindow uint64
	// SecretMargin is how long before its lock's expiry a held secret is registered
	// outside any dispute, while the user's latest held state still holds the lock
	// (default 2 minutes).
	SecretMargin uint64
	// Secrets to register are priced (their registration's gas estimate at FeeCap, the
	// most per gas the sender offers at a deadline: Sender.UrgentFeeCap; default twice
	// the base fee) and held back, with a secret_held alert, when registering them could
	// protect nothing or costs more than it may: for a channel never seen on-chain;
	// outside a dispute, for a lock whose wei amount is not above SecretValueMargin times
	// its share of the cost (default 2); and past what the registrations queued in one
	// UTC day may cost, for one channel (SecretBudgetPerChannel) and for all
	// (SecretBudgetPerDay); nil: no bound. Now is the budgets' clock (default time.Now).
	FeeCap                 func(head *types.Header) *big.Int
	SecretValueMargin      int64
	SecretBudgetPerChannel *big.Int
	SecretBudgetPerDay     *big.Int
	Now                    func() time.Time
}

// Engine decides what to send. It is driven by the indexer's updates (Consume), by the
// sender when a transaction reverts (Examine), by its own watch for unanswered disputes
// (Run), and by Reconcile, which re-examines every disputed channel (at start-up, and on
// a schedule), so nothing the indexer stored before a crash is missed.
type Engine struct {
	cfg        EngineConfig
	states     States
	channels   Channels
	intents    Intents
	unanswered Unanswered // nil when the states cannot be searched
	held       HeldLocks  // nil when the states keep no locks
	// pools wakes the lock resolution worker (Run) after a confirmed settlement or round.
	pools chan struct{}
	abi   *bindings.ChannelManager
	log   *slog.Logger
	// locks serialise the examinations of one channel (by user address), which the
	// indexer, the sender, the watch and a reconcile may start at once.
	locks [64]sync.Mutex
	// spent is what the secret registrations queued today may still cost.
	spent *secretSpend
	// seen tracks the channels the indexer's updates name (see claims).
	seen claims
	// periods are the watched contracts' challenge periods (challengePeriod).
	periods sync.Map
}

// EngineStores are the store's sides the engine reads and writes. Unanswered and Held
// are optional: without Unanswered the engine does not look for disputes no standing
// challenge answers (Run); without Held, or without EngineConfig.LockChain and Secrets,
// it has no lock duties.
type EngineStores struct {
	States     States
	Channels   Channels
	Intents    Intents
	Unanswered Unanswered
	Held       HeldLocks
}

// NewEngine returns an engine over the given store parts.
func NewEngine(cfg EngineConfig, st EngineStores) *Engine {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Alerts == nil {
		cfg.Alerts = alert.Log{Logger: cfg.Logger}
	}
	if cfg.Wake == nil {
		cfg.Wake = func() {}
	}
	if cfg.Sweep <= 0 {
		cfg.Sweep = 500 * time.Millisecond
	}
	if cfg.Examiners <= 0 {
		cfg.Examiners = 8
	}
	if cfg.ResolveWindow == 0 {
		cfg.ResolveWindow = defaultResolveWindow
	}
	if cfg.SecretMargin == 0 {
		cfg.SecretMargin = defaultSecretMargin
	}
	if cfg.SecretValueMargin <= 0 {
		cfg.SecretValueMargin = 2
	}
	if cfg.FeeCap == nil {
		cfg.FeeCap = func(h *types.Header) *big.Int { return new(big.Int).Mul(baseFee(h), big.NewInt(2)) }
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Engine{cfg: cfg, states: st.States, channels: st.Channels, intents: st.Intents, unanswered: st.Unanswered, held: st.Held,
		abi: bindings.NewChannelManager(), log: cfg.Logger, pools: make(chan struct{}, 1),
		spent: newSecretSpend(cfg.SecretBudgetPerChannel, cfg.SecretBudgetPerDay)}
}

// Run keeps the engine's watch until ctx ends. It first examines the disputes that no
// standing challenge answers, nearest deadline first, then re-examines every disputed
// channel in the background (Reconcile) while the indexer and the sender already run,
// and looks for unanswered disputes again every Sweep. So after a restart the channels
// nearest their deadline come first and a new stale close never waits for a full pass;
// a state deposited while its channel is disputed, on any replica, is examined within a
// sweep; and a challenge that was cancelled, reverted or lost is decided again.
func (e *Engine) Run(ctx context.Context) error {
	if err := e.Sweep(ctx); err != nil && ctx.Err() == nil {
		e.log.Warn("looking for unanswered disputes failed; retried", "err", err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() {
		if err := e.Reconcile(ctx); err != nil && ctx.Err() == nil {
			e.log.Warn("reconciling disputes at start failed; retried on schedule", "err", err)
		}
	})
	wg.Go(func() { e.resolveOnWake(ctx) })
	if e.unanswered == nil {
		return nil
	}
	t := time.NewTicker(e.cfg.Sweep)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			if err := e.Sweep(ctx); err != nil && ctx.Err() == nil {
				e.log.Warn("looking for unanswered disputes failed; retried", "err", err)
			}
		}
	}
}

// Sweep examines the disputed channels that a held state must answer and that no
// standing challenge answers, nearest deadline first. It does nothing when the States do
// not implement Unanswered.
func (e *Engine) Sweep(ctx context.Context) error {
	if e.unanswered == nil {
		return nil
	}
	chs, err := e.unanswered.Unanswered(ctx, e.cfg.Sender)
	if err != nil {
		return err
	}
	// A channel an update is examining (or about to) is left to it.
	return e.examineAll(ctx, e.seen.unclaimed(keysOf(chs)), nil)
}

// examineAll examines channels, Examiners at a time, in order of start, and returns
// every examination's error; then, when set, it calls done for each. It stops starting
// examinations once ctx ends.
func (e *Engine) examineAll(ctx context.Context, keys []channelKey, done func(k channelKey, examined bool)) error {
	if done == nil {
		done = func(channelKey, bool) {}
	}
	errs := make([]error, len(keys))
	sem := make(chan struct{}, e.cfg.Examiners)
	var wg sync.WaitGroup
	for i, k := range keys {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			for _, k := range keys[i:] {
				done(k, false)
			}
			return errors.Join(append(errs, ctx.Err())...)
		}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := e.Examine(ctx, k.contract, k.user); err != nil {
				errs[i] = fmt.Errorf("examine %s/%s: %w", k.contract, k.user, err)
			}
			done(k, errs[i] == nil)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// disputeEvents are the events after which a channel is re-examined.
// Every kind is listed, so that an event added to the contract is a decision made here,
// not a silent skip (a test checks).
var disputeEvents = map[store.EventKind]bool{
	store.EventExitStarted:         true,
	store.EventChallenged:          true,
	store.EventSettled:             true,
	store.EventChannelUpdated:      true,
	store.EventHubReserveFunded:    false,
	store.EventHubReserveWithdrawn: false,
	store.EventSecretRegistered:    false, // the lock duties read registrations from the chain
	store.EventLockResolved:        false, // confirmed, they move the lock duties on (Consume)
	store.EventLockPoolClosed:      false,
	store.EventPayoutDeferred:      false,
	store.EventOwedWithdrawn:       false,
}

// Consume is a watcher.Consumer. Seen and removed events re-examine their channels at
// once, without waiting for confirmations; the store has already applied them (or rolled
// them back) to the channel view. Errors are logged: Reconcile retries.
func (e *Engine) Consume(ctx context.Context, u watcher.Update) {
	if u.Kind == watcher.Confirmed {
		// A confirmed settlement, or a confirmed resolution round (after which more locks
		// may be decided), wakes the lock duties, which run off the indexer's goroutine.
		for _, ev := range u.Events {
			switch ev.Kind {
			case store.EventSettled:
				e.settled(ctx, ev)
				e.wakePools()
			case store.EventLockResolved:
				e.wakePools()
			}
		}
		return
	}
	seen := map[channelKey]bool{}
	var keys []channelKey
	for _, ev := range u.Events {
		k := channelKey{ev.Contract, ev.User}
		if !disputeEvents[ev.Kind] || seen[k] {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
	}
	e.seen.claim(keys)
	if err := e.examineAll(ctx, keys, e.seen.done); err != nil {
		e.log.Error("examining channels failed; reconcile will retry", "update", u.Kind, "err", err)
	}
}

// settled tells operators and the channel's user that a dispute the engine held a state
// for has settled, once the Settled event is confirmed: with the balances that state pays
// when it is the settled one.
func (e *Engine) settled(ctx context.Context, ev store.Event) {
	st, err := e.states.State(ctx, ev.Contract, ev.User)
	if err != nil {
		return // no state held: not a channel this engine guards
	}
	a := alert.Alert{Severity: alert.Info, Kind: alert.SettleDone, Key: fmt.Sprintf("settled/%s/%s/%s", ev.Contract, ev.User, ev.Nonce),
		Contract: ev.Contract, User: ev.User, Nonce: ev.Nonce, TxHash: ev.TxHash, Block: ev.BlockNumber,
		Text: fmt.Sprintf("Channel %s on %s settled at nonce %s.", ev.User, ev.Contract, ev.Nonce)}
	if ev.Nonce != nil && st.State.Nonce.Cmp(ev.Nonce) == 0 {
		a.UserFunds = alert.Funds{Wei: st.State.WeiBalances[channel.User], Token: st.State.TokenBalances[channel.User]}
		a.HubFunds = alert.Funds{Wei: st.State.WeiBalances[channel.Hub], Token: st.State.TokenBalances[channel.Hub]}
		a.Text += fmt.Sprintf(" The user is paid %s and %s token units, the latest state held.",
			wei.Text(st.State.WeiBalances[channel.User]), st.State.TokenBalances[channel.User])
	}
	e.cfg.Alerts.Send(ctx, a)
}

// Reconcile examines every disputed channel: first those no standing challenge answers
// (Sweep), then all of them, nearest deadline first.
func (e *Engine) Reconcile(ctx context.Context) error {
	errs := []error{e.Sweep(ctx)}
	chs, err := e.channels.DisputedChannels(ctx)
	if err != nil {
		return errors.Join(append(errs, err)...)
	}
	// Examine reads each channel again: the list may be older than what the indexer or
	// another examination has applied since. A channel an update examined since the last
	// reconcile began, or is examining, is left out: it is examined at the next one, at
	// the latest, unless an update examines it again first.
	if err := e.examineAll(ctx, e.seen.stale(keysOf(chs)), nil); err != nil {
		errs = append(errs, err)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	errs = append(errs, e.ResolveLockPools(ctx), e.RegisterDueSecrets(ctx))
	return errors.Join(errs...)
}

// Examine compares a channel's on-chain view with the state held for it and queues or
// cancels transactions accordingly.
func (e *Engine) Examine(ctx context.Context, contract, user common.Address) error {
	mu := &e.locks[user[0]%byte(len(e.locks))]
	mu.Lock()
	defer mu.Unlock()
	ch, err := e.channels.Channel(ctx, contract, user)
	if errors.Is(err, store.ErrNotFound) {
		// Every event of the channel was rolled back: nothing is disputed.
		ch = store.Channel{Contract: contract, User: user, Status: store.StatusOpen, Nonce: new(big.Int)}
	} else if err != nil {
		return err
	}
	return e.examine(ctx, ch)
}

func (e *Engine) examine(ctx context.Context, ch store.Channel) error {
	st, err := e.states.State(ctx, ch.Contract, ch.User)
	held := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if held && ch.Nonce != nil && st.State.Nonce.Cmp(ch.Nonce) < 0 {
		if marked, err := e.states.MarkSuperseded(ctx, ch.Contract, ch.User, ch.Nonce); err != nil {
			return err
		} else if marked {
			e.log.Info("held state superseded on-chain", "contract", ch.Contract, "user", ch.User,
				"held", st.State.Nonce, "onchain", ch.Nonce)
		}
	}
	if ch.Status != store.StatusDisputed {
		// Not disputed (never was, settled, or the exit was rolled back by a reorg): what is
		// queued and unsigned is dropped; what is signed is followed to its end.
		for _, kind := range []store.TxKind{store.KindChallenge, store.KindSettle} {
			if n, err := e.intents.CancelQueued(ctx, ch.Contract, ch.User, kind, nil, "channel not disputed"); err != nil {
				return err
			} else if n > 0 {
				e.log.Info("dropped queued transactions", "kind", kind, "count", n, "contract", ch.Contract, "user", ch.User)
			}
		}
		return nil
	}
	// The dispute's current nonce is at least what any queued challenge at or below it
	// would submit: those would revert.
	if _, err := e.intents.CancelQueued(ctx, ch.Contract, ch.User, store.KindChallenge, ch.Nonce, "on-chain nonce already as high"); err != nil {
		return err
	}
	period, err := e.challengePeriod(ctx, ch.Contract)
	if err != nil {
		return err
	}
	if ch.Deadline == nil || ch.Nonce == nil {
		return fmt.Errorf("disputed channel %s/%s has no deadline or nonce in its on-chain view", ch.Contract, ch.User)
	}
	deadline := ch.Deadline.Uint64()
	windowStart := deadline - min(deadline, period)
	if held && st.State.Nonce.Cmp(ch.Nonce) > 0 {
		calldata, err := e.abi.TryPackChallenge(contracts.State(st.State), st.SigHub, st.SigUser)
		if err != nil {
			return fmt.Errorf("encode challenge for %s/%s: %w", ch.Contract, ch.User, err)
		}
		in := store.Intent{ChainID: e.cfg.ChainID, Contract: ch.Contract, User: ch.User,
			Sender: e.cfg.Sender, Deadline: deadline, WindowStart: windowStart, Calldata: calldata}
		in.SetKey(store.ChallengeKey{StateNonce: st.State.Nonce})
		// A challenge the contract refuses for good is recorded refused, never queued: it
		// stands for this dispute, so neither a sweep nor a reconcile tries it again.
		if in.Refused, err = e.refusal(ctx, in); err != nil {
			return err
		}
		id, created, err := e.intents.Enqueue(ctx, in)
		if err != nil {
			return err
		}
		if created && in.Refused != "" {
			e.refused(ctx, ch, st, in, id)
		} else if created {
			e.log.Warn("stale close: challenge queued", "contract", ch.Contract, "user", ch.User,
				"onchain", ch.Nonce, "held", st.State.Nonce, utc.Attrs("deadline", deadline), "outbox", id)
			// Keyed by the entry: a challenge armed again (a new dispute, an exit re-mined
			// after a reorg, a revert) alerts again.
			e.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Warning, Kind: alert.StaleClose, Key: staleKey(ch.Contract, ch.User, id),
				Contract: ch.Contract, User: ch.User, Nonce: st.State.Nonce, OnchainNonce: ch.Nonce, Deadline: deadline,
				AtStake:   alert.Funds{Wei: st.State.WeiBalances[channel.User], Token: st.State.TokenBalances[channel.User]},
				UserFunds: alert.Funds{Wei: st.State.WeiBalances[channel.User], Token: st.State.TokenBalances[channel.User]},
				HubFunds:  alert.Funds{Wei: st.State.WeiBalances[channel.Hub], Token: st.State.TokenBalances[channel.Hub]},
				Text: fmt.Sprintf("Stale close of channel %s on %s: on-chain nonce %s, held %s; challenging before %d.",
					ch.User, ch.Contract, ch.Nonce, st.State.Nonce, deadline)})
			e.cfg.Wake()
		}
	}
	if held && e.lockDuties() {
		// The user's secrets go on-chain before their locks expire: those of the held
		// state's locks when it is (or, once challenged, will be) the state settled, or
		// when a newer one closed the channel, which may hold the same locks.
		if err := e.registerSecrets(ctx, st, windowStart); err != nil {
			return err
		}
	}
	auto, err := e.autoSettle(ctx, ch)
	if err != nil {
		return err
	}
	if auto && held {
		// A settle is keyed by the dispute's deadline, fixed for the dispute.
		in := store.Intent{ChainID: e.cfg.ChainID, Contract: ch.Contract, User: ch.User,
			Sender: e.cfg.Sender, Deadline: deadline + period, WindowStart: deadline,
			NotBefore: deadline, Calldata: e.abi.PackSettle(ch.User)}
		in.SetKey(store.SettleKey{Deadline: deadline})
		if _, created, err := e.intents.Enqueue(ctx, in); err != nil {
			return err
		} else if created {
			e.log.Info("settle queued", "contract", ch.Contract, "user", ch.User, "after", deadline)
			e.cfg.Wake()
		}
	}
	return nil
}

// challengePeriod is a watched contract's challenge period, read from the store once: it
// is fixed when the contract is deployed.
func (e *Engine) challengePeriod(ctx context.Context, addr common.Address) (uint64, error) {
	if p, ok := e.periods.Load(addr); ok {
		return p.(uint64), nil
	}
	c, err := e.channels.Contract(ctx, addr)
	if err != nil {
		return 0, err
	}
	e.periods.Store(addr, c.ChallengePeriod)
	return c.ChallengePeriod, nil
}

func (e *Engine) autoSettle(ctx context.Context, ch store.Channel) (bool, error) {
	auto, ok, err := e.intents.SettlePolicy(ctx, ch.Contract, ch.User)
	if err != nil || ok {
		return auto, err
	}
	if v, ok := e.cfg.Settle[ch.Contract]; ok {
		return v, nil
	}
	return e.cfg.AutoSettle, nil
}
