package main

// The pending on-chain operation: status's view of it, retry and abandon; and pay's wait
// for a top-up it triggered.

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
)

// pendingView is status's pendingOperation: the co-signed proposal the channel waits on,
// void after Until, and what to do about it.
type pendingView struct {
	Nonce    string `json:"nonce"`
	Kind     string `json:"kind"` // deposit, withdrawal, close or collateral (the hub's top-up)
	Until    uint64 `json:"until"`
	UntilUTC string `json:"untilUTC"`
	Executed bool   `json:"executed"`
	Action   string `json:"action"` // retry, abandon or wait
	Advice   string `json:"advice"`
}

// pendingOf reads the wallet's pending operation for status; nil when there is none.
// Without a node to read it against, it is shown with its timeout only.
func pendingOf(ctx context.Context, w *client.Wallet) *pendingView {
	p, err := w.Pending(ctx)
	if err != nil || p == nil {
		s, _ := w.Latest()
		if err == nil || !s.HasPending() {
			return nil
		}
		until := s.Timeout.Uint64()
		return &pendingView{Nonce: s.Nonce.String(), Until: until, UntilUTC: utc(until), Action: client.ActionWait,
			Advice: fmt.Sprintf("could not read it on-chain (%v)", err)}
	}
	until := p.Timeout.Uint64()
	return &pendingView{Nonce: p.Nonce.String(), Kind: p.Kind, Until: until, UntilUTC: utc(until), Executed: p.Executed,
		Action: p.Action, Advice: p.Advice}
}

func (v *pendingView) text(p *printer) {
	kind := v.Kind
	if kind == "" {
		kind = "on-chain operation"
	}
	fmt.Fprintf(p.out, "pending %s (nonce %s) until %s (block time %d): %s\n", kind, v.Nonce, v.UntilUTC, v.Until, v.Advice)
}

type retryView struct {
	head
	Block        uint64   `json:"block"`
	Transactions []txView `json:"transactions"`
}

func (v *retryView) text(p *printer) {
	fmt.Fprintf(p.out, "the pending operation executed in block %d; the hub confirms it once final (run status)\n", v.Block)
}

func retry(ctx context.Context, w *client.Wallet, p *printer) (result, error) {
	r, err := w.Retry(ctx)
	if err != nil {
		return nil, err
	}
	return &retryView{Block: r.BlockNumber.Uint64(), Transactions: p.txs}, nil
}

type abandonView struct {
	head
	Abandoned bool   `json:"abandoned"`
	Nonce     string `json:"nonce"` // the channel's, after the invalidation
}

func (v *abandonView) text(p *printer) {
	fmt.Fprintf(p.out, "the pending operation was given up; the channel is at nonce %s and takes updates again\n", v.Nonce)
}

func abandon(ctx context.Context, w *client.Wallet) (result, error) {
	if err := w.Abandon(ctx); err != nil {
		return nil, err
	}
	s, _ := w.Latest()
	return &abandonView{Abandoned: true, Nonce: s.Nonce.String()}, nil
}

// pay pays to, waiting for a top-up the payment triggers unless --no-wait: progress lines
// go to standard error (JSON lines with --json).
func pay(ctx context.Context, w *client.Wallet, p *printer, to common.Address, a assetArg, v *big.Int) (common.Hash, error) {
	if p.opts.NoWait {
		return w.Pay(ctx, to, a.asset, v)
	}
	return w.PayWaiting(ctx, to, a.asset, v, client.TopUpWait{Timeout: p.opts.TopUpWait, Progress: func(line string) {
		if p.opts.JSON {
			p.progress(map[string]any{"event": "topup-wait", "message": line})
		} else if p.opts.Progress != nil {
			fmt.Fprintln(p.opts.Progress, line)
		}
	}})
}
