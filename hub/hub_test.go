package hub_test

import (
	"context"
	"errors"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// pay sends wei from one wallet to another and waits until the payment completed: the
// payee claimed and the payer co-signed the hub's claim. A missing collateral top-up is
// waited for and the payment retried.
func (e *env) pay(from, to *client.Wallet, wei *big.Int) common.Hash {
	e.t.Helper()
	for range 20 {
		hl, err := from.Pay(e.t.Context(), to.Address(), client.Ether, wei)
		var he *client.HubError
		if errors.As(err, &he) && he.Code == wire.CodeCollateral {
			e.eventually("collateral toward "+to.Address().Hex(), func() bool {
				h, _ := balance(to)
				return e.settled(to) && h.Cmp(wei) >= 0
			}, to)
			continue
		}
		if err != nil {
			e.t.Fatal(err)
		}
		e.eventually("payment "+hl.Hex()+" to complete", func() bool {
			p, err := e.st.Payment(e.t.Context(), e.c.ManagerAddr, hl)
			return err == nil && p.Status == store.PayCompleted
		}, to, from)
		return hl
	}
	e.t.Fatal("payment never went through")
	return common.Hash{}
}

// TestThreeUsers: three users deposit, get collateral, pay each other many times both
// ways, one withdraws, then all close cooperatively. What each receives on-chain is
// exactly its balance in the last co-signed state, and the hub's reserve gets its side.
func TestThreeUsers(t *testing.T) {
	e := newEnv(t, envConfig{users: 3})
	a, b, c := e.wallet(e.users[0]), e.wallet(e.users[1]), e.wallet(e.users[2])
	ws := []*client.Wallet{a, b, c}
	for _, w := range ws {
		e.deposit(w, eth(10))
	}
	amounts := []int64{1, 2, 3}
	for round := range 3 {
		for i, from := range ws {
			to := ws[(i+1+round)%3]
			if to == from {
				to = ws[(i+1)%3]
			}
			e.pay(from, to, new(big.Int).Div(eth(amounts[(i+round)%3]), big.NewInt(2)))
		}
	}
	// c withdraws 2 ether to a fresh address.
	dest := common.Address{0xde, 0x57}
	if _, err := c.Withdraw(t.Context(), client.Ether, eth(2), dest); err != nil {
		t.Fatal(err)
	}
	e.eventually("c's withdrawal to be confirmed", func() bool { return e.settled(c) }, c)
	if got := e.c.Balance(dest); got.Cmp(eth(2)) != 0 {
		t.Fatalf("withdrawal paid %s, want 2 ether", got)
	}
	// Everyone closes to a fresh address; the hub's sides return to the reserve.
	reserveBefore := e.reserve()
	var hubSides, userTotal = new(big.Int), new(big.Int)
	for i, w := range ws {
		h, u := balance(w)
		hubSides.Add(hubSides, h)
		userTotal.Add(userTotal, u)
		to := crypto.CreateAddress(common.Address{0xc1, 0x05}, uint64(i))
		if _, err := w.Close(t.Context(), to); err != nil {
			t.Fatal(err)
		}
		e.eventually("the close to be confirmed", func() bool { return e.settled(w) }, w)
		if got := e.c.Balance(to); got.Cmp(u) != 0 {
			t.Errorf("user %d received %s on close, its last co-signed balance was %s", i, got, u)
		}
		if s, _ := w.Latest(); s.WeiBalances[0].Sign() != 0 || s.WeiBalances[1].Sign() != 0 {
			t.Errorf("user %d after close: %v", i, s.WeiBalances)
		}
	}
	if got := new(big.Int).Sub(e.reserve(), reserveBefore); got.Cmp(hubSides) != 0 {
		t.Errorf("reserve grew by %s on closing, the hub's sides were %s", got, hubSides)
	}
	// 30 deposited, 2 withdrawn: the users hold what they put in minus what they sent,
	// plus what they received; payments between them net to zero.
	if want := eth(28); userTotal.Cmp(want) != 0 {
		t.Errorf("users held %s in total before closing, want %s", userTotal, want)
	}
}

// TestListen: online wallets that only listen receive, claim and settle a payment without
// ever polling: over the hub's stream, with no HTTP request for a request, a co-signature or
// a poll once it is open; and, from a hub without a stream (an older one), by long polls.
func TestListen(t *testing.T) {
	for _, c := range []struct {
		name     string
		noStream bool
	}{{"stream", false}, {"long poll", true}} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, envConfig{users: 2, noStream: c.noStream})
			headers := &headerCounter{Client: e.c.Client}
			viaCounter := func(cfg *client.Config) { cfg.Chain = headers }
			a, b := e.wallet(e.users[0], viaCounter), e.wallet(e.users[1], viaCounter)
			e.deposit(a, eth(10))
			e.deposit(b, eth(10))
			e.collateral(b)
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan struct{}, 2)
			for _, w := range []*client.Wallet{a, b} {
				go func() { w.Listen(ctx); done <- struct{}{} }()
			}
			defer func() { cancel(); <-done; <-done }()
			if !c.noStream {
				e.eventually("both wallets to open their stream", func() bool { return a.Streaming() && b.Streaming() })
			}
			time.Sleep(300 * time.Millisecond) // a head or more for each wallet: blocks come every 50 ms
			headersBefore := headers.n.Load()
			before := map[string]int64{}
			routes := []string{"POST /v1/requests", "POST /v1/cosign", "GET /v1/updates", "GET /v1/channel"}
			for _, r := range routes {
				before[r] = e.served(r)
			}
			hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(2))
			if err != nil {
				t.Fatal(err)
			}
			e.eventually("the payment to complete through listening alone", func() bool {
				p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
				return err == nil && p.Status == store.PayCompleted
			})
			e.eventually("both wallets to hold the final states", func() bool {
				_, ub := balance(b)
				_, ua := balance(a)
				return ub.Cmp(eth(12)) == 0 && ua.Cmp(eth(8)) == 0
			})
			for _, r := range routes {
				n := e.served(r) - before[r]
				switch {
				case !c.noStream && n != 0:
					t.Errorf("%d HTTP %s during a payment between streaming wallets, want none", n, r)
				case c.noStream && r == "GET /v1/updates" && n == 0:
					t.Errorf("no long poll from wallets of a hub without a stream")
				}
			}
			// Listening wallets read the chain's time from their head subscription: no
			// request for the latest block per check.
			if n := headers.n.Load() - headersBefore; n != 0 {
				t.Errorf("the wallets asked their node for the latest header %d times during a payment, want none", n)
			}
			if c.noStream && (a.Streaming() || b.Streaming()) {
				t.Error("a wallet reports a stream to a hub that has none")
			}
			// Over the stream the payee claims before it co-signs the forward, and one
			// signature, on the claim, covers both; a long-polling payee signs each.
			_, states, err := e.st.HubStates(t.Context(), e.c.ManagerAddr, b.Address(), big.NewInt(1))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range states {
				if s.Kind == wire.RoleForward && (s.SigUser == nil) != !c.noStream {
					t.Errorf("the payee's forward at %s co-signed on its own: %v, want %v", s.State.Nonce, s.SigUser != nil, c.noStream)
				}
			}
		})
	}
}

// headerCounter is a wallet's node that counts the requests for a header by number (the
// latest block's, for the chain's time).
type headerCounter struct {
	simulated.Client
	n atomic.Int64
}

func (h *headerCounter) HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error) {
	h.n.Add(1)
	return h.Client.HeaderByNumber(ctx, number)
}
