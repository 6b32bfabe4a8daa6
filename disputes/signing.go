package disputes

import (
	"context"
	"fmt"
	"math/big"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
)

// estimateFailed begins the last error of an entry whose gas estimate failed.
const estimateFailed = "estimate gas: "

// send signs and broadcasts the first attempt of a queued entry, at a nonce taken with
// the signature, once the account can pay for it.
func (s *Sender) send(ctx context.Context, st *step, t *store.OutboxTx) error {
	if t.AccountNonce != nil {
		if a, ok := s.lastAt(t.Attempts, *t.AccountNonce); ok {
			// Signed before a restart, perhaps broadcast: send exactly that again — unless
			// its deadline has passed, when it could only revert (follow fills the nonce).
			if !pastDeadline(st.head, t) || s.isFill(a) {
				if err := s.broadcast(ctx, a); err != nil {
					s.log.Warn("re-broadcast failed", "outbox", t.ID, "err", err)
				}
			}
			return s.box.MarkSent(ctx, t.ID)
		}
	}
	challenge := t.Kind == store.KindChallenge
	if st.head.Time < t.NotBefore {
		return nil
	}
	if pastDeadline(st.head, t) {
		s.missed(ctx, st, t)
		if t.AccountNonce != nil {
			// A nonce held unsigned (given up before outbox version 6): fill it.
			return s.fill(ctx, st, t, nil)
		}
		return s.box.Finish(ctx, t.ID, store.TxFailed, "deadline passed")
	}
	if !challenge && (st.challengeWaiting || st.pendingSettles >= s.cfg.MaxPendingSettles) {
		return nil // challenges first; not too many other transactions ahead of the next one
	}
	if t.Kind == store.KindSettle && s.budget.waiting(t.ID) {
		return nil // held back over its gas cap or the day's budget: not estimated every pass
	}
	gas, err := s.estimateOf(ctx, st, t)
	if re := refusal(err); re != nil {
		// The contract refuses the call itself, whatever its kind: no block will take it.
		return s.refuse(ctx, st, t, nil, re)
	}
	if err != nil {
		// The chain may not agree yet (a lagging node, a close still being mined, a
		// transient refusal of the contract, or a node's fault): retried every pass until
		// the deadline. On its first failure the channel is
		// decided again, as after a revert: the entry may no longer be needed (a reorg
		// rolled its exit back and that examination was lost in a crash), and a challenge
		// left queued for nothing would hold every settlement back until its deadline.
		// Unsigned, it holds nothing back: settlements go on, leaving the challenge
		// reserve (affords), and it takes the next account nonce once the chain agrees.
		first := t.EstimateFailures == 0
		_ = s.box.NoteEstimateFailure(ctx, t.ID, estimateFailed+err.Error())
		if first {
			s.revert(ctx, t, "a failed estimate")
		}
		return fmt.Errorf("estimate gas: %w", err)
	}
	estimate := gas
	gas += gas / 4
	tip, feeCap := s.fees(st.head, t)
	cost := new(big.Int).Mul(feeCap, new(big.Int).SetUint64(gas))
	if t.Kind == store.KindSettle && !s.settleAllowed(ctx, t, estimate, cost) {
		return nil
	}
	if !s.affords(ctx, st, t, cost) {
		st.challengeWaiting = st.challengeWaiting || challenge
		return nil // the others still run
	}
	// Held for it now, given back if it is not signed: the next entry's affords sees it.
	st.balance.Sub(st.balance, cost)
	st.batch = append(st.batch, signing{t: t, gas: gas, tip: tip, feeCap: feeCap, cost: cost})
	if !challenge || len(st.batch) >= maxBatch {
		return s.flush(ctx, st)
	}
	return nil // signed with the challenges after it (flush)
}

// signing is an entry send decided to sign, at a gas limit and fees costing up to cost.
type signing struct {
	t           *store.OutboxTx
	gas         uint64
	tip, feeCap *big.Int
	cost        *big.Int
}

// maxBatch is how many challenges one transaction of the store signs at most. A batch is
// signed when it is full or the next challenge's estimate is not back, so its first
// challenges wait for its last: under the mass exit, batches of 32 measured a median of 7
// blocks from close to challenge, of 8 one block, of 1 three.
const maxBatch = 8

// flush signs what send decided to sign, in one transaction of the store (SignEach), then
// broadcasts it and tells that it was sent, in the background (Step waits for both).
func (s *Sender) flush(ctx context.Context, st *step) error {
	batch := st.batch
	st.batch = nil
	if len(batch) == 0 {
		return nil
	}
	reqs := make([]store.SignRequest, len(batch))
	for i, b := range batch {
		reqs[i] = store.SignRequest{ID: b.t.ID, GasLimit: b.gas, Sign: func(n uint64) (store.Attempt, error) {
			return s.signTx(st, n, b.t.Contract, b.t.Calldata, b.gas, b.tip, b.feeCap)
		}}
	}
	as, err := s.box.SignEach(ctx, s.cfg.ChainID, s.from, st.nonce, reqs)
	if err != nil {
		for _, b := range batch {
			st.balance.Add(st.balance, b.cost)
			st.challengeWaiting = st.challengeWaiting || b.t.Kind == store.KindChallenge
		}
		return fmt.Errorf("sign %d transactions from %s/%s (outbox %d): %w", len(batch), batch[0].t.Contract, batch[0].t.User, batch[0].t.ID, err)
	}
	for i, b := range batch {
		if as[i].Raw == nil {
			st.balance.Add(st.balance, b.cost) // cancelled (or signed elsewhere) meanwhile
			continue
		}
		s.signed(ctx, st, b, as[i])
	}
	return nil
}

// signed records in the pass what was signed, logs it, and broadcasts it and tells that it
// was sent in the background: recorded, the attempt is safe, and a node takes a later
// account nonce before an earlier one and holds it.
func (s *Sender) signed(ctx context.Context, st *step, b signing, a store.Attempt) {
	t := b.t
	n := nonceOf(a)
	st.nonce = max(st.nonce, n+1)
	t.Status, t.AccountNonce, t.GasLimit, t.Attempts = store.TxSent, &n, b.gas, append(t.Attempts, a)
	if t.Kind != store.KindChallenge {
		st.pendingSettles++
	}
	if t.Kind == store.KindSettle {
		s.budget.note(t)
	}
	s.log.Info("transaction signed", "kind", t.Kind, "user", t.User, "outbox", t.ID, "tx", a.Hash,
		"nonce", n, "gas", b.gas, wei.GweiAttrs("fee_cap", b.feeCap), wei.GweiAttrs("tip", b.tip), "attempt", len(t.Attempts))
	sent := txAlert(alert.Info, t, alert.ChallengeSent, alert.SettleSent, fmt.Sprintf("sent/%d", t.ID),
		fmt.Sprintf("%s sent for channel %s on %s (%s, account nonce %d).", t.Kind, t.User, t.Contract, keyText(t), n))
	sent.TxHash = a.Hash
	s.looked[t.ID] = st.headHash
	tc := *t
	st.background.Go(func() {
		s.broadcastNew(ctx, &tc, a)
		s.cfg.Alerts.Send(ctx, sent)
	})
}
