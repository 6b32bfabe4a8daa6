package main

import (
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
)

// towersView is the outcome of chanctl towers.
type towersView struct {
	head
	Towers []towerView `json:"towers"`
}

type towerView struct {
	URL string `json:"url"`
	// Address signs the tower's receipts, as its /v1/info says (absent until checked).
	Address *common.Address `json:"address,omitempty"`
	// LastReceipt is the newest state it receipted: its nonce and when (the receipt's time).
	LastReceipt *struct {
		Nonce       string `json:"nonce"`
		IssuedAt    uint64 `json:"issuedAt"`
		IssuedAtUTC string `json:"issuedAtUTC"`
	} `json:"lastReceipt,omitempty"`
	// Unreceipted is the newest state it has not receipted, retried with every command.
	Unreceipted *struct {
		Nonce string `json:"nonce"`
		Since string `json:"since"`
	} `json:"unreceipted,omitempty"`
	LastError string `json:"lastError,omitempty"`
}

func towers(w *client.Wallet) *towersView {
	v := &towersView{Towers: []towerView{}}
	for _, t := range w.Towers() {
		tv := towerView{URL: t.URL, LastError: t.LastError}
		if t.Address != (common.Address{}) {
			a := t.Address
			tv.Address = &a
		}
		if r := t.Receipt; r != nil && r.Nonce.V != nil {
			tv.LastReceipt = &struct {
				Nonce       string `json:"nonce"`
				IssuedAt    uint64 `json:"issuedAt"`
				IssuedAtUTC string `json:"issuedAtUTC"`
			}{r.Nonce.V.String(), r.IssuedAt, utc(r.IssuedAt)}
		}
		if t.Pending != nil {
			tv.Unreceipted = &struct {
				Nonce string `json:"nonce"`
				Since string `json:"since"`
			}{t.Pending.String(), t.PendingSince.UTC().Format(time.RFC3339)}
		}
		v.Towers = append(v.Towers, tv)
	}
	return v
}

func (v *towersView) text(p *printer) {
	if len(v.Towers) == 0 {
		fmt.Fprintln(p.out, "no watchtowers configured (towers: in chanctl.yaml)")
	}
	for _, t := range v.Towers {
		fmt.Fprintf(p.out, "tower %s\n", t.URL)
		if t.Address != nil {
			fmt.Fprintf(p.out, "  receipts signed by %s\n", t.Address)
		}
		if r := t.LastReceipt; r != nil {
			fmt.Fprintf(p.out, "  last receipt: nonce %s at %s\n", r.Nonce, r.IssuedAtUTC)
		} else {
			fmt.Fprintln(p.out, "  no receipt yet")
		}
		if u := t.Unreceipted; u != nil {
			fmt.Fprintf(p.out, "  not backed up: nonce %s since %s, retried with every command; last error: %s\n", u.Nonce, u.Since, t.LastError)
		}
	}
}
