package disputes

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/alert"
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
	// StuckBlocks is how many blocks an attempt may wait before it is replaced with
	// higher fees (default 3). An attempt priced below the base fee is replaced at once.
	StuckBlocks uint64
	// Confirmations is the depth at which an included transaction is final (default 12).
	Confirmations uint64
	// Interval is how often the outbox is worked through without a wake-up (default 1s).
	Interval time.Duration
	Logger   *slog.Logger
	Alerts   alert.Sink
}

// Sender works through the outbox: it signs, broadcasts, replaces and follows the
// transactions of one account. Every signed transaction is recorded before it is
// broadcast, and account nonces are assigned once, in the store, so that a restart at
// any point re-broadcasts rather than re-signs.
type Sender struct {
	cfg   SenderConfig
	chain Chain
	box   Outbox
	from  common.Address
	log   *slog.Logger
	wake  chan struct{}
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
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Alerts == nil {
		cfg.Alerts = alert.Log{Logger: cfg.Logger}
	}
	// An entry re-examined every pass must not repeat its alerts.
	cfg.Alerts = &alert.Dedup{Next: cfg.Alerts, Quiet: time.Hour}
	return &Sender{cfg: cfg, chain: chain, box: box, from: crypto.PubkeyToAddress(cfg.Key.PublicKey),
		log: cfg.Logger, wake: make(chan struct{}, 1)}, nil
}

// Address returns the sending account.
func (s *Sender) Address() common.Address { return s.from }

// Wake makes Run work through the outbox now.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
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
		select {
		case <-ctx.Done():
			return nil
		case <-s.wake:
		case <-t.C:
		}
	}
}

// step is the state of one pass: the head, and the account's balance and pending nonce,
// read once per pass.
type step struct {
	head    *types.Header
	balance *big.Int // minus the worst-case cost of what this pass signed
	nonce   uint64   // the node's pending nonce for the account
}

// Step works through every active outbox entry once, nearest deadline first.
func (s *Sender) Step(ctx context.Context) error {
	txs, err := s.box.ActiveTxs(ctx, s.cfg.ChainID, s.from)
	if err != nil || len(txs) == 0 {
		return err
	}
	var st step
	if st.head, err = s.chain.HeaderByNumber(ctx, nil); err != nil {
		return fmt.Errorf("read head: %w", err)
	}
	if st.balance, err = s.chain.BalanceAt(ctx, s.from, nil); err != nil {
		return fmt.Errorf("read balance: %w", err)
	}
	if st.nonce, err = s.chain.PendingNonceAt(ctx, s.from); err != nil {
		return fmt.Errorf("read account nonce: %w", err)
	}
	var errs []error
	for i := range txs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		t := &txs[i]
		var err error
		switch t.Status {
		case store.TxQueued:
			err = s.send(ctx, &st, t)
		case store.TxSent:
			err = s.follow(ctx, &st, t)
		case store.TxIncluded:
			err = s.deepen(ctx, &st, t)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s/%s (outbox %d): %w", t.Kind, t.Contract, t.User, t.ID, err))
		}
	}
	return errors.Join(errs...)
}

