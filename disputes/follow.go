package disputes

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
)

// errNonceUsed is a node's answer that an attempt's account nonce is already used.
var errNonceUsed = errors.New("account nonce already used")

// follow looks for a receipt of any attempt of a sent entry; when there is none it tells
// why the newest attempt waits and acts on it: another transaction used the nonce (sign
// at a fresh one), the deadline passed (fill the nonce), the fee is the reason (replace),
// or none of these (send it again).
func (s *Sender) follow(ctx context.Context, st *step, t *store.OutboxTx) error {
	if found, err := s.findReceipt(ctx, t); found || err != nil {
		return err
	}
	if t.AccountNonce == nil {
		return errors.New("sent entry holds no account nonce")
	}
	n := *t.AccountNonce
	last, ok := s.lastAt(t.Attempts, n)
	if !ok {
		return fmt.Errorf("sent entry has no attempt at its account nonce %d", n)
	}
	if st.mined > n {
		// Used, and by none of our attempts — unless one was mined since we looked, or
		// the node shows the account's nonce before the receipt (anvil does, for a
		// moment): taken only if no receipt shows at a later head either.
		if found, err := s.findReceipt(ctx, t); found || err != nil {
			return err
		}
		first, seen := s.takenAt[t.ID]
		if !seen {
			s.takenAt[t.ID] = st.head.Number.Uint64()
		}
		if !seen || st.head.Number.Uint64() <= first {
			return nil
		}
		delete(s.takenAt, t.ID)
		return s.nonceTaken(ctx, st, t, n)
	}
	filling := s.isFill(last)
	if !filling && pastDeadline(st.head, t) {
		s.missed(ctx, st, t)
		return s.fill(ctx, st, t, &last)
	}
	stuck := st.head.Number.Uint64() >= last.HeadNumber+s.cfg.StuckBlocks
	if last.FeeCap.Cmp(baseFee(st.head)) < 0 || (stuck && s.outbid(ctx, st, gasOf(last))) {
		return s.replace(ctx, st, t, last, filling)
	}
	if stuck {
		s.log.Info("transaction waiting, not for its fee (an earlier nonce, or the node lost it): sending it again",
			"kind", t.Kind, "user", t.User, "outbox", t.ID, "tx", last.Hash, "nonce", n, "mined", st.mined)
	}
	if !filling && remaining(st.head, t)*4 < window(t) {
		s.atRisk(ctx, st, t, "less than a quarter of the window left")
	}
	return s.broadcast(ctx, last)
}

// findReceipt looks for a receipt of any of t's attempts and records it; a reverted one
// sends the channel back to the engine.
func (s *Sender) findReceipt(ctx context.Context, t *store.OutboxTx) (bool, error) {
	for i := len(t.Attempts) - 1; i >= 0; i-- {
		r, err := s.chain.TransactionReceipt(ctx, t.Attempts[i].Hash)
		if errors.Is(err, ethereum.NotFound) || (err == nil && r == nil) {
			continue
		}
		if err != nil {
			return false, fmt.Errorf("receipt of %s: %w", t.Attempts[i].Hash, err)
		}
		ok := r.Status == types.ReceiptStatusSuccessful
		s.log.Info("transaction included", "kind", t.Kind, "user", t.User, "outbox", t.ID, "tx", r.TxHash,
			"block", r.BlockNumber, "succeeded", ok, "fill", s.isFill(t.Attempts[i]))
		if err := s.box.MarkIncluded(ctx, t.ID, r.TxHash, r.BlockNumber.Uint64(), r.BlockHash, ok); err != nil {
			return true, err
		}
		if !ok {
			s.reverted(ctx, t, r.TxHash)
		}
		return true, nil
	}
	return false, nil
}

// reverted hands a channel whose transaction reverted back to the engine at once: the
// dispute may still be open (the challenge ran out of gas, or was mined before the exit
// it answers), and a reverted entry does not stand in the way of a new one.
func (s *Sender) reverted(ctx context.Context, t *store.OutboxTx, tx common.Hash) {
	failed := txAlert(alert.Warning, t, alert.ChallengeFailed, alert.SettleFailed, fmt.Sprintf("reverted/%d", t.ID),
		fmt.Sprintf("%s for channel %s on %s reverted (%s); deciding the channel again.", t.Kind, t.User, t.Contract, tx))
	failed.TxHash = tx
	s.cfg.Alerts.Send(ctx, failed)
	s.revert(ctx, t, "a revert")
}

