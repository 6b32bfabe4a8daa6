package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/vigil-hub/vigil/wire"
)

// ErrStateMissing is a wallet that found no state file while the hub holds co-signed
// states of its channel: it refuses to start a fresh file, which would have it sign from
// nonce 0 again, without the secrets of its payments in flight (see CheckNewState).
var ErrStateMissing = errors.New("wallet state file missing")

// CheckNewState is called once after Open. When Open found no state file it asks the hub
// whether it knows the channel: a wallet the hub holds co-signed states for lost its
// file, or reads the wrong one (a relative path from another directory, a typo), and
// refuses with ErrStateMissing, saying how to restore it. A channel the hub does not know
// is first-time use: the fresh state file is written at once, so that the next command
// finds it. With a state file it does nothing.
func (w *Wallet) CheckNewState(ctx context.Context) error {
	w.mu.Lock()
	fresh := w.fresh
	w.mu.Unlock()
	if !fresh {
		return nil
	}
	var ch wire.HubChannel
	if err := w.call(ctx, http.MethodGet, "/v1/channel?from=0", nil, &ch); err != nil {
		return fmt.Errorf("no wallet state file at %s; asking the hub whether it knows the channel first: %w", w.cfg.StatePath, err)
	}
	if c := ch.Cosigned; c != nil && c.State != nil && c.State.Nonce.Sign() > 0 {
		return fmt.Errorf("%w: no state file at %s, but the hub holds co-signed states of %s's channel up to nonce %s; "+
			"the wallet does not start a fresh one (it would lose the secrets of payments in flight and sign from nonce 0 again). "+
			"Restore the file from your backup of it, or point state: in the configuration at the file this wallet used "+
			"(a relative path is read from the configuration file's directory); "+
			"your watchtowers hold your newest co-signed state for a dispute meanwhile",
			ErrStateMissing, w.cfg.StatePath, w.addr, c.State.Nonce)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.ls.save(w.cfg.StatePath); err != nil {
		return err
	}
	w.fresh = false
	return nil
}
