package hub_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestPaymentRefusedForEmptyReserve: the payee's channel lacks the hub's collateral and
// the reserve cannot cover the top-up. The refusal says so (reserve_empty, with the
// figures), and a payer that would wait for a top-up returns at once: none is coming.
func TestPaymentRefusedForEmptyReserve(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: func(c *hub.Config) { c.CollateralTarget = eth(1_000_000) }})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1])
	e.deposit(a, eth(5))
	e.deposit(b, eth(1))
	var lines []string
	_, err := a.PayWaiting(t.Context(), b.Address(), client.Ether, eth(1), client.TopUpWait{Timeout: time.Minute,
		Progress: func(l string) { lines = append(lines, l) }})
	if !isCode(err, wire.CodeReserveEmpty) {
		t.Fatalf("payment with the reserve short: %v, want reserve_empty", err)
	}
	if !strings.Contains(err.Error(), "reserve") || !strings.Contains(err.Error(), "ether") {
		t.Errorf("the refusal %q does not say what the reserve holds", err)
	}
	if len(lines) != 0 {
		t.Errorf("waited for a top-up that cannot come: %q", lines)
	}
}

// TestPayWaitsForTopUp: a payment to a payee the hub holds no collateral toward is
// refused, and the hub proposes a top-up. Without waiting, the payer gets the refusal
// at once; waiting, it tells its progress and pays once the online payee has co-signed
// the top-up and the hub executed it. A payee that stays offline ends the wait at its
// timeout.
func TestPayWaitsForTopUp(t *testing.T) {
	e := newEnv(t, envConfig{users: 3})
	a, b, c := e.wallet(e.users[0]), e.wallet(e.users[1]), e.wallet(e.users[2])
	e.deposit(a, eth(5))
	e.deposit(b, eth(1))
	e.deposit(c, eth(1))

	// Offline payee: no top-up is co-signed; the wait ends.
	if _, err := a.Pay(t.Context(), c.Address(), client.Ether, eth(1)); !isCode(err, wire.CodeCollateral) || !strings.Contains(err.Error(), "top-up was proposed") {
		t.Fatalf("payment without collateral: %v, want insufficient_collateral saying a top-up was proposed", err)
	}
	start := time.Now()
	_, err := a.PayWaiting(t.Context(), c.Address(), client.Ether, eth(1), client.TopUpWait{Timeout: 2 * time.Second, Every: 200 * time.Millisecond})
	if !errors.Is(err, client.ErrTopUpTimeout) || !isCode(err, wire.CodeCollateral) {
		t.Fatalf("waiting on an offline payee: %v, want ErrTopUpTimeout", err)
	}
	if d := time.Since(start); d < 2*time.Second {
		t.Errorf("the wait ended after %s, before its 2s timeout", d)
	}

	// Online payee: its wallet listens and co-signs the top-up.
	ctx, stop := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() { b.Listen(ctx) })
	defer func() { stop(); wg.Wait() }()
	var mu sync.Mutex
	var lines []string
	hl, err := a.PayWaiting(t.Context(), b.Address(), client.Ether, eth(1), client.TopUpWait{Timeout: time.Minute, Every: 200 * time.Millisecond,
		Progress: func(l string) { mu.Lock(); lines = append(lines, l); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(lines) < 2 || !strings.Contains(lines[0], "waiting up to 1m0s for its top-up") || !strings.Contains(lines[len(lines)-1], "paid after the top-up") {
		t.Errorf("progress %q, want the wait announced and the payment after it", lines)
	}
	e.eventually("the payment to complete", func() bool {
		p, err := e.st.Payment(t.Context(), e.c.ManagerAddr, hl)
		return err == nil && p.Status == store.PayCompleted
	}, a)
}
