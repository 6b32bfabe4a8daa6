// Package hub is the payment hub: it holds the hub's side of a channel with every user of
// a ChannelManager, co-signs the updates users ask for when they are fair to the hub,
// routes hashlocked payments between users, tops up collateral from its reserve, and
// persists every state it signs before it answers. Users talk to it over HTTP (server.go).
package hub

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// Store is what the hub keeps in its database.
type Store interface {
	HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error
	HubStates(ctx context.Context, contract, user common.Address, from *big.Int) (*big.Int, []store.HubState, error)
	HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error)
	Payment(ctx context.Context, contract common.Address, hashlock common.Hash) (store.Payment, error)
	Payments(ctx context.Context, contract, user common.Address, limit int) ([]store.Payment, error)
	OpenPayments(ctx context.Context, contract common.Address) ([]store.Payment, error)
	HubOpenProposals(ctx context.Context, contract common.Address) ([]store.HubState, error)
	Channel(ctx context.Context, contract, user common.Address) (store.Channel, error)
	AddLockResolutions(ctx context.Context, rs []store.LockResolution) error
	PendingLockResolutions(ctx context.Context, contract common.Address) ([]store.LockResolution, error)
	LockResolved(ctx context.Context, r store.LockResolution) error
}

// Errors the hub answers requests with (wrapped with details); server.go maps them to
// HTTP codes.
var (
	ErrSyncFirst     = errors.New("co-sign the hub's pending proposals first")
	ErrNotAllowed    = errors.New("update not allowed")
	ErrBadSignature  = errors.New("bad signature")
	ErrUnknownPayee  = errors.New("unknown payee")
	ErrCollateral    = errors.New("not enough hub collateral toward the payee")
	ErrPaymentExists = errors.New("hashlock already used")
	ErrExpiry        = errors.New("lock expiry out of range")
)

// Config sets up a Hub.
type Config struct {
	ChainID  *big.Int
	Contract common.Address
	Key      *ecdsa.PrivateKey
	// Now returns the chain's time (the latest block's timestamp): lock expiries and
	// proposal timeouts are block times.
	Now func() uint64
	// MinLockTime and MaxLockTime bound a payment's expiry from now (default 10 minutes
	// and a day); the payee's lock expires LockMargin seconds before the payer's (default
	// 5 minutes), time enough to register the secret on-chain.
	MinLockTime, MaxLockTime, LockMargin uint64
	// ProposalTimeout is how long a deposit or withdrawal proposal may wait to be executed
	// on-chain (default an hour).
	ProposalTimeout uint64
	// CollateralTarget is the hub balance a payee's channel is topped up to when a payment
	// lacks collateral (default 1 ether); 0 disables automatic top-ups.
	CollateralTarget *big.Int
	Logger           *slog.Logger
}

// Hub is the hub's side of every channel.
type Hub struct {
	cfg    Config
	st     Store
	exec   Executor
	domain channel.Domain
	addr   common.Address
	log    *slog.Logger
	notes  *notifier

	// withhold, when set (tests), makes the hub keep a payment from its payee: a cheating
	// hub, whose payer must still get its money back.
	withhold func(store.Payment) bool

	protected  sync.Mutex
	registered map[common.Hash]bool // secrets this process published on-chain
}

// Executor sends the hub's own on-chain transactions: hub-authorized updates that move
// collateral from the reserve into a channel.
type Executor interface {
	HubAuthorizedUpdate(ctx context.Context, s *channel.State, sigUser []byte) error
	// Reserve returns the hub's ether reserve in the contract.
	Reserve(ctx context.Context) (*big.Int, error)
	// RegisterSecret publishes a secret on-chain, so that locks under it pay their receiver
	// in a dispute.
	RegisterSecret(ctx context.Context, secret common.Hash) error
	// SecretRegisteredAt returns the block time a hashlock's secret was registered (0: never).
	SecretRegisteredAt(ctx context.Context, hashlock common.Hash) (uint64, error)
	// ResolveLock resolves a lock of a settled state on-chain.
	ResolveLock(ctx context.Context, r store.LockResolution) error
}

