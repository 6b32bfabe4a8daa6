package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerd"
)

// statusCommand is `watchtower status`: what the tower's store holds, read through its
// configuration, whether or not the tower runs.
func statusCommand() *cli.Command {
	return &cli.Command{
		Name:   "status",
		Usage:  "show the states held, the disputes open and the outbox, read from the tower's store",
		Flags:  []cli.Flag{&cli.BoolFlag{Name: "json", Usage: "print one JSON object"}},
		Action: status,
	}
}

func status(ctx context.Context, cmd *cli.Command) error {
	cfg, err := loadConfig(cmd)
	if err != nil {
		return err
	}
	r, err := towerd.Status(ctx, cfg)
	if err != nil {
		return err
	}
	v := statusOf(r)
	if cmd.Bool("json") {
		enc := json.NewEncoder(cmd.Root().Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	v.text(cmd.Root().Writer)
	return nil
}

// statusView is watchtower status's outcome; its JSON field names are stable.
type statusView struct {
	Command    string         `json:"command"`
	Store      string         `json:"store"`      // "sqlite" or "postgres"
	StatesHeld int64          `json:"statesHeld"` // one per channel
	Contracts  []contractView `json:"contracts"`
	Disputes   []disputeView  `json:"disputes"`
	// Outbox counts transactions by status (queued, sent, included, confirmed, reverted,
	// cancelled, failed), and by kind and status.
	Outbox struct {
		ByStatus map[string]int64 `json:"byStatus"`
		ByKind   []outboxView     `json:"byKind"`
	} `json:"outbox"`
}

type contractView struct {
	Address common.Address `json:"address"`
	Unseen  int64          `json:"unseenChannels"` // states held for channels not seen on-chain yet
}

type disputeView struct {
	Contract    common.Address `json:"contract"`
	User        common.Address `json:"user"`
	Nonce       string         `json:"nonce"` // the state the chain holds
	Deadline    uint64         `json:"deadline"`
	DeadlineUTC string         `json:"deadlineUTC"`
	Held        string         `json:"heldNonce,omitempty"` // the tower's state
	Stale       bool           `json:"stale"`               // the chain's state is older than the tower's
	Challenged  bool           `json:"challenged"`          // the tower queued a challenge with its state
	Challenge   *challengeView `json:"challenge,omitempty"`
}

type challengeView struct {
	Status string       `json:"status"`
	Tx     *common.Hash `json:"tx,omitempty"`
	Block  uint64       `json:"block,omitempty"`
	Error  string       `json:"error,omitempty"`
}

type outboxView struct {
	Kind   string `json:"kind"`
	Status string `json:"status"`
	N      int64  `json:"count"`
}

// outboxStatuses are the outbox's statuses in the order of a transaction's life.
var outboxStatuses = []store.TxStatus{store.TxQueued, store.TxSent, store.TxIncluded, store.TxConfirmed, store.TxReverted, store.TxCancelled, store.TxFailed}

func statusOf(r *towerd.Report) statusView {
	v := statusView{Command: "status", Store: r.Backend, StatesHeld: r.StatesHeld, Contracts: []contractView{}, Disputes: []disputeView{}}
	for _, c := range r.Contracts {
		v.Contracts = append(v.Contracts, contractView{Address: c.Address, Unseen: c.Unseen})
	}
	for _, d := range r.Disputes {
		dv := disputeView{Contract: d.Contract, User: d.User, Nonce: bigString(d.Nonce), Deadline: d.Deadline, DeadlineUTC: utc(d.Deadline), Stale: d.Stale}
		if d.Held != nil {
			dv.Held = d.Held.String()
		}
		if c := d.Challenge; c != nil {
			dv.Challenged = true
			dv.Challenge = &challengeView{Status: string(c.Status), Block: c.BlockNumber, Error: c.LastError}
			if c.TxHash != (common.Hash{}) {
				dv.Challenge.Tx = &c.TxHash
			}
		}
		v.Disputes = append(v.Disputes, dv)
	}
	v.Outbox.ByStatus = map[string]int64{}
	for _, s := range outboxStatuses {
		v.Outbox.ByStatus[string(s)] = 0
	}
	v.Outbox.ByKind = []outboxView{}
	for _, o := range r.Outbox {
		v.Outbox.ByStatus[string(o.Status)] += o.N
		v.Outbox.ByKind = append(v.Outbox.ByKind, outboxView{Kind: string(o.Kind), Status: string(o.Status), N: o.N})
	}
	slices.SortFunc(v.Outbox.ByKind, func(a, b outboxView) int {
		if a.Kind != b.Kind {
			if a.Kind < b.Kind {
				return -1
			}
			return 1
		}
		return slices.Index(outboxStatuses, store.TxStatus(a.Status)) - slices.Index(outboxStatuses, store.TxStatus(b.Status))
	})
	return v
}

func (v statusView) text(w io.Writer) {
	fmt.Fprintf(w, "store: %s\nstates held: %d (one per channel: the newest its user deposited)\n", v.Store, v.StatesHeld)
	for _, c := range v.Contracts {
		if c.Unseen > 0 {
			fmt.Fprintf(w, "contract %s: %d of them for channels not seen on-chain yet\n", c.Address, c.Unseen)
		}
	}
	fmt.Fprintf(w, "disputes open: %d\n", len(v.Disputes))
	for _, d := range v.Disputes {
		held := "no state held"
		if d.Held != "" {
			held = "holds nonce " + d.Held
		}
		what := "not challenged"
		switch {
		case d.Challenge != nil:
			what = "challenge " + d.Challenge.Status
			if d.Challenge.Tx != nil {
				what += fmt.Sprintf(" (tx %s, block %d)", d.Challenge.Tx.Hex(), d.Challenge.Block)
			}
		case d.Stale:
			what = "stale: not challenged yet"
		}
		fmt.Fprintf(w, "  channel %s (contract %s): closed at nonce %s, deadline %s (block time %d); the tower %s; %s\n",
			d.User, d.Contract, d.Nonce, d.DeadlineUTC, d.Deadline, held, what)
	}
	fmt.Fprint(w, "outbox:")
	for i, s := range outboxStatuses {
		sep := ","
		if i == 0 {
			sep = ""
		}
		fmt.Fprintf(w, "%s %s %d", sep, s, v.Outbox.ByStatus[string(s)])
	}
	fmt.Fprintln(w)
	for _, o := range v.Outbox.ByKind {
		fmt.Fprintf(w, "  %s %s: %d\n", o.Kind, o.Status, o.N)
	}
}

func bigString(v *big.Int) string {
	if v == nil {
		return "0"
	}
	return v.String()
}

// utc formats a block timestamp as RFC 3339 in UTC.
func utc(unix uint64) string {
	return time.Unix(int64(min(unix, 1<<62)), 0).UTC().Format(time.RFC3339)
}
