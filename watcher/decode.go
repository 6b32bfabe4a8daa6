package watcher

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
)

var (
	manager    = bindings.NewChannelManager()
	managerABI = manager.GetABI()
	// eventsByID maps each event's topic to its kind; decoders decodes each kind.
	eventsByID = func() map[common.Hash]store.EventKind {
		m := map[common.Hash]store.EventKind{}
		for _, ev := range managerABI.Events {
			if k, err := store.ParseEventKind(ev.Name); err == nil {
				m[ev.ID] = k
			}
		}
		return m
	}()
)

// decoders turn a log of each kind into the event's typed columns, through the generated
// binding's typed unpacking, and return the typed event for Fields.
var decoders = map[store.EventKind]func(l *types.Log, e *store.Event) (any, error){
	store.EventHubReserveFunded: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackHubReserveFundedEvent(l)
		if err == nil {
			e.Sender = v.From
		}
		return v, err
	},
	store.EventHubReserveWithdrawn: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackHubReserveWithdrawnEvent(l)
		if err == nil {
			e.Sender = v.To
		}
		return v, err
	},
	store.EventChannelUpdated: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackChannelUpdatedEvent(l)
		if err == nil {
			e.User, e.Side, e.Nonce, e.OnchainNonce, e.Digest = v.User, int(v.Side), v.Nonce, v.OnchainNonce, v.Digest
		}
		return v, err
	},
	store.EventExitStarted: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackExitStartedEvent(l)
		if err == nil {
			e.User, e.Sender, e.Side, e.Nonce, e.OnchainNonce, e.Deadline, e.Digest =
				v.User, v.Sender, int(v.Side), v.Nonce, v.OnchainNonce, v.Deadline, v.Digest
		}
		return v, err
	},
	store.EventChallenged: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackChallengedEvent(l)
		if err == nil {
			e.User, e.Sender, e.Side, e.Nonce, e.OnchainNonce, e.Deadline, e.Digest =
				v.User, v.Sender, int(v.Side), v.Nonce, v.OnchainNonce, v.Deadline, v.Digest
		}
		return v, err
	},
	store.EventSettled: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackSettledEvent(l)
		if err == nil {
			e.User, e.Sender, e.Nonce, e.OnchainNonce, e.Digest = v.User, v.Sender, v.Nonce, v.OnchainNonce, v.Digest
		}
		return v, err
	},
	store.EventSecretRegistered: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackSecretRegisteredEvent(l)
		if err == nil {
			e.Hashlock, e.Secret = v.Hashlock, v.Secret
		}
		return v, err
	},
	store.EventLockResolved: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackLockResolvedEvent(l)
		if err == nil {
			e.User, e.Nonce, e.Digest = v.User, v.SettledNonce, v.Leaf
		}
		return v, err
	},
	store.EventLockPoolClosed: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackLockPoolClosedEvent(l)
		if err == nil {
			e.User, e.Nonce = v.User, v.SettledNonce
		}
		return v, err
	},
	store.EventPayoutDeferred: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackPayoutDeferredEvent(l)
		if err == nil {
			e.Sender = v.To
		}
		return v, err
	},
	store.EventOwedWithdrawn: func(l *types.Log, e *store.Event) (any, error) {
		v, err := manager.UnpackOwedWithdrawnEvent(l)
		if err == nil {
			e.Sender = v.To
		}
		return v, err
	},
}

// Decode turns a ChannelManager log into an event, without reading any transaction: the
// generated binding unpacks it into its typed event, whose arguments a consumer acts on
// become the Event's columns. All arguments are also kept in Fields, for people.
func Decode(l *types.Log) (store.Event, error) {
	e := store.Event{Contract: l.Address, BlockNumber: l.BlockNumber, BlockHash: l.BlockHash, TxHash: l.TxHash,
		LogIndex: l.Index, Side: -1}
	if len(l.Topics) == 0 {
		return e, fmt.Errorf("log %s/%d: %w: no topics", l.TxHash, l.Index, ErrUnknownEvent)
	}
	kind, ok := eventsByID[l.Topics[0]]
	if !ok {
		return e, fmt.Errorf("log %s/%d: %w: topic %s", l.TxHash, l.Index, ErrUnknownEvent, l.Topics[0])
	}
	decode, ok := decoders[kind]
	if !ok {
		return e, fmt.Errorf("log %s/%d: %w: no decoder for %s", l.TxHash, l.Index, ErrUnknownEvent, kind)
	}
	typed, err := decode(l, &e)
	if err != nil {
		return e, fmt.Errorf("decode %s log %s/%d: %w", kind, l.TxHash, l.Index, err)
	}
	e.Kind = kind
	if e.Fields, err = fieldsJSON(kind, typed); err != nil {
		return e, fmt.Errorf("encode fields of log %s/%d: %w", l.TxHash, l.Index, err)
	}
	return e, nil
}

// headerBlock converts a header to a stored block.
func headerBlock(h *types.Header) store.Block {
	return store.Block{Number: h.Number.Uint64(), Hash: h.Hash(), Parent: h.ParentHash, Time: h.Time}
}

func bigU(n uint64) *big.Int { return new(big.Int).SetUint64(n) }
