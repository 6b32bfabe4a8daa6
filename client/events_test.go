package client

import (
	"encoding/json"
	"math/big"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// TestUpdateEvents: each of the hub's proposals co-signed on a state says what happened
// to the user, or nothing: a confirmation names each operation it completes, a collect
// or a return names the user's own lock, and a forwarded payment's payer is kept for the
// claim that receives it.
func TestUpdateEvents(t *testing.T) {
	key, _ := crypto.GenerateKey()
	w, err := Open(Config{HubURL: "http://127.0.0.1:1", Key: key, ChainID: big.NewInt(1), StatePath: filepath.Join(t.TempDir(), "w.json")})
	if err != nil {
		t.Fatal(err)
	}
	secret := common.Hash{7}
	hl := channel.HashSecret(secret)
	mine := channel.Lock{Sender: channel.User, AmountWei: big.NewInt(3), AmountToken: new(big.Int), Hashlock: hl, Expiry: big.NewInt(100)}
	incoming := channel.Lock{Sender: channel.Hub, AmountWei: big.NewInt(4), AmountToken: new(big.Int), Hashlock: common.Hash{9}, Expiry: big.NewInt(100)}
	withLock := cosigned{State: channel.NewState(w.Address()), Locks: []channel.Lock{mine}}
	pending := cosigned{State: channel.NewState(w.Address())}
	pending.State.PendingWei[channel.HubDeposit].SetInt64(5)
	pending.State.PendingToken[channel.HubDeposit].SetInt64(6)
	pending.State.PendingWei[channel.UserWithdrawal].SetInt64(2)
	payer := common.HexToAddress("0xa1")

	proposal := func(role string, d wire.Detail) wire.HubState {
		b, _ := json.Marshal(d)
		s := channel.NewState(w.Address())
		s.Nonce.SetInt64(9)
		return wire.HubState{Role: role, Detail: b, State: s}
	}
	for _, tc := range []struct {
		name string
		p    wire.HubState
		prev cosigned
		want []Event
	}{
		{"confirm/top-up and withdrawal", proposal(wire.RoleConfirm, wire.Detail{Update: channel.Update{Kind: channel.KindConfirm}}), pending,
			[]Event{{Kind: EventTopUp, Wei: big.NewInt(5), Token: big.NewInt(6)}, {Kind: EventWithdrawal, Wei: big.NewInt(2), Token: new(big.Int)}}},
		{"collect/the user's lock", proposal(wire.RoleCollect, wire.Detail{Update: channel.Update{Kind: channel.KindClaim, Secret: &secret}}), withLock,
			[]Event{{Kind: EventPaymentSent, Wei: big.NewInt(3), Token: new(big.Int), Hashlock: hl}}},
		{"return/the user's lock", proposal(wire.RoleReturn, wire.Detail{Update: channel.Update{Kind: channel.KindCancel, Hashlock: &hl}}), withLock,
			[]Event{{Kind: EventPaymentReturned, Wei: big.NewInt(3), Token: new(big.Int), Hashlock: hl}}},
		{"return/a lock not the user's", proposal(wire.RoleReturn, wire.Detail{Update: channel.Update{Kind: channel.KindCancel, Hashlock: &common.Hash{1}}}), withLock, nil},
		{"forward/nothing until claimed", proposal(wire.RoleForward, wire.Detail{Update: channel.Update{Kind: channel.KindLock, Lock: &incoming}, Payer: &payer}), pending, nil},
		{"invalidate/nothing", proposal(wire.RoleInvalidate, wire.Detail{Update: channel.Update{Kind: channel.KindInvalidate}}), pending, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := w.updateEvents(tc.p, tc.prev)
			if len(got) != len(tc.want) {
				t.Fatalf("events %+v, want %+v", got, tc.want)
			}
			for i, e := range got {
				want := tc.want[i]
				if e.Kind != want.Kind || e.Wei.Cmp(want.Wei) != 0 || e.Token.Cmp(want.Token) != 0 || e.Hashlock != want.Hashlock || e.Nonce.Int64() != 9 {
					t.Errorf("event %d: %+v, want %+v", i, e, want)
				}
			}
		})
	}
	e := w.claimEvent(incoming, big.NewInt(10))
	if e.Kind != EventPaymentReceived || e.Counterparty != payer || e.Wei.Int64() != 4 || e.Nonce.Int64() != 10 {
		t.Errorf("the claim of the forwarded payment: %+v", e)
	}
	if again := w.claimEvent(incoming, big.NewInt(11)); again.Counterparty != (common.Address{}) {
		t.Errorf("the payer was kept after the claim: %+v", again)
	}
}
