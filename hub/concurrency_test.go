package hub_test

import (
	"errors"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// setupUsers gives n wallets a deposit and hub collateral, concurrently.
func (e *env) setupUsers(n int, deposit *big.Int) []*client.Wallet {
	e.t.Helper()
	ws := make([]*client.Wallet, n)
	for i := range ws {
		ws[i] = e.wallet(e.users[i])
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 10)
	for _, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := w.Deposit(e.t.Context(), client.Ether, deposit); err != nil {
				errs <- err
				return
			}
			// The deposit may not be confirmed yet (a proposal is pending): the funding loop
			// below asks again.
			if err := w.RequestCollateral(e.t.Context()); err != nil && !isCode(err, wire.CodeSyncFirst) && !isCode(err, wire.CodePending) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		e.t.Fatal(err)
	}
	// Deposits and collateral are confirmed as the hub sees them; keep syncing until all
	// channels have both.
	e.eventually("every channel funded on both sides", func() bool {
		for _, w := range ws {
			if !e.settled(w) {
				return false
			}
			if h, u := balance(w); h.Sign() == 0 || u.Cmp(deposit) != 0 {
				_ = w.RequestCollateral(e.t.Context())
				return false
			}
		}
		return true
	}, ws...)
	return ws
}

func isCode(err error, code string) bool {
	var he *client.HubError
	return errors.As(err, &he) && he.Code == code
}

// payConcurrently has every wallet make k payments of wei to random others, all at once,
// retrying what the hub asks to retry. It returns the hashlocks.
func (e *env) payConcurrently(ws []*client.Wallet, k int, wei *big.Int) []string {
	var mu sync.Mutex
	var hls []string
	var wg sync.WaitGroup
	for i, w := range ws {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 7))
			for sent := 0; sent < k; {
				to := ws[r.IntN(len(ws))]
				if to == w {
					continue
				}
				hl, err := w.Pay(e.t.Context(), to.Address(), client.Ether, wei)
				switch {
				case err == nil:
					sent++
					mu.Lock()
					hls = append(hls, hl.Hex())
					mu.Unlock()
				case isCode(err, wire.CodeSyncFirst), isCode(err, wire.CodeNonce), isCode(err, wire.CodeCollateral),
					isCode(err, wire.CodeInsufficient):
					// a proposal arrived meanwhile, or funds are locked in flight: sync and go on
				default:
					e.t.Errorf("payment from %s: %v", w.Address(), err)
					return
				}
				_ = w.Sync(e.t.Context()) // co-sign incoming locks, claim them, co-sign collects
			}
		}()
	}
	wg.Wait()
	return hls
}

// checkConservation asserts that after everything settled, the users together hold
// exactly what they deposited, the hub exactly the collateral it put in, and no lock is
// open anywhere.
func (e *env) checkConservation(ws []*client.Wallet, deposits, collateral *big.Int) {
	e.t.Helper()
	users, hubs := new(big.Int), new(big.Int)
	for _, w := range ws {
		s, locks := w.Latest()
		if len(locks) != 0 {
			e.t.Errorf("%s still has %d locks", w.Address(), len(locks))
		}
		hubs.Add(hubs, s.WeiBalances[0])
		users.Add(users, s.WeiBalances[1])
	}
	if users.Cmp(deposits) != 0 || hubs.Cmp(collateral) != 0 {
		e.t.Errorf("users hold %s (deposited %s), hub holds %s (collateral %s)", users, deposits, hubs, collateral)
	}
}

// Test100UsersConcurrentPayments: 100 users pay each other at the same time. When it has
// all settled, every wei is where it should be: the sum of balances is conserved exactly.
func Test100UsersConcurrentPayments(t *testing.T) {
	if testing.Short() {
		t.Skip("100 users")
	}
	n, k := 100, 3
	if v := os.Getenv("VIGIL_USERS"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	e := newEnv(t, envConfig{users: n})
	ws := e.setupUsers(n, eth(5))
	collateral := new(big.Int)
	for _, w := range ws {
		h, _ := balance(w)
		collateral.Add(collateral, h)
	}
	hls := e.payConcurrently(ws, k, new(big.Int).Div(eth(1), big.NewInt(10)))
	if len(hls) != n*k {
		t.Fatalf("%d payments made, want %d", len(hls), n*k)
	}
	e.eventually("every payment to complete", func() bool {
		for _, w := range ws {
			if !e.settled(w) {
				return false
			}
		}
		open, err := e.st.OpenPayments(t.Context(), e.c.ManagerAddr)
		return err == nil && len(open) == 0
	}, ws...)
	for _, hl := range hls {
		if st := e.paymentStatus(hexHash(hl)); st != store.PayCompleted {
			t.Errorf("payment %s: %s", hl, st)
		}
	}
	e.checkConservation(ws, new(big.Int).Mul(eth(5), big.NewInt(int64(n))), collateral)
	t.Logf("%d payments among %d users", len(hls), n)
}
