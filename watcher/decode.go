package watcher

import (
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
)

var (
	manager    = bindings.NewChannelManager()
	eventNames = func() map[common.Hash]string {
		m := map[common.Hash]string{}
		for name, ev := range manager.GetABI().Events {
			m[ev.ID] = name
		}
		return m
	}()
)

// Topics returns the topic0 of every ChannelManager event.
func Topics() []common.Hash {
	out := make([]common.Hash, 0, len(eventNames))
	for id := range eventNames {
		out = append(out, id)
	}
	return out
}

// Decode turns a ChannelManager log into an event, without reading any transaction.
func Decode(l *types.Log) (store.Event, error) {
	e := store.Event{Contract: l.Address, BlockNumber: l.BlockNumber, BlockHash: l.BlockHash, TxHash: l.TxHash,
		LogIndex: l.Index, Side: -1}
	if len(l.Topics) == 0 {
		return e, fmt.Errorf("log %s/%d: %w: no topics", l.TxHash, l.Index, ErrUnknownEvent)
	}
	var fields any
	var err error
	switch eventNames[l.Topics[0]] {
	case "ChannelUpdated":
		var v *bindings.ChannelManagerChannelUpdated
		if v, err = manager.UnpackChannelUpdatedEvent(l); err == nil {
			v.Raw, fields = nil, v
			e.Name, e.User, e.Side = "ChannelUpdated", v.User, int(v.Side)
			e.Nonce, e.OnchainNonce, e.Digest = v.Nonce, v.OnchainNonce, v.Digest
		}
	case "ExitStarted":
		var v *bindings.ChannelManagerExitStarted
		if v, err = manager.UnpackExitStartedEvent(l); err == nil {
			v.Raw, fields = nil, v
			e.Name, e.User, e.Sender, e.Side = "ExitStarted", v.User, v.Sender, int(v.Side)
			e.Nonce, e.OnchainNonce, e.Deadline, e.Digest = v.Nonce, v.OnchainNonce, v.Deadline, v.Digest
		}
	case "Challenged":
		var v *bindings.ChannelManagerChallenged
		if v, err = manager.UnpackChallengedEvent(l); err == nil {
			v.Raw, fields = nil, v
			e.Name, e.User, e.Sender, e.Side = "Challenged", v.User, v.Sender, int(v.Side)
			e.Nonce, e.OnchainNonce, e.Deadline, e.Digest = v.Nonce, v.OnchainNonce, v.Deadline, v.Digest
		}
	case "Settled":
		var v *bindings.ChannelManagerSettled
		if v, err = manager.UnpackSettledEvent(l); err == nil {
			v.Raw, fields = nil, v
			e.Name, e.User, e.Sender = "Settled", v.User, v.Sender
			e.Nonce, e.OnchainNonce, e.Digest = v.Nonce, v.OnchainNonce, v.Digest
		}
	case "SecretRegistered":
		var v *bindings.ChannelManagerSecretRegistered
		if v, err = manager.UnpackSecretRegisteredEvent(l); err == nil {
			v.Raw, fields, e.Name = nil, v, "SecretRegistered"
		}
	case "LockResolved":
		var v *bindings.ChannelManagerLockResolved
		if v, err = manager.UnpackLockResolvedEvent(l); err == nil {
			v.Raw, fields = nil, v
			e.Name, e.User, e.Nonce = "LockResolved", v.User, v.SettledNonce
		}
	case "HubReserveFunded":
		var v *bindings.ChannelManagerHubReserveFunded
		if v, err = manager.UnpackHubReserveFundedEvent(l); err == nil {
			v.Raw, fields, e.Name, e.Sender = nil, v, "HubReserveFunded", v.From
		}
	case "HubReserveWithdrawn":
		var v *bindings.ChannelManagerHubReserveWithdrawn
		if v, err = manager.UnpackHubReserveWithdrawnEvent(l); err == nil {
			v.Raw, fields, e.Name = nil, v, "HubReserveWithdrawn"
		}
	case "PayoutDeferred":
		var v *bindings.ChannelManagerPayoutDeferred
		if v, err = manager.UnpackPayoutDeferredEvent(l); err == nil {
			v.Raw, fields, e.Name = nil, v, "PayoutDeferred"
		}
	case "OwedWithdrawn":
		var v *bindings.ChannelManagerOwedWithdrawn
		if v, err = manager.UnpackOwedWithdrawnEvent(l); err == nil {
			v.Raw, fields, e.Name = nil, v, "OwedWithdrawn"
		}
	default:
		return e, fmt.Errorf("log %s/%d: %w: topic %s", l.TxHash, l.Index, ErrUnknownEvent, l.Topics[0])
	}
	if err != nil {
		return e, fmt.Errorf("decode log %s/%d: %w", l.TxHash, l.Index, err)
	}
	if e.Fields, err = json.Marshal(fields); err != nil {
		return e, fmt.Errorf("encode fields of log %s/%d: %w", l.TxHash, l.Index, err)
	}
	return e, nil
}

// headerBlock converts a header to a stored block.
func headerBlock(h *types.Header) store.Block {
	return store.Block{Number: h.Number.Uint64(), Hash: h.Hash(), Parent: h.ParentHash, Time: h.Time}
}

func bigU(n uint64) *big.Int { return new(big.Int).SetUint64(n) }
