package main

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
)

// disputeView is an exit open on the channel, in status: who closed it, with which nonce,
// in which transaction, its deadline, whether it was challenged, and what to do.
type disputeView struct {
	ClosedBy     string         `json:"closedBy"`     // "hub" or "user"
	ClosedFrom   common.Address `json:"closedFrom"`   // the address that sent the exit
	ExitNonce    string         `json:"exitNonce"`    // the state the exit closed with
	ExitTx       common.Hash    `json:"exitTx"`       // the exit's transaction
	ExitBlock    uint64         `json:"exitBlock"`    // and its block
	ExitTime     uint64         `json:"exitTime"`     // its block time
	ExitTimeUTC  string         `json:"exitTimeUTC"`  // the same in RFC 3339, UTC
	Nonce        string         `json:"nonce"`        // the state the chain holds now
	Deadline     uint64         `json:"deadline"`     // a block time
	DeadlineUTC  string         `json:"deadlineUTC"`  // the same in RFC 3339, UTC
	Challenged   bool           `json:"challenged"`   // a newer state replaced the exit's
	Challenges   []challengeRow `json:"challenges"`   // oldest first
	Settleable   bool           `json:"settleable"`   // the deadline has passed (at the chain's time)
	WhatToDo     string         `json:"whatToDo"`     // the next step, in words
	ChainTimeUTC string         `json:"chainTimeUTC"` // the chain's time when read
}

type challengeRow struct {
	By    string         `json:"by"` // "hub" or "user"
	From  common.Address `json:"from"`
	Nonce string         `json:"nonce"`
	Tx    common.Hash    `json:"tx"`
	Block uint64         `json:"block"`
}

// disputeOf reads the dispute open on the channel, if any, beside the wallet's newest
// co-signed nonce: nil when none is, or when the
// wallet's node cannot say (status shows the rest without it).
func disputeOf(ctx context.Context, w *client.Wallet, newest *big.Int) *disputeView {
	d, err := w.Dispute(ctx)
	if err != nil || d == nil {
		return nil
	}
	v := &disputeView{ClosedBy: d.Exit.By, ClosedFrom: d.Exit.Counterparty, ExitNonce: amountString(d.Exit.Nonce), ExitTx: d.Exit.Tx,
		ExitBlock: d.Exit.Block, ExitTime: d.Exit.Time, ExitTimeUTC: utc(d.Exit.Time), Nonce: amountString(d.Nonce),
		Deadline: d.Deadline, DeadlineUTC: utc(d.Deadline), Challenged: len(d.Challenges) > 0, Challenges: []challengeRow{},
		Settleable: d.Now > d.Deadline, ChainTimeUTC: utc(d.Now)}
	for _, c := range d.Challenges {
		v.Challenges = append(v.Challenges, challengeRow{By: c.By, From: c.Counterparty, Nonce: amountString(c.Nonce), Tx: c.Tx, Block: c.Block})
	}
	switch {
	case v.Settleable:
		v.WhatToDo = "the deadline has passed: run `chanctl settle` to pay the channel out"
	case d.Nonce.Cmp(newest) < 0:
		v.WhatToDo = fmt.Sprintf("the chain holds nonce %s, older than your newest state's %s: your watchtowers must challenge before %s "+
			"(see `chanctl towers`); then run `chanctl settle` after %s", v.Nonce, newest, v.DeadlineUTC, v.DeadlineUTC)
	default:
		v.WhatToDo = fmt.Sprintf("the chain holds your newest state: wait for the deadline, then run `chanctl settle` after %s", v.DeadlineUTC)
	}
	return v
}

// disputeText is status's text for an open dispute.
func (v *disputeView) text(p *printer) {
	who := "the hub"
	if v.ClosedBy == "user" {
		who = "you"
	}
	fmt.Fprintf(p.out, "dispute: %s (%s) closed the channel on-chain with nonce %s at %s (tx %s, block %d)\n", who, v.ClosedFrom, v.ExitNonce,
		v.ExitTimeUTC, v.ExitTx, v.ExitBlock)
	if !v.Challenged {
		fmt.Fprintf(p.out, "dispute: not challenged; challenge deadline %s (block time %d)\n", v.DeadlineUTC, v.Deadline)
	} else {
		for _, c := range v.Challenges {
			fmt.Fprintf(p.out, "dispute: challenged by the %s (%s) with nonce %s (tx %s, block %d)\n", c.By, c.From, c.Nonce, c.Tx, c.Block)
		}
		fmt.Fprintf(p.out, "dispute: the chain holds nonce %s; challenge deadline %s (block time %d)\n", v.Nonce, v.DeadlineUTC, v.Deadline)
	}
	fmt.Fprintf(p.out, "what to do: %s\n", v.WhatToDo)
}
