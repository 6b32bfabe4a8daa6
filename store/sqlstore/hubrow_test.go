package sqlstore

import (
	"encoding/json"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// hubSample is a hub state as a payment leaves it: ether-sized balances, a few hundred
// updates in, and n locks.
func hubSample(n int) store.HubState {
	u := common.HexToAddress("0x5a0b54d5dc17e0aadc383d2db43b0a0d3e029c4c")
	s := channel.NewState(u)
	eth := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	s.WeiBalances = [2]*big.Int{new(big.Int).Mul(eth, big.NewInt(37)), new(big.Int).Add(eth, big.NewInt(123456789))}
	s.Nonce.SetInt64(412)
	s.OnchainNonce.SetInt64(3)
	hs := store.HubState{Kind: "pay", Detail: json.RawMessage(`{"n":1}`), State: s, Locks: []channel.Lock{}}
	for i := range n {
		hs.Locks = append(hs.Locks, channel.Lock{Index: uint32(i), Sender: channel.User, AmountWei: big.NewInt(1e15),
			AmountToken: new(big.Int), Hashlock: common.Hash{0xab, byte(i)}, Expiry: big.NewInt(1_900_000_000)})
		s.LockedWei[channel.User].Add(s.LockedWei[channel.User], big.NewInt(1e15))
		s.LocksRoot = common.Hash{0x10}
	}
	return hs
}

// TestHubCompactSameAsJSON: a state and its locks read back from the compact form as from
// their JSON, every field filled, and the state is final exactly when its timeout is zero.
func TestHubCompactSameAsJSON(t *testing.T) {
	for seed := int64(0); seed < 20; seed++ {
		hs := store.HubState{State: fillState(t, seed*100)}
		for i := range int(seed % 4) {
			hs.Locks = append(hs.Locks, channel.Lock{Index: uint32(i), Sender: uint8(i % 2), AmountWei: big.NewInt(seed),
				AmountToken: big.NewInt(int64(i)), Hashlock: common.Hash{byte(seed), byte(i)}, Expiry: big.NewInt(99)})
		}
		if seed%3 == 0 {
			hs.State.Timeout = new(big.Int)
		}
		stateJSON, _ := json.Marshal(hs.State)
		locksJSON, _ := json.Marshal(append([]channel.Lock{}, hs.Locks...))
		fromJSON, err := decodeHubJSON(store.HubState{}, stateJSON, locksJSON)
		if err != nil {
			t.Fatal(err)
		}
		state, locks, final, err := encodeHubState(hs.State.User, hs)
		if err != nil {
			t.Fatal(err)
		}
		if final != (seed%3 == 0) {
			t.Fatalf("seed %d: final %v with timeout %s", seed, final, hs.State.Timeout)
		}
		compact, err := decodeHubCompact(store.HubState{}, hs.State.User, hs.State.Nonce, state, locks)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal([]any{fromJSON.State, fromJSON.Locks})
		b, _ := json.Marshal([]any{compact.State, compact.Locks})
		if string(a) != string(b) {
			t.Fatalf("seed %d: compact\n%s\nJSON\n%s", seed, b, a)
		}
	}
}

// BenchmarkDecodeHubState compares reading a state and its locks from the JSON the hub
// stored before version 24 and from the compact form, with no locks and with 2 and 16.
func BenchmarkDecodeHubState(b *testing.B) {
	for _, n := range []int{0, 2, 16} {
		hs := hubSample(n)
		stateJSON, _ := json.Marshal(hs.State)
		locksJSON, _ := json.Marshal(hs.Locks)
		state, locks, _, err := encodeHubState(hs.State.User, hs)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(lockCount(n)+"/json", func(b *testing.B) {
			for b.Loop() {
				if _, err := decodeHubJSON(store.HubState{}, stateJSON, locksJSON); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(stateJSON)+len(locksJSON)), "bytes/state")
		})
		b.Run(lockCount(n)+"/compact", func(b *testing.B) {
			for b.Loop() {
				if _, err := decodeHubCompact(store.HubState{}, hs.State.User, hs.State.Nonce, state, locks); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(state)+len(locks)), "bytes/state")
		})
	}
}

// BenchmarkEncodeHubState compares Append's encoding, before version 24 and since.
func BenchmarkEncodeHubState(b *testing.B) {
	for _, n := range []int{0, 2, 16} {
		hs := hubSample(n)
		b.Run(lockCount(n)+"/json", func(b *testing.B) {
			for b.Loop() {
				if _, err := json.Marshal(hs.State); err != nil {
					b.Fatal(err)
				}
				if _, err := json.Marshal(hs.Locks); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(lockCount(n)+"/compact", func(b *testing.B) {
			for b.Loop() {
				if _, _, _, err := encodeHubState(hs.State.User, hs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func lockCount(n int) string {
	return map[int]string{0: "no locks", 2: "2 locks", 16: "16 locks"}[n]
}
