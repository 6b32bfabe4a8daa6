package disputes

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
)

// signTx signs a transaction of the account at nonce and returns it as an attempt.
func (s *Sender) signTx(st *step, nonce uint64, to common.Address, data []byte, gas uint64, tip, feeCap *big.Int) (store.Attempt, error) {
	tx, err := types.SignNewTx(s.cfg.Key, s.signer, &types.DynamicFeeTx{
		ChainID: s.cfg.ChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: &to, Data: data})
	if err != nil {
		return store.Attempt{}, fmt.Errorf("sign: %w", err)
	}
	raw, err := tx.MarshalBinary()
	if err != nil {
		return store.Attempt{}, fmt.Errorf("encode: %w", err)
	}
	return store.Attempt{Hash: tx.Hash(), FeeCap: feeCap, TipCap: tip, Raw: raw, HeadNumber: st.head.Number.Uint64()}, nil
}

// addAttempt signs a further attempt of t (a replacement of replaced, or a fill) at its
// account nonce, records it, then broadcasts it.
func (s *Sender) addAttempt(ctx context.Context, st *step, t *store.OutboxTx, replaced *store.Attempt, to common.Address, data []byte,
	gas uint64, tip, feeCap *big.Int) error {
	a, err := s.signTx(st, *t.AccountNonce, to, data, gas, tip, feeCap)
	if err != nil {
		return err
	}
	if err := s.box.AddAttempt(ctx, t.ID, a); err != nil {
		return err
	}
	st.balance.Sub(st.balance, costOf(a))
	if replaced != nil {
		st.balance.Add(st.balance, costOf(*replaced)) // at most one of them is mined
	}
	t.Attempts = append(t.Attempts, a)
	s.log.Info("transaction signed", "kind", t.Kind, "user", t.User, "outbox", t.ID, "tx", a.Hash, "nonce", *t.AccountNonce,
		"gas", gas, wei.GweiAttrs("fee_cap", feeCap), wei.GweiAttrs("tip", tip), "attempt", len(t.Attempts), "fill", to == s.from)
	s.broadcastNew(ctx, t, a)
	return nil
}

// broadcastNew broadcasts a just-recorded attempt; a failure is retried by the next pass.
func (s *Sender) broadcastNew(ctx context.Context, t *store.OutboxTx, a store.Attempt) {
	err := s.broadcast(ctx, a)
	if err == nil {
		return
	}
	_ = s.box.NoteError(ctx, t.ID, "broadcast: "+err.Error())
	if isInsufficientFunds(err) {
		s.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.GasLow, Key: "gas-low/" + s.from.Hex(),
			Text: fmt.Sprintf("%s %s: node refused a %s for lack of funds.", s.cfg.Account, s.from, t.Kind)})
	}
	s.log.Warn("broadcast failed; will retry", "outbox", t.ID, "tx", a.Hash, "err", err)
}
