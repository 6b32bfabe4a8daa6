package disputes

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
)

// SenderConfig sets up a Sender.
type SenderConfig struct {
	ChainID *big.Int
	Key     *ecdsa.PrivateKey
	// MaxFeePerGas is the budget cap: no attempt offers more per gas. Required.
	MaxFeePerGas *big.Int
	// Tip is the priority fee offered when a window opens (default 1 gwei); it rises
	// linearly to Urgency times as much at the deadline (default 10).
	Tip     *big.Int
	Urgency int64
	// StuckBlocks is how many blocks an attempt may wait in full blocks before it is
	// replaced with higher fees (default 3). An attempt priced below the base fee is
	// replaced at once; one that waits while blocks have room is sent again, not bumped.
	StuckBlocks uint64
	// Confirmations is the depth at which an included transaction is final (default 12).
	Confirmations uint64
	// Interval is how often the outbox is worked through without a wake-up (default 1s).
	Interval time.Duration
	// MaxPendingSettles caps the transactions other than challenges signed and not yet
	// included (default 16): a challenge signed after them waits behind at most that many
	// account nonces.
	MaxPendingSettles int
	// ChallengeReserve is how many challenges' worth of gas (200,000 gas each at
	// MaxFeePerGas, the most a challenge may offer) every other kind must leave in the
	// account (default 4): Reserve.
	ChallengeReserve int64
	// MaxGasPerSettle caps a settlement's gas estimate (0: no cap), and SettleBudget what
	// the settlements signed in one UTC day may cost at most, gas limit times fee cap (nil:
	// no budget). A settlement above either is not signed: it is held back with an alert
	// and estimated again after SettleRetry (default 10 minutes), or when the day's budget
	// resets if that is sooner. Challenges are never held back by them.
	MaxGasPerSettle uint64
	SettleBudget    *big.Int
	SettleRetry     time.Duration
	// Now is the clock the settle budget's days and retries follow (default time.Now).
	Now func() time.Time
	// Waker wakes the sender (nil: a new one); the engine and the hub are given its Wake.
	Waker *Waker
	// Passed, when set, is called after each pass Run makes (tests count them, to see
	// what a pass at a given head did rather than sleep and hope one ran).
	Passed func()
	// OnRevert is what the sender calls when it finds an attempt included and reverted, or
	// a queued entry's gas estimate failing for the first time — the engine's Reverted,
	// so that the channel is decided again at once (a challenge that ran out of gas, or
	// was mined before the exit it answers, is armed again; one no longer needed is
	// cancelled). Nil: nothing is told.
	OnRevert func(ctx context.Context, contract, user common.Address) error
	// Account names whose key this is in alerts: "Tower account" (the default) or "Hub
	// account", so an operator knows which service to top up.
	Account string
	Logger  *slog.Logger
	Alerts  alert.Sink
}

// reserveGas is the gas one challenge is reserved at.
const reserveGas = 200_000

// costOf is the most an attempt can cost: its fee cap times its gas.
func costOf(a store.Attempt) *big.Int {
	return new(big.Int).Mul(a.FeeCap, new(big.Int).SetUint64(gasOf(a)))
}

// Sender works through the outbox: it signs, broadcasts, replaces and follows the
// transactions of one account. Every signed transaction is recorded before it is
// broadcast, and an account nonce is taken only together with a signed transaction that
// the account can pay for, in the store, so that a restart at any point re-broadcasts
// rather than re-signs and no nonce is left for later transactions to wait behind.
//
// Challenges come first, strictly: they are signed before anything else in every pass;
// no other kind takes an account nonce while a challenge waits unsigned; at most
// MaxPendingSettles transactions of other kinds wait in the pool at a time; and every
// other kind leaves the challenge reserve (Reserve) in the account. Secret registrations
// (store.DeadlineCritical: a lock pays nothing once expired) come next, before
// settlements, collateral updates and lock resolutions, and watch their depth as
// challenges do. Settlements have a gas cap and a daily budget of their own
// (MaxGasPerSettle, SettleBudget).
type Sender struct {
	cfg    SenderConfig
	chain  Chain
	box    Outbox
	from   common.Address
	signer types.Signer
	log    *slog.Logger
	wake   *Waker
	budget *settleBudget
	// looked is the head at which each sent or included entry was last followed: nothing
	// but a new head changes what following it finds, so a pass at the same head skips it.
	// takenAt is the head at which a sent entry's account nonce was first found used
	// without a receipt of ours: a node may show the account's nonce a moment before the
	// receipt, so the nonce is taken only if it stays so at a later head. Only Step's
	// goroutine touches either.
	looked   map[int64]common.Hash
	takenAt  map[int64]uint64
	lastHead common.Hash // the head of the last pass
}

