package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Request is an update a user asks the hub to co-sign: the update, the nonce of the state
// it leads to and the user's signature on that state; for a payment, the payee and the
// secret sealed to the payee's key.
type Request struct {
	Update       channel.Update
	Nonce        *big.Int
	SigUser      []byte
	Payee        common.Address
	SealedSecret []byte
}

// Request co-signs a user's update if it follows the latest state, is signed by the user
// and is one a user may ask for; the state is stored before the answer. Payments are then
// forwarded to their payee, and claims collected from the payer.
func (h *Hub) Request(ctx context.Context, user common.Address, r Request) (store.HubState, error) {
	now := h.cfg.Now()
	role, err := h.checkRequest(ctx, user, &r, now)
	if err != nil {
		return store.HubState{}, err
	}
	var out store.HubState
	var pay *store.Payment
	err = h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		if tx.LatestNonce().Cmp(tx.CosignedNonce()) != 0 {
			return fmt.Errorf("%w: proposals up to nonce %s await your signature", ErrSyncFirst, tx.LatestNonce())
		}
		prev, err := tx.State(ctx, tx.LatestNonce())
		if err != nil {
			return err
		}
		next, locks, err := r.Update.Apply(prev.State, prev.Locks)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrNotAllowed, err)
		}
		if r.Nonce == nil || next.Nonce.Cmp(r.Nonce) != 0 {
			return fmt.Errorf("%w: the update leads to nonce %s, the request says %v", channel.ErrNonce, next.Nonce, r.Nonce)
		}
		if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
			return fmt.Errorf("%w: %w", ErrNotAllowed, err)
		}
		if err := h.checkLocks(role, prev.Locks, &r, now); err != nil {
			return err
		}
		digest, err := h.domain.Digest(next)
		if err != nil {
			return err
		}
		if err := channel.VerifySigner(digest, r.SigUser, user); err != nil {
			return fmt.Errorf("%w: the signature is not the user's on the state nonce %s: %w", ErrBadSignature, next.Nonce, err)
		}
		sigHub, err := channel.Sign(digest, h.cfg.Key)
		if err != nil {
			return err
		}
		d := wire.Detail{Update: r.Update}
		if role == wire.RolePay {
			d.Payee, d.SealedSecret = &r.Payee, r.SealedSecret
		}
		detail, _ := json.Marshal(d)
		out = store.HubState{Kind: role, Detail: detail, State: next, Locks: locks, SigHub: sigHub, SigUser: r.SigUser}
		if err := tx.Append(ctx, out); err != nil {
			return err
		}
		switch role {
		case wire.RolePay:
			l := r.Update.Lock
			p := store.Payment{Contract: h.cfg.Contract, Hashlock: l.Hashlock, Payer: user, Payee: r.Payee,
				AmountWei: l.AmountWei, AmountToken: l.AmountToken, PayerExpiry: l.Expiry.Uint64(),
				PayeeExpiry: l.Expiry.Uint64() - h.cfg.LockMargin, SealedSecret: r.SealedSecret, Status: store.PayLocked}
			if p.ID, err = tx.InsertPayment(ctx, p); err != nil {
				if errors.Is(err, store.ErrNonceConflict) {
					return fmt.Errorf("%w: %s", ErrPaymentExists, l.Hashlock)
				}
				return err
			}
			pay = &p
		case wire.RoleClaim:
			hl := channel.HashSecret(*r.Update.Secret)
			if _, err := tx.SetPayment(ctx, h.cfg.Contract, hl, store.PayClaimed, r.Update.Secret, store.PayForwarded); err != nil {
				return err
			}
		case wire.RoleRefund:
			if _, err := tx.SetPayment(ctx, h.cfg.Contract, *r.Update.Hashlock, store.PayRefunded, nil,
				store.PayLocked, store.PayForwarded, store.PayFailed); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return store.HubState{}, err
	}
	switch role {
	case wire.RolePay:
		h.forward(ctx, *pay)
	case wire.RoleClaim:
		if p, err := h.st.Payment(ctx, h.cfg.Contract, channel.HashSecret(*r.Update.Secret)); err == nil {
			h.collect(ctx, p)
		}
	}
	return out, nil
}

// Cosign records the user's signature on the hub's next proposal, then acts on it.
func (h *Hub) Cosign(ctx context.Context, user common.Address, nonce *big.Int, sigUser []byte) error {
	var signed store.HubState
	err := h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		want := new(big.Int).Add(tx.CosignedNonce(), big.NewInt(1))
		if nonce == nil || nonce.Cmp(want) != 0 || want.Cmp(tx.LatestNonce()) > 0 {
			return fmt.Errorf("%w: the next proposal to co-sign is %s (latest %s), not %v", channel.ErrNonce, want, tx.LatestNonce(), nonce)
		}
		hs, err := tx.State(ctx, nonce)
		if err != nil {
			return err
		}
		digest, err := h.domain.Digest(hs.State)
		if err != nil {
			return err
		}
		if err := channel.VerifySigner(digest, sigUser, user); err != nil {
			return fmt.Errorf("%w: %w", ErrBadSignature, err)
		}
		signed = hs
		signed.SigUser = sigUser
		if err := tx.Cosign(ctx, nonce, sigUser); err != nil {
			return err
		}
		var d wire.Detail
		_ = json.Unmarshal(hs.Detail, &d)
		switch hs.Kind {
		case wire.RoleCollect:
			_, err = tx.SetPayment(ctx, h.cfg.Contract, channel.HashSecret(*d.Update.Secret), store.PayCompleted, nil, store.PayClaimed)
		case wire.RoleReturn:
			_, err = tx.SetPayment(ctx, h.cfg.Contract, *d.Update.Hashlock, store.PayRefunded, nil)
		}
		return err
	})
	if err != nil {
		return err
	}
	if signed.Kind == wire.RoleCollateral && h.exec != nil {
		// Queued after the co-signature is stored: a crash in between is caught up by the
		// sweep (executeProposals), and the outbox key makes queueing twice harmless.
		if err := h.execute(ctx, signed, h.cfg.Now()); err != nil {
			h.log.Error("queueing a collateral update failed; the sweep retries", "user", user, "nonce", signed.State.Nonce, "err", err)
		}
	}
	return nil
}