// New returns a hub.
func New(cfg Config, st Store, exec Executor) (*Hub, error) {
	if cfg.ChainID == nil || cfg.Key == nil || cfg.Now == nil {
		return nil, errors.New("hub: chain id, key and clock are required")
	}
	if cfg.MinLockTime == 0 {
		cfg.MinLockTime = 600
	}
	if cfg.MaxLockTime == 0 {
		cfg.MaxLockTime = 86400
	}
	if cfg.LockMargin == 0 {
		cfg.LockMargin = 300
	}
	if cfg.MinLockTime <= cfg.LockMargin {
		return nil, fmt.Errorf("hub: min lock time %ds must exceed the lock margin %ds", cfg.MinLockTime, cfg.LockMargin)
	}
	if cfg.ProposalTimeout == 0 {
		cfg.ProposalTimeout = 3600
	}
	if cfg.CollateralTarget == nil {
		cfg.CollateralTarget = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Hub{cfg: cfg, st: st, exec: exec, domain: channel.Domain{ChainID: cfg.ChainID, Contract: cfg.Contract},
		addr: crypto.PubkeyToAddress(cfg.Key.PublicKey), log: cfg.Logger, notes: newNotifier(),
		registered: map[common.Hash]bool{}}, nil
}

// Address returns the hub's address.
func (h *Hub) Address() common.Address { return h.addr }

// Domain returns the EIP-712 domain states are signed in.
func (h *Hub) Domain() channel.Domain { return h.domain }

// Detail is what a stored state records about the update that made it: the update
// itself and, for payments, the payee and the secret sealed to it.
type Detail struct {
	Update       channel.Update  `json:"update"`
	Payee        *common.Address `json:"payee,omitempty"`
	Payer        *common.Address `json:"payer,omitempty"`
	SealedSecret []byte          `json:"sealedSecret,omitempty"`
}

// Roles of states, stored with them: what the update was for.
const (
	RolePay        = "pay"        // user: lock toward the hub for a payee
	RoleClaim      = "claim"      // user: claim an incoming lock with its secret
	RoleRefund     = "refund"     // user: take back an expired outgoing lock
	RoleDeposit    = "deposit"    // user: proposal to deposit
	RoleWithdraw   = "withdraw"   // user: proposal to withdraw (or close: everything)
	RoleForward    = "forward"    // hub: lock toward the payee
	RoleCollect    = "collect"    // hub: claim the payer's lock with the payee's secret
	RoleReturn     = "return"     // hub: give the payer's lock back (payment failed)
	RoleReclaim    = "reclaim"    // hub: take back an expired lock toward a payee
	RoleCollateral = "collateral" // hub: proposal to deposit from the reserve
	RoleConfirm    = "confirm"    // hub: an executed proposal's deposits join the balances
	RoleInvalidate = "invalidate" // hub: an expired proposal is void
)

// Request is an update a user asks the hub to co-sign: the update, the nonce of the state
// it leads to and the user's signature on that state; for a payment, the payee and the
// secret sealed to the payee's key.
type Request struct {
	Update       channel.Update
	Nonce        *big.Int
	SigUser      []byte
	Payee        common.Address
	SealedSecret []byte
}

// Request co-signs a user's update if it follows the latest state, is signed by the user
// and is one a user may ask for; the state is stored before the answer. Payments are then
// forwarded to their payee, and claims collected from the payer.
func (h *Hub) Request(ctx context.Context, user common.Address, r Request) (store.HubState, error) {
	now := h.cfg.Now()
	role, err := h.checkRequest(ctx, user, &r, now)
	if err != nil {
		return store.HubState{}, err
	}
	var out store.HubState
	var pay *store.Payment
	err = h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		if tx.LatestNonce().Cmp(tx.CosignedNonce()) != 0 {
			return fmt.Errorf("%w: proposals up to nonce %s await your signature", ErrSyncFirst, tx.LatestNonce())
		}
		prev, err := tx.State(ctx, tx.LatestNonce())
		if err != nil {
			return err
		}
		next, locks, err := r.Update.Apply(prev.State, prev.Locks)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrNotAllowed, err)
		}
		if r.Nonce == nil || next.Nonce.Cmp(r.Nonce) != 0 {
			return fmt.Errorf("%w: the update leads to nonce %s, the request says %v", channel.ErrNonce, next.Nonce, r.Nonce)
		}
		if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
			return fmt.Errorf("%w: %w", ErrNotAllowed, err)
		}
		if err := h.checkLocks(role, prev.Locks, &r, now); err != nil {
			return err
		}
		digest, err := h.domain.Digest(next)
		if err != nil {
			return err
		}
		if err := channel.VerifySigner(digest, r.SigUser, user); err != nil {
			return fmt.Errorf("%w: the signature is not the user's on the state nonce %s: %w", ErrBadSignature, next.Nonce, err)
		}
		sigHub, err := channel.Sign(digest, h.cfg.Key)
		if err != nil {
			return err
		}
		d := Detail{Update: r.Update}
		if role == RolePay {
			d.Payee, d.SealedSecret = &r.Payee, r.SealedSecret
		}
		detail, _ := json.Marshal(d)
		out = store.HubState{Kind: role, Detail: detail, State: next, Locks: locks, SigHub: sigHub, SigUser: r.SigUser}
		if err := tx.Append(ctx, out); err != nil {
			return err
		}
		switch role {
		case RolePay:
			l := r.Update.Lock
			p := store.Payment{Contract: h.cfg.Contract, Hashlock: l.Hashlock, Payer: user, Payee: r.Payee,
				AmountWei: l.AmountWei, AmountToken: l.AmountToken, PayerExpiry: l.Expiry.Uint64(),
				PayeeExpiry: l.Expiry.Uint64() - h.cfg.LockMargin, SealedSecret: r.SealedSecret, Status: store.PayLocked}
			if p.ID, err = tx.InsertPayment(ctx, p); err != nil {
				if errors.Is(err, store.ErrNonceConflict) {
					return fmt.Errorf("%w: %s", ErrPaymentExists, l.Hashlock)
				}
				return err
			}
			pay = &p
		case RoleClaim:
			hl := channel.HashSecret(*r.Update.Secret)
			if _, err := tx.SetPayment(ctx, h.cfg.Contract, hl, store.PayClaimed, r.Update.Secret, store.PayForwarded); err != nil {
				return err
			}
		case RoleRefund:
			if _, err := tx.SetPayment(ctx, h.cfg.Contract, *r.Update.Hashlock, store.PayRefunded, nil,
				store.PayLocked, store.PayForwarded, store.PayFailed); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return store.HubState{}, err
	}
	switch role {
	case RolePay:
		h.forward(ctx, *pay)
	case RoleClaim:
		if p, err := h.st.Payment(ctx, h.cfg.Contract, channel.HashSecret(*r.Update.Secret)); err == nil {
			h.collect(ctx, p)
		}
	}
	return out, nil
}

