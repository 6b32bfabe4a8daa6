package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// A batch is the hub's proposals after the wallet's co-signed state, each checked on top
// of the one before it with the rules the wallet has for it: the wallet's own request as
// it asked for it, a claim of an incoming lock as the user's own gain, anything else as a
// proposal of the hub (check). One unfair step refuses the whole batch: nothing is
// signed. A fair batch is co-signed with one signature, on its newest state, which covers
// the states under it — but for a state with a pending on-chain operation (which the chain
// executes with both signatures on it alone) and the final state before one (which a
// dispute would take), each signed too: a state with a timeout, and the state before one.

// step is one checked proposal of a batch.
type step struct {
	p      wire.HubState
	d      wire.Detail
	locks  []channel.Lock // the lock list the update gives, not the one the hub sent
	prev   cosigned       // the state it follows
	secret *common.Hash   // an incoming payment's, when its sealed secret opens
	mine   bool           // the wallet's own request, or its claim of an incoming lock
	asked  bool           // the wallet's own request
}

// cosignedOf is the step's state with the hub's signature, as the wallet keeps it.
func (s step) cosignedOf() cosigned {
	return cosigned{State: s.p.State, Locks: s.locks, SigHub: s.p.SigHub}
}

// apply co-signs the fair proposals of ch. resend says whether a co-signature the hub
// still waits for is sent again: a sync's answer says so, a push does not (it was made
// before that co-signature arrived, which is on its way or answered). Over the stream,
// an incoming payment whose secret opens is claimed before the batch is signed, so that
// one signature covers the payment and its claim.
func (w *Wallet) apply(ctx context.Context, ch wire.HubChannel, resend bool) error {
	var evs []Event // reported once the lock is released
	defer func() { w.emit(ctx, evs) }()
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.adopt(ch.Cosigned); err != nil {
		return err
	}
	steps, err := w.checkBatch(ctx, ch.Proposals, resend)
	if err != nil || len(steps) == 0 {
		return err
	}
	if s := w.stream.Load(); s != nil && s.alive() && !w.cfg.ManualClaim {
		steps = w.claimWith(ctx, s, steps)
	}
	evs, err = w.cosignBatch(ctx, steps, nil)
	return err
}

// checkBatch checks the proposals after the co-signed state in order (from the newest
// restart, which supersedes those before it) and returns them as steps.
func (w *Wallet) checkBatch(ctx context.Context, ps []wire.HubState, resend bool) ([]step, error) {
	var steps []step
	prev := w.ls.Cosigned
	asked := false // the wallet's request is in a batch at most once: a second is the hub's replay
	for _, p := range fromRestart(ps) {
		if p.State == nil || p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) < 0 {
			continue
		}
		digest, err := w.domain.Digest(p.State)
		if err != nil {
			return nil, fmt.Errorf("%w: proposal %s: %w", ErrUnfair, p.State.Nonce, err)
		}
		if p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) == 0 {
			// The hub still waits for the co-signature of a state the wallet holds
			// co-signed (its answer was lost): the same signature again.
			if mine, _ := w.domain.Digest(w.ls.Cosigned.State); resend && mine == digest && len(w.ls.Cosigned.SigUser) > 0 {
				if err := w.sendCosign(ctx); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := w.twin(p.State.Nonce, digest); err != nil {
			return nil, err
		}
		st, err := w.checkStep(ctx, prev, p, digest, asked)
		if err != nil {
			return nil, err
		}
		asked = asked || st.asked
		steps = append(steps, st)
		prev = st.cosignedOf()
	}
	return steps, nil
}

