package hub

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/pgtest"
	"github.com/vigil-hub/vigil/store"
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
