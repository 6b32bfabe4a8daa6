package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// request asks the hub to co-sign update u (with the payment fields for a payment). The
// state is computed, signed and persisted locally first; the hub's signature is checked
// and the co-signed state persisted and backed up.
func (w *Wallet) request(ctx context.Context, u channel.Update, payee *common.Address, sealed []byte) (*channel.State, error) {
	// Over a stream the hub's proposals come as they are made, and an intent's answer holds
	// any the wallet has not co-signed: no sync first.
	if !w.Streaming() {
		if err := w.fetch(ctx); err != nil {
			return nil, err
		}
	}
	if err := w.checkOpen(ctx); err != nil {
		return nil, err
	}
	return w.requestSynced(ctx, u, payee, sealed)
}

// requestSynced is request for a wallet that has just co-signed the hub's proposals.
//
// One state per nonce: the wallet asks hub first — the request carries no signature; the
// hub signs the state and holds it as its proposal; the wallet checks that signature is on
// exactly the state it computed, signs, keeps the state as co-signed and only then sends
// its signature (POST /v1/cosign). So the user's signature only ever completes a state
// the hub has signed, and a refusal leaves the hub no user signature at all: the wallet
// is free to ask for something else at that nonce, or to co-sign a proposal that crossed
// its request. A state the wallet signed and sent under the older, signature-first
// request (an older wallet's file) is sent again, identical, until it is co-signed.
func (w *Wallet) requestSynced(ctx context.Context, u channel.Update, payee *common.Address, sealed []byte) (*channel.State, error) {
	var evs []Event // of the hub's proposals an intent's co-signature covers, once the lock is released
	defer func() { w.emit(ctx, evs) }()
	w.mu.Lock()
	defer w.mu.Unlock()
	if p := w.ls.Signed; p != nil && p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) <= 0 {
		w.ls.Signed = nil // co-signed, or superseded by a co-signed state at or above its nonce
	}
	if p := w.ls.Signed; p != nil && len(p.SigUser) > 0 {
		st, err := w.send(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("%w: nonce %s (%s), sent again: %w", ErrPending, p.State.Nonce, p.Update.Kind, err)
		}
		if !sameUpdate(p.Update, u) {
			return nil, fmt.Errorf("%w: %s at nonce %s is co-signed; %s was not sent", ErrEarlierRequest, p.Update.Kind, p.State.Nonce, u.Kind)
		}
		return st, nil
	}
	prev := w.ls.Cosigned
	next, locks, err := u.Apply(prev.State, prev.Locks)
	if err != nil {
		return nil, err
	}
	if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
		return nil, err
	}
	// Kept before it is asked for, unsigned: after a lost answer the hub's proposal of it
	// is recognised as this request (and a payment asked again is this one).
	w.ls.Signed = &signed{Update: u, State: next, Locks: locks, Payee: payee, SealedSecret: sealed}
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		w.ls.Signed = nil
		return nil, err
	}
	if s := w.stream.Load(); s != nil && s.alive() {
		var st *channel.State
		st, evs, err = w.intent(ctx, s, u, payee, sealed)
		return st, err
	}
	var out wire.HubState
	if err := w.exchange(ctx, wire.FrameRequest, http.MethodPost, "/v1/requests", wire.HubRequest{Update: u, Nonce: channel.Amount{V: next.Nonce},
		Payee: payee, SealedSecret: sealed}, &out); err != nil {
		if he := (*HubError)(nil); errors.As(err, &he) {
			// Refused: the hub signed nothing the user signed, so nothing is left pending.
			w.ls.Signed = nil
			if serr := w.ls.save(w.cfg.StatePath); serr != nil {
				return nil, errors.Join(err, serr)
			}
		}
		return nil, err
	}
	return w.cosignAsked(ctx, w.ls.Signed, out.SigHub)
}

