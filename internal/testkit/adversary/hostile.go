package adversary

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/crypto/ecies"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/wire"
)

// cosignAll has hostile u co-sign every proposal the hub shows it, checking nothing, as
// a user who wants whatever the hub offers would.
func (r *runner) cosignAll(ctx context.Context, u *user) error {
	p := r.w.proc
	if p == nil {
		return errors.New("hub down")
	}
	v, err := p.h.View(ctx, u.addr(), big.NewInt(0))
	if err != nil {
		return err
	}
	for _, ps := range v.Proposals {
		d, err := r.w.c.Domain.Digest(ps.State)
		if err != nil {
			return err
		}
		sig, err := channel.Sign(d, u.acct.Key)
		if err != nil {
			return err
		}
		if err := p.h.Cosign(ctx, u.addr(), ps.State.Nonce, sig); err != nil {
			return fmt.Errorf("co-sign %s at nonce %s: %w", ps.Kind, ps.State.Nonce, err)
		}
		r.recordHub(u, ps.State, ps.Locks, ps.SigHub, sig)
	}
	return nil
}

// recordHub adds a state co-signed outside the wallet to u's history.
func (r *runner) recordHub(u *user, s *channel.State, locks []channel.Lock, sigHub, sigUser []byte) {
	k := s.Nonce.String()
	if _, ok := u.history[k]; !ok {
		u.history[k] = &seen{State: s, Locks: locks, SigHub: sigHub, SigUser: sigUser, After: r.t0, By: r.w.now()}
	}
}

// payStale has hostile u ask the hub to pay v from u's newest co-signed state, whatever
// the chain says of u's channel (a wallet would not; a hostile user uses the API itself),
// sealing the secret to v as a wallet does, and co-sign what the hub answers.
func (r *runner) payStale(ctx context.Context, u, v *user, amount *big.Int) error {
	p := r.w.proc
	if p == nil || u == v {
		return errors.New("hub down")
	}
	newest, _ := u.newest()
	if newest == nil {
		return errors.New("no state")
	}
	var secret common.Hash
	rand.Read(secret[:])
	hl := channel.HashSecret(secret)
	plain := append(append(append([]byte{}, secret[:]...), common.LeftPadBytes(amount.Bytes(), 32)...), make([]byte, 32)...)
	sealed, err := ecies.Encrypt(rand.Reader, ecies.ImportECDSAPublic(&v.acct.Key.PublicKey), plain, nil, nil)
	if err != nil {
		return err
	}
	l := channel.Lock{Sender: channel.User, AmountWei: amount, AmountToken: new(big.Int), Hashlock: hl,
		Expiry: new(big.Int).SetUint64(r.w.now() + maxLock - 10)}
	hs, err := p.h.Request(ctx, u.addr(), hub.Request{Update: channel.Update{Kind: channel.KindLock, Lock: &l},
		Nonce: new(big.Int).Add(newest.State.Nonce, big.NewInt(1)), Payee: v.addr(), SealedSecret: sealed})
	if err != nil {
		return err
	}
	d, err := r.w.c.Domain.Digest(hs.State)
	if err != nil {
		return err
	}
	sig, err := channel.Sign(d, u.acct.Key)
	if err != nil {
		return err
	}
	u.secrets[hl] = secret
	if err := p.h.Cosign(ctx, u.addr(), hs.State.Nonce, sig); err != nil {
		return err
	}
	r.recordHub(u, hs.State, hs.Locks, hs.SigHub, sig)
	return nil
}

// inject has a hostile hub show u a proposal the real hub never made, signed with the
// hub's key, and take u's co-signature of it: a reclaim of an incoming lock, a collect
// of an outgoing one with its secret, or a top-up with a far timeout.
func (r *runner) inject(ctx context.Context, u *user, a Action) error {
	prev, locks := u.w.Latest()
	var role string
	var up channel.Update
	switch a.Op {
	case OpHubReclaim:
		l := pickLock(locks, a.Pick, func(l channel.Lock) bool { return l.Sender == channel.Hub })
		if l == nil {
			return errors.New("no incoming lock")
		}
		role, up = wire.RoleReclaim, channel.Update{Kind: channel.KindRefund, Hashlock: &l.Hashlock, Now: r.w.now()}
	case OpHubCollect:
		l := pickLock(locks, a.Pick, func(l channel.Lock) bool { return l.Sender == channel.User })
		if l == nil {
			return errors.New("no outgoing lock")
		}
		sec, ok := u.w.Secret(l.Hashlock)
		if !ok {
			return errors.New("secret unknown")
		}
		role, up = wire.RoleCollect, channel.Update{Kind: channel.KindClaim, Secret: &sec}
	case OpHubTopUp:
		ops := channel.NewOps()
		ops.Wei[channel.HubDeposit] = new(big.Int).Set(ether)
		me := u.addr()
		role, up = wire.RoleCollateral, channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &me, Timeout: r.w.now() + uint64(a.Secs)}
	}
	next, nextLocks, err := up.Apply(prev, locks)
	if err != nil {
		return err
	}
	d, err := r.w.c.Domain.Digest(next)
	if err != nil {
		return err
	}
	sigHub, err := channel.Sign(d, r.w.c.Accounts[0].Key)
	if err != nil {
		return err
	}
	detail, _ := json.Marshal(wire.Detail{Update: up})
	hs := wire.HubState{Role: role, Detail: detail, State: next, Locks: nextLocks, SigHub: sigHub}
	u.px.show(&hs)
	defer u.px.show(nil)
	syncErr := u.w.Sync(ctx)
	if sig := u.px.took(); sig != nil {
		if got, err := crypto.SigToPub(d[:], normalize(sig)); err == nil && crypto.PubkeyToAddress(*got) == u.addr() {
			r.recordHub(u, next, nextLocks, sigHub, sig)
		}
		return fmt.Errorf("the wallet co-signed the hub's %s (sync: %v)", role, syncErr)
	}
	return syncErr
}

// normalize turns a 27/28 recovery id into 0/1 for SigToPub.
func normalize(sig []byte) []byte {
	s := append([]byte(nil), sig...)
	if len(s) == 65 && s[64] >= 27 {
		s[64] -= 27
	}
	return s
}