// checkStep checks one proposal on top of prev; asked says whether the batch holds the
// wallet's request already.
func (w *Wallet) checkStep(ctx context.Context, prev cosigned, p wire.HubState, digest common.Hash, asked bool) (step, error) {
	st := step{p: p, prev: prev}
	if err := json.Unmarshal(p.Detail, &st.d); err != nil {
		return st, fmt.Errorf("%w: proposal %s: %w", ErrUnfair, p.State.Nonce, err)
	}
	var own bool
	if own, st.asked = w.ownStep(prev, p, st.d, asked); !own {
		var err error
		st.secret, st.locks, err = w.check(ctx, prev, p)
		return st, err
	}
	st.mine = true
	next, locks, err := st.d.Update.Apply(prev.State, prev.Locks)
	if err != nil {
		return st, fmt.Errorf("%w: the hub's state %s for the wallet's %s does not apply: %w", ErrUnfair, p.State.Nonce, st.d.Update.Kind, err)
	}
	if want, err := w.domain.Digest(next); err != nil || want != digest {
		return st, fmt.Errorf("%w: the hub's state %s is not what the wallet's %s gives", ErrUnfair, p.State.Nonce, st.d.Update.Kind)
	}
	if err := channel.VerifySigner(digest, p.SigHub, w.cfg.Hub); err != nil {
		return st, fmt.Errorf("%w: the hub's signature does not match the requested state: %w", ErrUnfair, err)
	}
	if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
		return st, fmt.Errorf("%w: %w", ErrUnfair, err)
	}
	st.locks = locks
	return st, nil
}

// ownStep reports whether p is the wallet's own request — the one it asked for and has
// not seen answered, as it asked for it, once (asked: already in the batch) — or a claim of
// an incoming lock the hub made with its secret: the user's own gain, whoever asked. isAsked
// says it is the request.
func (w *Wallet) ownStep(prev cosigned, p wire.HubState, d wire.Detail, asked bool) (own, isAsked bool) {
	if a := w.ls.Signed; !asked && a != nil && len(a.SigUser) == 0 && userRole(p.Role) && sameUpdate(a.Update, d.Update) {
		return true, true
	}
	if p.Role != wire.RoleClaim || d.Update.Kind != channel.KindClaim || d.Update.Secret == nil {
		return false, false
	}
	l := channel.FindLock(prev.Locks, channel.HashSecret(*d.Update.Secret))
	return l != nil && l.Sender == channel.Hub, false
}

// outgoing reports whether hashlock is one of the user's own payments: a lock the user
// sent in locks, or the payment it asked for and has not seen answered. Its secret is the
// user's to keep until the payee reveals it: claiming a lock of the hub's under it would
// hand the hub the secret of the user's own lock.
func (w *Wallet) outgoing(hashlock common.Hash, locks []channel.Lock) bool {
	if l := channel.FindLock(locks, hashlock); l != nil && l.Sender == channel.User {
		return true
	}
	if l := channel.FindLock(w.ls.Cosigned.Locks, hashlock); l != nil && l.Sender == channel.User {
		return true
	}
	a := w.ls.Signed
	return a != nil && a.Update.Kind == channel.KindLock && a.Update.Lock != nil && a.Update.Lock.Hashlock == hashlock
}

// userRole reports whether role is one of the user's requests.
func userRole(role string) bool {
	switch role {
	case wire.RolePay, wire.RoleClaim, wire.RoleRefund, wire.RoleDeposit, wire.RoleWithdraw:
		return true
	}
	return false
}

// claimWith claims, over the stream, the incoming locks of the batch's newest state whose
// secret the wallet holds and that have not expired by its clock; each claim is applied by
// the hub on top of the batch, and the batch grows by it. A claim refused, or not
// answered, is left to the next sync (claimPending): the batch is co-signed without it.
func (w *Wallet) claimWith(ctx context.Context, s *stream, steps []step) []step {
	last := steps[len(steps)-1]
	if last.p.State.HasPending() {
		return steps
	}
	for _, st := range steps {
		if st.secret != nil {
			w.ls.Secrets[channel.HashSecret(*st.secret).Hex()] = *st.secret
		}
	}
	var now uint64
	for _, l := range last.locks {
		sec, ok := w.ls.Secrets[l.Hashlock.Hex()]
		if l.Sender != channel.Hub || !ok || w.outgoing(l.Hashlock, last.locks) {
			continue
		}
		if now == 0 {
			var err error
			if now, err = w.chainNow(ctx); err != nil {
				return steps
			}
		}
		if l.ExpiredAt(now) {
			continue // the claim would hand the hub the secret for a lock it need not pay
		}
		var ch wire.HubChannel
		if err := s.call(ctx, wire.FrameIntent, wire.HubIntent{Update: channel.Update{Kind: channel.KindClaim, Secret: &sec}}, &ch); err != nil {
			w.log.Warn("claiming an incoming payment failed; retried on the next sync", "hashlock", l.Hashlock, "err", err)
			return steps
		}
		more, err := w.checkBatch(ctx, ch.Proposals, false)
		if err == nil && !extends(more, steps) {
			err = errors.New("it does not extend the batch")
		}
		if err != nil {
			w.log.Warn("the hub's answer to a claim was refused; the batch is co-signed without it", "hashlock", l.Hashlock, "err", err)
			return steps
		}
		steps = more
	}
	return steps
}