// nonceTaken handles an entry whose account nonce another transaction used: it alerts
// and signs the entry again at a fresh nonce at once — unless the entry was only waiting
// to fill its nonce, which is now done.
func (s *Sender) nonceTaken(ctx context.Context, st *step, t *store.OutboxTx, n uint64) error {
	last, _ := s.lastAt(t.Attempts, n)
	if s.isFill(last) {
		s.log.Info("filled account nonce used by another transaction", "outbox", t.ID, "nonce", n)
		return s.box.Finish(ctx, t.ID, store.TxFailed, fmt.Sprintf("%s; account nonce %d used by another transaction", givenUp(t), n))
	}
	why := fmt.Sprintf("account nonce %d was used by a transaction the tower did not sign for it (another sender with this key?)", n)
	s.log.Warn("account nonce taken by another transaction: signing again at a fresh nonce", "kind", t.Kind, "user", t.User,
		"outbox", t.ID, "nonce", n, "mined", st.mined)
	s.cfg.Alerts.Send(ctx, txAlert(alert.Critical, t, alert.ChallengeAtRisk, alert.SettleFailed, fmt.Sprintf("nonce-taken/%d/%d", t.ID, n),
		fmt.Sprintf("%s for channel %s on %s: %s; it is signed again at a fresh nonce.", t.Kind, t.User, t.Contract, why)))
	if err := s.box.DropNonce(ctx, t.ID, why); err != nil {
		return err
	}
	t.Status, t.AccountNonce = store.TxQueued, nil
	return s.send(ctx, st, t)
}

// fill replaces an entry's unusable account nonce — its deadline passed unincluded, or
// the contract refuses its call — with a zero-value transfer to the account itself, so that
// nothing waits behind the nonce. It outbids last, the attempt waiting at the nonce (nil
// when none was signed), within the budget cap. last itself is never sent again: it can
// only revert. When the cap leaves no room to outbid it, the fill is signed at the cap: a
// node takes it if last left every pool (a node lost it), and otherwise last keeps the
// nonce until it is mined.
func (s *Sender) fill(ctx context.Context, st *step, t *store.OutboxTx, last *store.Attempt) error {
	tip := new(big.Int).Set(s.cfg.Tip)
	feeCap := new(big.Int).Add(new(big.Int).Mul(baseFee(st.head), big.NewInt(2)), tip)
	if last != nil {
		tip, feeCap = maxBig(tip, bump(last.TipCap)), maxBig(feeCap, bump(last.FeeCap))
	}
	if feeCap.Cmp(s.cfg.MaxFeePerGas) > 0 {
		s.log.Warn("cannot outbid the attempt at an account nonce within the fee cap; filling it at the cap", "outbox", t.ID,
			"nonce", *t.AccountNonce)
		feeCap = new(big.Int).Set(s.cfg.MaxFeePerGas)
	}
	if tip.Cmp(feeCap) > 0 {
		tip = new(big.Int).Set(feeCap)
	}
	if !s.affordsReplacing(ctx, st, t, last, new(big.Int).Mul(feeCap, new(big.Int).SetUint64(params.TxGas))) {
		return nil
	}
	s.log.Warn("filling an account nonce the entry can no longer use", "kind", t.Kind, "user", t.User, "outbox", t.ID, "nonce", *t.AccountNonce)
	if err := s.addAttempt(ctx, st, t, last, s.from, nil, params.TxGas, tip, feeCap); err != nil {
		return err
	}
	if t.Status == store.TxQueued {
		return s.box.MarkSent(ctx, t.ID)
	}
	return nil
}

