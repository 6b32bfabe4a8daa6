package hub_test

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestUncollectedCap: a payer whose payments the hub has taken and not collected would
// pass the cap is refused, with an error naming the cap; once they are collected it pays
// again.
func TestUncollectedCap(t *testing.T) {
	e := newEnv(t, envConfig{users: 2, configure: func(c *hub.Config) { c.MaxUncollectedPerPayer = eth(2) }})
	a, b := e.wallet(e.users[0]), e.wallet(e.users[1], manualClaim)
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	var hls []common.Hash
	for range 2 { // 2 ether: at the cap, not past it
		hl, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
		if err != nil {
			t.Fatal(err)
		}
		hls = append(hls, hl)
	}
	_, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1))
	if !isCode(err, wire.CodeUncollectedCap) {
		t.Fatalf("a third uncollected ether: %v, want %s", err, wire.CodeUncollectedCap)
	}
	if want := "2 ether"; !strings.Contains(err.Error(), want) {
		t.Errorf("refusal %q does not name the cap (%s)", err, want)
	}
	// The payee claims both, the payer co-signs the collections: nothing is uncollected.
	e.eventually("the payee to hold both locks", func() bool {
		_, locks := b.Latest()
		return channel.FindLock(locks, hls[0]) != nil && channel.FindLock(locks, hls[1]) != nil
	}, b)
	for _, hl := range hls {
		s, ok := b.Secret(hl)
		if !ok {
			t.Fatal("the payee could not open a sealed secret")
		}
		if _, err := b.Claim(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	e.eventually("both payments to complete", func() bool {
		return e.paymentStatus(hls[0]) == store.PayCompleted && e.paymentStatus(hls[1]) == store.PayCompleted
	}, b, a)
	if _, err := a.Pay(t.Context(), b.Address(), client.Ether, eth(1)); err != nil {
		t.Fatalf("paying after the collections: %v", err)
	}
}
