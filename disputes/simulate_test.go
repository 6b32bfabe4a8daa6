package disputes_test

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/disputes"
	"github.com/vigil-hub/vigil/store"
)

// backends are the store databases the tests of this file run on.
var backends = []string{"postgres", "sqlite"}

// alertsNaming returns the alerts of kind whose text names what.
func (e *env) alertsNaming(kind, what string) []alert.Alert {
	var out []alert.Alert
	for _, a := range e.alerts.Alerts() {
		if a.Kind == kind && strings.Contains(a.Text, what) {
			out = append(out, a)
		}
	}
	return out
}

// brief describes outbox entries for a failure message: kind, key nonce, status, last
// error and attempts, without the calldata.
func brief(txs []store.OutboxTx) string {
	var b strings.Builder
	for _, tx := range txs {
		fmt.Fprintf(&b, "[%d %s@%s %s %q, %d attempts] ", tx.ID, tx.Kind, tx.Nonce, tx.Status, tx.LastError, len(tx.Attempts))
	}
	return b.String()
}

// enqueue queues in in the tower's outbox, as the engine or the hub would.
func (e *env) enqueue(in store.Intent) {
	e.t.Helper()
	if _, created, err := e.st.Enqueue(e.t.Context(), in); err != nil || !created {
		e.t.Fatalf("enqueue %s: %v (created %v)", in.Kind, err, created)
	}
}

// entry returns the newest outbox entry of in's key.
func (e *env) entry(in store.Intent) store.OutboxTx {
	e.t.Helper()
	key, err := in.Key()
	if err != nil {
		e.t.Fatal(err)
	}
	tx, err := e.st.LatestTx(e.t.Context(), in.Contract, in.User, key)
	if err != nil {
		e.t.Fatal(err)
	}
	return tx
}

// proposal returns the hub's execution (hubAuthorizedUpdate) of a collateral proposal
// after conf: a state at nonce and onchainNonce depositing wei from the hub's reserve,
// co-signed by the user, due within the hour.
func (e *env) proposal(conf *channel.State, nonce, onchainNonce int64, wei *big.Int) store.Intent {
	e.t.Helper()
	s := conf.Clone()
	s.Nonce.SetInt64(nonce)
	s.OnchainNonce.SetInt64(onchainNonce)
	s.PendingWei[channel.HubDeposit] = new(big.Int).Set(wei)
	now := e.c.Now()
	s.Timeout.SetUint64(now + 3600)
	return store.Intent{ChainID: e.c.ChainID, Contract: e.c.ManagerAddr, User: s.User, Nonce: s.Nonce, Kind: store.KindHubUpdate,
		Sender: e.hub.Addr, Calldata: e.m.PackHubAuthorizedUpdate(contracts.State(s), e.sign(s, e.userOf(s.User))),
		Deadline: now + 3600, WindowStart: now}
}

