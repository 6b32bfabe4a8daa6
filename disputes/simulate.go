package disputes

// Whether a transaction can succeed. Every kind the outbox holds is simulated before its
// first attempt (the sender's gas estimate) and before a replacement of an attempt waiting
// at its account nonce, and a challenge also before it is queued, when the engine has a
// chain to call. A simulation that reverts with one of the ChannelManager's errors means
// the contract refuses the call. Unless the error is one a later block may lift
// (transient), no block will take the call: waiting for one would only spend an account
// nonce, gas and the operators' attention, so it is given up at once — cancelled, or its
// nonce filled — with an alert naming the error and its arguments. A simulation that fails
// without a decoded error (a node's fault, a revert without data) is tried again, as is a
// transient refusal, until the entry's deadline: it holds nothing else back.

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/store"
)

// transient reports whether the contract's refusal re may be lifted without anything this
// account sends, so that the entry is kept and simulated again while whoever owns it
// decides. Every other error of the contract is final for the call:
//   - StaleNonce: a state as new or newer is on-chain already. The engine cancels a
//     challenge once its view of the channel shows that state (and arms it again should a
//     reorg roll the state back); the hub drops an update a newer state superseded. Until
//     the indexer has it, the sender's node may merely be ahead.
//   - ChannelNotDisputed: the sender's node has not seen the close yet (it lags the
//     indexer's, or another endpoint answered), a reorg rolled the exit back, or someone
//     settled the dispute meanwhile; the engine drops a challenge or a settlement once its
//     own view says the channel is not disputed.
//   - DeadlineNotReached: a settlement simulated on a node whose head is still before the
//     dispute's deadline; time lifts it.
//   - WrongOnchainNonce above the next on-chain nonce: an earlier on-chain update (queued
//     before this one) is not executed yet, or not in the node's view; its execution
//     lifts it. At or below, another update used the on-chain nonce: that is final.
//   - InsufficientReserve: the hub's reserve in the contract is short of a deposit; a
//     top-up, or a settlement returning the hub's balance to it, lifts it.
//   - NothingToResolve: someone else resolved the decided locks, and the rest are still
//     undecided; time decides them (their expiry), and the hub and the tower's lock duties
//     decide their rounds again.
//   - NoLockPool: someone else resolved every lock and closed the pool (or a reorg took
//     the settlement back for now); the hub and the lock duties mark the locks done, and
//     an alert that the resolution failed would be a false alarm to the user.
func transient(re *contracts.RevertError) bool {
	switch v := re.Value.(type) {
	case *bindings.ChannelManagerStaleNonce, *bindings.ChannelManagerChannelNotDisputed, *bindings.ChannelManagerDeadlineNotReached,
		*bindings.ChannelManagerInsufficientReserve, *bindings.ChannelManagerNothingToResolve, *bindings.ChannelManagerNoLockPool:
		return true
	case *bindings.ChannelManagerWrongOnchainNonce:
		return v.Got.Cmp(v.Expected) > 0
	}
	return false
}

// refusal returns the contract's error when err, a simulation's, says that the contract
// refuses the call for good; nil when it does not: no error, an error the contract did not
// raise (a node's fault, a revert without data), or a transient refusal.
func refusal(err error) *contracts.RevertError {
	var re *contracts.RevertError
	if !errors.As(contracts.AsRevert(err), &re) || transient(re) {
		return nil
	}
	return re
}

// estimate simulates t's call from the account at the head: its gas, or why it fails
// (a *contracts.RevertError when the contract raised one of its errors).
func (s *Sender) estimate(ctx context.Context, t *store.OutboxTx) (uint64, error) {
	gas, err := s.chain.EstimateGas(ctx, ethereum.CallMsg{From: s.from, To: &t.Contract, Data: t.Calldata})
	return gas, contracts.AsRevert(err)
}

