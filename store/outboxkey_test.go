package store_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/store"
)

func TestKeyRoundTrip(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 200)
	tests := []struct {
		name string
		key  store.TxKey
		want *big.Int // the stored number
		text string
	}{
		{"challenge", store.ChallengeKey{StateNonce: big.NewInt(7)}, big.NewInt(7), "state nonce 7"},
		{"challenge/huge nonce", store.ChallengeKey{StateNonce: huge}, huge, "state nonce " + huge.String()},
		{"settle", store.SettleKey{Deadline: 1700000000}, big.NewInt(1700000000), "dispute deadline 1700000000"},
		{"hub update", store.HubUpdateKey{StateNonce: big.NewInt(9)}, big.NewInt(9), "state nonce 9"},
		{"secret/largest hashlock", store.SecretKey{Hashlock: common.MaxHash}, new(big.Int).SetBytes(common.MaxHash[:]),
			"hashlock " + common.MaxHash.Hex()},
		{"secrets", store.SecretsKey{Batch: common.Hash{31: 5}}, big.NewInt(5), "batch of secrets " + common.Hash{31: 5}.Hex()},
		{"resolve/round 0", store.ResolveKey{SettledNonce: big.NewInt(3)}, big.NewInt(3 << 32), "settled nonce 3, round 0"},
		{"resolve/last round", store.ResolveKey{SettledNonce: big.NewInt(1 << 62), Round: 1<<32 - 1},
			new(big.Int).Or(new(big.Int).Lsh(big.NewInt(1<<62), 32), big.NewInt(1<<32-1)), "settled nonce 4611686018427387904, round 4294967295"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var in store.Intent
			in.SetKey(tc.key)
			if in.Kind != tc.key.Kind() || in.Nonce.Cmp(tc.want) != 0 {
				t.Fatalf("stored as %s %s, want %s %s", in.Kind, in.Nonce, tc.key.Kind(), tc.want)
			}
			back, err := in.Key()
			if err != nil {
				t.Fatal(err)
			}
			if back.Kind() != tc.key.Kind() || back.Encode().Cmp(tc.want) != 0 || back.String() != tc.text {
				t.Errorf("read back %s %q, want %s %q", back.Kind(), back, tc.key.Kind(), tc.text)
			}
		})
	}
}

func TestKeyDecodeRejects(t *testing.T) {
	tests := []struct {
		name string
		kind store.TxKind
		n    *big.Int
	}{
		{"unknown kind", "transfer", big.NewInt(1)},
		{"no number", store.KindChallenge, nil},
		{"negative", store.KindHubUpdate, big.NewInt(-1)},
		{"settle past uint64", store.KindSettle, new(big.Int).Lsh(big.NewInt(1), 64)},
		{"hashlock past 256 bits", store.KindRegisterSecret, new(big.Int).Lsh(big.NewInt(1), 256)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if k, err := store.DecodeKey(tc.kind, tc.n); !errors.Is(err, store.ErrBadKey) {
				t.Errorf("decoded %v (%v), want ErrBadKey", k, err)
			}
		})
	}
}

func TestBatchKey(t *testing.T) {
	a, b := common.Hash{1}, common.Hash{2}
	want := crypto.Keccak256Hash(a[:], b[:])
	if got := store.BatchKey([]common.Hash{a, b}); got.Batch != want {
		t.Errorf("BatchKey = %s, want keccak256 of the hashlocks in order %s", got.Batch, want)
	}
	if store.BatchKey([]common.Hash{b, a}) == store.BatchKey([]common.Hash{a, b}) {
		t.Error("a batch in another order has the same key")
	}
}
