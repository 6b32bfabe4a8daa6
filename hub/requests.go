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
//
// A request without the user's signature is answered hub first: the hub signs the state
// and stores it as its proposal, which the user then co-signs (Cosign), and acts on it only
// then. A wallet that asks so gives its signature only on a state the hub has already
// signed, so a refusal never leaves the hub holding a user signature the user abandoned
// (one state per nonce), and a refusal because a proposal crossed the request costs it
// nothing: it co-signs the proposal and asks again.
func (h *Hub) Request(ctx context.Context, user common.Address, r Request) (store.HubState, error) {
	out, then, err := h.request(ctx, user, r, nil)
	then()
	return out, err
}

// Intent applies an update the user asks for on top of the hub's newest state — its
// proposals awaiting the user's signature included, so a proposal crossing the request
// costs no refusal — and signs and stores the state it leads to as a proposal, as
// Request does for a request without the user's signature; r.Nonce and r.SigUser must be
// unset. It returns the channel from the co-signed state on: every proposal the user's
// co-signature of the new one would cover, which the wallet checks step by step.
//
// What the intent starts at once — a claim's collection from the payer — is left to then,
// which the caller runs once it has answered: the payee holds its claim without waiting
// for the hub's proposal to the payer.
func (h *Hub) Intent(ctx context.Context, user common.Address, r Request) (c Channel, then func(), err error) {
	if r.Nonce != nil || len(r.SigUser) > 0 {
		return Channel{}, func() {}, fmt.Errorf("%w: an intent carries neither a nonce nor a signature", channel.ErrInvalidField)
	}
	_, then, err = h.request(ctx, user, r, &c)
	if err != nil {
		return Channel{}, then, err
	}
	return c, then, nil
}

