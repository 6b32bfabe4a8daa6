package hub_test

import (
	"crypto/rand"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto/ecies"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestHostileBatchRefusedWhole: a hostile hub shows Bob, who holds an incoming payment, a
// batch of two proposals: a fair one (a further incoming lock, which he would co-sign on
// its own) and, on top of it, the cancel of his payment (a lock given back to the hub).
// His wallet checks every step before it signs anything: the whole batch is refused,
// nothing is signed — not even the fair proposal under the unfair one.
func TestHostileBatchRefusedWhole(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	hh := newHostileHub(t, e)
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], hh.via, manualClaim)
	hl, _ := e.heldPayment(alice, bob, eth(5))
	before, locks := bob.Latest()

	fair, err := e.hubSignedOn(before, locks, wire.RoleForward, wire.Detail{Update: channel.Update{Kind: channel.KindLock,
		Lock: &channel.Lock{Sender: channel.Hub, AmountWei: big.NewInt(1), AmountToken: new(big.Int), Hashlock: common.Hash{0xfa},
			Expiry: new(big.Int).SetUint64(e.now() + 600)}}})
	if err != nil {
		t.Fatal(err)
	}
	unfair, err := e.hubSignedOn(fair.State, fair.Locks, wire.RoleReturn, wire.Detail{Update: channel.Update{Kind: channel.KindCancel, Hashlock: &hl}})
	if err != nil {
		t.Fatal(err)
	}
	hh.mu.Lock()
	hh.rewrite = func(ch *wire.HubChannel) { ch.Proposals = []wire.HubState{fair, unfair} }
	hh.swallowCosign = func(wire.HubCosign) bool { return true }
	hh.cosigns = nil // those of the setup
	hh.mu.Unlock()

	if err := bob.Sync(t.Context()); !errors.Is(err, client.ErrUnfair) {
		t.Fatalf("sync with a batch holding the cancel of bob's payment: %v, want ErrUnfair", err)
	}
	if s, locks := bob.Latest(); s.Nonce.Cmp(before.Nonce) != 0 || channel.FindLock(locks, hl) == nil {
		t.Fatalf("bob's wallet moved to nonce %s (from %s) or lost the payment's lock", s.Nonce, before.Nonce)
	}
	hh.mu.Lock()
	defer hh.mu.Unlock()
	if len(hh.cosigns) != 0 {
		t.Fatalf("bob's wallet sent %d co-signatures (nonce %s first) for a batch it must refuse whole", len(hh.cosigns), hh.cosigns[0].Nonce.V)
	}
}

// TestIntentOnTopOfProposals: an intent is applied on top of the hub's proposals that
// await the user's signature (a request is refused sync_first there), and one
// co-signature of its state covers them: Bob, offline while paid, claims the forward with
// the secret before co-signing it, and co-signs only the claim. The hub acts on both (the
// payment is completed from the payer), keeps the forward unsigned, and refuses a
// co-signature below the one it holds.
func TestIntentOnTopOfProposals(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1], manualClaim)
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	cosignedBefore, _ := bob.Latest()
	hl, err := alice.Pay(t.Context(), bob.Address(), client.Ether, eth(1))
	if err != nil {
		t.Fatal(err)
	}
	secret, _ := alice.Secret(hl)
	e.eventually("the forward to be proposed to bob", func() bool { return e.paymentStatus(hl) == store.PayForwarded })
	view, err := e.h.View(t.Context(), bob.Address(), cosignedBefore.Nonce)
	if err != nil || len(view.Proposals) != 1 {
		t.Fatalf("bob's channel: %d proposals, %v; want the forward", len(view.Proposals), err)
	}
	forward := view.Proposals[0]

	claim := channel.Update{Kind: channel.KindClaim, Secret: &secret}
	next := new(big.Int).Add(forward.State.Nonce, big.NewInt(1))
	if _, err := e.h.Request(t.Context(), bob.Address(), hub.Request{Update: claim, Nonce: next}); !errors.Is(err, hub.ErrSyncFirst) {
		t.Fatalf("a request over an unsigned proposal: %v, want sync_first", err)
	}
	if _, _, err := e.h.Intent(t.Context(), bob.Address(), hub.Request{Update: claim, Nonce: next}); !errors.Is(err, channel.ErrInvalidField) {
		t.Fatalf("an intent naming a nonce: %v, want it refused", err)
	}
	alicesBefore, _ := alice.Latest()
	c, then, err := e.h.Intent(t.Context(), bob.Address(), hub.Request{Update: claim})
	if err != nil {
		t.Fatal(err)
	}
	// The claim's collection from the payer waits for then, after the payee's answer.
	if v, err := e.h.View(t.Context(), alice.Address(), alicesBefore.Nonce); err != nil || len(v.Proposals) != 0 {
		t.Fatalf("the payer's proposals before the intent's then ran: %d, %v; want none yet", len(v.Proposals), err)
	}
	then()
	if v, err := e.h.View(t.Context(), alice.Address(), alicesBefore.Nonce); err != nil || len(v.Proposals) != 1 || v.Proposals[0].Kind != wire.RoleCollect {
		t.Fatalf("the payer's proposals after the intent's then ran: %d, %v; want the collect", len(v.Proposals), err)
	}
	if len(c.Proposals) != 2 || c.Proposals[0].State.Nonce.Cmp(forward.State.Nonce) != 0 || c.Proposals[1].State.Nonce.Cmp(next) != 0 ||
		c.Proposals[1].Kind != wire.RoleClaim {
		t.Fatalf("the intent's answer: %d proposals; want the forward, then the claim at %s", len(c.Proposals), next)
	}
	digest, _ := e.c.Domain.Digest(c.Proposals[1].State)
	sig, err := channel.Sign(digest, e.users[1].Key)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.h.Cosign(t.Context(), bob.Address(), next, sig); err != nil {
		t.Fatalf("co-signing the claim over the forward: %v", err)
	}
	fs, _ := e.c.Domain.Digest(forward.State)
	fsig, _ := channel.Sign(fs, e.users[1].Key)
	if err := e.h.Cosign(t.Context(), bob.Address(), forward.State.Nonce, fsig); !errors.Is(err, channel.ErrNonce) {
		t.Fatalf("co-signing the covered forward afterwards: %v, want a nonce refusal", err)
	}
	cos, states, err := e.st.HubStates(t.Context(), e.c.ManagerAddr, bob.Address(), forward.State.Nonce)
	if err != nil || cos.Cmp(next) != 0 || len(states) != 2 || states[0].SigUser != nil {
		t.Fatalf("bob's co-signed nonce %s, %d states, %v; want the claim co-signed over the unsigned forward", cos, len(states), err)
	}
	e.eventually("the payment to complete", func() bool { return e.paymentStatus(hl) == store.PayCompleted }, alice)
}

