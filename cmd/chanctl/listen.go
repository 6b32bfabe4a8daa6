package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
)

// chainEventInterval is how often listen reads the contract's logs for an exit, a
// challenge or a settlement of the channel.
var chainEventInterval = 2 * time.Second

// listen prints that it listens (with --json, one JSON line), then one line per event (eventView) until ctx ends:
// the hub's proposals co-signed as they come (Listen), the chain's disputes as they are
// mined (WatchChain), and the backups retried meanwhile.
func listen(ctx context.Context, w *client.Wallet, p *printer) error {
	start := &listenView{User: w.Address(), Listening: true}
	if p.opts.JSON { // one line, as the events that follow it
		start.Command, start.Unit, start.Backups = "listen", p.unit(), backups(w.Reports())
		if err := json.NewEncoder(p.out).Encode(start); err != nil {
			return err
		}
	} else if err := p.print("listen", start, backups(w.Reports())); err != nil {
		return err
	}
	var tok *client.Token // read at the first token event
	var mu sync.Mutex     // events come from Listen's goroutine and WatchChain's
	w.OnEvent(func(e client.Event) {
		mu.Lock()
		defer mu.Unlock()
		if (e.Token != nil && e.Token.Sign() != 0) && tok == nil {
			if t, ok, err := w.Token(ctx); err == nil && ok {
				tok = &t
			}
		}
		p.event(eventOf(p, w.Address(), e, tok))
	})
	defer w.OnEvent(nil)
	var wg sync.WaitGroup
	wg.Go(func() { w.RetryBackupsEvery(ctx, retryInterval) })
	wg.Go(func() {
		if err := w.WatchChain(ctx, chainEventInterval); err != nil && ctx.Err() == nil {
			p.warn("listening: the channel's on-chain events are not followed: " + err.Error())
		}
	})
	err := w.Listen(ctx) // until ctx ends, which ends the others too
	wg.Wait()
	return err
}

// eventView is one line of listen --json: what happened, to which channel, for how much,
// with whom, at which nonce, in which transaction and block, and when.
type eventView struct {
	Event   client.EventKind `json:"event"`
	Channel common.Address   `json:"channel"` // the user's address, which names the channel
	// Amount is the ether amount in Unit (with --wei, wei); Wei the same in wei.
	Amount string `json:"amount"`
	Unit   string `json:"unit"`
	Wei    string `json:"wei"`
	// TokenAmount is the token amount in TokenUnit (the symbol, or base units with
	// --wei), when the event moves tokens; TokenUnits the same in base units.
	TokenAmount  string          `json:"tokenAmount,omitempty"`
	TokenUnit    string          `json:"tokenUnit,omitempty"`
	TokenUnits   string          `json:"tokenUnits,omitempty"`
	Counterparty *common.Address `json:"counterparty,omitempty"`
	By           string          `json:"by,omitempty"` // "hub" or "user": who closed or challenged
	Nonce        string          `json:"nonce"`
	Hashlock     *common.Hash    `json:"hashlock,omitempty"`
	Tx           *common.Hash    `json:"tx,omitempty"`
	Block        uint64          `json:"block,omitempty"`
	Time         uint64          `json:"time"` // a block time, Unix seconds
	TimeUTC      string          `json:"timeUTC"`
	Deadline     uint64          `json:"deadline,omitempty"` // the dispute's (exit, challenge)
	DeadlineUTC  string          `json:"deadlineUTC,omitempty"`
}

