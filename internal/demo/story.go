package demo

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/vigil-hub/vigil/channel"
)

// story tells the demo, step by step; services run in g until ctx ends.
func (r *run) story(ctx context.Context, g *errgroup.Group, hubStore, towerStore Store) (*Result, error) {
	n := r.n
	if r.opts.WithoutWatchtower {
		n.write("Vigil demo: a payment hub cheats a user who is offline, and no watchtower guards him.\n")
	} else {
		n.write("Vigil demo: a payment hub cheats a user who is offline; his watchtower answers.\n")
	}
	towers, err := r.startServices(ctx, g, hubStore, towerStore) // 1-3
	if err != nil {
		return nil, err
	}
	alice, bob, err := r.openChannels(ctx, towers) // 4
	if err != nil {
		return nil, err
	}
	latest, _ := bob.w.Latest()
	expected, latestNonce := userSide(latest)

	// 5. Bob backs up and goes offline.
	if r.tower != nil {
		if err := r.backedUp(bob, latest); err != nil {
			return nil, err
		}
	} else {
		n.Step("Bob has no watchtower to back his states up to.")
	}
	n.Say("Bob goes offline: from here on nobody drives his wallet.")
	before, err := r.c.balance(ctx, bob.w.Address()) // Bob sends no transaction from here on
	if err != nil {
		return nil, err
	}

	// 6. The hub cheats.
	staleNonce, closeBlock, err := r.cheat(ctx, bob, expected, latestNonce)
	if err != nil {
		return nil, err
	}

	// 7. The answer, or none; then settlement.
	res := &Result{StaleNonce: staleNonce, LatestNonce: latestNonce}
	if r.tower != nil {
		if err := r.challenged(ctx, bob, latestNonce, closeBlock); err != nil {
			return nil, err
		}
		res.Challenged = true
	} else {
		n.Step("Nobody answers: Bob is offline and no watchtower holds his state.")
	}
	if err := r.settle(ctx, bob); err != nil {
		return nil, err
	}
	after, err := r.c.balance(ctx, bob.w.Address())
	if err != nil {
		return nil, err
	}
	received := new(big.Int).Sub(after, before)

	// 8. Alice leaves cooperatively; the table.
	aliceParty, err := r.closeAlice(ctx, alice)
	if err != nil {
		return nil, err
	}
	res.Parties = []Party{aliceParty, {Name: "Bob", Expected: expected, Received: received, Victim: true}}
	n.Step("Final balances: what each latest co-signed state gives, and what the contract paid.")
	n.table(res.Parties)
	if res.VictimWhole() {
		n.Say("Verdict: Bob received exactly what his latest co-signed state gives him, to the wei. The watchtower protected him.")
	} else {
		loss := new(big.Int).Sub(expected, received)
		n.Say("Verdict: Bob LOST %s (%s wei): the hub's stale close settled unanswered.", ether(loss), loss)
	}
	return res, nil
}

// startServices starts the miner, funds the hub's reserve and starts the hub and, unless
// there is none in this telling, the tower; it returns the tower URLs Bob backs up to.
func (r *run) startServices(ctx context.Context, g *errgroup.Group, hubStore, towerStore Store) ([]string, error) {
	n, c := r.n, r.c
	g.Go(func() error { return c.run(ctx) })
	hubAcct := c.Accounts[0]
	if _, err := c.transact(ctx, hubAcct, reserve, nil); err != nil {
		return nil, fmt.Errorf("fund the hub's reserve: %w", err)
	}
	n.Step("An Ethereum chain runs in this process (go-ethereum's simulated backend, chain id %s).", c.ChainID)
	n.Say("ChannelManager deployed at %s with a challenge period of %s.", short(c.ManagerAddr), time.Duration(challengePeriod)*time.Second)
	n.Say("The hub %s funded its reserve in the contract with %s.", short(hubAcct.Addr), ether(reserve))
	n.Say("A block is sealed as each transaction arrives, one more on top to confirm it, and one every %s besides.", heartbeat)

	hp, err := startHub(ctx, g, c, hubStore, r.log)
	if err != nil {
		return nil, err
	}
	r.hub = hp
	n.Step("The hub runs: HTTP API on %s, an indexer following the chain, %s of collateral for each payee.", hp.url, ether(collateral))
	n.Say("It is the cheater of this story, so its own dispute engine is off: it would answer its own stale close.")

	if towerStore == nil {
		n.Step("No watchtower runs in this telling.")
		return nil, nil
	}
	tp, err := startTower(ctx, g, c, towerStore, n, r.log)
	if err != nil {
		return nil, err
	}
	r.tower = tp
	n.Step("A watchtower runs: deposit API on %s, sending from its own account %s (funded at genesis).", tp.url, short(tp.addr))
	n.Say("It indexes the ChannelManager, challenges stale closes at once and settles after the deadline.")
	n.Say("No Slack is configured: its alerts print here.")
	return []string{tp.url}, nil
}

