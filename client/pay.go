package client

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// claimPending claims every incoming lock whose secret the wallet holds (new ones, and
// any an earlier attempt left behind), unless claims are manual.
func (w *Wallet) claimPending(ctx context.Context) error {
	if w.cfg.ManualClaim {
		return nil
	}
	var claims []common.Hash
	var locks []channel.Lock
	w.mu.Lock()
	for _, l := range w.ls.Cosigned.Locks {
		if s, ok := w.ls.Secrets[l.Hashlock.Hex()]; ok && l.Sender == channel.Hub && !w.outgoing(l.Hashlock, nil) {
			claims = append(claims, s)
			locks = append(locks, l)
		}
	}
	w.mu.Unlock()
	if len(claims) == 0 {
		return nil
	}
	now, err := w.chainNow(ctx)
	if err != nil {
		return err
	}
	for i, s := range claims {
		if locks[i].ExpiredAt(now) {
			// Expired: the hub need not pay it, and a claim would hand it the secret, with
			// which it collects the payer's lock.
			continue
		}
		// Sync has just co-signed what the hub proposed: no need to ask again first.
		st, err := w.requestSynced(ctx, channel.Update{Kind: channel.KindClaim, Secret: &s}, nil, nil)
		if err != nil {
			w.log.Warn("claiming an incoming payment failed; retried on the next sync", "hashlock", channel.HashSecret(s), "err", err)
			continue
		}
		if st != nil {
			w.emit(ctx, []Event{w.claimEvent(locks[i], st.Nonce)})
		}
	}
	return nil
}

// Pay sends amount of asset (base units) to payee through the hub: a lock toward the hub
// under a fresh secret, sealed to the payee's key so only the payee can claim. It returns
// the hashlock.
func (w *Wallet) Pay(ctx context.Context, payee common.Address, asset Asset, amount *big.Int) (common.Hash, error) {
	if amount == nil || amount.Sign() <= 0 {
		return common.Hash{}, fmt.Errorf("%w: amount must be positive", channel.ErrInvalidField)
	}
	amountWei, amountToken := new(big.Int), new(big.Int)
	switch asset {
	case Ether:
		amountWei.Set(amount)
	case Tokens:
		amountToken.Set(amount)
	default:
		return common.Hash{}, fmt.Errorf("%w: asset %d", ErrUnknownAsset, asset)
	}
	if p := w.pendingPayment(payee, amountWei, amountToken); p != nil {
		// The same payment, asked for before and its answer lost: asked again as it was,
		// with its secret, not as a second payment.
		hl := p.Update.Lock.Hashlock
		if err := w.fetch(ctx); err != nil { // co-signs it if the hub holds it
			return hl, err
		}
		if w.holdsLock(hl) {
			return hl, nil
		}
		if p := w.pendingPayment(payee, amountWei, amountToken); p != nil {
			_, err := w.requestSynced(ctx, p.Update, p.Payee, p.SealedSecret)
			return hl, err
		}
	}
	pub, err := w.payeeKey(ctx, payee)
	if err != nil {
		return common.Hash{}, err
	}
	var secret common.Hash
	if _, err := rand.Read(secret[:]); err != nil {
		return common.Hash{}, err
	}
	sealed, err := sealPayment(pub, secret, amountWei, amountToken)
	if err != nil {
		return common.Hash{}, err
	}
	info, err := w.lockTimes(ctx)
	if err != nil {
		return common.Hash{}, err
	}
	hl := channel.HashSecret(secret)
	l := channel.Lock{Sender: channel.User, AmountWei: amountWei, AmountToken: amountToken, Hashlock: hl,
		Expiry: new(big.Int).SetUint64(info.Now + info.MinLockTime + lockSlack(info.MinLockTime, info.MaxLockTime))}
	// The secret is kept with the request, in the one write before it is sent.
	w.mu.Lock()
	w.ls.Secrets[hl.Hex()] = secret
	w.mu.Unlock()
	_, err = w.request(ctx, channel.Update{Kind: channel.KindLock, Lock: &l}, &payee, sealed)
	if he := (*HubError)(nil); errors.As(err, &he) && !w.holdsLock(hl) {
		// Refused: the hub holds no lock under the secret, and a payment asked again
		// (PayWaiting) has a fresh one; the file does not keep one per refusal.
		w.mu.Lock()
		delete(w.ls.Secrets, hl.Hex())
		if serr := w.ls.save(w.cfg.StatePath); serr != nil {
			err = errors.Join(err, serr)
		}
		w.mu.Unlock()
		return hl, err
	}
	return hl, err
}

