package client

import (
	"context"
	"encoding/json"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// EventKind names what happened to the wallet's channel. The names are stable: chanctl
// listen --json prints them.
type EventKind string

// What the wallet reports while it listens: payments as their states are co-signed,
// on-chain operations as the hub confirms them, and disputes as the chain shows them.
const (
	EventPaymentReceived EventKind = "payment_received" // the wallet's claim of an incoming payment was co-signed
	EventPaymentSent     EventKind = "payment_sent"     // the payee claimed: the hub collected the wallet's lock
	EventPaymentReturned EventKind = "payment_returned" // an outgoing payment came back (not forwarded, or expired)
	EventDeposit         EventKind = "deposit"          // the user's deposit joined the balance
	EventTopUp           EventKind = "topup"            // the hub added collateral from its reserve
	EventWithdrawal      EventKind = "withdrawal"       // the user's withdrawal was executed on-chain
	EventExit            EventKind = "exit"             // a party closed the channel on-chain: a dispute opened
	EventChallenge       EventKind = "challenge"        // a newer state replaced the disputed one
	EventSettlement      EventKind = "settlement"       // the chain paid the channel out
)

// Event is one thing that happened to the wallet's channel. Amounts are base units
// (wei, token units); zero fields do not apply to the kind.
type Event struct {
	Kind EventKind
	// Nonce is the co-signed state's (off-chain events), or the state the chain took
	// (exit, challenge, settlement).
	Nonce      *big.Int
	Wei, Token *big.Int
	// Counterparty is the payment's other user, or the address that sent the exit,
	// challenge or settlement; zero when unknown.
	Counterparty common.Address
	// By is the side that acted on-chain: "hub" or "user" (exit, challenge).
	By       string
	Hashlock common.Hash // a payment's
	Deadline uint64      // the dispute's, a block time (exit, challenge)
	Tx       common.Hash // on-chain events
	Block    uint64      // on-chain events
	// Time is the block's time of an on-chain event, or the chain's time when the wallet
	// co-signed an off-chain one (its node's, or the hub's without a node).
	Time uint64
}

// OnEvent has fn called with every event from then on, in order, from the goroutine that
// saw it, outside the wallet's lock. Listen and WatchChain report through it.
func (w *Wallet) OnEvent(fn func(Event)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.onEvent = fn
}

// emit reports events, dating the off-chain ones with the chain's time.
func (w *Wallet) emit(ctx context.Context, evs []Event) {
	w.mu.Lock()
	fn := w.onEvent
	w.mu.Unlock()
	if fn == nil || len(evs) == 0 {
		return
	}
	w.counterparties(ctx, evs)
	var now uint64
	for i := range evs {
		if evs[i].Time == 0 {
			if now == 0 {
				now, _ = w.chainNow(ctx) // an event without its time beats no event
			}
			evs[i].Time = now
		}
		fn(evs[i])
	}
}

// updateEvents is what the hub's proposal p, co-signed on prev, did for the user: nothing
// for most, an event for a collected, returned or incoming payment, and one per
// operation a confirmation completes. An incoming payment's payer is remembered for the
// claim that receives it.
func (w *Wallet) updateEvents(p wire.HubState, prev cosigned) []Event {
	var d wire.Detail
	if json.Unmarshal(p.Detail, &d) != nil {
		return nil
	}
	nonce := new(big.Int).Set(p.State.Nonce)
	lockEvent := func(kind EventKind, hl *common.Hash) []Event {
		if hl == nil {
			return nil
		}
		l := channel.FindLock(prev.Locks, *hl)
		if l == nil || l.Sender != channel.User {
			return nil
		}
		return []Event{{Kind: kind, Nonce: nonce, Wei: l.AmountWei, Token: l.AmountToken, Hashlock: l.Hashlock}}
	}
	switch p.Role {
	case wire.RoleForward:
		if d.Payer != nil && d.Update.Lock != nil {
			if w.payers == nil {
				w.payers = map[common.Hash]common.Address{}
			}
			w.payers[d.Update.Lock.Hashlock] = *d.Payer
		}
	case wire.RoleCollect:
		if d.Update.Secret != nil {
			hl := channel.HashSecret(*d.Update.Secret)
			return lockEvent(EventPaymentSent, &hl)
		}
	case wire.RoleReturn:
		return lockEvent(EventPaymentReturned, d.Update.Hashlock)
	case wire.RoleConfirm:
		s := prev.State
		var out []Event
		for _, op := range []struct {
			kind EventKind
			i    int
		}{{EventDeposit, channel.UserDeposit}, {EventTopUp, channel.HubDeposit}, {EventWithdrawal, channel.UserWithdrawal}} {
			if s.PendingWei[op.i].Sign() != 0 || s.PendingToken[op.i].Sign() != 0 {
				out = append(out, Event{Kind: op.kind, Nonce: nonce, Wei: s.PendingWei[op.i], Token: s.PendingToken[op.i]})
			}
		}
		return out
	}
	return nil
}

// claimEvent is the incoming payment l, received by the claim co-signed at nonce.
func (w *Wallet) claimEvent(l channel.Lock, nonce *big.Int) Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.claimEventLocked(l, nonce)
}

// claimEventLocked is claimEvent for a caller that holds w.mu.
func (w *Wallet) claimEventLocked(l channel.Lock, nonce *big.Int) Event {
	payer := w.payers[l.Hashlock]
	delete(w.payers, l.Hashlock)
	return Event{Kind: EventPaymentReceived, Nonce: nonce, Wei: l.AmountWei, Token: l.AmountToken, Hashlock: l.Hashlock, Counterparty: payer}
}

// counterparties fills in the other user of the payments among evs that the wallet did
// not see named (a payee; a payer whose payment was forwarded before this process
// started) from the hub's record of its payments. Without it the event goes without.
func (w *Wallet) counterparties(ctx context.Context, evs []Event) {
	missing := false
	for _, e := range evs {
		missing = missing || (e.Hashlock != (common.Hash{}) && e.Counterparty == (common.Address{}))
	}
	if !missing {
		return
	}
	ps, err := w.Payments(ctx, 100)
	if err != nil {
		w.log.Debug("events: the hub's payments could not be read; payments reported without their counterparty", "err", err)
		return
	}
	for i := range evs {
		for _, p := range ps {
			if p.Hashlock != evs[i].Hashlock || evs[i].Hashlock == (common.Hash{}) || evs[i].Counterparty != (common.Address{}) {
				continue
			}
			evs[i].Counterparty = p.Payer
			if p.Payer == w.addr {
				evs[i].Counterparty = p.Payee
			}
		}
	}
}