// openChannels has Alice and Bob deposit, gets Bob collateral, and has Alice pay Bob
// through the hub a few times.
func (r *run) openChannels(ctx context.Context, towers []string) (alice, bob *user, err error) {
	n, c := r.n, r.c
	if alice, err = r.openWallet("alice", c.Accounts[1], nil); err != nil {
		return nil, nil, err
	}
	if bob, err = r.openWallet("bob", c.Accounts[2], towers); err != nil {
		return nil, nil, err
	}
	n.Step("Alice %s and Bob %s open channels with the hub over its HTTP API.", short(alice.w.Address()), short(bob.w.Address()))
	if err := r.deposit(ctx, alice, aliceDeposit); err != nil {
		return nil, nil, err
	}
	s, _ := alice.w.Latest()
	n.Say("Alice deposits %s (her channel is at nonce %s).", ether(aliceDeposit), s.Nonce)
	if err := r.deposit(ctx, bob, bobDeposit); err != nil {
		return nil, nil, err
	}
	if err := r.collateral(ctx, bob); err != nil {
		return nil, nil, err
	}
	s, _ = bob.w.Latest()
	n.Say("Bob deposits %s; the hub adds %s toward him from its reserve, so he can be paid (nonce %s).",
		ether(bobDeposit), ether(s.WeiBalances[channel.Hub]), s.Nonce)
	for _, amt := range payments {
		if err := r.pay(ctx, alice, bob, amt); err != nil {
			return nil, nil, err
		}
		s, _ = bob.w.Latest()
		n.Say("Alice pays Bob %s, hashlocked through the hub; Bob claims it with the secret. Bob now has %s (nonce %s).",
			ether(amt), ether(s.WeiBalances[channel.User]), s.Nonce)
	}
	return alice, bob, nil
}

// cheat has the hub close u's channel with the old state that pays u least, and returns
// that state's nonce and the close's block.
func (r *run) cheat(ctx context.Context, u *user, expected, latestNonce *big.Int) (*big.Int, uint64, error) {
	n := r.n
	stale, err := r.staleState(ctx, u.w.Address())
	if err != nil {
		return nil, 0, fmt.Errorf("the hub looks for an old state of %s's: %w", u.name, err)
	}
	staleWei, staleNonce := userSide(stale.State)
	n.Step("The hub cheats: it closes Bob's channel on-chain with an old state both of them signed.")
	n.Say("Its store keeps every state: nonce %s gives Bob %s; his latest, nonce %s, gives him %s.",
		staleNonce, ether(staleWei), latestNonce, ether(expected))
	n.Say("It calls startExitWithUpdate with the nonce-%s state and both signatures.", staleNonce)
	rc, deadline, err := r.exitWith(ctx, stale)
	if err != nil {
		return nil, 0, fmt.Errorf("the hub's stale close: %w", err)
	}
	now, err := r.c.now(ctx)
	if err != nil {
		return nil, 0, err
	}
	n.Say("The close is in block %s (tx %s); the dispute stays open until chain time %d, %s from now.",
		rc.BlockNumber, shortHash(rc.TxHash), deadline, time.Duration(deadline-min(now, deadline))*time.Second)
	return staleNonce, rc.BlockNumber.Uint64(), nil
}
