package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

func hubState(u common.Address, nonce int64, cosigned bool) store.HubState {
	s := state(u, nonce, nonce*10)
	hs := store.HubState{Kind: "pay", Detail: json.RawMessage(`{"n":` + fmt.Sprint(nonce) + `}`), State: s,
		Locks:  []channel.Lock{{Sender: 1, AmountWei: big.NewInt(3), AmountToken: new(big.Int), Hashlock: common.Hash{byte(nonce)}, Expiry: big.NewInt(99)}},
		SigHub: []byte{0x0b}}
	if cosigned {
		hs.SigUser = []byte{0x0a}
	}
	return hs
}

func testHubStates(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(40)
	if _, err := st.HubCosigned(ctx, contract, u); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no channel: got %v", err)
	}
	if _, err := st.HubLatest(ctx, contract, u); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("no channel, newest state: got %v", err)
	}
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
		if tx.LatestNonce().Sign() != 0 || tx.CosignedNonce().Sign() != 0 {
			return fmt.Errorf("fresh channel at %s/%s", tx.LatestNonce(), tx.CosignedNonce())
		}
		empty, err := tx.State(ctx, new(big.Int))
		if err != nil || empty.State.User != u || empty.State.Nonce.Sign() != 0 {
			return fmt.Errorf("empty state %+v: %v", empty, err)
		}
		for n := int64(1); n <= 10; n++ { // 10 sorts before 9 as text
			if err := tx.Append(ctx, hubState(u, n, true)); err != nil {
				return err
			}
		}
		return tx.Append(ctx, hubState(u, 11, false)) // a proposal
	}))
	// Appending out of order is refused and rolls the whole transaction back.
	err := st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
		if err := tx.Append(ctx, hubState(u, 12, true)); err != nil {
			return err
		}
		return tx.Append(ctx, hubState(u, 14, true))
	})
	if !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("gap in nonces: got %v, want ErrStaleNonce", err)
	}
	cos, states, err := st.HubStates(ctx, contract, u, big.NewInt(9))
	must(t, err)
	if cos.Int64() != 10 || len(states) != 3 || states[0].State.Nonce.Int64() != 9 || states[1].State.Nonce.Int64() != 10 ||
		states[2].SigUser != nil {
		t.Fatalf("states from 9: cosigned %s, %d states", cos, len(states))
	}
	if l := states[0].Locks; len(l) != 1 || l[0].Hashlock != (common.Hash{9}) || l[0].AmountWei.Int64() != 3 || detailN(states[0].Detail) != 9 {
		t.Fatalf("state 9 read back = %+v", states[0])
	}
	if c, err := st.HubCosigned(ctx, contract, u); err != nil || c.State.Nonce.Int64() != 10 {
		t.Fatalf("co-signed = %v, %v", c.State, err)
	}
	if l, err := st.HubLatest(ctx, contract, u); err != nil || l.State.Nonce.Int64() != 11 || l.SigUser != nil || detailN(l.Detail) != 11 {
		t.Fatalf("newest state = %+v, %v; want the proposal at 11", l, err)
	}
	// Co-signing past the newest proposal, or at or below the co-signed one, is refused.
	err = st.HubChannel(ctx, contract, u, func(tx store.HubTx) error { return tx.Cosign(ctx, big.NewInt(12), []byte{1}) })
	if !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("co-sign past the proposal: got %v", err)
	}
	err = st.HubChannel(ctx, contract, u, func(tx store.HubTx) error { return tx.Cosign(ctx, big.NewInt(10), []byte{1}) })
	if !errors.Is(err, store.ErrStaleNonce) {
		t.Fatalf("co-sign the co-signed state again: got %v", err)
	}
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error { return tx.Cosign(ctx, big.NewInt(11), []byte{0x0a}) }))
	if c, _ := st.HubCosigned(ctx, contract, u); c.State.Nonce.Int64() != 11 || string(c.SigUser) != "\x0a" {
		t.Fatalf("after co-signing, co-signed = %+v", c)
	}
	// Proposals and a co-signature in one transaction: both nonces are kept, whichever
	// write came last.
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
		for n := int64(12); n <= 13; n++ {
			if err := tx.Append(ctx, hubState(u, n, false)); err != nil {
				return err
			}
		}
		return tx.Cosign(ctx, big.NewInt(12), []byte{0x0c})
	}))
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
		if tx.LatestNonce().Int64() != 13 || tx.CosignedNonce().Int64() != 12 {
			return fmt.Errorf("after two proposals and a co-signature: latest %s, co-signed %s; want 13 and 12", tx.LatestNonce(), tx.CosignedNonce())
		}
		return nil
	}))
	if c, _ := st.HubCosigned(ctx, contract, u); c.State.Nonce.Int64() != 12 || string(c.SigUser) != "\x0c" {
		t.Fatalf("co-signed in the proposals' transaction = %+v", c)
	}
	// One co-signature covers the proposals under it: the state it signs is the co-signed
	// one, those it skips stay unsigned.
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
		if err := tx.Append(ctx, hubState(u, 14, false)); err != nil {
			return err
		}
		return tx.Append(ctx, hubState(u, 15, false))
	}))
	must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error { return tx.Cosign(ctx, big.NewInt(15), []byte{0x0f}) }))
	cos, states, err = st.HubStates(ctx, contract, u, big.NewInt(14))
	must(t, err)
	if cos.Int64() != 15 || len(states) != 2 || states[0].SigUser != nil || string(states[1].SigUser) != "\x0f" {
		t.Fatalf("after co-signing 15 over 14: co-signed %s, states %+v", cos, states)
	}
	if c, _ := st.HubCosigned(ctx, contract, u); c.State.Nonce.Int64() != 15 {
		t.Fatalf("after co-signing 15 over 14, co-signed = %s", c.State.Nonce)
	}
	// Open proposals: the newest state, co-signed, with a timeout.
	p := hubState(user(41), 1, true)
	p.State.Timeout = big.NewInt(500)
	must(t, st.HubChannel(ctx, contract, user(41), func(tx store.HubTx) error { return tx.Append(ctx, p) }))
	open, err := st.HubOpenProposals(ctx, contract)
	must(t, err)
	if len(open) != 1 || open[0].State.User != user(41) || open[0].State.Timeout.Int64() != 500 {
		t.Fatalf("open proposals = %+v", open)
	}
}