// pendingPayment returns the request, asked for and not yet co-signed, that pays
// amountWei and amountToken to payee, if that is what the wallet has pending.
func (w *Wallet) pendingPayment(payee common.Address, amountWei, amountToken *big.Int) *signed {
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.ls.Signed
	if p == nil || p.State.Nonce.Cmp(w.ls.Cosigned.State.Nonce) <= 0 || p.Update.Kind != channel.KindLock || p.Update.Lock == nil ||
		p.Payee == nil || *p.Payee != payee || p.Update.Lock.Sender != channel.User || p.Update.Lock.AmountWei.Cmp(amountWei) != 0 {
		return nil
	}
	if tok := p.Update.Lock.AmountToken; (tok == nil && amountToken.Sign() != 0) || (tok != nil && tok.Cmp(amountToken) != 0) {
		return nil
	}
	return p
}

// holdsLock reports whether the co-signed state holds the lock with hashlock hl.
func (w *Wallet) holdsLock(hl common.Hash) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return channel.FindLock(w.ls.Cosigned.Locks, hl) != nil
}

// Claim takes an incoming payment with its secret.
func (w *Wallet) Claim(ctx context.Context, secret common.Hash) (*channel.State, error) {
	hl := channel.HashSecret(secret)
	w.mu.Lock()
	var l *channel.Lock
	if found := channel.FindLock(w.ls.Cosigned.Locks, hl); found != nil {
		c := *found
		l = &c
	}
	w.mu.Unlock()
	if l != nil {
		now, err := w.chainNow(ctx)
		if err != nil {
			return nil, err
		}
		if l.ExpiredAt(now) {
			// The claim would hand the hub the secret, to collect the payer's lock with,
			// for a lock it need not pay.
			return nil, fmt.Errorf("%w: lock %s expired at %s (chain time %d); its secret is not sent", ErrLockExpired, hl, l.Expiry, now)
		}
	}
	return w.request(ctx, channel.Update{Kind: channel.KindClaim, Secret: &secret}, nil, nil)
}

// Refund takes back an outgoing lock whose expiry passed.
func (w *Wallet) Refund(ctx context.Context, hashlock common.Hash) (*channel.State, error) {
	now, err := w.chainNow(ctx)
	if err != nil {
		return nil, err
	}
	return w.request(ctx, channel.Update{Kind: channel.KindRefund, Hashlock: &hashlock, Now: now}, nil, nil)
}

// RefundExpired refunds every outgoing lock whose expiry has passed.
func (w *Wallet) RefundExpired(ctx context.Context) (int, error) {
	if err := w.Sync(ctx); err != nil {
		return 0, err
	}
	now, err := w.chainNow(ctx)
	if err != nil {
		return 0, err
	}
	_, locks := w.Latest()
	n := 0
	for _, l := range locks {
		if l.Sender == channel.User && l.ExpiredAt(now) {
			if _, err := w.Refund(ctx, l.Hashlock); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// lockSlack is how far above the hub's shortest lock time a payment's expiry is set, so
// that the chain clock moving on between reading the hub's info and the hub checking the
// lock does not put it out of range: a hundredth of the allowed span, but at least a
// quarter of it up to a minute.
func lockSlack(minLock, maxLock uint64) uint64 {
	span := maxLock - minLock
	return max(span/100, min(60, span/4))
}
