package channel

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// TestTypedDataJSON: the JSON a wallet signs has exactly the four domain fields, and
// hashing it as go-ethereum's signer does gives the state's digest.
func TestTypedDataJSON(t *testing.T) {
	d := Domain{ChainID: big.NewInt(31337), Contract: common.HexToAddress("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512")}
	s := NewState(common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"))
	s.Nonce.SetInt64(7)
	s.WeiBalances[User].SetInt64(5)
	b, err := d.TypedDataJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct{ Domain map[string]any }
	if err := json.Unmarshal(b, &raw); err != nil || len(raw.Domain) != 4 || raw.Domain["salt"] != nil {
		t.Fatalf("domain %v (%v), want name, version, chainId and verifyingContract only", raw.Domain, err)
	}
	var td apitypes.TypedData
	if err := json.Unmarshal(b, &td); err != nil {
		t.Fatal(err)
	}
	got, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	want, err := d.Digest(s)
	if err != nil {
		t.Fatal(err)
	}
	if common.BytesToHash(got) != want {
		t.Fatalf("the JSON hashes to %x, the state's digest is %s", got, want)
	}
}
