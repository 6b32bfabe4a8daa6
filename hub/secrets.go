package hub

// Publishing the secrets of payments the hub paid out and has not collected: a payer
// that withholds its co-signature of the hub's claim of its lock can close on-chain with
// the lock, which then pays the hub only if its secret was registered by the lock's
// expiry. The hub registers such a secret once the payer has let a short grace pass
// (Config.CollectGrace), at once when the payer's channel is disputed, and at the latest
// LockMargin before the lock expires — many at a time, in registerSecrets batches, so
// that a burst of claims the payers all withhold costs a few transactions, not one each.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/store"
)

// maxSecretsPerTx bounds a registerSecrets batch. A secret costs ~25k gas in a batch of
// a hundred (cmd/gasreport: 24.9k at 100, 26.9k at 10, against 45.6k for registerSecret
// alone), so a full batch takes ~2.5M gas: a twelfth of a 30M block, included beside
// others' transactions, and a batch that fails leaves few secrets waiting. Larger
// batches save under 1k gas a secret more.
const maxSecretsPerTx = 100

// secretDue reports whether the hub publishes a claimed payment's secret now: while the
// payer's lock has not expired, once the payer has had CollectGrace to co-sign the claim
// (a payment claimed before the claim time was recorded has had it), once the lock is
// within LockMargin of its expiry, or at once when urgent (the payer's channel is in
// dispute: no off-chain update collects it any more).
func (h *Hub) secretDue(p store.Payment, now uint64, urgent bool) bool {
	if p.Status != store.PayClaimed || p.Secret == nil || now > p.PayerExpiry {
		return false
	}
	return urgent || now >= p.ClaimedAt+h.cfg.CollectGrace || now+h.cfg.LockMargin >= p.PayerExpiry
}

// protect publishes the due secrets among payments (secretDue; urgent tells whether a
// payer's channel is disputed) that are neither on-chain nor in a registration on its
// way, nearest payer expiry first, in registerSecrets batches of at most
// maxSecretsPerTx, each due by the earliest expiry it protects: fees rise toward it and
// a stuck attempt is replaced. What the outbox already carries is read from it, so a
// sweep after a crash, or beside an exit seen at the head, queues nothing twice; a batch
// that reverted, or failed at its deadline, carries nothing any more, and its secrets
// are batched again while their locks have not expired.
func (h *Hub) protect(ctx context.Context, payments []store.Payment, now uint64, urgent func(common.Address) bool) error {
	if h.exec == nil {
		return nil
	}
	var due []store.Payment
	for _, p := range payments {
		if h.secretDue(p, now, urgent(p.Payer)) {
			due = append(due, p)
		}
	}
	if len(due) == 0 {
		return nil
	}
	h.secretsMu.Lock()
	defer h.secretsMu.Unlock()
	queued, err := h.secretsOnTheirWay(ctx)
	if err != nil {
		return err
	}
	var todo []store.Payment
	var errs []error
	for _, p := range due {
		if queued[p.Hashlock] {
			continue
		}
		at, err := h.exec.SecretRegisteredAt(ctx, p.Hashlock)
		if err != nil {
			errs = append(errs, fmt.Errorf("payment %s: read its secret's registration: %w", p.Hashlock, err))
			continue
		}
		if at != 0 {
			continue // on-chain already: the first registration counts
		}
		todo = append(todo, p)
	}
	slices.SortFunc(todo, func(a, b store.Payment) int {
		return cmp.Or(cmp.Compare(a.PayerExpiry, b.PayerExpiry), a.Hashlock.Cmp(b.Hashlock))
	})
	for len(todo) > 0 {
		batch := todo[:min(len(todo), maxSecretsPerTx)]
		todo = todo[len(batch):]
		tx := secretsTx(batch, now)
		created, err := h.exec.Send(ctx, tx)
		if err != nil {
			errs = append(errs, fmt.Errorf("queue the registration of %d secrets: %w", len(batch), err))
			continue
		}
		if created {
			h.log.Warn("payers have not co-signed the hub's claims; publishing their secrets on-chain", "secrets", len(batch),
				"firstPayer", batch[0].Payer, utc.Attrs("deadline", tx.Deadline))
		}
	}
	return errors.Join(errs...)
}

// secretsOnTheirWay returns the hashlocks whose secrets a registration of the hub's
// still on its way carries: queued, sent, or included and succeeded.
func (h *Hub) secretsOnTheirWay(ctx context.Context) (map[common.Hash]bool, error) {
	out := map[common.Hash]bool{}
	for _, kind := range []store.TxKind{store.KindRegisterSecrets, store.KindRegisterSecret} {
		txs, err := h.exec.Active(ctx, kind)
		if err != nil {
			return nil, fmt.Errorf("read the secret registrations on their way: %w", err)
		}
		for _, t := range txs {
			if !active(t) {
				continue
			}
			secrets, err := contracts.RegisteredSecrets(t.Calldata)
			if err != nil {
				return nil, fmt.Errorf("outbox entry %d: %w", t.ID, err)
			}
			for _, s := range secrets {
				out[channel.HashSecret(s)] = true
			}
		}
	}
	return out, nil
}

// secretsTx publishes the secrets of batch (sorted by payer expiry), due by the first
// one's. Its key is keccak256 of the batch's hashlocks: the same batch queued twice is
// one entry, and one that reverted is armed again under its key.
func secretsTx(batch []store.Payment, now uint64) Tx {
	secrets := make([]common.Hash, len(batch))
	hashlocks := make([]common.Hash, len(batch))
	for i, p := range batch {
		secrets[i], hashlocks[i] = *p.Secret, p.Hashlock
	}
	return Tx{Key: store.BatchKey(hashlocks),
		Calldata: contracts.PackRegisterSecrets(secrets), Deadline: batch[0].PayerExpiry, WindowStart: now}
}

// protectOpen publishes the due secrets of every open payment, urgently for payers
// whose channel is disputed.
func (h *Hub) protectOpen(ctx context.Context, now uint64) error {
	open, err := h.st.OpenPayments(ctx, h.cfg.Contract)
	if err != nil {
		return err
	}
	return h.protect(ctx, open, now, h.disputedPayers(ctx))
}

// disputedPayers reports whether a payer's channel is disputed in the hub's on-chain
// view, reading each payer once.
func (h *Hub) disputedPayers(ctx context.Context) func(common.Address) bool {
	seen := map[common.Address]bool{}
	return func(u common.Address) bool {
		if v, ok := seen[u]; ok {
			return v
		}
		ch, err := h.onchain(ctx, u)
		if err != nil {
			h.log.Warn("reading a payer's channel failed; its secrets are published on the grace and margin alone", "payer", u, "err", err)
		}
		seen[u] = err == nil && ch.Status == store.StatusDisputed
		return seen[u]
	}
}