// TestRefusedChallengeAnsweredOnce: the tower holds a co-signed state of a's channel that
// the contract refuses for good — its balances do not add up, it counts an on-chain
// update that never happened, it is a proposal (a timeout set), not a final state — and
// the hub closes a's channel stale, while b's dispute, past its deadline, waits for its
// settlement. The challenge is given up once, with one critical challenge_failed alert
// naming the contract's error and its arguments, b's settlement is sent, and the engine's
// sweeps (which look for disputes no standing challenge answers) do not queue it again.
// With a chain to simulate on, the engine records it refused at once, never queued;
// without one, the sender's estimate cancels it. Before, every sweep armed the key with a
// new entry, which the sender cancelled again; and the engine queued it regardless.
func TestRefusedChallengeAnsweredOnce(t *testing.T) {
	for _, tc := range []struct {
		name  string
		bogus func(*channel.State)
		err   string // the contract's error, as the reason and the alert name it
	}{
		{"balances do not add up", func(s *channel.State) { s.WeiBalances[channel.User].Add(s.WeiBalances[channel.User], eth(1)) },
			"BalanceMismatch(stateTotal: 11000000000000000000, channelTotal: 10000000000000000000)"},
		{"an on-chain update that never happened", func(s *channel.State) { s.OnchainNonce.SetInt64(3) },
			"OnchainNonceTooHigh(got: 3, highest: 2)"},
		{"a proposal, not a final state", func(s *channel.State) { s.Timeout.SetUint64(1 << 40) },
			"NonZeroTimeout(timeout: 1099511627776)"},
	} {
		for _, simulated := range []bool{true, false} {
			mode := "simulated before queueing"
			if !simulated {
				mode = "cancelled by the sender"
			}
			for _, backend := range backends {
				t.Run(tc.name+"/"+mode+"/"+backend, func(t *testing.T) {
					e := newEnv(t, envConfig{users: 2, autoSettle: true, backend: backend, unsimulated: !simulated})
					a, b := e.users[0], e.users[1]
					sa := pay(e.open(a, 10, 0), 6)
					bogus := pay(sa, -5)
					tc.bogus(bogus)
					e.deposit(e.st, bogus)
					sb := pay(e.open(b, 10, 0), 3)
					e.deposit(e.st, sb)
					e.rounds(e.tw, 1)
					e.exitWith(e.hub, sb) // b's dispute, with the newest state: nothing to challenge
					if err := e.c.AdvanceTime(601 * time.Second); err != nil {
						t.Fatal(err)
					}
					e.exitWith(e.hub, sa) // a's, stale
					e.sync(e.tw)
					challenges := func() []store.OutboxTx {
						var out []store.OutboxTx
						for _, tx := range e.outbox(e.st, a.Addr) {
							if tx.Kind == store.KindChallenge {
								out = append(out, tx)
							}
						}
						return out
					}
					if simulated {
						if txs := challenges(); len(txs) != 1 || txs[0].Status != store.TxCancelled {
							t.Fatalf("a's challenges after the engine saw the close: %s, want one, recorded refused, not queued", brief(txs))
						}
					}
					for range 4 {
						e.rounds(e.tw, 1)
						if err := e.tw.eng.Sweep(t.Context()); err != nil {
							t.Fatal(err)
						}
					}

					txs := challenges()
					if len(txs) != 1 {
						t.Fatalf("a's outbox holds %d challenges, want the one, given up once: %s", len(txs), brief(txs))
					}
					if c := txs[0]; c.Status != store.TxCancelled || c.LastError != store.CannotSucceed+tc.err ||
						len(c.Attempts) != 0 {
						t.Fatalf("a's challenge %s (%q) with %d attempts, want cancelled: %q", c.Status, c.LastError, len(c.Attempts), store.CannotSucceed+tc.err)
					}
					failed := e.alertsNaming(alert.ChallengeFailed, tc.err)
					if len(failed) != 1 || failed[0].Severity != alert.Critical || failed[0].User != a.Addr {
						t.Errorf("challenge_failed alerts naming %s: %+v, want one, critical, for a; alerts: %v", tc.err, failed, e.alerts.Kinds())
					}
					if ch := e.onchain(b.Addr); ch.Status == contracts.StatusDisputed {
						t.Fatalf("b's dispute, past its deadline, was not settled while a's refused challenge sat in front")
					}
				})
			}
		}
	}
}

