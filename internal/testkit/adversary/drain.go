package adversary

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
)

// drain ends the schedule: hostility stops (the damage is done), the hub runs with its
// indexer caught up, honest users come online and finish their business, every channel
// holding funds is closed on-chain (an honest user exits with its newest state, the
// hostile user's channel with the hostile user's newest), every dispute is answered and
// settled, and the clock passes every deadline and lock expiry so that every lock pool
// is resolved — by the hub, else by anyone.
func (r *runner) drain(ctx context.Context) error {
	w := r.w
	w.sends.muted.Store(false)
	w.node.stalled.Store(false)
	for _, u := range w.users {
		u.px.show()
		u.px.setWithhold(false)
		if !u.hostile {
			u.online = true
		}
	}
	if err := w.startHub(); err != nil {
		return err
	}
	for range 2 {
		w.idle(ctx, 2*time.Second)
		for _, u := range w.users {
			if !u.hostile {
				sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
				u.w.Sync(sctx)
				r.claim(sctx, u)
				cancel()
			}
		}
		r.react(ctx)
	}
	for _, u := range w.users {
		ch, err := w.channel(u.addr())
		if err != nil {
			return err
		}
		if ch.Status != 0 || ch.TotalWei.Sign() == 0 {
			continue
		}
		if u.hostile {
			err = r.exitWith(u, u.acct, -1)
		} else {
			sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			_, err = u.w.Exit(sctx)
			cancel()
		}
		r.logf("   drain: u%d exits: %v", u.i, err)
	}
	for round := 0; ; round++ {
		r.react(ctx)
		w.idle(ctx, 2*time.Second)
		disputed, latest := 0, uint64(0)
		for _, u := range w.users {
			ch, err := w.channel(u.addr())
			if err != nil {
				return err
			}
			if ch.Status == 1 {
				disputed++
				latest = max(latest, ch.Deadline.Uint64())
			}
		}
		pools, err := r.openPools(ctx)
		if err != nil {
			return err
		}
		if disputed == 0 && len(pools) == 0 {
			return nil
		}
		if round == 12 {
			return fmt.Errorf("%d disputes and %d lock pools still open after %d rounds", disputed, len(pools), round)
		}
		if now := w.now(); disputed > 0 && latest >= now {
			if err := r.advance(ctx, latest-now+1); err != nil {
				return err
			}
		}
		for _, u := range w.users {
			if ch, err := w.channel(u.addr()); err == nil && ch.Status == 1 && ch.Deadline.Uint64() <= w.now() {
				err := w.transact(w.third, nil, w.c.ManagerABI.PackSettle(u.addr()))
				r.logf("   drain: settle u%d: %v", u.i, err)
			}
		}
		if disputed == 0 {
			if err := r.advance(ctx, maxLock+1); err != nil {
				return err
			}
			w.idle(ctx, 2*time.Second)
			if round >= 3 { // the hub has had its turn: anyone may resolve
				for _, p := range pools {
					err := r.resolve(ctx, p)
					r.logf("   drain: resolve the pool of u %s at nonce %s: %v", p.user, p.nonce, err)
				}
			}
		}
	}
}

// pool is a settlement's lock pool.
type pool struct {
	user   common.Address
	nonce  *big.Int
	digest common.Hash
}

// logs returns every log the manager emitted.
func (r *runner) logs(ctx context.Context) ([]types.Log, error) {
	return r.w.c.Client.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(r.w.c.DeployBlock),
		Addresses: []common.Address{r.w.c.ManagerAddr}})
}

// openPools returns the settlements whose lock pools still hold something.
func (r *runner) openPools(ctx context.Context) ([]pool, error) {
	logs, err := r.logs(ctx)
	if err != nil {
		return nil, err
	}
	m := r.w.c.ManagerABI
	var out []pool
	for i := range logs {
		ev, err := m.UnpackSettledEvent(&logs[i])
		if err != nil {
			continue
		}
		lp, err := bind.Call(r.w.c.Manager, nil, m.PackGetLockPool(ev.User, ev.Nonce), m.UnpackGetLockPool)
		if err != nil {
			return nil, err
		}
		if lp.Digest != ([32]byte{}) {
			out = append(out, pool{user: ev.User, nonce: ev.Nonce, digest: lp.Digest})
		}
	}
	return out, nil
}

// stateByDigest finds a state by its digest among every user's history and the hub's
// store.
func (r *runner) stateByDigest(ctx context.Context, user common.Address, digest common.Hash) (*channel.State, []channel.Lock, error) {
	for _, u := range r.w.users {
		for _, s := range u.history {
			if d, err := r.w.c.Domain.Digest(s.State); err == nil && d == digest {
				return s.State, s.Locks, nil
			}
		}
	}
	if p := r.w.proc; p != nil {
		_, states, err := p.st.HubStates(ctx, r.w.c.ManagerAddr, user, big.NewInt(0))
		if err != nil {
			return nil, nil, err
		}
		for _, s := range states {
			if d, err := r.w.c.Domain.Digest(s.State); err == nil && d == digest {
				return s.State, s.Locks, nil
			}
		}
	}
	return nil, nil, fmt.Errorf("no state of %s with digest %s", user, digest)
}

func (r *runner) resolve(ctx context.Context, p pool) error {
	s, locks, err := r.stateByDigest(ctx, p.user, p.digest)
	if err != nil {
		return err
	}
	if err := r.w.transact(r.w.third, nil, r.w.c.ManagerABI.PackResolveLocks(contracts.State(s), contracts.Locks(locks))); err != nil {
		return errors.Join(err, errors.New(contracts.RevertName(err)))
	}
	return nil
}
