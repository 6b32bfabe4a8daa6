package demo

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
)

// backedUp narrates Bob's backups to the tower and checks that its latest receipt covers
// his latest co-signed state.
func (r *run) backedUp(bob *user, latest *channel.State) error {
	reports := bob.w.Reports()
	for _, rep := range reports {
		if rep.Err != nil {
			return fmt.Errorf("back up Bob's state to the watchtower: %w", rep.Err)
		}
	}
	if len(reports) == 0 {
		return errors.New("the watchtower received no backup from Bob's wallet")
	}
	rc := reports[len(reports)-1].Receipt
	if rc == nil || rc.Nonce.V == nil || rc.Nonce.V.Cmp(latest.Nonce) != 0 {
		return fmt.Errorf("the watchtower's latest receipt does not cover Bob's latest state, nonce %s", latest.Nonce)
	}
	r.n.Step("Bob's wallet backed up each co-signed state to the watchtower over its HTTP API (%d backups).", len(reports))
	r.n.Say("The tower's latest receipt is for nonce %s (state digest %s), signed by the tower %s.",
		rc.Nonce.V, shortHash(rc.StateDigest), short(rc.Tower))
	return nil
}

// challenged waits for the tower's challenge of user's channel with the nonce it holds,
// and narrates it.
func (r *run) challenged(ctx context.Context, u *user, nonce *big.Int, closeBlock uint64) error {
	err := r.waitFor(ctx, "the watchtower's challenge", func(ctx context.Context) (bool, error) {
		ch, err := r.c.onchain(ctx, u.w.Address())
		return err == nil && ch.Nonce.Cmp(nonce) == 0, err
	})
	if err != nil {
		return err
	}
	chs, err := r.challenges(ctx, u.w.Address())
	if err != nil {
		return err
	}
	if len(chs) == 0 {
		return fmt.Errorf("the channel holds nonce %s, but no Challenged event shows how", nonce)
	}
	ev := chs[len(chs)-1]
	if ev.Sender != r.tower.addr || ev.Nonce.Cmp(nonce) != 0 {
		return fmt.Errorf("channel %s was challenged with nonce %s by %s, not by the watchtower %s", u.w.Address(), ev.Nonce, ev.Sender, r.tower.addr)
	}
	r.n.Step("The watchtower challenged with Bob's latest state, nonce %s: tx %s from %s.", ev.Nonce, shortHash(ev.Raw.TxHash), short(ev.Sender))
	r.n.Say("It is in block %d, %d block(s) after the close, well before the deadline.", ev.Raw.BlockNumber, ev.Raw.BlockNumber-closeBlock)
	return nil
}

// settle moves the clock past user's dispute deadline and has the channel settled: by
// the tower, which settles on its own, or else by the hub.
func (r *run) settle(ctx context.Context, u *user) error {
	ch, err := r.c.onchain(ctx, u.w.Address())
	if err != nil {
		return err
	}
	now, err := r.c.now(ctx)
	if err != nil {
		return err
	}
	skip := time.Duration(ch.Deadline.Uint64()-min(now, ch.Deadline.Uint64())+1) * time.Second
	r.n.Say("The chain's clock moves %s forward, past the deadline.", skip)
	if err := r.c.advance(skip); err != nil {
		return fmt.Errorf("move the chain's clock: %w", err)
	}
	who := "The watchtower"
	if r.tower == nil {
		who = "The hub"
		if err := r.settleAsHub(ctx, u.w.Address()); err != nil {
			return err
		}
	}
	var ev *settledEvent
	err = r.waitFor(ctx, "the channel to be settled", func(ctx context.Context) (bool, error) {
		s, err := r.settlement(ctx, u.w.Address())
		if s != nil {
			ev = &settledEvent{nonce: s.Nonce, userWei: s.WeiBalances[channel.User], block: s.Raw.BlockNumber, tx: shortHash(s.Raw.TxHash)}
		}
		return s != nil, err
	})
	if err != nil {
		return err
	}
	r.n.Say("%s settles the channel: tx %s in block %d pays Bob %s, what the nonce-%s state gives him.",
		who, ev.tx, ev.block, ether(ev.userWei), ev.nonce)
	return nil
}

// settledEvent is what the story tells of a Settled event.
type settledEvent struct {
	nonce, userWei *big.Int
	block          uint64
	tx             string
}

// closeAlice has Alice, whom nobody cheated, close her channel cooperatively to a fresh
// payout address, and returns her outcome.
func (r *run) closeAlice(ctx context.Context, alice *user) (Party, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return Party{}, fmt.Errorf("a payout address for Alice: %w", err)
	}
	payout := crypto.PubkeyToAddress(key.PublicKey)
	if err := alice.w.Sync(ctx); err != nil {
		return Party{}, fmt.Errorf("sync Alice's wallet: %w", err)
	}
	s, _ := alice.w.Latest()
	expected, nonce := userSide(s)
	if _, err := alice.w.Close(ctx, payout); err != nil {
		return Party{}, fmt.Errorf("close Alice's channel cooperatively: %w", err)
	}
	got, err := r.c.balance(ctx, payout)
	if err != nil {
		return Party{}, err
	}
	r.n.Step("Alice, whom nobody cheated, closes her channel cooperatively from her latest state (nonce %s).", nonce)
	r.n.Say("The hub co-signs a withdrawal of everything; the contract pays %s to her payout address %s.", ether(got), short(payout))
	return Party{Name: "Alice", Expected: expected, Received: got}, nil
}