// send signs and broadcasts the first attempt of a queued entry.
func (s *Sender) send(ctx context.Context, st *step, t *store.OutboxTx) error {
	if len(t.Attempts) > 0 {
		// Signed before a restart, perhaps broadcast: send exactly that again.
		if err := s.broadcast(ctx, t.Attempts[len(t.Attempts)-1]); err != nil {
			s.log.Warn("re-broadcast failed", "outbox", t.ID, "err", err)
		}
		return s.box.MarkSent(ctx, t.ID)
	}
	if st.head.Time < t.NotBefore {
		return nil
	}
	if s.expired(ctx, st, t) {
		return nil
	}
	if t.AccountNonce == nil {
		gas, err := s.chain.EstimateGas(ctx, ethereum.CallMsg{From: s.from, To: &t.Contract, Data: t.Calldata})
		if err != nil {
			// The chain may not agree yet (a lagging node, a close still being mined):
			// retried every pass until the deadline.
			_ = s.box.NoteError(ctx, t.ID, "estimate gas: "+err.Error())
			return fmt.Errorf("estimate gas: %w", err)
		}
		limit := gas + gas/4
		n, err := s.box.AssignNonce(ctx, t.ID, s.cfg.ChainID, s.from, st.nonce, limit)
		if err != nil {
			return err
		}
		st.nonce = max(st.nonce, n+1)
		t.AccountNonce, t.GasLimit = &n, limit
	}
	tip, feeCap := s.fees(st.head, t)
	if signed, err := s.sign(ctx, st, t, tip, feeCap); err != nil || !signed {
		return err
	}
	if err := s.box.MarkSent(ctx, t.ID); err != nil {
		return err
	}
	kind := alert.ChallengeSent
	if t.Kind == store.KindSettle {
		kind = alert.SettleSent
	}
	s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Info, Kind: kind, Key: fmt.Sprintf("sent/%d", t.ID),
		Text: fmt.Sprintf("%s sent for channel %s on %s (state nonce %s, account nonce %d).", t.Kind, t.User, t.Contract, t.Nonce, *t.AccountNonce)})
	return nil
}

// sign signs an attempt at the entry's account nonce, records it, then broadcasts it. It
// signs nothing, and says so, when the account cannot pay for the attempt.
func (s *Sender) sign(ctx context.Context, st *step, t *store.OutboxTx, tip, feeCap *big.Int) (signed bool, err error) {
	cost := new(big.Int).Mul(feeCap, new(big.Int).SetUint64(t.GasLimit))
	if st.balance.Cmp(cost) < 0 {
		msg := fmt.Sprintf("Tower account %s cannot pay for a %s of channel %s: balance %s wei, needs up to %s.",
			s.from, t.Kind, t.User, st.balance, cost)
		s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.GasLow, Key: "gas-low/" + s.from.Hex(), Text: msg})
		_ = s.box.NoteError(ctx, t.ID, "insufficient funds for gas")
		return false, nil // the others still run
	}
	tx, err := types.SignNewTx(s.cfg.Key, types.LatestSignerForChainID(s.cfg.ChainID), &types.DynamicFeeTx{
		ChainID: s.cfg.ChainID, Nonce: *t.AccountNonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: t.GasLimit,
		To: &t.Contract, Data: t.Calldata})
	if err != nil {
		return false, fmt.Errorf("sign: %w", err)
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		return false, fmt.Errorf("encode: %w", err)
	}
	a := store.Attempt{Hash: tx.Hash(), FeeCap: feeCap, TipCap: tip, Raw: raw, HeadNumber: st.head.Number.Uint64()}
	if err := s.box.AddAttempt(ctx, t.ID, a); err != nil {
		return false, err
	}
	st.balance.Sub(st.balance, cost)
	t.Attempts = append(t.Attempts, a)
	s.log.Info("transaction signed", "kind", t.Kind, "user", t.User, "outbox", t.ID, "tx", a.Hash,
		"nonce", *t.AccountNonce, "feeCap", feeCap, "tip", tip, "attempt", len(t.Attempts))
	if err := s.broadcast(ctx, a); err != nil {
		_ = s.box.NoteError(ctx, t.ID, "broadcast: "+err.Error())
		if strings.Contains(err.Error(), "insufficient funds") {
			s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.GasLow, Key: "gas-low/" + s.from.Hex(),
				Text: fmt.Sprintf("Tower account %s: node refused a %s for lack of funds.", s.from, t.Kind)})
		}
		s.log.Warn("broadcast failed; will retry", "outbox", t.ID, "tx", a.Hash, "err", err)
	}
	return true, nil
}

// broadcast sends a recorded attempt. Answers meaning the node has it, or has a newer
// attempt at its nonce, or already mined the nonce, are not errors.
func (s *Sender) broadcast(ctx context.Context, a store.Attempt) error {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(a.Raw); err != nil {
		return fmt.Errorf("decode recorded attempt %s: %w", a.Hash, err)
	}
	err := s.chain.SendTransaction(ctx, tx)
	if err == nil {
		return nil
	}
	for _, benign := range []string{"already known", "known transaction", "nonce too low", "replacement transaction underpriced",
		"already imported", "already exists"} {
		if strings.Contains(strings.ToLower(err.Error()), benign) {
			return nil
		}
	}
	return err
}

