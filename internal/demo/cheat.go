package demo

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
)

// staleState returns what a cheating hub picks from the states it keeps of user's
// channel: the co-signed final state without locks that pays the user least among those
// the contract still accepts in a dispute (nonce above the on-chain one, on-chain nonce
// not below it).
func (r *run) staleState(ctx context.Context, user common.Address) (store.HubState, error) {
	on, err := r.c.onchain(ctx, user)
	if err != nil {
		return store.HubState{}, err
	}
	_, states, err := r.hub.st.HubStates(ctx, r.c.ManagerAddr, user, big.NewInt(0))
	if err != nil {
		return store.HubState{}, fmt.Errorf("read the hub's states of %s: %w", user, err)
	}
	best := -1
	for i, hs := range states {
		s := hs.State
		if hs.SigUser == nil || s.Timeout.Sign() != 0 || len(hs.Locks) > 0 ||
			s.Nonce.Cmp(on.Nonce) <= 0 || s.OnchainNonce.Cmp(on.OnchainNonce) < 0 {
			continue
		}
		if best < 0 || s.WeiBalances[channel.User].Cmp(states[best].State.WeiBalances[channel.User]) < 0 {
			best = i
		}
	}
	if best < 0 {
		return store.HubState{}, fmt.Errorf("channel %s (on-chain nonce %s): %w", user, on.Nonce, errNoStaleState)
	}
	return states[best], nil
}

// exitWith has the hub close a channel on-chain with hs and returns the receipt and the
// dispute's deadline.
func (r *run) exitWith(ctx context.Context, hs store.HubState) (*types.Receipt, uint64, error) {
	rc, err := r.c.transact(ctx, r.c.Accounts[0], nil, r.c.m.PackStartExitWithUpdate(contracts.State(hs.State), hs.SigHub, hs.SigUser))
	if err != nil {
		return nil, 0, fmt.Errorf("startExitWithUpdate with nonce %s: %w", hs.State.Nonce, err)
	}
	for _, l := range rc.Logs {
		if ev, err := r.c.m.UnpackExitStartedEvent(l); err == nil {
			return rc, ev.Deadline.Uint64(), nil
		}
	}
	return nil, 0, fmt.Errorf("startExitWithUpdate %s emitted no ExitStarted", rc.TxHash)
}

// settleAsHub has the hub settle user's channel after the deadline.
func (r *run) settleAsHub(ctx context.Context, user common.Address) error {
	if _, err := r.c.transact(ctx, r.c.Accounts[0], nil, r.c.m.PackSettle(user)); err != nil {
		return fmt.Errorf("settle channel %s: %w", user, err)
	}
	return nil
}

// challenges returns the Challenged events of user's channel, oldest first.
func (r *run) challenges(ctx context.Context, user common.Address) ([]*bindings.ChannelManagerChallenged, error) {
	logs, err := r.c.managerLogs(ctx)
	if err != nil {
		return nil, err
	}
	var out []*bindings.ChannelManagerChallenged
	for i := range logs {
		if ev, err := r.c.m.UnpackChallengedEvent(&logs[i]); err == nil && ev.User == user {
			out = append(out, ev)
		}
	}
	return out, nil
}

// settlement returns the Settled event of user's channel, or nil before there is one.
func (r *run) settlement(ctx context.Context, user common.Address) (*bindings.ChannelManagerSettled, error) {
	logs, err := r.c.managerLogs(ctx)
	if err != nil {
		return nil, err
	}
	for i := range logs {
		if ev, err := r.c.m.UnpackSettledEvent(&logs[i]); err == nil && ev.User == user {
			return ev, nil
		}
	}
	return nil, nil
}
