package demo

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"path/filepath"
	"time"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/store"
)

// waitTimeout bounds every wait of the story; the in-process chain and services answer
// within a fraction of it.
const waitTimeout = 30 * time.Second

// user is Alice or Bob: a funded account and the wallet that drives it over the hub's API.
type user struct {
	name string
	acct simchain.Account
	w    *client.Wallet
}

// openWallet opens a user's wallet with its state file in dir, talking to the hub at
// hubURL and backing its states up to towers.
func (r *run) openWallet(name string, a simchain.Account, towers []string) (*user, error) {
	w, err := client.Open(client.Config{HubURL: r.hub.url, Key: a.Key, ChainID: r.c.ChainID, Contract: r.c.ManagerAddr,
		Hub: r.c.Accounts[0].Addr, StatePath: filepath.Join(r.dir, name+"-wallet.json"), Towers: towers,
		Chain: r.c.client(), HTTPClient: &http.Client{Transport: r.transport, Timeout: 30 * time.Second}, Logger: r.log})
	if err != nil {
		return nil, fmt.Errorf("open %s's wallet: %w", name, err)
	}
	return &user{name: name, acct: a, w: w}, nil
}

// waitFor polls cond until it holds, syncing the wallets first each time. Errors of a
// round (a sync racing the hub's next proposal) are retried; the last one is reported if
// the wait times out.
func (r *run) waitFor(ctx context.Context, what string, cond func(context.Context) (bool, error), sync ...*user) error {
	ctx, cancel := context.WithTimeout(ctx, waitTimeout)
	defer cancel()
	var last error
	for {
		var errs []error
		for _, u := range sync {
			if err := u.w.Sync(ctx); err != nil {
				errs = append(errs, fmt.Errorf("sync %s's wallet: %w", u.name, err))
			}
		}
		ok, err := cond(ctx)
		if ok && err == nil {
			return nil
		}
		if err = errors.Join(append(errs, err)...); err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w (last error: %v)", what, ctx.Err(), last)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// settled reports whether u's channel has nothing in flight: the hub proposes nothing,
// the wallet and the hub hold the same co-signed state, and no on-chain operation waits.
func (r *run) settled(ctx context.Context, u *user) (bool, error) {
	v, err := r.hub.h.View(ctx, u.w.Address(), big.NewInt(0))
	if err != nil || len(v.Proposals) > 0 || v.Cosigned == nil {
		return false, err
	}
	s, _ := u.w.Latest()
	return !s.HasPending() && s.Nonce.Cmp(v.Cosigned.State.Nonce) == 0, nil
}

// deposit moves wei from u's account into its channel and waits until the hub has
// confirmed it off-chain.
func (r *run) deposit(ctx context.Context, u *user, wei *big.Int) error {
	if _, err := u.w.Deposit(ctx, client.Ether, wei); err != nil {
		return fmt.Errorf("%s deposits %s: %w", u.name, ether(wei), err)
	}
	return r.waitFor(ctx, u.name+"'s deposit to be confirmed", func(ctx context.Context) (bool, error) { return r.settled(ctx, u) }, u)
}

// collateral has the hub top up its side of u's channel and waits for the confirmation.
func (r *run) collateral(ctx context.Context, u *user) error {
	if err := u.w.RequestCollateral(ctx); err != nil {
		return fmt.Errorf("%s asks for collateral: %w", u.name, err)
	}
	return r.waitFor(ctx, "collateral toward "+u.name, func(ctx context.Context) (bool, error) {
		ok, err := r.settled(ctx, u)
		s, _ := u.w.Latest()
		return ok && s.WeiBalances[channel.Hub].Sign() > 0, err
	}, u)
}

// pay sends wei from one user to another through the hub and waits until the payment is
// complete: the payee claimed with the secret, the payer co-signed the hub's claim.
func (r *run) pay(ctx context.Context, from, to *user, wei *big.Int) error {
	hl, err := from.w.Pay(ctx, to.w.Address(), client.Ether, wei)
	if err != nil {
		return fmt.Errorf("%s pays %s %s: %w", from.name, to.name, ether(wei), err)
	}
	return r.waitFor(ctx, "payment "+shortHash(hl)+" to complete", func(ctx context.Context) (bool, error) {
		p, err := r.hub.st.Payment(ctx, r.c.ManagerAddr, hl)
		if err != nil {
			return false, err
		}
		_, locks := to.w.Latest()
		return p.Status == store.PayCompleted && len(locks) == 0, nil
	}, to, from)
}

// userSide returns a state's balance of the user side, and the nonce.
func userSide(s *channel.State) (wei, nonce *big.Int) {
	return new(big.Int).Set(s.WeiBalances[channel.User]), new(big.Int).Set(s.Nonce)
}