// follow looks for a receipt of any attempt of a sent entry, and replaces the newest
// attempt when it is stuck or priced out.
func (s *Sender) follow(ctx context.Context, st *step, t *store.OutboxTx) error {
	for i := len(t.Attempts) - 1; i >= 0; i-- {
		r, err := s.chain.TransactionReceipt(ctx, t.Attempts[i].Hash)
		if errors.Is(err, ethereum.NotFound) || (err == nil && r == nil) {
			continue
		}
		if err != nil {
			return fmt.Errorf("receipt of %s: %w", t.Attempts[i].Hash, err)
		}
		ok := r.Status == types.ReceiptStatusSuccessful
		s.log.Info("transaction included", "kind", t.Kind, "user", t.User, "outbox", t.ID, "tx", r.TxHash,
			"block", r.BlockNumber, "succeeded", ok)
		return s.box.MarkIncluded(ctx, t.ID, r.TxHash, r.BlockNumber.Uint64(), r.BlockHash, ok)
	}
	if len(t.Attempts) == 0 {
		return fmt.Errorf("sent entry has no attempts")
	}
	if s.expired(ctx, st, t) {
		return nil
	}
	last := t.Attempts[len(t.Attempts)-1]
	base := baseFee(st.head)
	stuck := st.head.Number.Uint64() >= last.HeadNumber+s.cfg.StuckBlocks
	pricedOut := last.FeeCap.Cmp(base) < 0
	if stuck || pricedOut {
		tip, feeCap := s.fees(st.head, t)
		tip, feeCap = maxBig(tip, bump(last.TipCap)), maxBig(feeCap, bump(last.FeeCap))
		if feeCap.Cmp(s.cfg.MaxFeePerGas) > 0 {
			feeCap = new(big.Int).Set(s.cfg.MaxFeePerGas)
		}
		if tip.Cmp(feeCap) > 0 {
			tip = new(big.Int).Set(feeCap)
		}
		if feeCap.Cmp(bump(last.FeeCap)) >= 0 && tip.Cmp(bump(last.TipCap)) >= 0 {
			if signed, err := s.sign(ctx, st, t, tip, feeCap); err != nil || signed {
				return err
			}
		} else {
			s.atRisk(ctx, st, t, fmt.Sprintf("fees at the cap of %s wei per gas (base fee %s)", s.cfg.MaxFeePerGas, base))
		}
	} else if remaining(st.head, t)*4 < window(t) {
		s.atRisk(ctx, st, t, "less than a quarter of the window left")
	}
	return s.broadcast(ctx, last)
}

// deepen follows an included entry until it is deep enough, or back to sent if a reorg
// orphaned its block.
func (s *Sender) deepen(ctx context.Context, st *step, t *store.OutboxTx) error {
	h, err := s.chain.HeaderByNumber(ctx, new(big.Int).SetUint64(t.BlockNumber))
	if err != nil && !errors.Is(err, ethereum.NotFound) {
		return fmt.Errorf("header %d: %w", t.BlockNumber, err)
	}
	if err != nil || h.Hash() != t.BlockHash {
		s.log.Warn("included transaction orphaned by a reorg; sending again", "kind", t.Kind, "user", t.User,
			"outbox", t.ID, "tx", t.TxHash, "block", t.BlockNumber)
		if err := s.box.MarkUnincluded(ctx, t.ID); err != nil {
			return err
		}
		for _, a := range t.Attempts {
			if a.Hash == t.TxHash {
				return s.broadcast(ctx, a)
			}
		}
		return nil
	}
	if st.head.Number.Uint64()+1 < t.BlockNumber+s.cfg.Confirmations {
		return nil
	}
	if t.Succeeded {
		s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Info, Kind: alert.ChallengeConfirmed, Key: fmt.Sprintf("confirmed/%d", t.ID),
			Text: fmt.Sprintf("%s for channel %s on %s confirmed in block %d (%s).", t.Kind, t.User, t.Contract, t.BlockNumber, t.TxHash)})
		return s.box.Finish(ctx, t.ID, store.TxConfirmed, "")
	}
	s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Warning, Kind: alert.ChallengeFailed, Key: fmt.Sprintf("reverted/%d", t.ID),
		Text: fmt.Sprintf("%s for channel %s on %s reverted in block %d (%s); the chain may already hold a newer state.",
			t.Kind, t.User, t.Contract, t.BlockNumber, t.TxHash)})
	return s.box.Finish(ctx, t.ID, store.TxReverted, "reverted on-chain")
}