// extends reports whether more is steps followed by further steps: the same states, in
// the same order, and more of them.
func extends(more, steps []step) bool {
	if len(more) <= len(steps) {
		return false
	}
	for i := range steps {
		if more[i].p.State.Nonce.Cmp(steps[i].p.State.Nonce) != 0 || !bytes.Equal(more[i].p.SigHub, steps[i].p.SigHub) {
			return false
		}
	}
	return true
}

// cosignBatch signs a checked batch — its newest state, and each state a pending on-chain
// operation needs signed on its own (cosign's rule) — keeps it, then sends the signatures
// in order and backs the signed states up. It returns the events of the hub's steps and of
// the claims among the wallet's own but asked, whose caller reports it. The caller holds
// w.mu.
func (w *Wallet) cosignBatch(ctx context.Context, steps []step, asked *channel.Update) ([]Event, error) {
	type sig struct {
		st  step
		sig []byte
	}
	var sigs []sig
	old := w.ls.Cosigned
	undo := func() {}
	for i, st := range steps {
		if i < len(steps)-1 && st.p.State.Timeout.Sign() == 0 && steps[i+1].p.State.Timeout.Sign() == 0 {
			continue // covered by a later signature
		}
		digest, err := w.domain.Digest(st.p.State)
		if err != nil {
			return nil, err
		}
		s, err := channel.Sign(digest, w.cfg.Key)
		if err != nil {
			return nil, err
		}
		sigs = append(sigs, sig{st, s})
		c := st.cosignedOf()
		c.SigUser = s
		prevUndo, u := undo, w.ls.setCosigned(c)
		undo = func() { u(); prevUndo() }
	}
	secrets := maps.Clone(w.ls.Secrets)
	for _, st := range steps {
		if st.secret != nil {
			w.ls.Secrets[channel.HashSecret(*st.secret).Hex()] = *st.secret
		}
	}
	w.ls.forgetSettled(old.Locks, w.ls.Cosigned.Locks)
	signedOwn := w.ls.Signed
	for _, st := range steps {
		if a := w.ls.Signed; st.asked && a != nil && len(a.SigUser) == 0 && sameUpdate(a.Update, st.d.Update) {
			w.ls.Signed = nil
		}
	}
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		undo()
		w.ls.Signed, w.ls.Secrets = signedOwn, secrets
		return nil, err
	}
	for _, s := range sigs {
		n := s.st.p.State.Nonce
		if err := w.exchange(ctx, wire.FrameCosign, http.MethodPost, "/v1/cosign", wire.HubCosign{Nonce: channel.Amount{V: n}, SigUser: s.sig}, nil); err != nil {
			return nil, fmt.Errorf("co-signature of nonce %s not recorded by the hub (sent again by the next sync): %w", n, err)
		}
		w.backup(ctx, s.st.p.State, s.st.p.SigHub, s.sig)
	}
	var evs []Event
	for _, st := range steps {
		switch {
		case !st.mine:
			evs = append(evs, w.updateEvents(st.p, st.prev)...)
		case st.d.Update.Kind == channel.KindClaim && st.d.Update.Secret != nil && (asked == nil || !sameUpdate(*asked, st.d.Update)):
			if l := channel.FindLock(st.prev.Locks, channel.HashSecret(*st.d.Update.Secret)); l != nil && l.Sender == channel.Hub {
				evs = append(evs, w.claimEventLocked(*l, st.p.State.Nonce))
			}
		}
	}
	return evs, nil
}
