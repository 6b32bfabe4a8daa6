package client

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// logChunk is the most blocks one eth_getLogs asks for: nodes and hosted plans cap the
// range.
const logChunk = 5000

// sideName names the side that acted in an exit or challenge.
func sideName(side uint8) string {
	if side == uint8(channel.Hub) {
		return "hub"
	}
	return "user"
}

// chainEvents reads the channel's exits, challenges and settlements in blocks from..to,
// oldest first, each with its block's time.
func (w *Wallet) chainEvents(ctx context.Context, from, to uint64) ([]Event, error) {
	abi := w.m.GetABI()
	ids := []common.Hash{abi.Events[bindings.ChannelManagerExitStartedEventName].ID, abi.Events[bindings.ChannelManagerChallengedEventName].ID,
		abi.Events[bindings.ChannelManagerSettledEventName].ID}
	var out []Event
	times := map[uint64]uint64{}
	for lo := from; lo <= to; lo += logChunk {
		hi := min(to, lo+logChunk-1)
		logs, err := w.cfg.Chain.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(lo), ToBlock: new(big.Int).SetUint64(hi),
			Addresses: []common.Address{w.cfg.Contract}, Topics: [][]common.Hash{ids, {common.BytesToHash(w.addr.Bytes())}}})
		if err != nil {
			return nil, fmt.Errorf("read the channel's logs in blocks %d..%d: %w", lo, hi, err)
		}
		for i := range logs {
			e, ok := w.decodeChainEvent(&logs[i])
			if !ok {
				continue
			}
			if _, seen := times[e.Block]; !seen {
				h, err := w.cfg.Chain.HeaderByNumber(ctx, new(big.Int).SetUint64(e.Block))
				if err != nil {
					return nil, fmt.Errorf("read block %d: %w", e.Block, err)
				}
				times[e.Block] = h.Time
			}
			e.Time = times[e.Block]
			out = append(out, e)
		}
	}
	return out, nil
}

// decodeChainEvent decodes one of the channel's dispute logs.
func (w *Wallet) decodeChainEvent(l *types.Log) (Event, bool) {
	if l.Removed || len(l.Topics) == 0 {
		return Event{}, false
	}
	e := Event{Tx: l.TxHash, Block: l.BlockNumber}
	if v, err := w.m.UnpackExitStartedEvent(l); err == nil {
		e.Kind, e.Counterparty, e.By, e.Nonce, e.Deadline = EventExit, v.Sender, sideName(v.Side), v.Nonce, v.Deadline.Uint64()
		return e, true
	}
	if v, err := w.m.UnpackChallengedEvent(l); err == nil {
		e.Kind, e.Counterparty, e.By, e.Nonce, e.Deadline = EventChallenge, v.Sender, sideName(v.Side), v.Nonce, v.Deadline.Uint64()
		return e, true
	}
	if v, err := w.m.UnpackSettledEvent(l); err == nil {
		e.Kind, e.Counterparty, e.Nonce, e.Wei, e.Token = EventSettlement, v.Sender, v.Nonce, v.WeiBalances[channel.User], v.TokenBalances[channel.User]
		return e, true
	}
	return Event{}, false
}

// WatchChain reports (OnEvent) the exits, challenges and settlements of the wallet's
// channel in the blocks after the head when it starts, reading the contract's logs every
// interval until ctx ends. A read that fails is tried again at the next interval.
func (w *Wallet) WatchChain(ctx context.Context, interval time.Duration) error {
	if w.cfg.Chain == nil {
		return ErrNoChain
	}
	h, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("read the chain's head: %w", err)
	}
	next := h.Number.Uint64() + 1
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		h, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
		if err != nil || h.Number.Uint64() < next {
			continue
		}
		evs, err := w.chainEvents(ctx, next, h.Number.Uint64())
		if err != nil {
			if ctx.Err() == nil {
				w.log.Warn("listening: reading the channel's on-chain events failed; retrying", "err", err, "in", interval)
			}
			continue
		}
		next = h.Number.Uint64() + 1
		w.emit(ctx, evs)
	}
}

// Dispute is an exit open on the wallet's channel: the exit, the challenges since, and
// the deadline after which anyone may settle.
type Dispute struct {
	Exit       Event
	Challenges []Event
	// Nonce is the state the chain holds now (the exit's, or the last challenge's).
	Nonce *big.Int
	// Deadline is the dispute's end, a block time; Now the chain's time when read.
	Deadline, Now uint64
}

// Dispute reads the dispute open on the wallet's channel from its node, or nil when none
// is. The exit is looked for only in the blocks since the dispute can have started: block
// times strictly increase, so at most now − (deadline − challenge period) blocks ago.
func (w *Wallet) Dispute(ctx context.Context) (*Dispute, error) {
	if w.cfg.Chain == nil {
		return nil, ErrNoChain
	}
	h, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read the chain's head: %w", err)
	}
	ch, err := w.onchainAt(ctx, h.Number)
	if err != nil {
		return nil, fmt.Errorf("read the channel on-chain: %w", err)
	}
	if ch.Status != contracts.StatusDisputed {
		return nil, nil
	}
	period, err := bind.Call(w.m.Instance(w.cfg.Chain, w.cfg.Contract), &bind.CallOpts{Context: ctx, BlockNumber: h.Number},
		w.m.PackChallengePeriod(), w.m.UnpackChallengePeriod)
	if err != nil {
		return nil, fmt.Errorf("read the challenge period: %w", err)
	}
	d := &Dispute{Nonce: ch.Nonce, Deadline: ch.Deadline.Uint64(), Now: h.Time}
	head := h.Number.Uint64()
	var back uint64 = head
	if started := ch.Deadline.Uint64() - min(period.Uint64(), ch.Deadline.Uint64()); h.Time > started && h.Time-started < head {
		back = h.Time - started + 1
	}
	evs, err := w.chainEvents(ctx, head-back, head)
	if err != nil {
		return nil, err
	}
	for _, e := range evs {
		switch e.Kind {
		case EventExit:
			d.Exit, d.Challenges = e, nil // the newest exit is the open dispute's
		case EventChallenge:
			d.Challenges = append(d.Challenges, e)
		}
	}
	if d.Exit.Kind == "" {
		return d, fmt.Errorf("the channel is disputed until block time %d, but its exit is not in blocks %d..%d", d.Deadline, head-back, head)
	}
	return d, nil
}