// replace signs a new attempt at the nonce of last, priced out or outbid: fees follow
// the schedule and rise at least 12.5% over last's (what nodes require), and the gas is
// estimated again, since the storage a challenge writes may have changed since; a call the
// contract now refuses for good is given up instead (refuse). At the budget cap it alerts
// instead.
func (s *Sender) replace(ctx context.Context, st *step, t *store.OutboxTx, last store.Attempt, filling bool) error {
	to, data, gas := t.Contract, t.Calldata, gasOf(last)
	var tip, feeCap *big.Int
	if filling {
		to, data = s.from, nil
		tip = new(big.Int).Set(s.cfg.Tip)
		feeCap = new(big.Int).Add(new(big.Int).Mul(baseFee(st.head), big.NewInt(2)), tip)
	} else {
		// A new attempt is signed only for a call that can still succeed: one the contract
		// now refuses (a collateral update of a channel disputed since it was signed) has
		// its nonce filled instead, cheaper than the attempt it outbids, which can only
		// revert.
		g, err := s.estimate(ctx, t)
		if re := refusal(err); re != nil {
			return s.refuse(ctx, st, t, &last, re)
		}
		if err == nil {
			gas = g + g/4
		}
		tip, feeCap = s.fees(st.head, t)
	}
	tip, feeCap = maxBig(tip, bump(last.TipCap)), maxBig(feeCap, bump(last.FeeCap))
	if feeCap.Cmp(s.cfg.MaxFeePerGas) > 0 {
		feeCap = new(big.Int).Set(s.cfg.MaxFeePerGas)
	}
	if tip.Cmp(feeCap) > 0 {
		tip = new(big.Int).Set(feeCap)
	}
	if feeCap.Cmp(bump(last.FeeCap)) < 0 || tip.Cmp(bump(last.TipCap)) < 0 {
		if !filling {
			s.atRisk(ctx, st, t, fmt.Sprintf("fees at the cap of %s gwei per gas (base fee %s wei)", wei.Format(s.cfg.MaxFeePerGas, 9), baseFee(st.head)))
		}
		return s.broadcast(ctx, last)
	}
	if !s.affordsReplacing(ctx, st, t, &last, new(big.Int).Mul(feeCap, new(big.Int).SetUint64(gas))) {
		return s.broadcast(ctx, last)
	}
	return s.addAttempt(ctx, st, t, &last, to, data, gas, tip, feeCap)
}

// affordsReplacing reports whether the account can pay cost for an attempt that takes
// the place of replaced (nil: none) at its nonce, and alerts when it cannot.
func (s *Sender) affordsReplacing(ctx context.Context, st *step, t *store.OutboxTx, replaced *store.Attempt, cost *big.Int) bool {
	have := new(big.Int).Set(st.balance)
	if replaced != nil {
		have.Add(have, costOf(*replaced))
	}
	if have.Cmp(cost) >= 0 {
		return true
	}
	s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.GasLow, Key: "gas-low/" + s.from.Hex(),
		Text: fmt.Sprintf("%s %s cannot pay %s for a new attempt of a %s of channel %s (account nonce %d): %s free.", s.cfg.Account,
			s.from, wei.Text(cost), t.Kind, t.User, *t.AccountNonce, wei.Text(have))})
	return false
}

// outbid reports whether a transaction of gas was kept out for its fee: one of the last
// StuckBlocks blocks had no room left for it.
func (s *Sender) outbid(ctx context.Context, st *step, gas uint64) bool {
	head := st.head.Number.Uint64()
	for n := head - min(head, s.cfg.StuckBlocks-1); n <= head; n++ {
		h, ok := st.headers[n]
		if !ok {
			var err error
			if h, err = s.chain.HeaderByNumber(ctx, new(big.Int).SetUint64(n)); err != nil {
				return true // cannot tell: bump, as before
			}
			st.headers[n] = h
		}
		if h.GasUsed+gas > h.GasLimit {
			return true
		}
	}
	return false
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
			if a.Hash == t.TxHash && (s.isFill(a) || !pastDeadline(st.head, t)) {
				return s.broadcast(ctx, a) // past its deadline it could only revert: follow fills the nonce
			}
		}
		return nil
	}
	if st.head.Number.Uint64()+1 < t.BlockNumber+s.cfg.Confirmations {
		return nil
	}
	for _, a := range t.Attempts {
		if a.Hash == t.TxHash && s.isFill(a) {
			return s.box.Finish(ctx, t.ID, store.TxFailed, fmt.Sprintf("%s; account nonce %d filled", givenUp(t), nonceOf(a)))
		}
	}
	if t.Succeeded {
		// A settlement's outcome is told by the engine from the confirmed Settled event,
		// with the amounts paid.
		if t.Kind == store.KindChallenge {
			done := txAlert(alert.Info, t, alert.ChallengeConfirmed, alert.SettleDone, fmt.Sprintf("confirmed/%d", t.ID),
				fmt.Sprintf("%s for channel %s on %s confirmed in block %d (%s).", t.Kind, t.User, t.Contract, t.BlockNumber, t.TxHash))
			done.Resolves = staleKey(t.Contract, t.User, t.ID)
			s.cfg.Alerts.Send(ctx, done)
		}
		return s.box.Finish(ctx, t.ID, store.TxConfirmed, "")
	}
	return s.box.Finish(ctx, t.ID, store.TxReverted, "reverted on-chain")
}