// checkRequest says which updates a user may ask for, before anything is locked.
func (h *Hub) checkRequest(ctx context.Context, user common.Address, r *Request, now uint64) (string, error) {
	u := &r.Update
	switch u.Kind {
	case channel.KindLock:
		if u.Lock == nil || u.Lock.Sender != channel.User {
			return "", fmt.Errorf("%w: a payment locks the user's funds (sender 1)", ErrNotAllowed)
		}
		if err := u.Lock.CheckFields(); err != nil {
			return "", err
		}
		if r.Payee == user || r.Payee == (common.Address{}) {
			return "", fmt.Errorf("%w: payee %s", ErrUnknownPayee, r.Payee)
		}
		exp := u.Lock.Expiry
		if exp.Cmp(new(big.Int).SetUint64(now+h.cfg.MinLockTime)) < 0 || exp.Cmp(new(big.Int).SetUint64(now+h.cfg.MaxLockTime)) > 0 {
			return "", fmt.Errorf("%w: expiry %s, allowed between %d and %d", ErrExpiry, exp, now+h.cfg.MinLockTime, now+h.cfg.MaxLockTime)
		}
		if len(r.SealedSecret) == 0 || len(r.SealedSecret) > 1024 {
			return "", fmt.Errorf("%w: the secret sealed to the payee is missing or too long", ErrNotAllowed)
		}
		if _, err := h.st.HubCosigned(ctx, h.cfg.Contract, r.Payee); errors.Is(err, store.ErrNotFound) {
			return "", fmt.Errorf("%w: %s has no channel with this hub", ErrUnknownPayee, r.Payee)
		} else if err != nil {
			return "", err
		}
		// The payee's latest state, the hub's proposals included, is what the hub's lock
		// would follow.
		var payee store.HubState
		if err := h.st.HubChannel(ctx, h.cfg.Contract, r.Payee, func(tx store.HubTx) error {
			var err error
			payee, err = tx.State(ctx, tx.LatestNonce())
			return err
		}); err != nil {
			return "", err
		}
		if payee.State.HasPending() {
			return "", fmt.Errorf("%w: an on-chain operation on the payee's channel awaits confirmation; retry shortly", ErrCollateral)
		}
		if payee.State.WeiBalances[channel.Hub].Cmp(u.Lock.AmountWei) < 0 || payee.State.TokenBalances[channel.Hub].Cmp(u.Lock.AmountToken) < 0 {
			h.topUp(ctx, r.Payee, u.Lock.AmountWei)
			return "", fmt.Errorf("%w: %s wei available toward %s; a top-up was proposed to the payee, retry when it is confirmed",
				ErrCollateral, payee.State.WeiBalances[channel.Hub], r.Payee)
		}
		return RolePay, nil
	case channel.KindClaim:
		if u.Secret == nil {
			return "", fmt.Errorf("%w: a claim needs the secret", ErrNotAllowed)
		}
		return RoleClaim, nil
	case channel.KindRefund:
		if u.Hashlock == nil || u.Now > now {
			return "", fmt.Errorf("%w: a refund needs a hashlock and a time not in the future (chain time %d)", ErrNotAllowed, now)
		}
		// A payment whose secret the payee revealed (to the hub, or on-chain in time) is
		// the hub's: it paid the payee, so the payer's lock is not refunded.
		if p, err := h.st.Payment(ctx, h.cfg.Contract, *u.Hashlock); err == nil && p.Secret != nil {
			return "", fmt.Errorf("%w: the payee claimed this payment; its lock belongs to the hub", ErrNotAllowed)
		} else if err != nil && !errors.Is(err, store.ErrNotFound) {
			return "", err
		}
		return RoleRefund, nil
	case channel.KindPropose:
		if u.Ops == nil || u.Recipient == nil {
			return "", fmt.Errorf("%w: a proposal needs ops and a recipient", ErrNotAllowed)
		}
		if u.Timeout <= now+60 || u.Timeout > now+h.cfg.ProposalTimeout {
			return "", fmt.Errorf("%w: timeout %d, allowed between %d and %d", ErrNotAllowed, u.Timeout, now+61, now+h.cfg.ProposalTimeout)
		}
		o := u.Ops
		for _, v := range []*big.Int{o.Wei[channel.HubDeposit], o.Token[channel.HubDeposit]} {
			if v == nil || v.Sign() != 0 {
				return "", fmt.Errorf("%w: the hub deposits collateral through its own proposals", ErrNotAllowed)
			}
		}
		if o.Wei[channel.UserDeposit].Sign() > 0 || o.Token[channel.UserDeposit].Sign() > 0 {
			return RoleDeposit, nil
		}
		return RoleWithdraw, nil
	}
	return "", fmt.Errorf("%w: users may ask for lock, claim, refund and propose updates, not %q", ErrNotAllowed, u.Kind)
}

