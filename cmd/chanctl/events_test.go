package main

import (
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
)

// TestEventLines: each event reads as a sentence with its amount in ether (or wei with
// --wei), its time in UTC first, and where on-chain; its JSON view keeps raw wei beside.
func TestEventLines(t *testing.T) {
	user, peer := common.HexToAddress("0xb0"), common.HexToAddress("0xa1")
	tx := common.Hash{0xee}
	for _, tc := range []struct {
		name string
		wei  bool
		e    client.Event
		want string
	}{
		{"payment received", false, client.Event{Kind: client.EventPaymentReceived, Nonce: big.NewInt(7), Wei: big.NewInt(25e16), Counterparty: peer,
			Hashlock: common.Hash{1}, Time: 1796700000}, "2026-12-08T03:20:00Z payment received: 0.25 ether from " + peer.Hex() + " (nonce 7) hashlock " + common.Hash{1}.Hex()},
		{"top-up in wei", true, client.Event{Kind: client.EventTopUp, Nonce: big.NewInt(4), Wei: big.NewInt(5e18), Time: 1796700000},
			"2026-12-08T03:20:00Z top-up: the hub added 5000000000000000000 wei of collateral toward you (nonce 4)"},
		{"exit by the hub", false, client.Event{Kind: client.EventExit, Nonce: big.NewInt(3), By: "hub", Counterparty: peer, Deadline: 1796700600,
			Tx: tx, Block: 12, Time: 1796700000}, "exit: the hub at " + peer.Hex() + " closed the channel on-chain with nonce 3; challenge deadline " +
			"2026-12-08T03:30:00Z (block time 1796700600): settle after it (tx " + tx.Hex() + ", block 12)"},
		{"settlement", false, client.Event{Kind: client.EventSettlement, Nonce: big.NewInt(3), Wei: big.NewInt(75e16), Token: new(big.Int), Tx: tx,
			Block: 40, Time: 1796700700}, "settlement: the chain paid the channel out at nonce 3, 0.75 ether to you (tx " + tx.Hex() + ", block 40)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			p := &printer{out: &b, opts: Options{Wei: tc.wei}}
			v := eventOf(p, user, tc.e, nil)
			p.event(v)
			if got := strings.TrimSpace(b.String()); !strings.HasSuffix(got, tc.want) || !strings.HasPrefix(got, "2026-12-08T03:") {
				t.Errorf("printed\n%s\nwant it to end with\n%s", got, tc.want)
			}
			if v.Wei != tc.e.Wei.String() && tc.e.Wei != nil {
				t.Errorf("wei %q, want %s", v.Wei, tc.e.Wei)
			}
		})
	}
}

// TestPaymentStatus: the hub's statuses read in the user's words, on both sides.
func TestPaymentStatus(t *testing.T) {
	for _, tc := range []struct {
		hub  string
		sent bool
		want string
	}{{"locked", true, "pending"}, {"forwarded", false, "pending"}, {"claimed", true, "paid"}, {"claimed", false, "paid"},
		{"completed", true, "complete"}, {"refunded", true, "refunded"}, {"failed", false, "failed"}} {
		if got, why := paymentStatus(tc.hub, tc.sent); got != tc.want || why == "" {
			t.Errorf("hub status %s (sent %v): %q (%q), want %q", tc.hub, tc.sent, got, why, tc.want)
		}
	}
}