// givenUp says why an entry's account nonce was filled: the contract refuses its call
// (the reason refuse recorded), or its deadline passed.
func givenUp(t *store.OutboxTx) string {
	if t.Refused != "" {
		return store.CannotSucceed + t.Refused
	}
	return "deadline passed"
}

// missed alerts that an entry's deadline passed before it was included.
func (s *Sender) missed(ctx context.Context, st *step, t *store.OutboxTx) {
	msg := fmt.Sprintf("%s for channel %s on %s missed its deadline %s (%s).", t.Kind, t.User, t.Contract, utc.Text(t.Deadline), keyText(t))
	s.cfg.Alerts.Send(ctx, txAlert(alert.Critical, t, alert.ChallengeFailed, alert.SettleFailed, fmt.Sprintf("expired/%d", t.ID), msg))
}

func (s *Sender) atRisk(ctx context.Context, st *step, t *store.OutboxTx, why string) {
	s.cfg.Alerts.Send(ctx, txAlert(alert.Critical, t, alert.ChallengeAtRisk, alert.SettleFailed, fmt.Sprintf("risk/%d", t.ID),
		fmt.Sprintf("%s for channel %s on %s not included, %ds before its deadline: %s.", t.Kind, t.User, t.Contract, remaining(st.head, t), why)))
}

// broadcast sends a recorded attempt. Answers meaning the node has it, or holds a
// transaction at its nonce at least as expensive, are not errors; "nonce too low" is
// errNonceUsed (the next pass tells whose transaction used it).
func (s *Sender) broadcast(ctx context.Context, a store.Attempt) error {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(a.Raw); err != nil {
		return fmt.Errorf("decode recorded attempt %s: %w", a.Hash, err)
	}
	err := s.chain.SendTransaction(ctx, tx)
	if err == nil {
		return nil
	}
	msg := strings.ToLower(err.Error())
	for _, benign := range []string{"already known", "known transaction", "already imported", "already exists",
		"replacement transaction underpriced"} {
		if strings.Contains(msg, benign) {
			return nil
		}
	}
	if strings.Contains(msg, "nonce too low") {
		return fmt.Errorf("%w: %w", errNonceUsed, err)
	}
	return err
}

func isInsufficientFunds(err error) bool {
	return strings.Contains(strings.ToLower(err.Error()), "insufficient funds")
}

// lastAt returns the newest attempt signed at account nonce n.
func (s *Sender) lastAt(as []store.Attempt, n uint64) (store.Attempt, bool) {
	for i := len(as) - 1; i >= 0; i-- {
		if tx := decoded(as[i]); tx != nil && tx.Nonce() == n {
			return as[i], true
		}
	}
	return store.Attempt{}, false
}

// isFill reports whether an attempt is a nonce fill: a transfer to the account itself.
func (s *Sender) isFill(a store.Attempt) bool {
	tx := decoded(a)
	return tx != nil && tx.To() != nil && *tx.To() == s.from && len(tx.Data()) == 0
}

func decoded(a store.Attempt) *types.Transaction {
	tx := new(types.Transaction)
	if len(a.Raw) == 0 || tx.UnmarshalBinary(a.Raw) != nil {
		return nil
	}
	return tx
}

func nonceOf(a store.Attempt) uint64 {
	if tx := decoded(a); tx != nil {
		return tx.Nonce()
	}
	return 0
}

func gasOf(a store.Attempt) uint64 {
	if tx := decoded(a); tx != nil {
		return tx.Gas()
	}
	return 0
}
