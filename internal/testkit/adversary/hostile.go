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
	role, up, err := r.hostileUpdate(u, a, locks)
	if err != nil {
		return err
	}
	hs, d, err := r.hubSigned(prev, locks, role, up)
	if err != nil {
		return err
	}
	u.px.show(hs)
	defer u.px.show()
	syncErr := u.w.Sync(ctx)
	if sig := u.px.took(hs.State.Nonce); sig != nil {
		if signedBy(d, sig, u.addr()) {
			r.recordHub(u, hs.State, hs.Locks, hs.SigHub, sig)
		}
		return fmt.Errorf("the wallet co-signed the hub's %s (sync: %v)", role, syncErr)
	}
	return syncErr
}

// hostileUpdate is the update of a's injected proposal (a.Op: OpHubReclaim, OpHubCollect
// or OpHubTopUp) on top of locks, and its role.
func (r *runner) hostileUpdate(u *user, a Action, locks []channel.Lock) (string, channel.Update, error) {
	switch a.Op {
	case OpHubReclaim:
		l := pickLock(locks, a.Pick, func(l channel.Lock) bool { return l.Sender == channel.Hub })
		if l == nil {
			return "", channel.Update{}, errors.New("no incoming lock")
		}
		return wire.RoleReclaim, channel.Update{Kind: channel.KindRefund, Hashlock: &l.Hashlock, Now: r.w.now()}, nil
	case OpHubCollect:
		l := pickLock(locks, a.Pick, func(l channel.Lock) bool { return l.Sender == channel.User })
		if l == nil {
			return "", channel.Update{}, errors.New("no outgoing lock")
		}
		sec, ok := u.w.Secret(l.Hashlock)
		if !ok {
			return "", channel.Update{}, errors.New("secret unknown")
		}
		return wire.RoleCollect, channel.Update{Kind: channel.KindClaim, Secret: &sec}, nil
	case OpHubTopUp:
		ops := channel.NewOps()
		ops.Wei[channel.HubDeposit] = new(big.Int).Set(ether)
		me := u.addr()
		return wire.RoleCollateral, channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &me, Timeout: r.w.now() + uint64(a.Secs)}, nil
	}
	return "", channel.Update{}, fmt.Errorf("%v is no injected proposal", a.Op)
}

// hubSigned applies up on top of prev and locks and signs the state with the hub's key,
// as the hub shows a proposal in role; it returns the state's digest too.
func (r *runner) hubSigned(prev *channel.State, locks []channel.Lock, role string, up channel.Update) (wire.HubState, common.Hash, error) {
	next, nextLocks, err := up.Apply(prev, locks)
	if err != nil {
		return wire.HubState{}, common.Hash{}, err
	}
	d, err := r.w.c.Domain.Digest(next)
	if err != nil {
		return wire.HubState{}, common.Hash{}, err
	}
	sigHub, err := channel.Sign(d, r.w.c.Accounts[0].Key)
	if err != nil {
		return wire.HubState{}, common.Hash{}, err
	}
	detail, _ := json.Marshal(wire.Detail{Update: up})
	return wire.HubState{Role: role, Detail: detail, State: next, Locks: nextLocks, SigHub: sigHub}, d, nil
}

// signedBy reports whether sig is addr's signature of digest d.
func signedBy(d common.Hash, sig []byte, addr common.Address) bool {
	got, err := crypto.SigToPub(d[:], normalize(sig))
	return err == nil && crypto.PubkeyToAddress(*got) == addr
}

// normalize turns a 27/28 recovery id into 0/1 for SigToPub.
func normalize(sig []byte) []byte {
	s := append([]byte(nil), sig...)
	if len(s) == 65 && s[64] >= 27 {
		s[64] -= 27
	}
	return s
}
