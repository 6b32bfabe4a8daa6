package channel_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// TestStateJSON: a state encodes to exactly its wire form — every field in order,
// addresses and the locks root as lower-case hex, amounts as decimal strings — and
// decodes back to itself; a state missing an amount does not encode.
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
	want := `{"user":"0x00000000000000000000000000000000000000aa","recipient":"0xbb00000000000000000000000000000000000001",` +
		`"weiBalances":["57896044618658097711785492504343953926634992332820282019728792003956564819968","500000000000000000"],` +
		`"tokenBalances":["0","0"],"pendingWei":["0","0","0","0"],"pendingToken":["0","0","0","7"],"nonce":"12345",` +
		`"onchainNonce":"3","locksRoot":"0x000000000000000000000000000000000000000000000000000000000000abcd",` +
		`"lockedWei":["0","9"],"lockedToken":["0","0"],"timeout":"1700000000"}`
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
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