// refuse gives up entry t, whose call the contract refuses for good (re). One holding no
// account nonce is cancelled (store.CannotSucceed: it stands for the rest of its dispute,
// so that nothing queues it again). One holding a nonce — last is the attempt waiting at
// it, nil when none was signed — has the nonce filled with a transfer to the account
// itself: a nonce given up would hold every later transaction back, and an attempt left to
// be mined would only revert, at the cost of its gas. Either way an alert of the entry's
// kind names the error: critical for a challenge or a secret to register, whose loss costs
// the user, a warning for the rest, which can be sent again later.
func (s *Sender) refuse(ctx context.Context, st *step, t *store.OutboxTx, last *store.Attempt, re *contracts.RevertError) error {
	then := "It is cancelled."
	if t.AccountNonce != nil {
		then = fmt.Sprintf("Its account nonce %d is filled with a transfer to the account itself.", *t.AccountNonce)
	}
	if t.Kind == store.KindChallenge {
		then += " The state the tower holds is not one the chain takes."
	}
	sev := alert.Warning
	if store.DeadlineCritical(t.Kind) {
		sev = alert.Critical
	}
	s.cfg.Alerts.Send(ctx, txAlert(sev, t, alert.ChallengeFailed, alert.SettleFailed, hopelessKey(t.ID),
		fmt.Sprintf("%s for channel %s on %s (%s) cannot succeed, the contract refuses it: %s. %s", t.Kind, t.User, t.Contract,
			keyText(t), re.Call(), then)))
	s.log.Warn("transaction cannot succeed, the contract refuses it: given up", "kind", t.Kind, "user", t.User, "outbox", t.ID,
		"err", re.Call(), "nonce", t.AccountNonce)
	if t.AccountNonce == nil {
		return s.box.Refuse(ctx, t.ID, re.Call()) // cancelled
	}
	if err := s.fill(ctx, st, t, last); err != nil {
		return err
	}
	return s.box.Refuse(ctx, t.ID, re.Call()) // the reason it ends failed with, once the fill is deep enough
}

// hopelessKey is the key of the alert that an outbox entry cannot succeed.
func hopelessKey(outbox int64) string { return fmt.Sprintf("hopeless/%d", outbox) }

// caller is what the engine simulates a challenge on before queueing it: Caller, else the
// lock duties' chain, else nil (no simulation).
func (e *Engine) caller() ethereum.ContractCaller {
	if e.cfg.Caller != nil {
		return e.cfg.Caller
	}
	if e.cfg.LockChain != nil {
		return e.cfg.LockChain
	}
	return nil
}

// refusal simulates in's call from the sender's account at the chain's head (eth_call)
// and returns the contract's error, as Call names it, when the contract refuses the call
// for good — what the sender's estimate would find. It returns "" without a call when the
// engine has no chain to call, or when an entry with in's key stands (the sender follows
// that one: a reconcile that re-examines every disputed channel calls nothing), and ""
// after a call that succeeds or fails otherwise (a node's fault, a transient refusal):
// then in is queued, and the sender decides.
func (e *Engine) refusal(ctx context.Context, in store.Intent) (string, error) {
	c := e.caller()
	if c == nil {
		return "", nil
	}
	key, err := in.Key()
	if err != nil {
		return "", err
	}
	t, err := e.intents.LatestTx(ctx, in.Contract, in.User, key)
	switch {
	case err == nil && t.Stands(in.Deadline):
		return "", nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return "", err
	}
	_, err = c.CallContract(ctx, ethereum.CallMsg{From: e.cfg.Sender, To: &in.Contract, Data: in.Calldata}, nil)
	// A dispute whose deadline has come is not the contract refusing the held state: the
	// sender gives that challenge up as missed, with the alert that says so.
	if re := refusal(err); re != nil && re.Name != "DeadlinePassed" {
		return re.Call(), nil
	}
	if err != nil {
		e.log.Info("simulating a challenge failed; queued, the sender's estimate decides", "contract", in.Contract, "user", in.User,
			"err", contracts.AsRevert(err))
	}
	return "", nil
}

// refused tells that the stale close of ch cannot be answered with the held state st: the
// contract refuses in, its challenge, which the outbox recorded refused as entry id.
func (e *Engine) refused(ctx context.Context, ch store.Channel, st store.StoredState, in store.Intent, id int64) {
	e.log.Warn("stale close: the contract refuses the held state; no challenge sent", "contract", ch.Contract, "user", ch.User,
		"onchain", ch.Nonce, "held", st.State.Nonce, utc.Attrs("deadline", in.Deadline), "outbox", id, "err", in.Refused)
	e.cfg.Alerts.Send(ctx, alert.Alert{Severity: alert.Critical, Kind: alert.ChallengeFailed, Key: hopelessKey(id),
		Contract: ch.Contract, User: ch.User, Nonce: st.State.Nonce, OnchainNonce: ch.Nonce, Deadline: in.Deadline, Account: in.Sender,
		AtStake:   alert.Funds{Wei: st.State.WeiBalances[channel.User], Token: st.State.TokenBalances[channel.User]},
		UserFunds: alert.Funds{Wei: st.State.WeiBalances[channel.User], Token: st.State.TokenBalances[channel.User]},
		HubFunds:  alert.Funds{Wei: st.State.WeiBalances[channel.Hub], Token: st.State.TokenBalances[channel.Hub]},
		Text: fmt.Sprintf("Stale close of channel %s on %s: on-chain nonce %s, held %s, but the contract refuses the held state: %s. "+
			"No challenge is sent: the state the tower holds is not one the chain takes.", ch.User, ch.Contract, ch.Nonce, st.State.Nonce, in.Refused)})
}
