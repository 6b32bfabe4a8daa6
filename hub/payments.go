package hub

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// forward locks the payment's amount toward the payee, or gives the payer its lock back
// when that is impossible.
func (h *Hub) forward(ctx context.Context, p store.Payment) {
	if h.withhold != nil && h.withhold(p) {
		h.log.Warn("withholding payment (test fault)", "hashlock", p.Hashlock)
		return
	}
	l := channel.Lock{Sender: channel.Hub, AmountWei: p.AmountWei, AmountToken: p.AmountToken, Hashlock: p.Hashlock,
		Expiry: new(big.Int).SetUint64(p.PayeeExpiry)}
	payer := p.Payer
	_, err := h.propose(ctx, p.Payee, wire.RoleForward, wire.Detail{Update: channel.Update{Kind: channel.KindLock, Lock: &l}, Payer: &payer,
		SealedSecret: p.SealedSecret}, func(tx store.HubTx) error {
		ok, err := tx.SetPayment(ctx, h.cfg.Contract, p.Hashlock, store.PayForwarded, nil, store.PayLocked)
		if err == nil && !ok {
			err = fmt.Errorf("payment %s no longer waiting to be forwarded", p.Hashlock)
		}
		return err
	})
	if errors.Is(err, store.ErrFenced) {
		// This process no longer leads: the leader's sweep forwards the payment.
		h.log.Info("payment left to the leader to forward", "hashlock", p.Hashlock)
		return
	}
	if err != nil {
		// Another forward may have won the race (the sweeper): giveBack only acts on a
		// payment that is still waiting to be forwarded.
		h.log.Warn("payment not forwarded; returning the payer's lock", "hashlock", p.Hashlock, "payee", p.Payee, "err", err)
		h.giveBack(ctx, p, store.PayLocked)
		return
	}
	h.log.Info("payment forwarded", "hashlock", p.Hashlock, "payer", p.Payer, "payee", p.Payee, wei.Attrs("amount", p.AmountWei))
}

// giveBack returns the payer's lock to the payer, if the payment is in one of from: the
// status check and the update are one transaction, so a payment forwarded meanwhile is
// never also given back.
func (h *Hub) giveBack(ctx context.Context, p store.Payment, from ...string) {
	if h.withhold != nil && h.withhold(p) {
		return
	}
	hl := p.Hashlock
	_, err := h.propose(ctx, p.Payer, wire.RoleReturn, wire.Detail{Update: channel.Update{Kind: channel.KindCancel, Hashlock: &hl}},
		func(tx store.HubTx) error {
			ok, err := tx.SetPayment(ctx, h.cfg.Contract, p.Hashlock, store.PayFailed, nil, from...)
			if err == nil && !ok {
				err = errStatusMoved
			}
			return err
		})
	switch {
	case errors.Is(err, errStatusMoved):
	case err != nil:
		h.log.Error("could not return the payer's lock", "hashlock", p.Hashlock, "err", err)
	}
}

// collect claims the payer's lock with the secret the payee revealed.
func (h *Hub) collect(ctx context.Context, p store.Payment) {
	if p.Secret == nil || p.Status != store.PayClaimed {
		return
	}
	sec := *p.Secret
	_, err := h.propose(ctx, p.Payer, wire.RoleCollect, wire.Detail{Update: channel.Update{Kind: channel.KindClaim, Secret: &sec}}, nil)
	switch {
	case errors.Is(err, channel.ErrNoLock): // already collected (a proposal awaits the payer)
	case err != nil:
		h.log.Error("could not claim from the payer; the secret settles it on-chain", "hashlock", p.Hashlock, "err", err)
	}
}