// checkLocks applies the rules that need the channel's locks.
func (h *Hub) checkLocks(role string, locks []channel.Lock, r *Request, now uint64) error {
	find := func(hl common.Hash) *channel.Lock {
		for i := range locks {
			if locks[i].Hashlock == hl {
				return &locks[i]
			}
		}
		return nil
	}
	switch role {
	case RoleClaim:
		l := find(channel.HashSecret(*r.Update.Secret))
		if l == nil || l.Sender != channel.Hub {
			return fmt.Errorf("%w: no lock from the hub opens with that secret", ErrNotAllowed)
		}
		if l.Expiry.Cmp(new(big.Int).SetUint64(now)) < 0 {
			return fmt.Errorf("%w: the lock expired at %s (chain time %d)", ErrExpiry, l.Expiry, now)
		}
	case RoleRefund:
		if l := find(*r.Update.Hashlock); l == nil || l.Sender != channel.User {
			return fmt.Errorf("%w: a user refunds only its own locks", ErrNotAllowed)
		}
	case RoleWithdraw:
		o := r.Update.Ops
		if o.Wei[channel.HubWithdrawal].Sign() != 0 || o.Token[channel.HubWithdrawal].Sign() != 0 {
			// Only a full close takes the hub's side out, back to its reserve.
			if len(locks) != 0 {
				return fmt.Errorf("%w: a close must wait for open locks to settle", ErrNotAllowed)
			}
		}
	}
	return nil
}

