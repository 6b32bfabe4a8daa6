package hub

// The reconciler: the hub's books checked against the chain. A channel whose newest
// co-signed state the contract would no longer take in a dispute is one the hub cannot
// defend, so it is frozen — no off-chain update until the two agree again — and an
// operator is told at once.

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Reconcile compares every channel's newest final co-signed state with what the contract
// records at a final block (channel.CheckExecutable), freezes with a critical alert a
// channel whose state could no longer be executed, and thaws one that agrees again.
// Channels in a dispute, or with a proposal pending, are left to the dispute path and the
// sweep; a settled channel is restarted if it was not (a crash between the settlement and
// its restart).
func (h *Hub) Reconcile(ctx context.Context) error {
	if h.exec == nil {
		return nil
	}
	if err := h.checkCaughtUp(); err != nil {
		return err
	}
	states, err := h.st.HubFinalStates(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	var errs []error
	for _, hs := range states {
		user := hs.State.User
		if ch, err := h.onchain(ctx, user); err != nil {
			errs = append(errs, err)
			continue
		} else if ch.Status == store.StatusSettled {
			// A restart a crash left unproposed after the settlement was confirmed.
			if err := h.restart(ctx, user); err != nil {
				errs = append(errs, err)
			}
			continue
		} else if ch.Status != store.StatusOpen {
			continue
		}
		fin, err := h.exec.FinalChannel(ctx, user)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if fin.Disputed {
			continue
		}
		bad := channel.CheckExecutable(hs.State, fin.Onchain)
		_, was, err := h.frozenReason(ctx, user)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		switch {
		case bad != nil && !was:
			reason := fmt.Sprintf("at block %d: %v", fin.Block, bad)
			if err := h.setFrozen(ctx, user, reason); err != nil {
				errs = append(errs, err)
				continue
			}
			h.log.Error("channel frozen: the hub's newest state could not be put on-chain", "user", user, "nonce", hs.State.Nonce, "err", bad)
			h.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.ChannelFrozen, Key: "frozen/" + user.Hex(),
				Contract: h.cfg.Contract, User: user,
				Text: fmt.Sprintf("The hub's newest co-signed state of channel %s (nonce %s) is not what the contract holds %s. "+
					"The channel takes no update until they agree; check the hub's database and node.", user, hs.State.Nonce, reason)})
		case bad == nil && was:
			if err := h.setFrozen(ctx, user, ""); err != nil {
				errs = append(errs, err)
				continue
			}
			h.log.Info("channel thawed: the hub's state and the chain agree again", "user", user, "nonce", hs.State.Nonce)
			h.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Info, Kind: alert.ChannelThawed, Key: "thawed/" + user.Hex(),
				Contract: h.cfg.Contract, User: user,
				Text: fmt.Sprintf("Channel %s agrees with the contract again at nonce %s; it takes updates.", user, hs.State.Nonce)})
		}
	}
	return errors.Join(errs...)
}

// Forget drops what the hub keeps in memory of its store (the frozen channels), for a
// process that begins leading: another process may have written since it last read.
// Channel states are never kept: each update reads its channel under the channel's lock.
func (h *Hub) Forget() {
	h.frozenMu.Lock()
	defer h.frozenMu.Unlock()
	h.frozen = nil
}

// loadFrozen reads the frozen channels from the store once; frozenMu is held.
func (h *Hub) loadFrozen(ctx context.Context) error {
	if h.frozen != nil {
		return nil
	}
	m, err := h.st.HubFrozen(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	h.frozen = m
	return nil
}

// frozenReason returns why user's channel is frozen, and whether it is.
func (h *Hub) frozenReason(ctx context.Context, user common.Address) (string, bool, error) {
	h.frozenMu.Lock()
	defer h.frozenMu.Unlock()
	if err := h.loadFrozen(ctx); err != nil {
		return "", false, err
	}
	reason, ok := h.frozen[user]
	return reason, ok, nil
}

// setFrozen records a channel frozen with reason, or thawed with "".
func (h *Hub) setFrozen(ctx context.Context, user common.Address, reason string) error {
	h.frozenMu.Lock()
	defer h.frozenMu.Unlock()
	if err := h.loadFrozen(ctx); err != nil {
		return err
	}
	if err := h.st.SetHubFrozen(ctx, h.cfg.Contract, user, reason); err != nil {
		return err
	}
	if reason == "" {
		delete(h.frozen, user)
	} else {
		h.frozen[user] = reason
	}
	return nil
}

// checkFrozen refuses an update of a frozen channel.
func (h *Hub) checkFrozen(ctx context.Context, user common.Address) error {
	reason, ok, err := h.frozenReason(ctx, user)
	if err != nil {
		return err
	}
	if ok {
		return fmt.Errorf("%w: channel %s %s", ErrFrozen, user, reason)
	}
	return nil
}
