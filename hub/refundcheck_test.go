package hub

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// TestRefundOfRevealedPaymentRefused exercises the rule on its own: once the payee's
// secret is known, a refund of the payer's lock is refused — whatever else stands in the
// way end to end (the hub's pending claim makes the payer sync first; this rule covers a
// claim that could not be proposed). A payment whose secret is unknown may be refunded.
func TestRefundOfRevealedPaymentRefused(t *testing.T) {
	st := pgtest.NewStore(t)
	key, _ := crypto.GenerateKey()
	contract := common.Address{0xcc}
	h, err := New(Config{ChainID: big.NewInt(1337), Contract: contract, Key: key, Now: func() uint64 { return 5000 }}, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	payer, payee := common.Address{1}, common.Address{2}
	secret := common.Hash{7}
	claimed, open := channel.HashSecret(secret), common.Hash{9}
	if err := st.HubChannel(t.Context(), contract, payee, func(tx store.HubTx) error {
		for _, hl := range []common.Hash{claimed, open} {
			if _, err := tx.InsertPayment(t.Context(), store.Payment{Contract: contract, Hashlock: hl, Payer: payer, Payee: payee,
				AmountWei: big.NewInt(1), AmountToken: new(big.Int), PayerExpiry: 4000, PayeeExpiry: 3700,
				SealedSecret: []byte{1}, Status: store.PayForwarded}); err != nil {
				return err
			}
		}
		_, err := tx.SetPayment(t.Context(), contract, claimed, store.PayClaimed, &secret, store.PayForwarded)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	refund := func(hl common.Hash) error {
		_, err := h.checkRequest(t.Context(), payer, &Request{Update: channel.Update{Kind: channel.KindRefund, Hashlock: &hl, Now: 4500}}, 5000)
		return err
	}
	if err := refund(claimed); !errors.Is(err, ErrNotAllowed) {
		t.Errorf("refund of a claimed payment: %v, want ErrNotAllowed", err)
	}
	if err := refund(open); err != nil {
		t.Errorf("refund of an expired, unclaimed payment: %v, want allowed", err)
	}
}

// TestLocksEachWay: a user's payments in flight take at most half of what a state holds,
// so that payments toward it, which anyone can send, never stop its own.
func TestLocksEachWay(t *testing.T) {
	h := &Hub{}
	locks := func(n int, sender uint8) []channel.Lock {
		out := make([]channel.Lock, n)
		for i := range out {
			out[i] = channel.Lock{Index: uint32(i), Sender: sender, AmountWei: big.NewInt(1), AmountToken: new(big.Int),
				Hashlock: common.Hash{byte(i), byte(i >> 8)}, Expiry: big.NewInt(9000)}
		}
		return out
	}
	pay := &Request{}
	if err := h.checkLocks(wire.RolePay, append(locks(maxLocksEachWay-1, channel.User), locks(maxLocksEachWay, channel.Hub)...), pay, 0); err != nil {
		t.Fatalf("a payment with %d of the user's locks in flight (and %d toward it): %v", maxLocksEachWay-1, maxLocksEachWay, err)
	}
	if err := h.checkLocks(wire.RolePay, locks(maxLocksEachWay, channel.User), pay, 0); !errors.Is(err, ErrNotAllowed) {
		t.Fatalf("a payment with %d of the user's locks in flight: %v, want ErrNotAllowed", maxLocksEachWay, err)
	}
}