func testPayments(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	payer, payee := user(50), user(51)
	p := store.Payment{Contract: contract, Hashlock: common.Hash{0x51}, Payer: payer, Payee: payee, AmountWei: big.NewInt(7),
		AmountToken: new(big.Int), PayerExpiry: 900, PayeeExpiry: 600, SealedSecret: []byte{0x5e}, Status: store.PayLocked}
	var id int64
	must(t, st.HubChannel(ctx, contract, payer, func(tx store.HubTx) error {
		var err error
		id, err = tx.InsertPayment(ctx, p)
		return err
	}))
	err := st.HubChannel(ctx, contract, payer, func(tx store.HubTx) error { _, err := tx.InsertPayment(ctx, p); return err })
	if !errors.Is(err, store.ErrNonceConflict) {
		t.Fatalf("hashlock reused: got %v", err)
	}
	secret := common.Hash{0x5c}
	var moved, stay bool
	must(t, st.HubChannel(ctx, contract, payee, func(tx store.HubTx) error {
		var err error
		if stay, err = tx.SetPayment(ctx, contract, p.Hashlock, store.PayRefunded, nil, store.PayClaimed); err != nil {
			return err
		}
		moved, err = tx.SetPayment(ctx, contract, p.Hashlock, store.PayClaimed, &secret, store.PayLocked, store.PayForwarded)
		return err
	}))
	if stay || !moved {
		t.Fatalf("guarded transitions: from claimed %v (want false), from locked %v (want true)", stay, moved)
	}
	got, err := st.Payment(ctx, contract, p.Hashlock)
	must(t, err)
	if got.ID != id || got.Status != store.PayClaimed || got.Secret == nil || *got.Secret != secret || got.AmountWei.Int64() != 7 ||
		got.PayeeExpiry != 600 || got.CreatedAt.IsZero() {
		t.Fatalf("payment = %+v", got)
	}
	if _, err := st.Payment(ctx, contract, common.Hash{0x99}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown payment: got %v", err)
	}
	if open, _ := st.OpenPayments(ctx, contract); len(open) != 1 {
		t.Fatalf("open payments = %d, want 1", len(open))
	}
	must(t, st.HubChannel(ctx, contract, payer, func(tx store.HubTx) error {
		_, err := tx.SetPayment(ctx, contract, p.Hashlock, store.PayCompleted, nil)
		return err
	}))
	if open, _ := st.OpenPayments(ctx, contract); len(open) != 0 {
		t.Fatalf("open payments after completion = %d", len(open))
	}
	for _, u := range []common.Address{payer, payee} {
		if ps, _ := st.Payments(ctx, contract, u, 10); len(ps) != 1 || ps[0].Secret == nil {
			t.Fatalf("payments of %s = %+v", u, ps)
		}
	}
}

