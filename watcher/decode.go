package watcher

import (
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/store"
)

var (
	managerABI = bindings.NewChannelManager().GetABI()
	eventsByID = func() map[common.Hash]abi.Event {
		m := map[common.Hash]abi.Event{}
		for _, ev := range managerABI.Events {
			m[ev.ID] = ev
		}
		return m
	}()
)

// Decode turns a ChannelManager log into an event, without reading any transaction.
// Every event's arguments are kept in Fields (by their Solidity names); those a watcher
// acts on are also lifted into the Event's columns.
func Decode(l *types.Log) (store.Event, error) {
	e := store.Event{Contract: l.Address, BlockNumber: l.BlockNumber, BlockHash: l.BlockHash, TxHash: l.TxHash,
		LogIndex: l.Index, Side: -1}
	if len(l.Topics) == 0 {
		return e, fmt.Errorf("log %s/%d: %w: no topics", l.TxHash, l.Index, ErrUnknownEvent)
	}
	ev, ok := eventsByID[l.Topics[0]]
	if !ok {
		return e, fmt.Errorf("log %s/%d: %w: topic %s", l.TxHash, l.Index, ErrUnknownEvent, l.Topics[0])
	}
	args := map[string]any{}
	if err := managerABI.UnpackIntoMap(args, ev.Name, l.Data); err != nil {
		return e, fmt.Errorf("decode %s log %s/%d: %w", ev.Name, l.TxHash, l.Index, err)
	}
	var indexed abi.Arguments
	for _, in := range ev.Inputs {
		if in.Indexed {
			indexed = append(indexed, in)
		}
	}
	if err := abi.ParseTopicsIntoMap(args, indexed, l.Topics[1:]); err != nil {
		return e, fmt.Errorf("decode %s log %s/%d topics: %w", ev.Name, l.TxHash, l.Index, err)
	}
	e.Name = ev.Name
	if v, ok := args["user"].(common.Address); ok {
		e.User = v
	}
	// HubReserveFunded names its sender "from".
	for _, k := range []string{"sender", "from"} {
		if v, ok := args[k].(common.Address); ok {
			e.Sender = v
		}
	}
	if v, ok := args["side"].(uint8); ok {
		e.Side = int(v)
	}
	// LockResolved carries the nonce of the settlement it resolves against.
	for _, k := range []string{"nonce", "settledNonce"} {
		if v, ok := args[k].(*big.Int); ok {
			e.Nonce = v
		}
	}
	if v, ok := args["onchainNonce"].(*big.Int); ok {
		e.OnchainNonce = v
	}
	if v, ok := args["deadline"].(*big.Int); ok {
		e.Deadline = v
	}
	if v, ok := args["digest"].([32]byte); ok {
		e.Digest = v
	}
	var err error
	if e.Fields, err = json.Marshal(args); err != nil {
		return e, fmt.Errorf("encode fields of log %s/%d: %w", l.TxHash, l.Index, err)
	}
	return e, nil
}

// headerBlock converts a header to a stored block.
func headerBlock(h *types.Header) store.Block {
	return store.Block{Number: h.Number.Uint64(), Hash: h.Hash(), Parent: h.ParentHash, Time: h.Time}
}

func bigU(n uint64) *big.Int { return new(big.Int).SetUint64(n) }