// expired gives up an entry whose deadline passed before it was included.
func (s *Sender) expired(ctx context.Context, st *step, t *store.OutboxTx) bool {
	if st.head.Time <= t.Deadline {
		return false
	}
	msg := fmt.Sprintf("%s for channel %s on %s missed its deadline %d (state nonce %s).", t.Kind, t.User, t.Contract, t.Deadline, t.Nonce)
	s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.ChallengeFailed, Key: fmt.Sprintf("expired/%d", t.ID), Text: msg})
	if len(t.Attempts) > 0 {
		// A signed nonce must still be used: keep re-broadcasting it, harmlessly.
		_ = s.box.NoteError(ctx, t.ID, "deadline passed")
		return false
	}
	_ = s.box.Finish(ctx, t.ID, store.TxFailed, "deadline passed")
	return true
}

func (s *Sender) atRisk(ctx context.Context, st *step, t *store.OutboxTx, why string) {
	s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.ChallengeAtRisk, Key: fmt.Sprintf("risk/%d", t.ID),
		Text: fmt.Sprintf("%s for channel %s on %s not included, %ds before its deadline: %s.",
			t.Kind, t.User, t.Contract, remaining(st.head, t), why)})
}

// fees prices an attempt: the tip rises linearly from Tip when the window opens to
// Urgency×Tip at the deadline; the fee cap covers two doublings of the base fee; neither
// exceeds MaxFeePerGas.
func (s *Sender) fees(head *types.Header, t *store.OutboxTx) (tip, feeCap *big.Int) {
	w, r := window(t), remaining(head, t)
	scale := new(big.Int).SetUint64(w + uint64(s.cfg.Urgency-1)*(w-min(r, w)))
	tip = new(big.Int).Mul(s.cfg.Tip, scale)
	tip.Div(tip, new(big.Int).SetUint64(w))
	feeCap = new(big.Int).Mul(baseFee(head), big.NewInt(2))
	feeCap.Add(feeCap, tip)
	if feeCap.Cmp(s.cfg.MaxFeePerGas) > 0 {
		feeCap.Set(s.cfg.MaxFeePerGas)
	}
	if tip.Cmp(feeCap) > 0 {
		tip.Set(feeCap)
	}
	return tip, feeCap
}

func window(t *store.OutboxTx) uint64 { return max(t.Deadline-min(t.WindowStart, t.Deadline), 1) }

func remaining(head *types.Header, t *store.OutboxTx) uint64 {
	if head.Time >= t.Deadline {
		return 0
	}
	return t.Deadline - head.Time
}

func baseFee(h *types.Header) *big.Int {
	if h.BaseFee == nil {
		return new(big.Int)
	}
	return h.BaseFee
}

// bump is the smallest price a replacement offers: 12.5% more (nodes require 10%).
func bump(x *big.Int) *big.Int {
	b := new(big.Int).Rsh(x, 3)
	b.Add(b, x)
	return b.Add(b, common.Big1)
}

func maxBig(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return new(big.Int).Set(a)
	}
	return new(big.Int).Set(b)
}

// CheckBalance alerts when the sending account holds less than floor wei.
func (s *Sender) CheckBalance(ctx context.Context, floor *big.Int) error {
	bal, err := s.chain.BalanceAt(ctx, s.from, nil)
	if err != nil {
		return fmt.Errorf("read balance of %s: %w", s.from, err)
	}
	if bal.Cmp(floor) < 0 {
		s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.GasLow, Key: "gas-floor/" + s.from.Hex(),
			Text: fmt.Sprintf("Tower account %s holds %s wei, below the floor of %s: top it up.", s.from, bal, floor)})
	}
	return nil
}
