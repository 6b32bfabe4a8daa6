package hub_test

import (
	"context"
	"encoding/binary"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/internal/simchain"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
)

// signer is a user driven in-process, as a hostile or scripted wallet would be over the
// API: it keeps its newest co-signed state and signs the next one itself.
type signer struct {
	acct  simchain.Account
	state *channel.State
	locks []channel.Lock
}

func (e *env) signerOf(a simchain.Account) *signer {
	e.t.Helper()
	v, err := e.h.View(e.t.Context(), a.Addr, big.NewInt(0))
	if err != nil || v.Cosigned == nil {
		e.t.Fatalf("view of %s: %v", a.Addr, err)
	}
	if len(v.Proposals) > 0 {
		e.t.Fatalf("%s has %d proposals to co-sign", a.Addr, len(v.Proposals))
	}
	return &signer{acct: a, state: v.Cosigned.State, locks: v.Cosigned.Locks}
}

// request asks the hub, user first, for u on top of the signer's state.
func (s *signer) request(ctx context.Context, e *env, u channel.Update, payee common.Address) error {
	next, _, err := u.Apply(s.state, s.locks)
	if err != nil {
		return err
	}
	d, err := e.c.Domain.Digest(next)
	if err != nil {
		return err
	}
	sig, err := channel.Sign(d, s.acct.Key)
	if err != nil {
		return err
	}
	r := hub.Request{Update: u, Nonce: next.Nonce, SigUser: sig}
	if payee != (common.Address{}) {
		r.Payee, r.SealedSecret = payee, []byte{1} // sealed to nobody: the test holds the secret
	}
	out, err := e.h.Request(ctx, s.acct.Addr, r)
	if err != nil {
		return err
	}
	s.state, s.locks = out.State, out.Locks
	return nil
}

// cosignAll co-signs every proposal the hub made to the signer, in order.
func (s *signer) cosignAll(ctx context.Context, e *env) error {
	v, err := e.h.View(ctx, s.acct.Addr, big.NewInt(0))
	if err != nil {
		return err
	}
	for _, p := range v.Proposals {
		d, err := e.c.Domain.Digest(p.State)
		if err != nil {
			return err
		}
		sig, err := channel.Sign(d, s.acct.Key)
		if err != nil {
			return err
		}
		if err := e.h.Cosign(ctx, s.acct.Addr, p.State.Nonce, sig); err != nil {
			return err
		}
		s.state, s.locks = p.State, p.Locks
	}
	return nil
}