// TestRefusedTransactionsOfEveryKind: transactions of the other kinds that the contract
// refuses at the sender's estimate. One it refuses for good — a collateral update of a
// channel disputed since, or whose on-chain nonce another update took; a lock resolution
// given the wrong lock list — is cancelled with an alert of its kind naming the contract's
// error and its arguments. One that may pass later — a newer state already on-chain, an
// update waiting for an earlier one, a reserve short of the deposit, a settlement before
// its deadline — is kept and estimated again: the engine, the hub or time decides it.
// Before, only a challenge was ever cancelled, and only for a listed error.
func TestRefusedTransactionsOfEveryKind(t *testing.T) {
	type result struct {
		cancelled bool
		kind      string // of the alert, when cancelled
	}
	hubTxFailed := result{true, alert.HubTxFailed}
	kept := result{}
	for _, tc := range []struct {
		name string
		// setup brings the chain where the case is and returns the entry to queue and
		// whether the hub's account sends it (else the tower's).
		setup func(e *env) (in store.Intent, hub bool)
		err   func(e *env) string
		want  result
	}{
		{"hub_update/channel disputed since", func(e *env) (store.Intent, bool) {
			conf := e.open(e.users[0], 10, 0)
			e.exitWith(e.users[0], conf)
			return e.proposal(conf, 3, 2, eth(1)), true
		}, func(e *env) string { return "ChannelDisputed(user: " + e.users[0].Addr.Hex() + ")" }, hubTxFailed},
		{"hub_update/on-chain nonce taken", func(e *env) (store.Intent, bool) {
			return e.proposal(e.open(e.users[0], 10, 0), 3, 1, eth(1)), true
		}, func(*env) string { return "WrongOnchainNonce(got: 1, expected: 2)" }, hubTxFailed},
		{"resolve_locks/wrong lock list", func(e *env) (store.Intent, bool) {
			u := e.users[0]
			lc := e.lockedChannel(u.Addr, e.open(u, 10, 10))
			e.exitWith(e.hub, lc.latest)
			e.passDeadline(u.Addr)
			if _, err := e.c.Transact(e.hub, e.c.Manager, nil, e.m.PackSettle(u.Addr)); err != nil {
				e.t.Fatal(err)
			}
			now := e.c.Now()
			in := store.Intent{ChainID: e.c.ChainID, Contract: e.c.ManagerAddr, User: u.Addr, Sender: e.tower.Addr,
				Calldata: e.m.PackResolveLocks(contracts.State(lc.latest), contracts.Locks(lc.locks[:1])), Deadline: now + 86400, WindowStart: now}
			in.SetKey(store.ResolveKey{SettledNonce: lc.latest.Nonce})
			return in, false
		}, func(*env) string { return "WrongLockSet(" }, result{true, alert.LockTxFailed}},
		{"hub_update/a newer state on-chain", func(e *env) (store.Intent, bool) {
			return e.proposal(e.open(e.users[0], 10, 0), 1, 2, eth(1)), true
		}, func(*env) string { return "StaleNonce(nonce: 1, onchain: 1)" }, kept},
		{"hub_update/an earlier update not yet executed", func(e *env) (store.Intent, bool) {
			return e.proposal(e.open(e.users[0], 10, 0), 3, 3, eth(1)), true
		}, func(*env) string { return "WrongOnchainNonce(got: 3, expected: 2)" }, kept},
		{"hub_update/reserve short", func(e *env) (store.Intent, bool) {
			return e.proposal(e.open(e.users[0], 10, 0), 3, 2, eth(5000)), true
		}, func(*env) string { return "InsufficientReserve(" }, kept},
		{"settle/before its deadline", func(e *env) (store.Intent, bool) {
			u := e.users[0]
			e.exitWith(e.hub, e.open(u, 10, 0))
			d := e.onchain(u.Addr).Deadline.Uint64()
			return store.Intent{ChainID: e.c.ChainID, Contract: e.c.ManagerAddr, User: u.Addr, Nonce: new(big.Int).SetUint64(d),
				Kind: store.KindSettle, Sender: e.tower.Addr, Calldata: e.m.PackSettle(u.Addr), Deadline: d + challengePeriod, WindowStart: d}, false
		}, func(*env) string { return "DeadlineNotReached(" }, kept},
	} {
		for _, backend := range backends {
			t.Run(tc.name+"/"+backend, func(t *testing.T) {
				e := newEnv(t, envConfig{users: 1, backend: backend})
				in, hub := tc.setup(e)
				tw := e.tw
				if hub {
					tw = e.newTower(e.st, e.hub, e.c.Client)
				}
				e.enqueue(in)
				e.rounds(tw, 2)
				why := tc.err(e)
				tx := e.entry(in)
				if !tc.want.cancelled {
					if tx.Status != store.TxQueued || !strings.HasPrefix(tx.LastError, "estimate gas: ") || !strings.Contains(tx.LastError, why) {
						t.Fatalf("%s entry %s (%q), want kept queued, its estimate failing with %s", in.Kind, tx.Status, tx.LastError, why)
					}
					for _, k := range []string{alert.HubTxFailed, alert.LockTxFailed, alert.SettleFailed} {
						if got := e.alertsNaming(k, why); len(got) != 0 {
							t.Errorf("%s alert for an entry that may still succeed: %+v", k, got)
						}
					}
					return
				}
				if tx.Status != store.TxCancelled || !strings.HasPrefix(tx.LastError, store.CannotSucceed+why) || len(tx.Attempts) != 0 {
					t.Fatalf("%s entry %s (%q) with %d attempts, want cancelled unsigned naming %s", in.Kind, tx.Status, tx.LastError, len(tx.Attempts), why)
				}
				got := e.alertsNaming(tc.want.kind, why)
				if len(got) != 1 || got[0].Severity != alert.Warning || got[0].User != in.User {
					t.Errorf("%s alerts naming %s: %+v, want one warning; alerts: %v", tc.want.kind, why, got, e.alerts.Kinds())
				}
			})
		}
	}
}

