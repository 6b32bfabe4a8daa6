package main

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/wire"
)

// paymentsShown is how many of the newest payments chanctl payments lists.
const paymentsShown = 100

// paymentView is one payment in chanctl payments.
type paymentView struct {
	Direction    string         `json:"direction"` // "sent" or "received"
	Counterparty common.Address `json:"counterparty"`
	Amount       string         `json:"amount"` // in AssetUnit
	moved
	Wei         string      `json:"wei"`         // the ether amount in wei
	TokenUnits  string      `json:"tokenUnits"`  // the token amount in base units
	Status      string      `json:"status"`      // pending, paid, complete, refunded or failed
	HubStatus   string      `json:"hubStatus"`   // the hub's own word for it
	Hashlock    common.Hash `json:"hashlock"`    // the payment's id
	Time        int64       `json:"time"`        // when the hub took the payer's lock, Unix seconds
	TimeUTC     string      `json:"timeUTC"`     // the same in RFC 3339, UTC
	Description string      `json:"description"` // what the status means for the user
}

type paymentsView struct {
	head
	User     common.Address `json:"user"`
	Payments []paymentView  `json:"payments"`
}

// paymentStatus turns the hub's status of a payment into the user's words, and says what
// it means: pending until the payee has it, paid once the payee claimed it, complete once
// the payer co-signed the hub's claim, refunded or failed when it went back to the payer.
func paymentStatus(hub string, sent bool) (status, description string) {
	switch hub {
	case "locked", "forwarded":
		if sent {
			return "pending", "locked toward the hub; the payee has not claimed it yet (refunded to you if it expires)"
		}
		return "pending", "offered to you; claimed when your wallet next syncs (status or listen)"
	case "claimed":
		if sent {
			return "paid", "the payee claimed it; the hub collects it from your channel at your next sync"
		}
		return "paid", "claimed: in your balance"
	case "completed":
		return "complete", "paid and settled in both channels"
	case "refunded":
		return "refunded", "expired unclaimed: the amount went back to the payer"
	case "failed":
		return "failed", "the hub could not forward it; the payer's lock goes back to the payer"
	}
	return hub, "the hub's status " + hub
}

func payments(ctx context.Context, w *client.Wallet, p *printer) (result, error) {
	ps, err := w.Payments(ctx, paymentsShown)
	if err != nil {
		return nil, err
	}
	var tok *client.Token
	v := &paymentsView{User: w.Address(), Payments: []paymentView{}}
	for _, x := range ps {
		pv, err := paymentOf(ctx, w, p, x, &tok)
		if err != nil {
			return nil, err
		}
		v.Payments = append(v.Payments, pv)
	}
	return v, nil
}

// paymentOf is the view of one of the hub's payments; tok is the contract's token, read
// once, at the first token payment.
func paymentOf(ctx context.Context, w *client.Wallet, p *printer, x wire.Payment, tok **client.Token) (paymentView, error) {
	sent := x.Payer == w.Address()
	pv := paymentView{Direction: "received", Counterparty: x.Payer, Wei: amountString(x.AmountWei.V), TokenUnits: amountString(x.AmountToken.V),
		HubStatus: x.Status, Hashlock: x.Hashlock, Time: x.CreatedAt, TimeUTC: utc(uint64(max(x.CreatedAt, 0)))}
	if sent {
		pv.Direction, pv.Counterparty = "sent", x.Payee
	}
	pv.Status, pv.Description = paymentStatus(x.Status, sent)
	a := assetArg{asset: client.Ether}
	v := x.AmountWei.V
	if x.AmountToken.V != nil && x.AmountToken.V.Sign() != 0 {
		if *tok == nil {
			t, ok, err := w.Token(ctx)
			if err != nil {
				return pv, err
			}
			if !ok {
				return pv, fmt.Errorf("payment %s moves tokens, but the contract has no token", x.Hashlock)
			}
			*tok = &t
		}
		a, v = assetArg{asset: client.Tokens, token: **tok}, x.AmountToken.V
	}
	pv.Amount, pv.moved = p.assetAmt(a, v), p.moved(a)
	return pv, nil
}

func amountString(v *big.Int) string {
	if v == nil {
		return "0"
	}
	return v.String()
}

func (v *paymentsView) text(p *printer) {
	if len(v.Payments) == 0 {
		fmt.Fprintf(p.out, "no payments yet for %s\n", v.User)
		return
	}
	for _, x := range v.Payments {
		dir := "to  "
		if x.Direction == "received" {
			dir = "from"
		}
		fmt.Fprintf(p.out, "%s %-8s %s %s %s %s: %s (hashlock %s)\n", x.TimeUTC, x.Direction, x.Amount, x.AssetUnit, dir, x.Counterparty,
			x.Status, x.Hashlock)
	}
}