// propose signs and stores a hub proposal on top of the user's latest state, for the user
// to co-sign, and tells the user. extra runs in the same transaction.
func (h *Hub) propose(ctx context.Context, user common.Address, role string, d Detail, extra func(store.HubTx) error) (store.HubState, error) {
	return h.proposeFrom(ctx, user, role, func(store.HubState) (Detail, error) { return d, nil }, extra)
}

// proposeFrom is propose with the update computed from the latest state, in the same
// transaction.
func (h *Hub) proposeFrom(ctx context.Context, user common.Address, role string, mk func(latest store.HubState) (Detail, error),
	extra func(store.HubTx) error) (store.HubState, error) {
	var out store.HubState
	err := h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		prev, err := tx.State(ctx, tx.LatestNonce())
		if err != nil {
			return err
		}
		d, err := mk(prev)
		if err != nil {
			return err
		}
		next, locks, err := d.Update.Apply(prev.State, prev.Locks)
		if err != nil {
			return err
		}
		if err := channel.ValidateTransition(prev.State, next, locks); err != nil {
			return err
		}
		digest, err := h.domain.Digest(next)
		if err != nil {
			return err
		}
		sig, err := channel.Sign(digest, h.cfg.Key)
		if err != nil {
			return err
		}
		detail, _ := json.Marshal(d)
		out = store.HubState{Kind: role, Detail: detail, State: next, Locks: locks, SigHub: sig}
		if err := tx.Append(ctx, out); err != nil {
			return err
		}
		if extra != nil {
			return extra(tx)
		}
		return nil
	})
	if err == nil {
		h.notes.notify(user)
	}
	return out, err
}

// Cosign records the user's signature on the hub's next proposal, then acts on it.
func (h *Hub) Cosign(ctx context.Context, user common.Address, nonce *big.Int, sigUser []byte) error {
	var signed store.HubState
	err := h.st.HubChannel(ctx, h.cfg.Contract, user, func(tx store.HubTx) error {
		want := new(big.Int).Add(tx.CosignedNonce(), big.NewInt(1))
		if nonce == nil || nonce.Cmp(want) != 0 || want.Cmp(tx.LatestNonce()) > 0 {
			return fmt.Errorf("%w: the next proposal to co-sign is %s (latest %s), not %v", channel.ErrNonce, want, tx.LatestNonce(), nonce)
		}
		hs, err := tx.State(ctx, nonce)
		if err != nil {
			return err
		}
		digest, err := h.domain.Digest(hs.State)
		if err != nil {
			return err
		}
		if err := channel.VerifySigner(digest, sigUser, user); err != nil {
			return fmt.Errorf("%w: %w", ErrBadSignature, err)
		}
		signed = hs
		signed.SigUser = sigUser
		if err := tx.Cosign(ctx, nonce, sigUser); err != nil {
			return err
		}
		var d Detail
		_ = json.Unmarshal(hs.Detail, &d)
		switch hs.Kind {
		case RoleCollect:
			_, err = tx.SetPayment(ctx, h.cfg.Contract, channel.HashSecret(*d.Update.Secret), store.PayCompleted, nil, store.PayClaimed)
		case RoleReturn:
			_, err = tx.SetPayment(ctx, h.cfg.Contract, *d.Update.Hashlock, store.PayRefunded, nil)
		}
		return err
	})
	if err != nil {
		return err
	}
	if signed.Kind == RoleCollateral && h.exec != nil {
		if err := h.exec.HubAuthorizedUpdate(ctx, signed.State, signed.SigUser); err != nil {
			h.log.Error("collateral deposit failed on-chain; the proposal will be invalidated after its timeout",
				"user", user, "nonce", signed.State.Nonce, "err", err)
		}
	}
	return nil
}