// NewSender returns a sender for cfg.Key's account.
func NewSender(cfg SenderConfig, chain Chain, box Outbox) (*Sender, error) {
	if cfg.ChainID == nil || cfg.Key == nil || cfg.MaxFeePerGas == nil || cfg.MaxFeePerGas.Sign() <= 0 {
		return nil, errors.New("sender: chain id, key and a positive MaxFeePerGas are required")
	}
	if cfg.Tip == nil {
		cfg.Tip = big.NewInt(params.GWei)
	}
	if cfg.Urgency < 1 {
		cfg.Urgency = 10
	}
	if cfg.StuckBlocks == 0 {
		cfg.StuckBlocks = 3
	}
	if cfg.Confirmations == 0 {
		cfg.Confirmations = 12
	}
	if cfg.Interval <= 0 {
		cfg.Interval = time.Second
	}
	if cfg.MaxPendingSettles <= 0 {
		cfg.MaxPendingSettles = 16
	}
	if cfg.ChallengeReserve <= 0 {
		cfg.ChallengeReserve = 4
	}
	if cfg.SettleRetry <= 0 {
		cfg.SettleRetry = 10 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Account == "" {
		cfg.Account = "Tower account"
	}
	if cfg.Waker == nil {
		cfg.Waker = NewWaker()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Alerts == nil {
		cfg.Alerts = alert.Log{Logger: cfg.Logger}
	}
	// An entry re-examined every pass must not repeat its alerts.
	cfg.Alerts = &alert.Dedup{Next: cfg.Alerts, Quiet: time.Hour}
	return &Sender{cfg: cfg, chain: chain, box: box, from: crypto.PubkeyToAddress(cfg.Key.PublicKey),
		signer: types.LatestSignerForChainID(cfg.ChainID), log: cfg.Logger, wake: cfg.Waker,
		budget: newSettleBudget(cfg), looked: map[int64]common.Hash{}, takenAt: map[int64]uint64{}}, nil
}

// Address returns the sending account.
func (s *Sender) Address() common.Address { return s.from }

// Wake makes Run work through the outbox now.
func (s *Sender) Wake() { s.wake.Wake() }

// Waker wakes a sender: whoever queues work for it (the engine, the hub) calls Wake, and
// the sender's Run works through the outbox at once. Made before both, it lets the
// engine be built before the sender that calls it back (SenderConfig.OnRevert).
type Waker struct{ c chan struct{} }

// NewWaker returns a waker for one sender.
func NewWaker() *Waker { return &Waker{c: make(chan struct{}, 1)} }

// Wake asks for a pass; wake-ups before the pass starts make one.
func (w *Waker) Wake() {
	select {
	case w.c <- struct{}{}:
	default:
	}
}

// revert tells OnRevert that t's channel must be decided again.
func (s *Sender) revert(ctx context.Context, t *store.OutboxTx, what string) {
	if s.cfg.OnRevert == nil {
		return
	}
	if err := s.cfg.OnRevert(ctx, t.Contract, t.User); err != nil {
		s.log.Warn("re-examining after "+what+" failed; the engine's watch retries", "user", t.User, "err", err)
	}
}

// Run works through the outbox every interval and on every wake-up until ctx ends.
func (s *Sender) Run(ctx context.Context) error {
	t := time.NewTicker(s.cfg.Interval)
	defer t.Stop()
	for {
		if err := s.Step(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("sender step incomplete", "err", err)
		}
		if s.cfg.Passed != nil {
			s.cfg.Passed()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.wake.c:
		case <-t.C:
		}
	}
}

// step is the state of one pass: the head, and the account's balance and nonces, read
// once per pass.
type step struct {
	head     *types.Header
	headHash common.Hash
	balance  *big.Int // minus the worst-case cost of what this pass signed
	nonce    uint64   // the node's pending nonce for the account
	mined    uint64   // the account's nonce at the head: every nonce below it is used
	// challengeWaiting is set when a challenge of this pass stayed unsigned;
	// pendingSettles counts the transactions other than challenges signed and not yet
	// included.
	challengeWaiting bool
	pendingSettles   int
	headers          map[uint64]*types.Header // read this pass, by number
	// estimates are the gas estimates of the pass's queued challenges, started before
	// the first is signed (estimateChallenges); batch is what send decided to sign and
	// flush has not yet; background are the estimates still running and the broadcasts
	// and alerts of what the pass signed, which Step waits for before it returns.
	estimates  map[int64]*estimate
	errs       []error // of batches signed while an estimate was awaited
	batch      []signing
	background sync.WaitGroup
}

// Step works through every active outbox entry once, in passOrder: what the account's
// next nonces wait on first, then challenges waiting for their depth, then the rest. A
// wake-up during the pass (new work) ends it before the rest, so that Run starts over
// with the challenges.
func (s *Sender) Step(ctx context.Context) error {
	select { // a wake-up before the pass is for this pass
	case <-s.wake.c:
	default:
	}
	head, err := s.chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	// Included entries change only with the head: at a head a pass has seen, they are
	// not read again.
	hash := head.Hash()
	newHead := hash != s.lastHead
	txs, err := s.box.DueTxs(ctx, s.cfg.ChainID, s.from, head.Time, newHead)
	if err != nil {
		return err
	}
	s.lastHead = hash
	if len(txs) == 0 {
		clear(s.looked)
		clear(s.takenAt)
		return nil
	}
	st := step{head: head, headHash: hash, headers: map[uint64]*types.Header{}}
	defer st.background.Wait()
	if st.balance, err = s.chain.BalanceAt(ctx, s.from, nil); err != nil {
		return fmt.Errorf("read balance: %w", err)
	}
	if st.nonce, err = s.chain.PendingNonceAt(ctx, s.from); err != nil {
		return fmt.Errorf("read account nonce: %w", err)
	}
	if st.mined, err = s.chain.NonceAt(ctx, s.from, nil); err != nil {
		return fmt.Errorf("read mined account nonce: %w", err)
	}
	for i, t := range txs {
		if t.Kind == store.KindSettle {
			s.budget.note(&txs[i])
		}
		if t.Status != store.TxSent {
			continue
		}
		if t.Kind != store.KindChallenge {
			st.pendingSettles++
		}
		// What the pool holds for us may still cost up to its newest attempt: the balance
		// left to sign with is what is left after all of them (as the node counts it).
		if t.AccountNonce != nil && *t.AccountNonce >= st.mined {
			if a, ok := s.lastAt(t.Attempts, *t.AccountNonce); ok {
				st.balance.Sub(st.balance, costOf(a))
			}
		}
	}
	if newHead {
		s.forget(txs)
	}
	// Estimates not needed once the pass ends (a wake-up ended it early) are called off.
	ectx, cancel := context.WithCancel(ctx)
	defer cancel()
	order := passOrder(txs)
	s.estimateChallenges(ectx, &st, txs, order)
	var errs []error
	for _, i := range order {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		t := &txs[i]
		if t.Status != store.TxQueued || t.Kind != store.KindChallenge {
			// What follows is decided with the challenges before it signed.
			if err := s.flush(ctx, &st); err != nil {
				errs = append(errs, err)
			}
		}
		if passRank(t) == rankRest && len(s.wake.c) > 0 {
			break
		}
		var err error
		switch t.Status {
		case store.TxQueued:
			err = s.send(ctx, &st, t)
		case store.TxSent:
			if s.followed(&st, t) {
				continue
			}
			err = s.follow(ctx, &st, t)
		case store.TxIncluded:
			if s.followed(&st, t) {
				continue
			}
			err = s.deepen(ctx, &st, t)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s/%s (outbox %d): %w", t.Kind, t.Contract, t.User, t.ID, err))
		}
	}
	if err := s.flush(ctx, &st); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(append(errs, st.errs...)...)
}

// An entry's rank in a pass. First what the account's next nonces wait on: every entry
// sent and not yet included, whatever its kind — a new challenge takes a later account
// nonce and is mined only after them, so their fee bumps and re-broadcasts come first,
// with first call on the balance — and challenges not yet signed, nearest deadline
// first. Then secrets to register not yet signed, after every challenge whatever their
// deadlines: a flood of registrations due sooner must not take the nonces and the
// balance a challenge needs. Then challenges and secrets included, waiting for their
// depth: they only need watching for a reorg, a call to the node each, which with many
// disputes just answered would stand between a stale close and its challenge. Then the
// rest — settlements to sign, or included — which a wake-up (a close to answer) ends the
// pass before: they hold no nonce a challenge waits on.
const (
	rankInFlight = iota
	rankSecrets
	rankDeepening
	rankRest
)

// passRank is an entry's rank in a pass (see the ranks above).
func passRank(t *store.OutboxTx) int {
	switch {
	case t.Status == store.TxSent:
		return rankInFlight
	case !store.DeadlineCritical(t.Kind):
		return rankRest
	case t.Status == store.TxIncluded:
		return rankDeepening
	case t.Kind != store.KindChallenge:
		return rankSecrets
	}
	return rankInFlight
}

// passOrder orders a pass by rank, in the outbox's order (deadline order) within each.
func passOrder(txs []store.OutboxTx) []int {
	order := make([]int, len(txs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return passRank(&txs[a]) - passRank(&txs[b]) })
	return order
}

// followed reports whether a sent or included entry was followed at this pass's head
// already; if not, it notes that it is now.
func (s *Sender) followed(st *step, t *store.OutboxTx) bool {
	if s.looked[t.ID] == st.headHash {
		return true
	}
	s.looked[t.ID] = st.headHash
	return false
}

// forget drops what the sender remembers of entries no longer due: finished, or queued
// again.
func (s *Sender) forget(txs []store.OutboxTx) {
	live := make(map[int64]bool, len(txs))
	for _, t := range txs {
		live[t.ID] = t.Status != store.TxQueued
	}
	for id := range s.looked {
		if !live[id] {
			delete(s.looked, id)
		}
	}
	for id := range s.takenAt {
		if !live[id] {
			delete(s.takenAt, id)
		}
	}
}

// affords reports whether the account can pay cost for t now; anything but a challenge
// must leave the challenge reserve. When it cannot, it alerts.
func (s *Sender) affords(ctx context.Context, st *step, t *store.OutboxTx, cost *big.Int) bool {
	need := new(big.Int).Set(cost)
	if t.Kind != store.KindChallenge {
		need.Add(need, s.Reserve())
	}
	if st.balance.Cmp(need) >= 0 {
		return true
	}
	msg := fmt.Sprintf("%s %s cannot pay for a %s of channel %s: balance %s, needs up to %s.", s.cfg.Account,
		s.from, t.Kind, t.User, wei.Text(st.balance), wei.Text(cost))
	key := "gas-low/" + s.from.Hex()
	if t.Kind != store.KindChallenge {
		msg = fmt.Sprintf("%s %s holds back a %s of channel %s: balance %s, needs %s with the challenge reserve.", s.cfg.Account,
			s.from, t.Kind, t.User, wei.Text(st.balance), wei.Text(need))
		key = "gas-reserve/" + s.from.Hex()
	}
	s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.GasLow, Key: key, Text: msg})
	_ = s.box.NoteError(ctx, t.ID, "insufficient funds for gas")
	return false
}

