package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/sethvargo/go-retry"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/backoff"
	"github.com/vigil-hub/vigil/wire"
)

// Sync fetches what the hub proposed since the wallet's co-signed state, checks each
// proposal by recomputing it from the wallet's own state, and co-signs the fair ones in
// order. Incoming payments are claimed at once when their secret opens.
func (w *Wallet) Sync(ctx context.Context) error {
	if err := w.fetch(ctx); err != nil {
		return err
	}
	return w.claimPending(ctx)
}

// fetch co-signs the hub's pending proposals.
func (w *Wallet) fetch(ctx context.Context) error {
	var ch wire.HubChannel
	w.mu.Lock()
	from := new(big.Int).Set(w.ls.Cosigned.State.Nonce)
	w.mu.Unlock()
	if err := w.exchange(ctx, wire.FrameSync, http.MethodGet, "/v1/channel?from="+from.String(), wire.StreamSync{From: channel.Amount{V: from}}, &ch); err != nil {
		return err
	}
	return w.apply(ctx, ch, true)
}

// Listen holds a stream to the hub open (wire.StreamPath) and applies the proposals the
// hub pushes on it until ctx ends; the wallet's requests go over the stream meanwhile. A
// stream that fails is opened again within 50 ms, then after waits growing to a second (or
// what the hub asks), to the next of the hub's processes when the last one does not
// lead, is going away or cannot be reached. A hub without a stream is long-polled
// instead. Meanwhile the wallet follows the chain's head by a subscription when its node
// offers one (heads.go).
func (w *Wallet) Listen(ctx context.Context) error {
	ctx, stop := context.WithCancel(ctx)
	var heads sync.WaitGroup
	defer func() { stop(); heads.Wait() }()
	heads.Go(func() { w.followHeads(ctx) })
	newPause := func() *backoff.Asked { return backoff.WithAsked(backoff.Exponential(50*time.Millisecond, time.Second)) }
	pause := newPause()
	for ctx.Err() == nil {
		// A stream that opened starts the waits again: one that ends is opened again
		// within 50 ms, to the next process when the last is going away.
		err := w.listenStream(ctx, func() { pause = newPause() })
		if errors.Is(err, errNoStream) {
			return w.poll(ctx)
		}
		if err != nil && ctx.Err() == nil {
			w.pause(ctx, pause, err)
		}
	}
	return nil
}

// poll long-polls an older hub for proposals and applies them until ctx ends.
func (w *Wallet) poll(ctx context.Context) error {
	pause := backoff.WithAsked(retry.NewConstant(time.Second))
	for ctx.Err() == nil {
		var ch wire.HubChannel
		w.mu.Lock()
		from := new(big.Int).Set(w.ls.Cosigned.State.Nonce)
		w.mu.Unlock()
		err := w.call(ctx, http.MethodGet, "/v1/updates?wait=20s&from="+from.String(), nil, &ch)
		if err == nil {
			err = w.apply(ctx, ch, true)
		}
		if err == nil {
			err = w.claimPending(ctx)
		}
		if err != nil && ctx.Err() == nil {
			w.pause(ctx, pause, err)
		}
	}
	return nil
}

// pause waits before listening again after err: the next wait of pause, or what the hub
// asked for.
func (w *Wallet) pause(ctx context.Context, pause *backoff.Asked, err error) {
	pause.Ask(retryAfter(err))
	wait, _ := pause.Next()
	w.log.Warn("listening: retrying", "err", err, "in", wait)
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// twin refuses to sign a state at nonce other than the one the wallet signed and sent there
// and has not seen co-signed: the hub would hold the user's signature on both.
func (w *Wallet) twin(nonce *big.Int, digest common.Hash) error {
	p := w.ls.Signed
	if p == nil || len(p.SigUser) == 0 || p.State.Nonce.Cmp(nonce) != 0 {
		return nil // nothing signed at that nonce (a request asked hub first carries no signature)
	}
	if d, err := w.domain.Digest(p.State); err == nil && d == digest {
		return nil
	}
	return fmt.Errorf("%w: the hub proposes another state at nonce %s, where the wallet signed its %s request; it signs no second state there",
		ErrPending, nonce, p.Update.Kind)
}

// adopt takes the hub's co-signed state when it is newer than the wallet's (a wallet that
// lost its file, or a request whose answer was lost), after checking both signatures.
func (w *Wallet) adopt(c *wire.HubState) error {
	if c == nil || c.State == nil || c.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) <= 0 {
		return nil
	}
	d, err := w.domain.Digest(c.State)
	if err != nil {
		return err
	}
	if channel.VerifySigner(d, c.SigHub, w.cfg.Hub) != nil || channel.VerifySigner(d, c.SigUser, w.addr) != nil {
		return fmt.Errorf("%w: the hub's co-signed state %s is not signed by both sides", ErrUnfair, c.State.Nonce)
	}
	if err := channel.Validate(c.State, c.Locks); err != nil {
		return fmt.Errorf("%w: %w", ErrUnfair, err)
	}
	w.ls.setCosigned(cosigned{State: c.State, Locks: c.Locks, SigHub: c.SigHub, SigUser: c.SigUser})
	w.ls.Signed = nil
	return w.ls.save(w.cfg.StatePath)
}