// TestOvertakenChallengeKept: the tower's challenge is queued when the user itself
// challenges with a newer state, which the sender's node has before the tower's indexer.
// The contract answers the tower's estimate with StaleNonce — a newer state on-chain, for
// the engine to decide once it sees it — so the challenge is not cancelled as unable to
// succeed and nothing alerts that it failed; once the indexer has the newer state the
// engine drops it.
func TestOvertakenChallengeKept(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 1, backend: backend})
			held := e.staleClose()
			e.sync(e.tw) // the challenge is queued
			newer := pay(held, -1)
			e.challengeWith(e.users[0], newer)
			if err := e.tw.snd.Step(t.Context()); err != nil {
				t.Logf("sender step: %v", err)
			}
			txs := e.outbox(e.st, held.User)
			if len(txs) != 1 || txs[0].Status != store.TxQueued || !strings.Contains(txs[0].LastError, "StaleNonce(nonce: 4, onchain: 5)") {
				t.Fatalf("outbox %s, want the challenge kept queued, its estimate failing with StaleNonce", brief(txs))
			}
			e.rounds(e.tw, 2)
			txs = e.outbox(e.st, held.User)
			if len(txs) != 1 || txs[0].Status != store.TxCancelled || strings.HasPrefix(txs[0].LastError, store.CannotSucceed) {
				t.Fatalf("outbox %s, want the challenge dropped by the engine, not as unable to succeed", brief(txs))
			}
			if failed := e.alertsNaming(alert.ChallengeFailed, ""); len(failed) != 0 {
				t.Fatalf("a challenge overtaken by a newer state alerted as failed: %+v", failed)
			}
		})
	}
}

// fullView shows the sender every block it asks for by number as full while full is set,
// so that an attempt left waiting counts as outbid, to be replaced.
type fullView struct {
	disputes.Chain
	full bool
}

func (c *fullView) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	h, err := c.Chain.HeaderByNumber(ctx, n)
	if err != nil || n == nil || !c.full {
		return h, err
	}
	h = types.CopyHeader(h)
	h.GasUsed = h.GasLimit
	return h, nil
}

// TestRefusedInFlightFilled: the hub's collateral update is signed and lost on its way (no
// pool has it), and the user closes the channel meanwhile: the update can no longer
// succeed. When the sender would replace it (blocks full, it was outbid), it simulates it
// first, finds the contract refusing it, and fills its account nonce with a transfer to
// itself instead, with an alert naming the error: the nonce is used, no attempt that can
// only revert is signed. Before, it signed a replacement of the update.
func TestRefusedInFlightFilled(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 1, backend: backend})
			a := e.users[0]
			conf := e.open(a, 10, 0)
			n, err := e.c.Client.NonceAt(t.Context(), e.hub.Addr, nil)
			if err != nil {
				t.Fatal(err)
			}
			node := &dropping{Chain: e.c.Client, manager: e.c.ManagerAddr, nonce: n, drop: true}
			view := &fullView{Chain: node}
			tw := e.newTower(e.st, e.hub, view)
			in := e.proposal(conf, 3, 2, eth(1))
			e.enqueue(in)
			step := func() {
				if err := tw.snd.Step(t.Context()); err != nil {
					t.Logf("sender step: %v", err)
				}
			}
			step() // signed at nonce n, and lost
			tx := e.entry(in)
			if tx.Status != store.TxSent || len(tx.Attempts) != 1 {
				t.Fatalf("update %s with %d attempts, want sent once", tx.Status, len(tx.Attempts))
			}
			// The user closes: the update can only revert now. It waits long enough to be
			// replaced.
			e.exitWith(a, conf)
			for e.head() < tx.Attempts[0].HeadNumber+3 {
				e.c.Backend.Commit()
				step()
			}
			view.full = true // and outbid at the next head: the sender would replace it
			e.c.Backend.Commit()
			step()
			view.full = false
			e.rounds(tw, 5)

			tx = e.entry(in)
			updates, fills := 0, 0
			for _, at := range tx.Attempts {
				var stx types.Transaction
				if err := stx.UnmarshalBinary(at.Raw); err != nil {
					t.Fatal(err)
				}
				if *stx.To() == e.hub.Addr {
					fills++
				} else {
					updates++
				}
			}
			if updates != 1 || fills != 1 {
				t.Fatalf("%d attempts of the update and %d fills, want the first attempt only, then a fill", updates, fills)
			}
			if tx.Status != store.TxFailed || !strings.Contains(tx.LastError, "ChannelDisputed(") || !strings.Contains(tx.LastError, "filled") {
				t.Fatalf("update %s (%q), want failed, naming the contract's error, its nonce filled", tx.Status, tx.LastError)
			}
			if mined, err := e.c.Client.NonceAt(t.Context(), e.hub.Addr, nil); err != nil || mined <= n {
				t.Fatalf("hub's account nonce %d on-chain (%v), want nonce %d used", mined, err, n)
			}
			if got := e.alertsNaming(alert.HubTxFailed, "ChannelDisputed("); len(got) != 1 {
				t.Errorf("hub_tx_failed alerts naming ChannelDisputed: %+v; alerts: %v", got, e.alerts.Kinds())
			}
		})
	}
}

