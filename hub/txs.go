package hub

// The hub's own transactions: what it queues in the outbox, and what it decides when one
// reverted, failed or never got queued (a crash between a co-signature and the queue).

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// maxArms bounds how many entries one of the hub's transactions gets: after a revert it
// is sent again while a simulation says it would now succeed, at most maxArms-1 times.
const maxArms = 4

var abi = bindings.NewChannelManager()

// updateTx is the execution of a co-signed proposal, due by its timeout.
func updateTx(hs store.HubState, now uint64) Tx {
	s := hs.State
	return Tx{User: s.User, Key: store.HubUpdateKey{StateNonce: s.Nonce}, Calldata: abi.PackHubAuthorizedUpdate(contracts.State(s), hs.SigUser),
		Deadline: s.Timeout.Uint64(), WindowStart: now}
}

// active reports whether an entry is still on its way: queued, sent, or included and
// succeeded but not yet deep enough. An entry included reverted is not: it is decided
// again at once, as the dispute engine decides a reverted challenge.
func active(t store.OutboxTx) bool {
	return t.Status == store.TxQueued || t.Status == store.TxSent || (t.Status == store.TxIncluded && t.Succeeded)
}

// reverted reports whether an entry was included and reverted (deep enough or not).
func reverted(t store.OutboxTx) bool {
	return t.Status == store.TxReverted || (t.Status == store.TxIncluded && !t.Succeeded)
}

// Reverted is what the hub's sender calls (with the dispute engine's Examine) when one
// of the account's transactions reverted: the hub decides its own transactions again at
// once rather than at its next sweep.
func (h *Hub) Reverted(ctx context.Context, contract, _ common.Address) error {
	if contract != h.cfg.Contract || h.exec == nil {
		return nil
	}
	now := h.cfg.Now()
	return errors.Join(h.protectOpen(ctx, now), h.executeProposals(ctx, now), h.resolveLocks(ctx, now))
}

// execute queues the execution of a co-signed collateral proposal.
func (h *Hub) execute(ctx context.Context, hs store.HubState, now uint64) error {
	if created, err := h.exec.Send(ctx, updateTx(hs, now)); err != nil {
		return fmt.Errorf("queue hubAuthorizedUpdate of %s nonce %s: %w", hs.State.User, hs.State.Nonce, err)
	} else if created {
		h.log.Info("collateral update queued", "user", hs.State.User, "nonce", hs.State.Nonce, "deadline", hs.State.Timeout, "deadline_utc", utc.Format(hs.State.Timeout.Uint64()))
	}
	return nil
}

// executeProposals follows the hub's co-signed collateral proposals that the chain has not
// executed yet and whose timeout has not passed: one never queued (the hub stopped between
// the user's co-signature and the queue) is queued, one that reverted is queued again
// while it would now succeed, and one that cannot succeed is alerted (it is invalidated
// after its timeout).
func (h *Hub) executeProposals(ctx context.Context, now uint64) error {
	open, err := h.st.HubOpenProposals(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range open {
		if p.Kind != wire.RoleCollateral || p.SigUser == nil || p.State.Timeout.Cmp(new(big.Int).SetUint64(now)) < 0 {
			continue
		}
		if ch, err := h.st.Channel(ctx, h.cfg.Contract, p.State.User); err == nil && ch.OnchainNonce != nil && ch.OnchainNonce.Cmp(p.State.OnchainNonce) >= 0 {
			continue // executed: the confirmation comes with the event
		}
		t, err := h.exec.Outcome(ctx, p.State.User, store.HubUpdateKey{StateNonce: p.State.Nonce})
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs = append(errs, h.execute(ctx, p, now))
			continue
		case err != nil:
			errs = append(errs, err)
			continue
		case !reverted(t):
			continue // on its way, done, or given up at its deadline (then invalidated)
		}
		tx := updateTx(p, now)
		what := fmt.Sprintf("collateral update of channel %s (state nonce %s)", p.State.User, p.State.Nonce)
		cerr := h.exec.Check(ctx, tx.Calldata)
		if cerr != nil && contracts.RevertName(cerr) == "" {
			errs = append(errs, cerr) // the node did not answer: the next sweep asks again
			continue
		}
		if cerr != nil || t.Arm+1 >= maxArms {
			h.cannot(ctx, t, what, cerr, "the proposal is invalidated after its timeout")
			continue
		}
		h.log.Warn("hub transaction reverted; sending it again", "kind", t.Kind, "user", t.User, "outbox", t.ID, "arm", t.Arm)
		errs = append(errs, h.execute(ctx, p, now))
	}
	return errors.Join(errs...)
}

// cannot alerts that one of the hub's transactions reverted and will not be sent again:
// it cannot succeed now (why), or it reverted too often.
func (h *Hub) cannot(ctx context.Context, t store.OutboxTx, what string, why error, then string) {
	reason := fmt.Sprintf("reverted %d times", t.Arm+1)
	if why != nil {
		reason = "it cannot succeed now: " + why.Error()
	}
	h.log.Error("hub transaction reverted and is not sent again", "kind", t.Kind, "user", t.User, "outbox", t.ID, "reason", reason)
	h.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.HubTxFailed, Key: fmt.Sprintf("hub-tx/%s/%s/%s", t.Kind, t.User, t.Nonce),
		Contract: t.Contract, User: t.User, TxHash: t.TxHash, Block: t.BlockNumber, Account: t.Sender,
		Text: fmt.Sprintf("The hub's %s reverted (%s) and is not sent again: %s; %s.", what, t.TxHash, reason, then)})
}