func testAuth(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	u := user(60)
	n1, n2, n3 := common.Hash{1}, common.Hash{2}, common.Hash{3}
	must(t, st.NewAuthNonce(ctx, n1, u, time.Now().Add(time.Minute)))
	must(t, st.NewAuthNonce(ctx, n2, u, time.Now().Add(-time.Second)))
	must(t, st.NewAuthNonce(ctx, n3, user(61), time.Now().Add(time.Minute)))
	if ok, err := st.UseAuthNonce(ctx, n1, u); err != nil || !ok {
		t.Fatalf("fresh nonce: %v %v", ok, err)
	}
	for name, c := range map[string]struct {
		n common.Hash
		u common.Address
	}{"reused": {n1, u}, "expired": {n2, u}, "another user's": {n3, u}, "unknown": {common.Hash{4}, u}} {
		if ok, err := st.UseAuthNonce(ctx, c.n, c.u); err != nil || ok {
			t.Fatalf("%s nonce accepted (%v)", name, err)
		}
	}
	if _, err := st.UserKey(ctx, u); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown key: got %v", err)
	}
	must(t, st.PutUserKey(ctx, u, []byte{4, 1}))
	must(t, st.PutUserKey(ctx, u, []byte{4, 2})) // the first key stays
	if k, _ := st.UserKey(ctx, u); string(k) != "\x04\x01" {
		t.Fatalf("key = %x", k)
	}
}

// testLockResolutions: a settled state's locks are recorded once each, with the index that
// places them in the state's lock list (migration 00007 keeps no proofs: the contract
// resolves the whole list), and leave the pending set when resolved.
func testLockResolutions(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	r := store.LockResolution{Contract: contract, User: user(70), SettledNonce: big.NewInt(12),
		Lock: channel.Lock{Index: 3, Sender: 0, AmountWei: big.NewInt(5), AmountToken: new(big.Int), Hashlock: common.Hash{0x70}, Expiry: big.NewInt(800)}}
	must(t, st.AddLockResolutions(ctx, []store.LockResolution{r, r}))
	must(t, st.AddLockResolutions(ctx, []store.LockResolution{r}))
	got, err := st.PendingLockResolutions(ctx, contract)
	must(t, err)
	if len(got) != 1 || got[0].SettledNonce.Int64() != 12 || got[0].Lock.AmountWei.Int64() != 5 || got[0].Lock.Index != 3 {
		t.Fatalf("pending = %+v", got)
	}
	must(t, st.LockResolved(ctx, r))
	if got, _ := st.PendingLockResolutions(ctx, contract); len(got) != 0 {
		t.Fatalf("pending after resolution = %+v", got)
	}
}

