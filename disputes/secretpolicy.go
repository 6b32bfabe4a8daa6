package disputes

// What the tower spends registering secrets. A registration costs gas whoever deposited
// the secret, and anyone may deposit states with locks: a hub co-signing states of
// one-wei locks with fresh keys, or opening many channels with dust, could otherwise have
// the tower pay for registrations until nothing is left for the challenge it then
// provokes. So a registration is queued only when it can protect something and costs
// what it may:
//   - the channel has been seen on-chain (the indexer holds an event of it): a lock of a
//     channel that does not exist pays nobody;
//   - outside a dispute, where the registration guards against a hub withholding a claim
//     it owes, only a lock whose wei amount is above SecretValueMargin times its share of
//     the batch's cost (a lock carrying tokens, or of a state deposited without its lock
//     list, cannot be priced in wei and passes: the budgets bound it);
//   - within what the registrations queued in one UTC day may cost, for the channel and
//     for all channels; the rest is held back, nearest expiry first kept, and looked at
//     again at the next reconcile or examination.
// What is held back raises secret_held for the operator and the user. Whatever passes,
// the sender signs no registration that would leave less than the challenge reserve in
// the account, nor before a challenge waiting to be signed (Sender).
//
// The day's tallies live in memory: a restart forgets what was queued that day, as the
// settle budget forgets what was confirmed.

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/internal/wei"
	"github.com/vigil-hub/vigil/store"
)

// maxSecretsPerBatch bounds one registerSecrets call of the tower: a state holds at most
// channel.MaxLocks locks, and some 25,000 gas a secret keeps a batch of 64 far below a
// block's gas limit.
const maxSecretsPerBatch = 64

// notOnTheirWay returns those of due no registration of the channel still on its way
// (queued, sent, or included and succeeded) carries.
func (e *Engine) notOnTheirWay(ctx context.Context, st store.StoredState, due []heldSecret) ([]heldSecret, error) {
	txs, err := e.held.ChannelTxs(ctx, st.Contract, st.State.User)
	if err != nil {
		return nil, fmt.Errorf("read the channel's registrations on their way: %w", err)
	}
	carried := map[common.Hash]bool{}
	for _, t := range txs {
		if t.Kind != store.KindRegisterSecret && t.Kind != store.KindRegisterSecrets {
			continue
		}
		if t.Status != store.TxQueued && t.Status != store.TxSent && (t.Status != store.TxIncluded || !t.Succeeded) {
			continue
		}
		secrets, err := contracts.RegisteredSecrets(t.Calldata)
		if err != nil {
			return nil, fmt.Errorf("outbox entry %d: %w", t.ID, err)
		}
		for _, s := range secrets {
			carried[crypto.Keccak256Hash(s[:])] = true
		}
	}
	left := due[:0:0]
	for _, s := range due {
		if !carried[s.hashlock] {
			left = append(left, s)
		}
	}
	return left, nil
}