// request is Request or, with onTop set, Intent, whose answer it fills in: the co-signed
// state and the proposals after it, the new one last, read in the channel's transaction.
func (h *Hub) request(ctx context.Context, user common.Address, r Request, onTop *Channel) (hs store.HubState, then func(), err error) {
	then = func() {}
	if err := h.checkCaughtUp(); err != nil {
		return store.HubState{}, then, err
	}
	now := h.cfg.Now()
	role, err := h.checkRequest(ctx, user, &r, now)
	if err != nil {
		return store.HubState{}, then, err
	}
	var short *shortfall
	if role == wire.RolePay {
		if short, err = h.checkPayee(ctx, &r); err != nil {
			return store.HubState{}, then, err
		}
	}
	ch, err := h.onchain(ctx, user)
	if err != nil {
		return store.HubState{}, then, err
	}
	topUp := false
	hubFirst := len(r.SigUser) == 0
	var out store.HubState
	var pay *store.Payment
	err = h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		if err := h.checkPhase(ctx, tx, ch, r.Update.Kind); err != nil {
			return err
		}
		if onTop == nil && tx.LatestNonce().Cmp(tx.CosignedNonce()) != 0 {
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
		if onTop != nil {
			r.Nonce = next.Nonce
			if *onTop, err = chainUnder(ctx, tx); err != nil {
				return err
			}
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
		if role == wire.RolePay {
			// Payments of intents stacked above the co-signed state count too: the user's
			// co-signature of the newest starts them all.
			wei := new(big.Int).Set(r.Update.Lock.AmountWei)
			if onTop != nil {
				for _, p := range onTop.Proposals {
					if d := detailOf(p); p.Kind == wire.RolePay && d.Update.Lock != nil {
						wei.Add(wei, d.Update.Lock.AmountWei)
					}
				}
			}
			if err := h.checkUncollected(ctx, tx, wei); err != nil {
				return err
			}
		}
		digest, err := h.domain.Digest(next)
		if err != nil {
			return err
		}
		if !hubFirst {
			if err := channel.VerifySigner(digest, r.SigUser, user); err != nil {
				return fmt.Errorf("%w: the signature is not the user's on the state nonce %s: %w", ErrBadSignature, next.Nonce, err)
			}
		}
		if short != nil {
			topUp = true // a payment the hub would make, but for the payee's collateral
			return short.err
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
		if hubFirst {
			out.SigUser = nil
		}
		if err := tx.Append(ctx, out); err != nil {
			return err
		}
		if onTop != nil {
			onTop.Proposals = append(onTop.Proposals, out)
		}
		if hubFirst && !actsOnSigning(role) {
			return nil // acted on once the user co-signs
		}
		pay, err = h.requested(ctx, tx, user, role, d)
		return err
	})
	if topUp {
		err = h.topUp(ctx, short.payee, short.need, err)
	}
	if errors.Is(err, channel.ErrSettled) {
		// The settlement the user asks past: propose the restart it must co-sign first.
		if rerr := h.restart(ctx, user); rerr != nil {
			h.log.Warn("restarting a settled channel failed", "user", user, "err", rerr)
		}
	}
	if err != nil {
		return store.HubState{}, then, err
	}
	if !hubFirst || actsOnSigning(role) {
		then = func() { h.afterRequest(ctx, role, detailOf(out), pay) }
	}
	return out, then, nil
}

// chainUnder reads, in the channel's transaction, its co-signed state and the proposals
// after it: what an intent's state is applied on top of.
func chainUnder(ctx context.Context, tx store.HubTx) (Channel, error) {
	var c Channel
	cos := tx.CosignedNonce()
	if cos.Sign() > 0 {
		hs, err := tx.State(ctx, cos)
		if err != nil {
			return c, err
		}
		c.Cosigned = &hs
	}
	for n := new(big.Int).Add(cos, big.NewInt(1)); n.Cmp(tx.LatestNonce()) <= 0; n.Add(n, big.NewInt(1)) {
		hs, err := tx.State(ctx, n)
		if err != nil {
			return c, err
		}
		c.Proposals = append(c.Proposals, hs)
	}
	return c, nil
}

// actsOnSigning reports whether the hub acts on a request of this role once it has
// signed it, before the user co-signs. A claim does: the hub's signature on it already
// lets the payee take the lock on-chain (the payee adds its own and closes), so the hub
// collects from the payer at once, with the secret the claim carries, whether or not the
// payee ever sends its co-signature. A payment waits: forwarding it before the payer's
// lock is co-signed would let the payer be paid for nothing.
func actsOnSigning(role string) bool { return role == wire.RoleClaim }

// detailOf decodes a stored state's detail.
func detailOf(hs store.HubState) wire.Detail {
	var d wire.Detail
	_ = json.Unmarshal(hs.Detail, &d)
	return d
}

// requested records, in the channel's transaction, what a co-signed request of the user
// starts: a payment, its claim or its refund.
func (h *Hub) requested(ctx context.Context, tx store.HubTx, user common.Address, role string, d wire.Detail) (*store.Payment, error) {
	switch role {
	case wire.RolePay:
		l := d.Update.Lock
		p := store.Payment{Contract: h.cfg.Contract, Hashlock: l.Hashlock, Payer: user, Payee: *d.Payee,
			AmountWei: l.AmountWei, AmountToken: l.AmountToken, PayerExpiry: l.Expiry.Uint64(),
			PayeeExpiry: l.Expiry.Uint64() - h.cfg.LockMargin, SealedSecret: d.SealedSecret, Status: store.PayLocked}
		var err error
		if p.ID, err = tx.InsertPayment(ctx, p); err != nil {
			if errors.Is(err, store.ErrNonceConflict) {
				return nil, fmt.Errorf("%w: %s", ErrPaymentExists, l.Hashlock)
			}
			return nil, err
		}
		return &p, nil
	case wire.RoleClaim:
		hl := channel.HashSecret(*d.Update.Secret)
		_, err := tx.ClaimPayment(ctx, h.cfg.Contract, hl, *d.Update.Secret, h.cfg.Now())
		return nil, err
	case wire.RoleRefund:
		_, err := tx.SetPayment(ctx, h.cfg.Contract, *d.Update.Hashlock, store.PayRefunded, nil,
			store.PayLocked, store.PayForwarded, store.PayFailed)
		return nil, err
	}
	return nil, nil
}

// afterRequest forwards a co-signed payment to its payee and collects a claimed one from
// its payer.
func (h *Hub) afterRequest(ctx context.Context, role string, d wire.Detail, pay *store.Payment) {
	switch role {
	case wire.RolePay:
		if pay != nil {
			h.forward(ctx, *pay)
		}
	case wire.RoleClaim:
		if d.Update.Secret == nil {
			return
		}
		if p, err := h.st.Payment(ctx, h.cfg.Contract, channel.HashSecret(*d.Update.Secret)); err == nil {
			h.collect(ctx, p)
		}
	}
}

// Cosign records the user's signature on one of the hub's proposals, then acts on it and
// on every proposal under it that it covers: the user's signature on a state covers the
// proposals it follows, which the user checked step by step and does not sign each
// (a restart supersedes the proposals before it, signed before the settlement: the
// signature covers from the restart on).
func (h *Hub) Cosign(ctx context.Context, user common.Address, nonce *big.Int, sigUser []byte) error {
	if err := h.checkCaughtUp(); err != nil {
		return err
	}
	ch, err := h.onchain(ctx, user)
	if err != nil {
		return err
	}
	var signed store.HubState
	var covered []store.HubState
	var pays []*store.Payment
	err = h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		from := new(big.Int).Add(tx.CosignedNonce(), big.NewInt(1))
		if r := lastRestart(ctx, tx); r != nil && r.Cmp(from) > 0 {
			from = r
		}
		if nonce == nil || nonce.Cmp(from) < 0 || nonce.Cmp(tx.LatestNonce()) > 0 {
			return fmt.Errorf("%w: the proposals to co-sign are %s to %s, not %v", channel.ErrNonce, from, tx.LatestNonce(), nonce)
		}
		hs, err := tx.State(ctx, nonce)
		if err != nil {
			return err
		}
		// A restart holds nothing: co-signing it is safe in any phase.
		if kind := detailOf(hs).Update.Kind; kind != channel.KindRestart {
			if err := h.checkPhase(ctx, tx, ch, kind); err != nil {
				return err
			}
		}
		digest, err := h.domain.Digest(hs.State)
		if err != nil {
			return err
		}
		if err := channel.VerifySigner(digest, sigUser, user); err != nil {
			return fmt.Errorf("%w: %w", ErrBadSignature, err)
		}
		// A proposal (a state with a timeout) is co-signed alone: the chain executes it with
		// both signatures on it, and a dispute takes only the final state before it, which
		// must be signed too. So a co-signature covers only final states under a final one.
		if hs.State.Timeout.Sign() != 0 && nonce.Cmp(from) != 0 {
			return fmt.Errorf("%w: the proposal at %s is co-signed alone, after the states before it (from %s)", channel.ErrNonce, nonce, from)
		}
		for n := new(big.Int).Set(from); n.Cmp(nonce) < 0; n.Add(n, big.NewInt(1)) {
			under, err := tx.State(ctx, n)
			if err != nil {
				return err
			}
			if under.State.Timeout.Sign() != 0 {
				return fmt.Errorf("%w: the proposal at %s is co-signed alone, not covered by a later state", channel.ErrNonce, n)
			}
			covered = append(covered, under)
		}
		signed = hs
		signed.SigUser = sigUser
		covered = append(covered, signed)
		if err := tx.Cosign(ctx, nonce, sigUser); err != nil {
			return err
		}
		for _, hs := range covered {
			pay, err := h.cosigned(ctx, tx, user, hs)
			if err != nil {
				return err
			}
			pays = append(pays, pay)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i, hs := range covered {
		if !actsOnSigning(hs.Kind) {
			h.afterRequest(ctx, hs.Kind, detailOf(hs), pays[i])
		}
	}
	if signed.Kind == wire.RoleCollateral && h.exec != nil {
		// Queued after the co-signature is stored: a crash in between is caught up by the
		// sweep (executeProposals), and the outbox key makes queueing twice harmless. (A
		// collateral proposal a later co-signature covers is never executed: the user
		// signed no state that carries it alone.)
		if err := h.execute(ctx, signed, h.cfg.Now()); err != nil {
			h.log.Error("queueing a collateral update failed; the sweep retries", "user", user, "nonce", signed.State.Nonce, "err", err)
		}
	}
	return nil
}

// cosigned records, in the channel's transaction, what the user's co-signature of a
// proposal starts or ends.
func (h *Hub) cosigned(ctx context.Context, tx store.HubTx, user common.Address, hs store.HubState) (*store.Payment, error) {
	d := detailOf(hs)
	switch hs.Kind {
	case wire.RoleCollect:
		_, err := tx.SetPayment(ctx, h.cfg.Contract, channel.HashSecret(*d.Update.Secret), store.PayCompleted, nil, store.PayClaimed)
		return nil, err
	case wire.RolePay, wire.RoleRefund:
		// A request answered hub first: what it starts starts now. (A claim started when
		// the hub signed it: actsOnSigning.)
		return h.requested(ctx, tx, user, hs.Kind, d)
	case wire.RoleReturn:
		_, err := tx.SetPayment(ctx, h.cfg.Contract, *d.Update.Hashlock, store.PayRefunded, nil)
		return nil, err
	}
	return nil, nil
}
