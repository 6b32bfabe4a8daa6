package channel

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// TestOwedWithdrawalDigestBindsEveryField: changing any field, the amount and the
// deadline included, changes the digest; a missing, negative or oversized number and an
// unknown asset are refused.
func TestOwedWithdrawalDigestBindsEveryField(t *testing.T) {
	d := Domain{ChainID: big.NewInt(31337), Contract: common.HexToAddress("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")}
	base := func() OwedWithdrawal {
		return OwedWithdrawal{Owner: common.HexToAddress("0x01"), Asset: AssetWei, To: common.HexToAddress("0x02"),
			Amount: big.NewInt(2), Nonce: big.NewInt(0), Deadline: big.NewInt(1_700_000_000)}
	}
	want, err := d.OwedWithdrawalDigest(base())
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]func(*OwedWithdrawal){
		"owner":    func(w *OwedWithdrawal) { w.Owner[19]++ },
		"asset":    func(w *OwedWithdrawal) { w.Asset = AssetToken },
		"to":       func(w *OwedWithdrawal) { w.To[19]++ },
		"amount":   func(w *OwedWithdrawal) { w.Amount = big.NewInt(8) },
		"nonce":    func(w *OwedWithdrawal) { w.Nonce = big.NewInt(1) },
		"deadline": func(w *OwedWithdrawal) { w.Deadline = big.NewInt(1_700_000_001) },
	}
	for name, change := range changed {
		w := base()
		change(&w)
		if got, err := d.OwedWithdrawalDigest(w); err != nil || got == want {
			t.Errorf("%s changed: digest %s (%v), the same as before", name, got, err)
		}
	}
	refused := map[string]func(*OwedWithdrawal){
		"asset 2":          func(w *OwedWithdrawal) { w.Asset = 2 },
		"missing amount":   func(w *OwedWithdrawal) { w.Amount = nil },
		"negative amount":  func(w *OwedWithdrawal) { w.Amount = big.NewInt(-1) },
		"missing nonce":    func(w *OwedWithdrawal) { w.Nonce = nil },
		"missing deadline": func(w *OwedWithdrawal) { w.Deadline = nil },
		"deadline 2^256":   func(w *OwedWithdrawal) { w.Deadline = new(big.Int).Lsh(big.NewInt(1), 256) },
	}
	for name, change := range refused {
		w := base()
		change(&w)
		if _, err := d.OwedWithdrawalDigest(w); !errors.Is(err, ErrInvalidField) {
			t.Errorf("%s: %v, want ErrInvalidField", name, err)
		}
	}
}