// queueBatch queues the registration of batch (nearest expiry first), or of what the
// policy lets through of it, and reports whether it queued one.
func (e *Engine) queueBatch(ctx context.Context, st store.StoredState, batch []heldSecret, head *types.Header, windowStart uint64, disputed bool) (bool, error) {
	cost, err := e.registrationCost(ctx, st.Contract, batch, head)
	if err != nil {
		return false, err
	}
	if !disputed {
		share := new(big.Int).Div(cost, big.NewInt(int64(len(batch))))
		bar := share.Mul(share, big.NewInt(e.cfg.SecretValueMargin))
		var worth, cheap []heldSecret
		for _, s := range batch {
			if e.worthRegistering(st, s.hashlock, bar) {
				worth = append(worth, s)
			} else {
				cheap = append(cheap, s)
			}
		}
		if len(cheap) > 0 {
			e.secretsHeld(ctx, st, cheap, "value", fmt.Sprintf("each lock is worth no more than %s, %d times its share of the registration's cost",
				wei.Text(bar), e.cfg.SecretValueMargin))
		}
		if len(worth) == 0 {
			return false, nil
		}
		if len(worth) < len(batch) {
			batch = worth
			if cost, err = e.registrationCost(ctx, st.Contract, batch, head); err != nil {
				return false, err
			}
		}
	}
	user := st.State.User
	now := e.cfg.Now()
	if left := e.spent.left(st.Contract, user, now); left != nil && cost.Cmp(left) > 0 {
		// Keep what fits, nearest expiry first, priced at the batch's average.
		n := int(new(big.Int).Div(new(big.Int).Mul(left, big.NewInt(int64(len(batch)))), cost).Int64())
		e.secretsHeld(ctx, st, batch[n:], "budget", fmt.Sprintf("registering them would cost up to %s wei, more than the %s wei left of today's secret budgets",
			cost, left))
		if n == 0 {
			return false, nil
		}
		batch = batch[:n]
		if cost, err = e.registrationCost(ctx, st.Contract, batch, head); err != nil {
			return false, err
		}
	}
	if !e.spent.take(st.Contract, user, cost, now) {
		e.secretsHeld(ctx, st, batch, "budget", fmt.Sprintf("registering them would cost up to %s wei, more than is left of today's secret budgets", cost))
		return false, nil
	}
	secrets := make([]common.Hash, len(batch))
	hashlocks := make([]common.Hash, len(batch))
	deadline := batch[0].expiry
	for i, s := range batch {
		secrets[i], hashlocks[i] = s.secret, s.hashlock
		deadline = min(deadline, s.expiry)
	}
	in := store.Intent{ChainID: e.cfg.ChainID, Contract: st.Contract, User: user, Sender: e.cfg.Sender, Deadline: deadline,
		WindowStart: min(windowStart, deadline), Calldata: contracts.PackRegisterSecrets(secrets)}
	in.SetKey(store.BatchKey(hashlocks))
	_, created, err := e.intents.Enqueue(ctx, in)
	if err != nil || !created {
		e.spent.give(st.Contract, user, cost, now)
		return false, err
	}
	e.log.Info("secret registration queued", "contract", st.Contract, "user", user, "secrets", len(batch),
		"firstHashlock", batch[0].hashlock, utc.Attrs("deadline", deadline), wei.Attrs("cost", cost))
	return true, nil
}

// registrationCost is what registering batch may cost: its gas estimate, a quarter more
// as the sender adds, at FeeCap.
func (e *Engine) registrationCost(ctx context.Context, contract common.Address, batch []heldSecret, head *types.Header) (*big.Int, error) {
	secrets := make([]common.Hash, len(batch))
	for i, s := range batch {
		secrets[i] = s.secret
	}
	gas, err := e.cfg.LockChain.EstimateGas(ctx, ethereum.CallMsg{From: e.cfg.Sender, To: &contract, Data: contracts.PackRegisterSecrets(secrets)})
	if err != nil {
		return nil, fmt.Errorf("estimate the registration of %d secrets: %w", len(batch), contracts.AsRevert(err))
	}
	gas += gas / 4
	return new(big.Int).Mul(new(big.Int).SetUint64(gas), e.cfg.FeeCap(head)), nil
}

// worthRegistering reports whether the lock of hashlock in st is worth more than bar wei,
// or cannot be priced in wei.
func (e *Engine) worthRegistering(st store.StoredState, hashlock common.Hash, bar *big.Int) bool {
	if st.Locks == nil {
		return true // deposited without its lock list: the amount is not known here
	}
	for _, l := range st.Locks {
		if l.Hashlock != hashlock {
			continue
		}
		if l.AmountToken != nil && l.AmountToken.Sign() > 0 {
			return true
		}
		return l.AmountWei != nil && l.AmountWei.Cmp(bar) > 0
	}
	return false
}