func eventOf(p *printer, user common.Address, e client.Event, tok *client.Token) eventView {
	v := eventView{Event: e.Kind, Channel: user, Amount: p.amt(e.Wei), Unit: p.unit(), Wei: amountString(e.Wei), By: e.By,
		Nonce: amountString(e.Nonce), Block: e.Block, Time: e.Time, TimeUTC: utc(e.Time)}
	if e.Token != nil && e.Token.Sign() != 0 {
		v.TokenUnits = e.Token.String()
		if tok != nil {
			v.TokenAmount, v.TokenUnit = p.tokenAmt(*tok, e.Token), p.tokenUnit(*tok)
		} else {
			v.TokenAmount, v.TokenUnit = e.Token.String(), "token base units"
		}
	}
	if e.Counterparty != (common.Address{}) {
		v.Counterparty = &e.Counterparty
	}
	if e.Hashlock != (common.Hash{}) {
		v.Hashlock = &e.Hashlock
	}
	if e.Tx != (common.Hash{}) {
		v.Tx = &e.Tx
	}
	if e.Deadline != 0 {
		v.Deadline, v.DeadlineUTC = e.Deadline, utc(e.Deadline)
	}
	return v
}

// event prints one event: a JSON line with --json, else a sentence.
func (p *printer) event(v eventView) {
	if p.opts.JSON {
		_ = json.NewEncoder(p.out).Encode(v)
		return
	}
	fmt.Fprintln(p.out, v.TimeUTC+" "+v.sentence())
}

// warn prints a line that something listen does is not working.
func (p *printer) warn(msg string) {
	if p.opts.JSON {
		p.progress(map[string]any{"event": "warning", "message": msg})
		return
	}
	fmt.Fprintln(p.out, "WARNING: "+msg)
}

// sentence says what happened, with amounts in their units and where on-chain.
func (v eventView) sentence() string {
	amt := v.Amount + " " + v.Unit
	if v.TokenAmount != "" {
		amt = v.TokenAmount + " " + v.TokenUnit
		if v.Wei != "0" {
			amt = v.Amount + " " + v.Unit + " + " + amt
		}
	}
	who := func(prep string) string {
		if v.Counterparty == nil {
			return ""
		}
		return " " + prep + " " + v.Counterparty.Hex()
	}
	var b strings.Builder
	switch v.Event {
	case client.EventPaymentReceived:
		fmt.Fprintf(&b, "payment received: %s%s", amt, who("from"))
	case client.EventPaymentSent:
		fmt.Fprintf(&b, "payment sent: %s%s, claimed by the payee", amt, who("to"))
	case client.EventPaymentReturned:
		fmt.Fprintf(&b, "payment returned: %s%s came back to you", amt, who("to"))
	case client.EventDeposit:
		fmt.Fprintf(&b, "deposit: %s joined your balance", amt)
	case client.EventTopUp:
		fmt.Fprintf(&b, "top-up: the hub added %s of collateral toward you", amt)
	case client.EventWithdrawal:
		fmt.Fprintf(&b, "withdrawal: %s left the channel on-chain", amt)
	case client.EventExit:
		fmt.Fprintf(&b, "exit: the %s%s closed the channel on-chain with nonce %s; challenge deadline %s (block time %d): settle after it",
			sideWord(v.By), who("at"), v.Nonce, v.DeadlineUTC, v.Deadline)
	case client.EventChallenge:
		fmt.Fprintf(&b, "challenge: the %s%s answered the exit with nonce %s; deadline %s (block time %d)",
			sideWord(v.By), who("at"), v.Nonce, v.DeadlineUTC, v.Deadline)
	case client.EventSettlement:
		fmt.Fprintf(&b, "settlement: the chain paid the channel out at nonce %s, %s to you", v.Nonce, amt)
	default:
		fmt.Fprintf(&b, "%s: %s", v.Event, amt)
	}
	if v.Tx != nil {
		fmt.Fprintf(&b, " (tx %s, block %d)", v.Tx.Hex(), v.Block)
	} else {
		fmt.Fprintf(&b, " (nonce %s)", v.Nonce)
	}
	if v.Hashlock != nil {
		fmt.Fprintf(&b, " hashlock %s", v.Hashlock.Hex())
	}
	return b.String()
}

// sideWord names a side that acted on-chain, from the user's view.
func sideWord(by string) string {
	if by == "user" {
		return "user (you)"
	}
	return by
}
