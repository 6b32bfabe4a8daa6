package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
)

// ErrNothingPending is a retry or an abandon with no on-chain operation pending.
var ErrNothingPending = errors.New("no on-chain operation is pending on the channel")

// ErrNotAbandonable is an abandon of an operation the contract can still execute (before
// its timeout), or did execute: giving it up off-chain then could pay it twice.
var ErrNotAbandonable = errors.New("the pending operation cannot be given up")

// What to do about a pending operation (Pending.Action).
const (
	ActionRetry   = "retry"   // send its transaction (again): the wallet executes it
	ActionAbandon = "abandon" // its timeout passed unexecuted: give it up
	ActionWait    = "wait"    // executed, or the hub's to execute: the hub confirms it
)

// Pending is the on-chain operation the channel waits on: a co-signed proposal (a state
// with a timeout) neither confirmed nor invalidated yet. No other update follows it
// until then.
type Pending struct {
	Nonce *big.Int
	// Kind is "deposit", "withdrawal", "close" (the user's, executed by the wallet) or
	// "collateral" (the hub's top-up, executed by the hub).
	Kind  string
	State *channel.State
	// Timeout is the last block time at which the contract executes it.
	Timeout *big.Int
	// ChainTime is the chain's time when it was read.
	ChainTime uint64
	Executed  bool   // the chain executed it: the hub confirms it once it sees it
	Action    string // ActionRetry, ActionAbandon or ActionWait
	Advice    string // what to do, in a sentence
}

// Expired reports whether the chain's time is past the operation's timeout: the
// contract no longer executes it.
func (p *Pending) Expired() bool { return p.Timeout.Cmp(new(big.Int).SetUint64(p.ChainTime)) < 0 }

// pendingKind names what a proposal does.
func pendingKind(s *channel.State) string {
	switch {
	case s.PendingWei[channel.HubDeposit].Sign() > 0 || s.PendingToken[channel.HubDeposit].Sign() > 0:
		return "collateral"
	case s.PendingWei[channel.UserDeposit].Sign() > 0 || s.PendingToken[channel.UserDeposit].Sign() > 0:
		return "deposit"
	case s.PendingWei[channel.HubWithdrawal].Sign() > 0 || s.PendingToken[channel.HubWithdrawal].Sign() > 0:
		return "close"
	}
	return "withdrawal"
}

// Pending returns the channel's pending on-chain operation, read against the wallet's
// node, or nil when there is none. It reads the wallet's own copy: Sync first for the
// hub's latest.
func (w *Wallet) Pending(ctx context.Context) (*Pending, error) {
	w.mu.Lock()
	c := w.ls.Cosigned
	w.mu.Unlock()
	if c.State == nil || c.State.Timeout.Sign() == 0 || len(c.SigHub) == 0 {
		return nil, nil
	}
	if w.cfg.Chain == nil {
		return nil, ErrNoChain
	}
	head, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read the chain's head: %w", err)
	}
	ch, err := w.onchainAt(ctx, head.Number)
	if err != nil {
		return nil, fmt.Errorf("read the channel on-chain: %w", err)
	}
	p := &Pending{Nonce: new(big.Int).Set(c.State.Nonce), Kind: pendingKind(c.State), State: c.State.Clone(),
		Timeout: new(big.Int).Set(c.State.Timeout), ChainTime: head.Time, Executed: ch.OnchainNonce.Cmp(c.State.OnchainNonce) >= 0}
	until := contracts.UTC(p.Timeout)
	switch {
	case p.Executed:
		p.Action, p.Advice = ActionWait, "executed on-chain; the hub confirms it once it sees the event (sync)"
	case p.Expired():
		p.Action, p.Advice = ActionAbandon, fmt.Sprintf("not executed by its timeout %s: the contract no longer takes it; run `chanctl abandon` to give it up", until)
	case p.Kind == "collateral":
		p.Action, p.Advice = ActionWait, fmt.Sprintf("the hub's top-up, which the hub executes; if it does not, it can be given up after %s", until)
	default:
		p.Action, p.Advice = ActionRetry, fmt.Sprintf("not executed on-chain: run `chanctl retry` to send it (again) until %s, or `chanctl abandon` after that", until)
	}
	return p, nil
}

