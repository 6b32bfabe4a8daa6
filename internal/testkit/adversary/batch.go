package adversary

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// shownBatch is a batch of proposals a hostile hub showed a wallet, each on top of the
// one before: a fair forward, then an injected proposal.
type shownBatch struct {
	base  *seen   // the wallet's co-signed state the batch follows
	steps []*seen // the batch's states, oldest first; SigUser set where the wallet co-signed
}

// forwardWei is the amount of a hostile hub's fair forward: small, so the hub's side of
// any channel with collateral covers it.
var forwardWei = big.NewInt(1e12)

// injectBatch has a hostile hub show u a batch the real hub never made, signed with the
// hub's key: a forward toward u with a fresh hashlock (which u's wallet co-signs on its
// own: a lock toward the user is always safe) and, on top of it, the proposal a.Then
// names, as inject shows it alone. It takes u's co-signatures of either and records them.
func (r *runner) injectBatch(ctx context.Context, u *user, a Action) error {
	prev, locks := u.w.Latest()
	if prev.WeiBalances[channel.Hub].Cmp(forwardWei) < 0 {
		return errors.New("the hub's side cannot cover a forward")
	}
	var hl common.Hash
	rand.Read(hl[:])
	fwd := channel.Update{Kind: channel.KindLock, Lock: &channel.Lock{Sender: channel.Hub, AmountWei: forwardWei,
		AmountToken: new(big.Int), Hashlock: hl, Expiry: new(big.Int).SetUint64(r.w.now() + maxLock - 10)}}
	fair, fairDigest, err := r.hubSigned(prev, locks, wire.RoleForward, fwd)
	if err != nil {
		return err
	}
	role, up, err := r.hostileUpdate(u, Action{Op: a.Then, Pick: a.Pick, Secs: a.Secs}, locks) // not the forward's lock
	if err != nil {
		return err
	}
	top, topDigest, err := r.hubSigned(fair.State, fair.Locks, role, up)
	if err != nil {
		return err
	}
	u.px.show(fair, top)
	defer u.px.show()
	syncErr := u.w.Sync(ctx)
	b := &shownBatch{base: &seen{State: prev, Locks: locks, After: r.t0, By: r.t0}}
	var signed []string
	for _, st := range []struct {
		hs wire.HubState
		d  common.Hash
	}{{fair, fairDigest}, {top, topDigest}} {
		s := &seen{State: st.hs.State, Locks: st.hs.Locks, SigHub: st.hs.SigHub, After: r.t0, By: r.w.now()}
		if sig := u.px.took(st.hs.State.Nonce); sig != nil && signedBy(st.d, sig, u.addr()) {
			s.SigUser = sig
			r.recordHub(u, st.hs.State, st.hs.Locks, st.hs.SigHub, sig)
			signed = append(signed, st.hs.State.Nonce.String())
		}
		b.steps = append(b.steps, s)
	}
	u.batches = append(u.batches, b)
	if len(signed) > 0 {
		return fmt.Errorf("the wallet co-signed nonce %s of the hub's batch (forward, %s) (sync: %v)", strings.Join(signed, ", "), role, syncErr)
	}
	return syncErr
}

// checkBatches checks that honest u co-signed no state of a batch holding an unfair step
// (unfairStep): the wallet refuses such a batch whole. The history's checks alone do not
// see it: the wallet signs one state for several, so a batch's fair state may be all
// that is signed, or its unfair state with no signed state under it.
func (r *runner) checkBatches(u *user) []string {
	var bad []string
	for _, b := range u.batches {
		var signed []string
		for _, s := range b.steps {
			if len(s.SigUser) > 0 {
				signed = append(signed, s.State.Nonce.String())
			}
		}
		if len(signed) == 0 {
			continue
		}
		prev := b.base
		for _, s := range b.steps {
			if why := r.unfairStep(prev, s); why != "" {
				bad = append(bad, fmt.Sprintf("honest u%d: co-signed nonce %s of a batch (nonces %s-%s) holding %s", u.i,
					strings.Join(signed, ", "), b.steps[0].State.Nonce, b.steps[len(b.steps)-1].State.Nonce, why))
				break
			}
			prev = s
		}
	}
	return bad
}