// forward locks the payment's amount toward the payee, or gives the payer its lock back
// when that is impossible.
func (h *Hub) forward(ctx context.Context, p store.Payment) {
	if h.withhold != nil && h.withhold(p) {
		h.log.Warn("withholding payment (test fault)", "hashlock", p.Hashlock)
		return
	}
	l := channel.Lock{Sender: channel.Hub, AmountWei: p.AmountWei, AmountToken: p.AmountToken, Hashlock: p.Hashlock,
		Expiry: new(big.Int).SetUint64(p.PayeeExpiry)}
	payer := p.Payer
	_, err := h.propose(ctx, p.Payee, RoleForward, Detail{Update: channel.Update{Kind: channel.KindLock, Lock: &l}, Payer: &payer,
		SealedSecret: p.SealedSecret}, func(tx store.HubTx) error {
		ok, err := tx.SetPayment(ctx, h.cfg.Contract, p.Hashlock, store.PayForwarded, nil, store.PayLocked)
		if err == nil && !ok {
			err = fmt.Errorf("payment %s no longer waiting to be forwarded", p.Hashlock)
		}
		return err
	})
	if err != nil {
		// Another forward may have won the race (the sweeper): giveBack only acts on a
		// payment that is still waiting to be forwarded.
		h.log.Warn("payment not forwarded; returning the payer's lock", "hashlock", p.Hashlock, "payee", p.Payee, "err", err)
		h.giveBack(ctx, p, store.PayLocked)
		return
	}
	h.log.Info("payment forwarded", "hashlock", p.Hashlock, "payer", p.Payer, "payee", p.Payee, "wei", p.AmountWei)
}

// errStatusMoved aborts an update whose payment another actor already moved on.
var errStatusMoved = errors.New("payment status moved")

// giveBack returns the payer's lock to the payer, if the payment is in one of from: the
// status check and the update are one transaction, so a payment forwarded meanwhile is
// never also given back.
func (h *Hub) giveBack(ctx context.Context, p store.Payment, from ...string) {
	if h.withhold != nil && h.withhold(p) {
		return
	}
	hl := p.Hashlock
	_, err := h.propose(ctx, p.Payer, RoleReturn, Detail{Update: channel.Update{Kind: channel.KindCancel, Hashlock: &hl}},
		func(tx store.HubTx) error {
			ok, err := tx.SetPayment(ctx, h.cfg.Contract, p.Hashlock, store.PayFailed, nil, from...)
			if err == nil && !ok {
				err = errStatusMoved
			}
			return err
		})
	switch {
	case errors.Is(err, errStatusMoved):
	case err != nil:
		h.log.Error("could not return the payer's lock", "hashlock", p.Hashlock, "err", err)
	}
}

// collect claims the payer's lock with the secret the payee revealed.
func (h *Hub) collect(ctx context.Context, p store.Payment) {
	if p.Secret == nil || p.Status != store.PayClaimed {
		return
	}
	sec := *p.Secret
	_, err := h.propose(ctx, p.Payer, RoleCollect, Detail{Update: channel.Update{Kind: channel.KindClaim, Secret: &sec}}, nil)
	switch {
	case errors.Is(err, channel.ErrNoLock): // already collected (a proposal awaits the payer)
	case err != nil:
		h.log.Error("could not claim from the payer; the secret settles it on-chain", "hashlock", p.Hashlock, "err", err)
	}
}