// Retry sends (again) the transaction executing the channel's pending operation, the
// wallet's own deposit, withdrawal or close the hub co-signed: after the account was
// funded, or a transaction was lost. It is checked first as every on-chain step is.
func (w *Wallet) Retry(ctx context.Context) (*types.Receipt, error) {
	if err := w.fetch(ctx); err != nil {
		return nil, err
	}
	p, err := w.Pending(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case p == nil:
		return nil, ErrNothingPending
	case p.Executed:
		return nil, fmt.Errorf("the %s at nonce %s was executed on-chain; the hub confirms it once it sees the event", p.Kind, p.Nonce)
	case p.Expired():
		return nil, fmt.Errorf("the %s at nonce %s timed out at %s unexecuted: the contract no longer takes it; run `chanctl abandon`",
			p.Kind, p.Nonce, contracts.UTC(p.Timeout))
	case p.Kind == "collateral":
		return nil, fmt.Errorf("the pending operation at nonce %s is the hub's top-up: the hub executes it", p.Nonce)
	}
	w.mu.Lock()
	sigHub := append([]byte(nil), w.ls.Cosigned.SigHub...)
	w.mu.Unlock()
	s := p.State
	if tok := s.PendingToken[channel.UserDeposit]; tok.Sign() > 0 {
		if err := w.approve(ctx, tok); err != nil {
			return nil, err
		}
	}
	what := "this " + p.Kind
	r, err := w.transact(ctx, what, new(big.Int).Set(s.PendingWei[channel.UserDeposit]), w.m.PackUserAuthorizedUpdate(contracts.State(s), sigHub))
	if err != nil {
		return r, err
	}
	return r, w.forwardDeferred(ctx, r, s.Recipient)
}

// Abandon gives up the channel's pending operation once the contract can no longer
// execute it (its timeout passed) and the chain did not: the hub proposes its
// invalidation, which the wallet checks against its own node and co-signs, and the channel
// takes updates again. Before the timeout it refuses (ErrNotAbandonable), as the hub
// would: the operation could still execute after being given up.
//
// An operation the hub's sweeper voided meanwhile counts as given up.
func (w *Wallet) Abandon(ctx context.Context) error {
	w.mu.Lock()
	before := w.ls.Cosigned.State
	w.mu.Unlock()
	if err := w.fetch(ctx); err != nil {
		return err
	}
	p, err := w.Pending(ctx)
	if err != nil {
		return err
	}
	switch {
	case p == nil && before != nil && before.Timeout.Sign() != 0 && w.voided(before):
		return nil
	case p == nil:
		return ErrNothingPending
	case p.Executed:
		return fmt.Errorf("%w: the %s at nonce %s was executed on-chain; the hub confirms it", ErrNotAbandonable, p.Kind, p.Nonce)
	case !p.Expired():
		return fmt.Errorf("%w: the %s at nonce %s can still execute on-chain until %s (chain time %s); it can be given up after that",
			ErrNotAbandonable, p.Kind, p.Nonce, contracts.UTC(p.Timeout), contracts.UTC(new(big.Int).SetUint64(p.ChainTime)))
	}
	if err := w.call(ctx, http.MethodPost, "/v1/abandon", nil, nil); err != nil {
		return err
	}
	if err := w.fetch(ctx); err != nil {
		return err
	}
	if p, err := w.Pending(ctx); err != nil {
		return err
	} else if p != nil {
		return fmt.Errorf("the hub proposed to give up nonce %s and the wallet has not co-signed it yet; run it again", p.Nonce)
	}
	return nil
}

// voided reports whether the co-signed state now follows proposal with its invalidation:
// the on-chain nonce back below the proposal's.
func (w *Wallet) voided(proposal *channel.State) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.ls.Cosigned.State
	return s.Nonce.Cmp(proposal.Nonce) > 0 && s.OnchainNonce.Cmp(proposal.OnchainNonce) < 0
}