// testConcurrentWriters has many goroutines deposit states and update hub channels at
// once: none may fail (SQLite must queue writers, not answer "database is locked") and
// every write must be there afterwards.
func testConcurrentWriters(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	const writers, each = 16, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Go(func() {
			u := user(200 + w)
			for n := int64(1); n <= each; n++ {
				s := stored(state(u, n, n))
				if _, _, err := st.PutState(ctx, s, receipt(s)); err != nil {
					errs <- fmt.Errorf("writer %d nonce %d: %w", w, n, err)
				}
				err := st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
					if _, err := tx.State(ctx, tx.LatestNonce()); err != nil {
						return err
					}
					return tx.Append(ctx, hubState(u, n, true))
				})
				if err != nil {
					errs <- fmt.Errorf("writer %d hub nonce %d: %w", w, n, err)
				}
				if _, err := st.State(ctx, contract, u); err != nil {
					errs <- fmt.Errorf("writer %d read: %w", w, err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for w := range writers {
		u := user(200 + w)
		if s, err := st.State(ctx, contract, u); err != nil || s.State.Nonce.Int64() != each {
			t.Fatalf("writer %d: stored nonce %v, %v", w, s.State, err)
		}
		if c, err := st.HubCosigned(ctx, contract, u); err != nil || c.State.Nonce.Int64() != each {
			t.Fatalf("writer %d: hub co-signed %v, %v", w, c.State, err)
		}
	}
}

// testLeadership checks that two handles on one database never lead at once, and that
// the second leads once the first lets go.
func testLeadership(t *testing.T, f Factory) {
	st := f.New(t)
	if f.Reopen == nil {
		t.Skip("the backend has one handle per database")
	}
	other := f.Reopen(t, st)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	const key = 4242
	cfg := store.LeadConfig{Retry: 20 * time.Millisecond, Check: 100 * time.Millisecond, Failover: 2 * time.Second}
	l1, err := st.Lead(ctx, key, cfg)
	must(t, err)
	short, cancelShort := context.WithTimeout(ctx, 300*time.Millisecond)
	if l, err := other.Lead(short, key, cfg); err == nil {
		l.Release()
		t.Fatal("a second handle led while the first held the lease")
	}
	cancelShort()
	got := make(chan error, 1)
	go func() {
		l2, err := other.Lead(ctx, key, cfg)
		if err == nil {
			l2.Release()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	l1.Release()
	if l1.Context().Err() == nil {
		t.Fatal("a released lease's context is still live")
	}
	if err := <-got; err != nil {
		t.Fatalf("second handle after release: %v", err)
	}
}

// detailN decodes the test detail {"n": N}; stores may normalise the JSON's spacing.
func detailN(b json.RawMessage) int {
	var d struct{ N int }
	if err := json.Unmarshal(b, &d); err != nil {
		return -1
	}
	return d.N
}

// testHubFrozen: the reconciler's reads and marks. HubFinalStates lists a channel whose
// newest state is co-signed, the hub's latest and final, and no other; a channel is
// frozen with its reason (made if the hub has no row of it yet) and thawed with "".
func testHubFrozen(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	final, proposal, unsigned := user(50), user(51), user(52)
	must(t, st.HubChannel(ctx, contract, final, func(tx store.HubTx) error { return tx.Append(ctx, hubState(final, 1, true)) }))
	p := hubState(proposal, 1, true)
	p.State.Timeout = big.NewInt(500)
	must(t, st.HubChannel(ctx, contract, proposal, func(tx store.HubTx) error { return tx.Append(ctx, p) }))
	must(t, st.HubChannel(ctx, contract, unsigned, func(tx store.HubTx) error { return tx.Append(ctx, hubState(unsigned, 1, false)) }))
	states, err := st.HubFinalStates(ctx, contract)
	must(t, err)
	if len(states) != 1 || states[0].State.User != final || states[0].State.Nonce.Int64() != 1 {
		t.Fatalf("final states = %+v, want only %s's state 1", states, final)
	}

	frozen, err := st.HubFrozen(ctx, contract)
	must(t, err)
	if len(frozen) != 0 {
		t.Fatalf("frozen before any freeze: %v", frozen)
	}
	fresh := user(53) // no row yet
	must(t, st.SetHubFrozen(ctx, contract, final, "books say 10, the chain 9"))
	must(t, st.SetHubFrozen(ctx, contract, fresh, "unknown"))
	frozen, err = st.HubFrozen(ctx, contract)
	must(t, err)
	if len(frozen) != 2 || frozen[final] != "books say 10, the chain 9" || frozen[fresh] != "unknown" {
		t.Fatalf("frozen = %v", frozen)
	}
	must(t, st.SetHubFrozen(ctx, contract, final, ""))
	frozen, err = st.HubFrozen(ctx, contract)
	must(t, err)
	if _, ok := frozen[final]; ok || len(frozen) != 1 {
		t.Fatalf("after thawing %s: frozen = %v", final, frozen)
	}
	// A frozen channel keeps its states; freezing touches nothing else.
	if c, err := st.HubCosigned(ctx, contract, final); err != nil || c.State.Nonce.Int64() != 1 {
		t.Fatalf("co-signed after freeze and thaw = %v, %v", c.State, err)
	}
}

// testClaimAndUncollected: ClaimPayment moves only a forwarded payment to claimed, with
// its secret and the chain time of the claim, which the payment reads back (0 before);
// Uncollected sums, in the payer's channel transaction, what the payer's locked,
// forwarded and claimed payments hold, and nothing of its completed, refunded or
// failed ones, nor of another payer's, nor of what it receives.
func testClaimAndUncollected(t *testing.T, f Factory) {
	ctx, st := context.Background(), f.New(t)
	payer, payee, other := user(52), user(53), user(54)
	big1e30 := new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil) // beyond float precision
	pay := func(n byte, from, to common.Address, wei int64, status string) store.Payment {
		p := store.Payment{Contract: contract, Hashlock: common.Hash{0x60, n}, Payer: from, Payee: to,
			AmountWei: new(big.Int).Add(big1e30, big.NewInt(wei)), AmountToken: big.NewInt(int64(n)), PayerExpiry: 900, PayeeExpiry: 600,
			SealedSecret: []byte{n}, Status: status}
		must(t, st.HubChannel(ctx, contract, from, func(tx store.HubTx) error { _, err := tx.InsertPayment(ctx, p); return err }))
		return p
	}
	locked := pay(1, payer, payee, 1, store.PayLocked)
	forwarded := pay(2, payer, payee, 2, store.PayForwarded)
	pay(3, payer, payee, 4, store.PayCompleted)
	pay(4, payer, payee, 8, store.PayRefunded)
	pay(5, payer, payee, 16, store.PayFailed)
	pay(6, other, payer, 32, store.PayForwarded) // the payer receives it
	if got, err := st.Payment(ctx, contract, forwarded.Hashlock); err != nil || got.ClaimedAt != 0 {
		t.Fatalf("forwarded payment: claimed at %d, %v; want 0", got.ClaimedAt, err)
	}
	secret := common.Hash{0x5d}
	var fromLocked, fromForwarded, again bool
	must(t, st.HubChannel(ctx, contract, payee, func(tx store.HubTx) error {
		var err error
		if fromLocked, err = tx.ClaimPayment(ctx, contract, locked.Hashlock, secret, 700); err != nil {
			return err
		}
		if fromForwarded, err = tx.ClaimPayment(ctx, contract, forwarded.Hashlock, secret, 777); err != nil {
			return err
		}
		again, err = tx.ClaimPayment(ctx, contract, forwarded.Hashlock, secret, 800)
		return err
	}))
	if fromLocked || !fromForwarded || again {
		t.Fatalf("claims: from locked %v (want false), from forwarded %v (want true), twice %v (want false)", fromLocked, fromForwarded, again)
	}
	got, err := st.Payment(ctx, contract, forwarded.Hashlock)
	must(t, err)
	if got.Status != store.PayClaimed || got.ClaimedAt != 777 || got.Secret == nil || *got.Secret != secret {
		t.Fatalf("claimed payment: %s at %d with secret %v, want claimed at 777 with %s", got.Status, got.ClaimedAt, got.Secret, secret)
	}
	if open, _ := st.OpenPayments(ctx, contract); len(open) == 0 || open[len(open)-1].ClaimedAt != 0 {
		t.Fatalf("open payments do not read claimed_at: %+v", open)
	}
	uncollected := func(u common.Address) (wei, tok *big.Int) {
		must(t, st.HubChannel(ctx, contract, u, func(tx store.HubTx) error {
			var err error
			wei, tok, err = tx.Uncollected(ctx)
			return err
		}))
		return wei, tok
	}
	// locked (1) and claimed (2), each 10^30 more: exact, as the store keeps amounts.
	wantWei := new(big.Int).Add(new(big.Int).Mul(big1e30, big.NewInt(2)), big.NewInt(3))
	if wei, tok := uncollected(payer); wei.Cmp(wantWei) != 0 || tok.Int64() != 3 {
		t.Fatalf("payer's uncollected: %s wei, %s tokens; want %s and 3", wei, tok, wantWei)
	}
	if wei, tok := uncollected(payee); wei.Sign() != 0 || tok.Sign() != 0 {
		t.Fatalf("payee's uncollected: %s wei, %s tokens; want none (it pays nothing)", wei, tok)
	}
	must(t, st.HubChannel(ctx, contract, payer, func(tx store.HubTx) error {
		_, err := tx.SetPayment(ctx, contract, forwarded.Hashlock, store.PayCompleted, nil, store.PayClaimed)
		return err
	}))
	if wei, _ := uncollected(payer); wei.Cmp(new(big.Int).Add(big1e30, big.NewInt(1))) != 0 {
		t.Fatalf("payer's uncollected after the collection: %s wei", wei)
	}
}
