package channel_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// wireState is the wire form of a State, field by field, as encoding/json writes it.
type wireState struct {
	User          common.Address    `json:"user"`
	Recipient     common.Address    `json:"recipient"`
	WeiBalances   [2]channel.Amount `json:"weiBalances"`
	TokenBalances [2]channel.Amount `json:"tokenBalances"`
	PendingWei    [4]channel.Amount `json:"pendingWei"`
	PendingToken  [4]channel.Amount `json:"pendingToken"`
	Nonce         channel.Amount    `json:"nonce"`
	OnchainNonce  channel.Amount    `json:"onchainNonce"`
	LocksRoot     common.Hash       `json:"locksRoot"`
	LockedWei     [2]channel.Amount `json:"lockedWei"`
	LockedToken   [2]channel.Amount `json:"lockedToken"`
	Timeout       channel.Amount    `json:"timeout"`
}

func amounts(v []*big.Int) []channel.Amount {
	out := make([]channel.Amount, len(v))
	for i := range v {
		out[i] = channel.Amount{V: v[i]}
	}
	return out
}

// TestStateJSON: a state encodes to exactly what encoding/json writes for its wire form,
// and decodes back to itself; a state missing an amount does not encode.
func TestStateJSON(t *testing.T) {
	s := channel.NewState(common.HexToAddress("0x00000000000000000000000000000000000000Aa"))
	s.Recipient = common.HexToAddress("0xBB00000000000000000000000000000000000001")
	s.Nonce.SetInt64(12345)
	s.OnchainNonce.SetInt64(3)
	s.WeiBalances = [2]*big.Int{new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(5e17)}
	s.PendingToken[3] = big.NewInt(7)
	s.LockedWei[1] = big.NewInt(9)
	s.LocksRoot = common.HexToHash("0xAbCd")
	s.Timeout.SetInt64(1_700_000_000)
	w := wireState{User: s.User, Recipient: s.Recipient, Nonce: channel.Amount{V: s.Nonce}, OnchainNonce: channel.Amount{V: s.OnchainNonce},
		LocksRoot: s.LocksRoot, Timeout: channel.Amount{V: s.Timeout}}
	copy(w.WeiBalances[:], amounts(s.WeiBalances[:]))
	copy(w.TokenBalances[:], amounts(s.TokenBalances[:]))
	copy(w.PendingWei[:], amounts(s.PendingWei[:]))
	copy(w.PendingToken[:], amounts(s.PendingToken[:]))
	copy(w.LockedWei[:], amounts(s.LockedWei[:]))
	copy(w.LockedToken[:], amounts(s.LockedToken[:]))
	want, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("state encodes as\n%s\nwant\n%s", got, want)
	}
	var back channel.State
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(&back); string(again) != string(got) {
		t.Fatalf("decoded and encoded again:\n%s\nwant\n%s", again, got)
	}
	s.PendingWei[2] = nil
	if _, err := json.Marshal(s); !errors.Is(err, channel.ErrInvalidField) {
		t.Fatalf("a state missing an amount encoded: %v", err)
	}
}
