package contracts

import (
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// State converts a channel state to the contract's State tuple.
func State(s *channel.State) bindings.ChannelManagerState {
	return bindings.ChannelManagerState{
		User:          s.User,
		Recipient:     s.Recipient,
		WeiBalances:   s.WeiBalances,
		TokenBalances: s.TokenBalances,
		PendingWei:    s.PendingWei,
		PendingToken:  s.PendingToken,
		Nonce:         s.Nonce,
		OnchainNonce:  s.OnchainNonce,
		LocksRoot:     s.LocksRoot,
		LockedWei:     s.LockedWei,
		LockedToken:   s.LockedToken,
		Timeout:       s.Timeout,
	}
}

// Lock converts a channel lock to the contract's Lock tuple.
func Lock(l *channel.Lock) bindings.ChannelManagerLock {
	return bindings.ChannelManagerLock{
		Index:       l.Index,
		Sender:      l.Sender,
		AmountWei:   l.AmountWei,
		AmountToken: l.AmountToken,
		Hashlock:    l.Hashlock,
		Expiry:      l.Expiry,
	}
}

// Locks converts a state's lock list to the contract's Lock[], in order.
func Locks(locks []channel.Lock) []bindings.ChannelManagerLock {
	out := make([]bindings.ChannelManagerLock, len(locks))
	for i := range locks {
		out[i] = Lock(&locks[i])
	}
	return out
}

// Sides of the actor reported in ChannelManager events.
const (
	SideHub   = 0
	SideUser  = 1
	SideOther = 2
)

// Status values of ChannelManager.Channel.status.
const (
	StatusOpen     = 0
	StatusDisputed = 1
)