// intent asks the hub over the stream to apply u on top of its newest state, checks the
// batch it answers with (the hub's proposals the wallet had not co-signed yet, then its
// own update) and co-signs its newest state. The request is kept (w.ls.Signed) before it
// is sent, so that after a lost answer the hub's state of it is recognised as the
// wallet's own. The caller holds w.mu.
func (w *Wallet) intent(ctx context.Context, s *stream, u channel.Update, payee *common.Address, sealed []byte) (*channel.State, []Event, error) {
	var ch wire.HubChannel
	if err := s.call(ctx, wire.FrameIntent, wire.HubIntent{Update: u, Payee: payee, SealedSecret: sealed}, &ch); err != nil {
		if he := (*HubError)(nil); errors.As(err, &he) {
			// Refused: the hub signed nothing the user signed, so nothing is left pending.
			w.ls.Signed = nil
			if serr := w.ls.save(w.cfg.StatePath); serr != nil {
				return nil, nil, errors.Join(err, serr)
			}
		}
		return nil, nil, err
	}
	asked, was := w.ls.Signed, w.ls.Cosigned.State.Nonce
	if err := w.adopt(ch.Cosigned); err != nil {
		return nil, nil, err
	}
	if w.ls.Cosigned.State.Nonce.Cmp(was) != 0 {
		// Adopting the hub's co-signed state does not answer the request: kept, on file too.
		w.ls.Signed = asked
		if err := w.ls.save(w.cfg.StatePath); err != nil {
			return nil, nil, err
		}
	}
	steps, err := w.checkBatch(ctx, ch.Proposals, false)
	if err != nil {
		return nil, nil, err
	}
	var own *channel.State
	for _, st := range steps {
		if st.asked {
			own = st.p.State
		}
	}
	if own == nil {
		return nil, nil, fmt.Errorf("%w: the hub's answer to the %s request does not hold it", ErrUnfair, u.Kind)
	}
	if !w.cfg.ManualClaim {
		steps = w.claimWith(ctx, s, steps) // incoming payments among the hub's proposals, in the same signature
	}
	evs, err := w.cosignBatch(ctx, steps, &u)
	return own.Clone(), evs, err
}

// cosignAsked co-signs the state the wallet asked for, once sigHub is the hub's signature
// on exactly that state: it signs, keeps the state as co-signed (before the signature
// leaves), backs it up and sends the signature. The caller holds w.mu.
func (w *Wallet) cosignAsked(ctx context.Context, p *signed, sigHub []byte) (*channel.State, error) {
	digest, err := w.domain.Digest(p.State)
	if err != nil {
		return nil, err
	}
	if err := channel.VerifySigner(digest, sigHub, w.cfg.Hub); err != nil {
		return nil, fmt.Errorf("%w: the hub's signature does not match the requested state: %w", ErrUnfair, err)
	}
	sig, err := channel.Sign(digest, w.cfg.Key)
	if err != nil {
		return nil, err
	}
	w.ls.forgetSettled(w.ls.Cosigned.Locks, p.Locks)
	undo := w.ls.setCosigned(cosigned{State: p.State, Locks: p.Locks, SigHub: sigHub, SigUser: sig})
	w.ls.Signed = nil
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		undo()
		return nil, err
	}
	w.backup(ctx, p.State, sigHub, sig)
	if err := w.sendCosign(ctx); err != nil {
		return p.State.Clone(), err
	}
	return p.State.Clone(), nil
}

// sendCosign sends the wallet's signature on its co-signed state to the hub, which acts on
// the state once it has it. A failure is sent again by the next sync.
func (w *Wallet) sendCosign(ctx context.Context) error {
	c := w.ls.Cosigned
	if err := w.exchange(ctx, wire.FrameCosign, http.MethodPost, "/v1/cosign", wire.HubCosign{Nonce: channel.Amount{V: c.State.Nonce}, SigUser: c.SigUser}, nil); err != nil {
		return fmt.Errorf("co-signature of nonce %s not recorded by the hub (sent again by the next sync): %w", c.State.Nonce, err)
	}
	return nil
}

// send sends the signed state p to the hub and, once the hub's signature on exactly that
// state checks, keeps it as the co-signed state and backs it up. A refusal leaves p
// pending. The caller holds w.mu.
func (w *Wallet) send(ctx context.Context, p *signed) (*channel.State, error) {
	digest, err := w.domain.Digest(p.State)
	if err != nil {
		return nil, err
	}
	var out wire.HubState
	err = w.call(ctx, http.MethodPost, "/v1/requests", wire.HubRequest{Update: p.Update, Nonce: channel.Amount{V: p.State.Nonce},
		SigUser: p.SigUser, Payee: p.Payee, SealedSecret: p.SealedSecret}, &out)
	if err != nil {
		return nil, err
	}
	if err := channel.VerifySigner(digest, out.SigHub, w.cfg.Hub); err != nil {
		return nil, fmt.Errorf("%w: the hub's signature does not match the requested state: %w", ErrUnfair, err)
	}
	w.ls.forgetSettled(w.ls.Cosigned.Locks, p.Locks)
	w.ls.setCosigned(cosigned{State: p.State, Locks: p.Locks, SigHub: out.SigHub, SigUser: p.SigUser})
	w.ls.Signed = nil
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		return nil, err
	}
	w.backup(ctx, p.State, out.SigHub, p.SigUser)
	return p.State.Clone(), nil
}

// sameUpdate reports whether two updates are the same request.
func sameUpdate(a, b channel.Update) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// RequestCollateral asks the hub to top up its side of the channel; the proposal arrives
// with the next Sync, and the hub executes it once co-signed.
func (w *Wallet) RequestCollateral(ctx context.Context) error {
	return w.call(ctx, http.MethodPost, "/v1/collateral", nil, nil)
}