// secretsHeld tells the operator and the user that held secrets were not registered, and
// why; once per channel, reason and UTC day.
func (e *Engine) secretsHeld(ctx context.Context, st store.StoredState, held []heldSecret, reason, why string) {
	if len(held) == 0 {
		return
	}
	user := st.State.User
	e.log.Warn("secret registration held back", "contract", st.Contract, "user", user, "secrets", len(held),
		"firstHashlock", held[0].hashlock, "why", why)
	e.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Warning, Kind: alert.SecretHeld,
		Key: fmt.Sprintf("secret-held/%s/%s/%s/%d", st.Contract, user, reason, dayOf(e.cfg.Now())), Contract: st.Contract, User: user,
		Text: fmt.Sprintf("%d held secret(s) of channel %s on %s not registered (the first, hashlock %s, expires at %s): %s.",
			len(held), user, st.Contract, held[0].hashlock, utc.Text(held[0].expiry), why)})
}

// unseenHeld notes held secrets of a channel never seen on-chain at debug level, and
// alerts the operator once per contract and UTC day: a flood of such deposits, looked at
// again every reconcile, must become neither a flood of log lines nor of alerts, and
// nobody reads a webhook of a channel that does not exist.
func (e *Engine) unseenHeld(ctx context.Context, st store.StoredState, held []heldSecret) {
	e.log.Debug("secret registration held back: channel never seen on-chain", "contract", st.Contract, "user", st.State.User,
		"secrets", len(held))
	e.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Warning, Kind: alert.SecretHeld,
		Key: fmt.Sprintf("secret-held/%s/unseen/%d", st.Contract, dayOf(e.cfg.Now())), Contract: st.Contract,
		Text: fmt.Sprintf("Held secrets of channel %s on %s (and perhaps of others today) not registered: the channel has never been "+
			"seen on-chain, so no lock of it can pay anyone. Many of these mean someone deposits states of channels that do not exist.",
			st.State.User, st.Contract)})
}

// secretSpend is what the secret registrations queued in one UTC day may still cost, per
// channel and in all.
type secretSpend struct {
	perChannel, perDay *big.Int // nil: no bound

	mu      sync.Mutex
	day     int64
	total   *big.Int
	channel map[[2]common.Address]*big.Int
}

func newSecretSpend(perChannel, perDay *big.Int) *secretSpend {
	return &secretSpend{perChannel: perChannel, perDay: perDay, total: new(big.Int), channel: map[[2]common.Address]*big.Int{}}
}

// roll starts a new day's tallies when now is past the current one's. Call with mu held.
func (b *secretSpend) roll(now int64) {
	if now != b.day {
		b.day, b.total, b.channel = now, new(big.Int), map[[2]common.Address]*big.Int{}
	}
}

// left is the least of what remains today for the channel and in all; nil when neither
// is bounded.
func (b *secretSpend) left(contract, user common.Address, now time.Time) *big.Int {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.roll(dayOf(now))
	var left *big.Int
	if b.perChannel != nil {
		left = new(big.Int).Sub(b.perChannel, b.spentBy(contract, user))
	}
	if b.perDay != nil {
		if d := new(big.Int).Sub(b.perDay, b.total); left == nil || d.Cmp(left) < 0 {
			left = d
		}
	}
	if left != nil && left.Sign() < 0 {
		left.SetInt64(0)
	}
	return left
}

func (b *secretSpend) spentBy(contract, user common.Address) *big.Int {
	if c, ok := b.channel[[2]common.Address{contract, user}]; ok {
		return c
	}
	return new(big.Int)
}

// take counts cost against today's budgets when it fits in both, and reports whether it
// did.
func (b *secretSpend) take(contract, user common.Address, cost *big.Int, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.roll(dayOf(now))
	c := new(big.Int).Add(b.spentBy(contract, user), cost)
	t := new(big.Int).Add(b.total, cost)
	if (b.perChannel != nil && c.Cmp(b.perChannel) > 0) || (b.perDay != nil && t.Cmp(b.perDay) > 0) {
		return false
	}
	b.channel[[2]common.Address{contract, user}], b.total = c, t
	return true
}

// give returns a cost taken for a registration that was not queued.
func (b *secretSpend) give(contract, user common.Address, cost *big.Int, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if dayOf(now) != b.day {
		return
	}
	k := [2]common.Address{contract, user}
	if c, ok := b.channel[k]; ok {
		c.Sub(c, cost)
	}
	b.total.Sub(b.total, cost)
}