// TestCosignCoversFinalStatesOnly: a hostile payer stacks a payment intent and, on top of
// it, a withdrawal proposal, and co-signs only the proposal: the only state both sides
// signed holding its lock would be one a dispute does not take, and the hub could not
// collect. The hub refuses that co-signature and forwards nothing; co-signed in order
// (the payment's state, then the proposal alone) both go through.
func TestCosignCoversFinalStatesOnly(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	ctx := t.Context()
	pay := e.payIntent(t, alice, bob, eth(1))
	ops := channel.NewOps()
	ops.Wei[channel.UserWithdrawal] = eth(1)
	me := alice.Address()
	c, then, err := e.h.Intent(ctx, me, hub.Request{Update: channel.Update{Kind: channel.KindPropose, Ops: &ops, Recipient: &me,
		Timeout: e.now() + 600}})
	if err != nil {
		t.Fatal(err)
	}
	then()
	proposal := c.Proposals[len(c.Proposals)-1]
	sign := func(hs store.HubState) []byte {
		d, _ := e.c.Domain.Digest(hs.State)
		sig, err := channel.Sign(d, e.users[0].Key)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	if err := e.h.Cosign(ctx, me, proposal.State.Nonce, sign(proposal)); !errors.Is(err, channel.ErrNonce) {
		t.Fatalf("a co-signature of a proposal over the payment's state: %v, want it refused", err)
	}
	if _, err := e.st.Payment(ctx, e.c.ManagerAddr, pay.hashlock); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the payment under a refused co-signature was started: %v", err)
	}
	if err := e.h.Cosign(ctx, me, pay.state.State.Nonce, sign(pay.state)); err != nil {
		t.Fatalf("co-signing the payment's state: %v", err)
	}
	if err := e.h.Cosign(ctx, me, proposal.State.Nonce, sign(proposal)); err != nil {
		t.Fatalf("co-signing the proposal alone after it: %v", err)
	}
}

// TestStackedIntentsCapped: payment intents stacked above the co-signed state count
// against the cap on what the hub pays out for a payer before it collects: the user's one
// co-signature of the newest would start them all.
func TestStackedIntentsCapped(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: func(c *hub.Config) { c.MaxUncollectedPerPayer = eth(2) }})
	alice, bob := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(alice, eth(5))
	e.deposit(bob, eth(5))
	e.collateral(bob)
	e.payIntent(t, alice, bob, eth(1))
	e.payIntent(t, alice, bob, eth(1))
	if _, _, err := e.h.Intent(t.Context(), alice.Address(), e.payRequest(t, alice, bob, eth(1))); !errors.Is(err, hub.ErrUncollectedCap) {
		t.Fatalf("a third stacked payment intent past a cap of 2 ether: %v, want uncollected_cap", err)
	}
}

// stacked is a payment intent the hub took: its hashlock and the state it signed.
type stacked struct {
	hashlock common.Hash
	state    store.HubState
}

// payRequest is a payment of wei from a to b (the env's second user) as a wallet asks for
// it, with a fresh secret sealed to b's key.
func (e *env) payRequest(t *testing.T, a, b *client.Wallet, wei *big.Int) hub.Request {
	t.Helper()
	var secret common.Hash
	if _, err := rand.Read(secret[:]); err != nil {
		t.Fatal(err)
	}
	sealed, err := ecies.Encrypt(rand.Reader, ecies.ImportECDSAPublic(&e.users[1].Key.PublicKey), secret[:], nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := channel.Lock{Sender: channel.User, AmountWei: wei, AmountToken: new(big.Int), Hashlock: channel.HashSecret(secret),
		Expiry: new(big.Int).SetUint64(e.now() + 3600)}
	return hub.Request{Update: channel.Update{Kind: channel.KindLock, Lock: &l}, Payee: b.Address(), SealedSecret: sealed}
}

// payIntent has the hub take a payment intent of a's, not co-signed.
func (e *env) payIntent(t *testing.T, a, b *client.Wallet, wei *big.Int) stacked {
	t.Helper()
	r := e.payRequest(t, a, b, wei)
	c, then, err := e.h.Intent(t.Context(), a.Address(), r)
	if err != nil {
		t.Fatal(err)
	}
	then()
	return stacked{hashlock: r.Update.Lock.Hashlock, state: c.Proposals[len(c.Proposals)-1]}
}