// TestLastMomentClaimsRegisteredInTime: 500 payments from 10 payers to 10 payees are all
// claimed at the last moment — the chain stands still while the claims arrive, the second
// before the payees' locks expire — and every payer withholds its co-signature of the
// hub's collection. So all 500 secrets become due at once, with lock_margin (10 blocks of
// a second) left before the payers' locks expire. Every one must be registered on-chain
// by then, in few transactions, each secret in one.
func TestLastMomentClaimsRegisteredInTime(t *testing.T) {
	const payers, payees, perPayer = 10, 10, 50
	e := newEnv(t, envConfig{users: payers + payees, configure: shortLocks})
	ctx := t.Context()
	for _, u := range e.users {
		w := e.wallet(u)
		e.deposit(w, eth(1))
		if len(e.users)-payees <= indexOf(e.users, u) {
			e.collateral(w)
		}
	}
	ps, qs := make([]*signer, payers), make([]*signer, payees)
	for i := range ps {
		ps[i] = e.signerOf(e.users[i])
	}
	for i := range qs {
		qs[i] = e.signerOf(e.users[payers+i])
	}
	// Blocks of a second from now on: lock_margin is 10 blocks.
	e.blockEvery.Store(int64(time.Second))
	expiry := e.now() + 100
	amount := new(big.Int).Div(simchain.Ether, big.NewInt(100))
	type payment struct {
		payee          int
		hashlock, secr common.Hash
	}
	pays := make([][]payment, payers)
	var wg sync.WaitGroup
	errs := make(chan error, payers+payees)
	for i := range payers {
		wg.Go(func() {
			for k := range perPayer {
				var b [8]byte
				binary.BigEndian.PutUint64(b[:], uint64(i*perPayer+k))
				secret := crypto.Keccak256Hash([]byte("last-moment"), b[:])
				hl := channel.HashSecret(secret)
				q := (i + k) % payees
				l := channel.Lock{Sender: channel.User, AmountWei: amount, AmountToken: new(big.Int), Hashlock: hl,
					Expiry: new(big.Int).SetUint64(expiry)}
				if err := ps[i].request(ctx, e, channel.Update{Kind: channel.KindLock, Lock: &l}, qs[q].acct.Addr); err != nil {
					errs <- err
					return
				}
				pays[i] = append(pays[i], payment{q, hl, secret})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("paying: %v", err)
	}
	for _, q := range qs {
		if err := q.cosignAll(ctx, e); err != nil {
			t.Fatalf("payee co-signing its incoming locks: %v", err)
		}
	}
	byPayee := make([][]payment, payees)
	for i := range pays {
		for _, p := range pays[i] {
			if st := e.paymentStatus(p.hashlock); st != store.PayForwarded {
				t.Fatalf("payment %s %s, want forwarded", p.hashlock, st)
			}
			byPayee[p.payee] = append(byPayee[p.payee], p)
		}
	}
	payeeExpiry := expiry - 10 // shortLocks' margin

	// The last moment: the chain stands at the second before the payees' locks expire
	// while every payee claims.
	e.chainMu.Lock()
	// AdvanceTime mines the adjusted block and one more, a second later.
	if err := e.c.AdvanceTime(time.Duration(payeeExpiry-2-e.now()) * time.Second); err != nil {
		e.chainMu.Unlock()
		t.Fatal(err)
	}
	if now := e.now(); now != payeeExpiry-1 {
		e.chainMu.Unlock()
		t.Fatalf("chain time %d for the claims, want %d", now, payeeExpiry-1)
	}
	errs = make(chan error, payees)
	for q := range payees {
		wg.Go(func() {
			for _, p := range byPayee[q] {
				s := p.secr
				if err := qs[q].request(ctx, e, channel.Update{Kind: channel.KindClaim, Secret: &s}, common.Address{}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	e.chainMu.Unlock()
	close(errs)
	for err := range errs {
		t.Fatalf("claiming: %v", err)
	}
	for i := range pays {
		for _, p := range pays[i] {
			if st := e.paymentStatus(p.hashlock); st != store.PayClaimed {
				t.Fatalf("payment %s %s after the claims, want claimed (the payer withholds)", p.hashlock, st)
			}
		}
	}

	// The payers' locks expire lock_margin later; every secret must be on-chain by then.
	wait.For(t, "the chain to reach the payers' expiry", func() bool { return e.now() > expiry+2 })
	late := 0
	for i := range pays {
		for _, p := range pays[i] {
			at, err := bind.Call(e.c.Manager, nil, e.c.ManagerABI.PackSecretRegisteredAt(p.hashlock), e.c.ManagerABI.UnpackSecretRegisteredAt)
			if err != nil {
				t.Fatal(err)
			}
			if at.Sign() == 0 || at.Uint64() > expiry {
				late++
			}
		}
	}
	// What it took: the hub's registrations in the outbox, and their gas.
	var entries, included, gas, secretsSent uint64
	seen := map[common.Hash]int{}
	users := append(addrs(e.users[:payers]), common.Address{})
	for _, u := range users {
		txs, err := e.st.ChannelTxs(ctx, e.c.ManagerAddr, u)
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range txs {
			if !strings.HasPrefix(string(tx.Kind), "register_secret") {
				continue
			}
			entries++
			secrets := registeredIn(t, tx)
			secretsSent += uint64(len(secrets))
			for _, s := range secrets {
				seen[s]++
			}
			if tx.TxHash == (common.Hash{}) {
				continue
			}
			r, err := e.c.Client.TransactionReceipt(ctx, tx.TxHash)
			if err != nil {
				t.Fatal(err)
			}
			included++
			gas += r.GasUsed
			t.Logf("entry %d (%s, arm %d, deadline %d): %d secrets, block %d, %d gas", tx.ID, tx.Kind, tx.Arm, tx.Deadline, len(secrets),
				r.BlockNumber, r.GasUsed)
		}
	}
	t.Logf("500 last-moment claims: %d outbox entries (%d included) carrying %d secrets, %d gas (%d a secret); %d registered late",
		entries, included, secretsSent, gas, gas/max(secretsSent, 1), late)
	if late > 0 {
		t.Errorf("%d of %d secrets not registered by their payer's lock expiry", late, payers*perPayer)
	}
	if entries > 10 {
		t.Errorf("%d outbox entries for 500 secrets: want them batched (at most 10)", entries)
	}
	for s, n := range seen {
		if n > 1 {
			t.Errorf("secret %s sent in %d entries, want one", s, n)
		}
	}
}

func indexOf(as []simchain.Account, a simchain.Account) int {
	for i := range as {
		if as[i].Addr == a.Addr {
			return i
		}
	}
	return -1
}

// registeredIn returns the secrets an outbox entry registers: registerSecret's one or
// registerSecrets' list.
func registeredIn(t *testing.T, tx store.OutboxTx) []common.Hash {
	t.Helper()
	a := bindings.NewChannelManager().GetABI()
	m, err := a.MethodById(tx.Calldata[:4])
	if err != nil {
		t.Fatal(err)
	}
	args, err := m.Inputs.Unpack(tx.Calldata[4:])
	if err != nil {
		t.Fatal(err)
	}
	switch v := args[0].(type) {
	case [32]byte:
		return []common.Hash{v}
	case [][32]byte:
		out := make([]common.Hash, len(v))
		for i := range v {
			out[i] = v[i]
		}
		return out
	}
	t.Fatalf("entry %d calls %s", tx.ID, m.Name)
	return nil
}