// sentLog records, under the sender, every transaction to the manager it broadcasts,
// with the head time when it did.
type sentLog struct {
	disputes.Chain
	manager common.Address
	sent    []sentTx
}

type sentTx struct {
	nonce, headTime uint64
}

func (c *sentLog) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if tx.To() != nil && *tx.To() == c.manager {
		h, err := c.Chain.HeaderByNumber(ctx, nil)
		if err != nil {
			return err
		}
		c.sent = append(c.sent, sentTx{nonce: tx.Nonce(), headTime: h.Time})
	}
	return c.Chain.SendTransaction(ctx, tx)
}

// TestNoAttemptPastDeadline: the tower's challenge for a at account nonce 0 never reaches
// a pool (its node loses it) and was signed at the fee cap, so no transaction can outbid
// it; b's challenge waits behind it at nonce 1. Once head time has reached a's deadline
// nothing of a's challenge is broadcast — neither its signed attempt again nor a
// replacement — and its nonce is filled at the cap, which the node takes since no
// transaction holds the nonce: b's challenge lands. Before, the sender, unable to outbid
// it, broadcast a's challenge again every pass past its deadline, and b's waited for good.
func TestNoAttemptPastDeadline(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) {
			maxFee := big.NewInt(1000e9)
			e := newEnv(t, envConfig{users: 2, backend: backend, sender: func(c *disputes.SenderConfig) { c.MaxFeePerGas = maxFee }})
			head, err := e.c.Client.HeaderByNumber(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			// Below twice the base fee plus the tip: every challenge is signed at the cap.
			maxFee = new(big.Int).Add(head.BaseFee, new(big.Int).Rsh(head.BaseFee, 1))
			log := &sentLog{Chain: &lossy{Chain: e.c.Client, manager: e.c.ManagerAddr, nonce: 0}, manager: e.c.ManagerAddr}
			tw := e.newTower(e.st, e.tower, log)
			a, b := e.users[0], e.users[1]
			s3a := pay(e.open(a, 10, 0), 6)
			s3b := pay(e.open(b, 10, 0), 6)
			e.deposit(e.st, pay(s3a, -5))
			heldB := pay(s3b, -5)
			e.deposit(e.st, heldB)
			// Nothing of the tower's is mined while a's nonce is lost: no pool to wait for.
			blocked := func(n int) {
				for range n {
					e.sync(tw)
					if err := tw.snd.Step(t.Context()); err != nil {
						t.Logf("sender step: %v", err)
					}
					e.c.Backend.Commit()
				}
			}
			e.exitWith(e.hub, s3a)
			blocked(1)
			if err := e.c.AdvanceTime(300 * time.Second); err != nil {
				t.Fatal(err)
			}
			e.exitWith(e.hub, s3b)
			blocked(4)
			deadline := e.onchain(a.Addr).Deadline.Uint64()
			if err := e.c.AdvanceTime(time.Duration(deadline-e.c.Now()) * time.Second); err != nil {
				t.Fatal(err)
			}
			if now := e.c.Now(); now < deadline {
				t.Fatalf("head time %d, want at least a's deadline %d", now, deadline)
			}
			blocked(3)
			e.rounds(tw, 5)

			for _, s := range log.sent {
				if s.nonce == 0 && s.headTime >= deadline {
					t.Fatalf("a's challenge (nonce 0) broadcast at head time %d, at or past its deadline %d", s.headTime, deadline)
				}
			}
			if ch := e.onchain(b.Addr); ch.Nonce.Cmp(heldB.Nonce) != 0 {
				t.Fatalf("b at nonce %s on-chain, want %s: its challenge waited behind a's nonce", ch.Nonce, heldB.Nonce)
			}
			tx := e.outbox(e.st, a.Addr)[0]
			if tx.Status != store.TxFailed || !strings.Contains(tx.LastError, "filled") {
				t.Fatalf("a's challenge %s (%q), want failed, its nonce filled", tx.Status, tx.LastError)
			}
		})
	}
}