// topUp proposes to raise the hub's balance in a user's channel to the collateral target
// (or to need, if larger), from the reserve.
func (h *Hub) topUp(ctx context.Context, user common.Address, need *big.Int) {
	if h.cfg.CollateralTarget.Sign() == 0 {
		return
	}
	_, err := h.proposeCollateral(ctx, user, need)
	if err != nil {
		h.log.Info("no collateral top-up", "user", user, "err", err)
	}
}

// proposeCollateral proposes a hub deposit bringing its balance toward user up to the
// target (at least need), computed from the latest state (the hub's own proposals
// included), so that top-ups never pile up.
func (h *Hub) proposeCollateral(ctx context.Context, user common.Address, need *big.Int) (store.HubState, error) {
	var reserve *big.Int
	if h.exec != nil {
		var err error
		if reserve, err = h.exec.Reserve(ctx); err != nil {
			return store.HubState{}, fmt.Errorf("read the reserve: %w", err)
		}
	}
	return h.proposeFrom(ctx, user, RoleCollateral, func(latest store.HubState) (Detail, error) {
		if latest.State.Nonce.Sign() == 0 {
			return Detail{}, fmt.Errorf("%w: %s has no channel yet", ErrNotAllowed, user)
		}
		if latest.State.HasPending() {
			return Detail{}, fmt.Errorf("%w: an on-chain operation is pending", channel.ErrPending)
		}
		target := h.cfg.CollateralTarget
		if need != nil && need.Cmp(target) > 0 {
			target = need
		}
		amount := new(big.Int).Sub(target, latest.State.WeiBalances[channel.Hub])
		if amount.Sign() <= 0 {
			return Detail{}, fmt.Errorf("%w: the hub already has %s toward the user", ErrNotAllowed, latest.State.WeiBalances[channel.Hub])
		}
		if reserve != nil && reserve.Cmp(amount) < 0 {
			h.log.Error("reserve too low for a collateral top-up", "user", user, "needed", amount, "reserve", reserve)
			return Detail{}, fmt.Errorf("%w: the hub's reserve (%s wei) cannot cover %s", ErrCollateral, reserve, amount)
		}
		ops := channel.NewOps()
		ops.Wei[channel.HubDeposit] = amount
		recipient := latest.State.Recipient
		return Detail{Update: channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &recipient,
			Timeout: h.cfg.Now() + h.cfg.ProposalTimeout}}, nil
	}, nil)
}

// RequestCollateral proposes a top-up of the hub's side of user's channel.
func (h *Hub) RequestCollateral(ctx context.Context, user common.Address) (store.HubState, error) {
	return h.proposeCollateral(ctx, user, nil)
}

// notifier wakes long-polling users when the hub proposes something to them.
type notifier struct {
	mu   sync.Mutex
	subs map[common.Address][]chan struct{}
}

func newNotifier() *notifier { return &notifier{subs: map[common.Address][]chan struct{}{}} }

// wait returns a channel closed at the user's next notification, and a function that
// forgets it (a long poll that timed out must not leave it behind).
func (n *notifier) wait(user common.Address) (<-chan struct{}, func()) {
	n.mu.Lock()
	defer n.mu.Unlock()
	ch := make(chan struct{})
	n.subs[user] = append(n.subs[user], ch)
	return ch, func() {
		n.mu.Lock()
		defer n.mu.Unlock()
		subs := n.subs[user]
		for i, c := range subs {
			if c == ch {
				n.subs[user] = append(subs[:i:i], subs[i+1:]...)
				break
			}
		}
		if len(n.subs[user]) == 0 {
			delete(n.subs, user)
		}
	}
}

func (n *notifier) notify(user common.Address) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, ch := range n.subs[user] {
		close(ch)
	}
	delete(n.subs, user)
}