// Reserve is the part of the account's balance no kind but a challenge may spend:
// ChallengeReserve challenges of 200,000 gas at MaxFeePerGas. It is priced at the cap,
// not at today's fees, because the challenges it is kept for come when they come: a
// flood of other transactions paid at low fees must not leave too little for a
// challenge sent when fees are high.
func (s *Sender) Reserve() *big.Int {
	r := new(big.Int).Mul(s.cfg.MaxFeePerGas, big.NewInt(reserveGas))
	return r.Mul(r, big.NewInt(s.cfg.ChallengeReserve))
}

// UrgentFeeCap is the most per gas a sender so configured offers a deadline-critical
// transaction at its deadline with the chain at head: the Urgency-fold tip over twice the
// base fee, at most MaxFeePerGas (Tip and Urgency at their defaults when unset). The
// engine prices a registration with it.
func (c SenderConfig) UrgentFeeCap(head *types.Header) *big.Int {
	tip, urgency := c.Tip, c.Urgency
	if tip == nil {
		tip = big.NewInt(params.GWei)
	}
	if urgency < 1 {
		urgency = 10
	}
	feeCap := new(big.Int).Mul(tip, big.NewInt(urgency))
	feeCap.Add(feeCap, new(big.Int).Mul(baseFee(head), big.NewInt(2)))
	if c.MaxFeePerGas != nil && feeCap.Cmp(c.MaxFeePerGas) > 0 {
		feeCap.Set(c.MaxFeePerGas)
	}
	return feeCap
}
