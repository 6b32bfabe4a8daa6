package channel_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
)

var (
	user   = common.HexToAddress("0x1111111111111111111111111111111111111111")
	domain = channel.Domain{ChainID: big.NewInt(1337), Contract: common.HexToAddress("0x2222222222222222222222222222222222222222")}
)

// base is a confirmed state: hub 10, user 10 wei; 5/5 tokens; nonce 2, onchain 1.
func base() *channel.State {
	s := channel.NewState(user)
	s.Nonce.SetInt64(2)
	s.OnchainNonce.SetInt64(1)
	s.WeiBalances = [2]*big.Int{big.NewInt(10), big.NewInt(10)}
	s.TokenBalances = [2]*big.Int{big.NewInt(5), big.NewInt(5)}
	return s
}

func next(s *channel.State) *channel.State {
	n := s.Clone()
	n.Nonce.Add(n.Nonce, big.NewInt(1))
	return n
}

func TestValidateTransition(t *testing.T) {
	lock := channel.Lock{Sender: channel.User, AmountWei: big.NewInt(3), AmountToken: big.NewInt(0),
		Hashlock: crypto.Keccak256Hash([]byte("s")), Expiry: big.NewInt(100)}
	root, err := channel.LocksRoot([]channel.Lock{lock})
	if err != nil {
		t.Fatal(err)
	}
	proposal := func() *channel.State {
		n := next(base())
		n.OnchainNonce.SetInt64(2)
		n.WeiBalances[channel.User] = big.NewInt(6)
		n.PendingWei[channel.UserWithdrawal] = big.NewInt(4)
		n.PendingWei[channel.HubDeposit] = big.NewInt(7)
		n.Timeout.SetInt64(1000)
		return n
	}
	tests := []struct {
		name    string
		prev    func() *channel.State
		next    func() *channel.State
		locks   []channel.Lock
		wantErr error
	}{
		{"payment/user pays hub", base, func() *channel.State {
			n := next(base())
			n.WeiBalances = [2]*big.Int{big.NewInt(12), big.NewInt(8)}
			return n
		}, nil, nil},
		{"payment/locks user funds", base, func() *channel.State {
			n := next(base())
			n.WeiBalances[channel.User] = big.NewInt(7)
			n.LockedWei[channel.User] = big.NewInt(3)
			n.LocksRoot = root
			return n
		}, []channel.Lock{lock}, nil},
		{"proposal/withdraw and deposit", base, proposal, nil, nil},
		{"confirmation/deposit folded in", proposal, func() *channel.State {
			n := next(proposal())
			n.PendingWei = [4]*big.Int{new(big.Int), new(big.Int), new(big.Int), new(big.Int)}
			n.Timeout.SetInt64(0)
			n.WeiBalances[channel.Hub] = big.NewInt(17)
			return n
		}, nil, nil},
		{"invalidation/withdrawal restored", proposal, func() *channel.State {
			n := next(proposal())
			n.PendingWei = [4]*big.Int{new(big.Int), new(big.Int), new(big.Int), new(big.Int)}
			n.Timeout.SetInt64(0)
			n.OnchainNonce.SetInt64(1)
			n.WeiBalances[channel.User] = big.NewInt(10)
			return n
		}, nil, nil},
		{"nonce/skips", base, func() *channel.State {
			n := next(base())
			n.Nonce.SetInt64(4)
			return n
		}, nil, channel.ErrNonce},
		{"nonce/repeats", base, base, nil, channel.ErrNonce},
		{"nonce/onchain changes without proposal", base, func() *channel.State {
			n := next(base())
			n.OnchainNonce.SetInt64(2)
			return n
		}, nil, channel.ErrNonce},
		{"nonce/proposal after proposal", proposal, func() *channel.State { return next(proposal()) }, nil, channel.ErrNonce},
		{"conservation/creates wei", base, func() *channel.State {
			n := next(base())
			n.WeiBalances[channel.User] = big.NewInt(11)
			return n
		}, nil, channel.ErrNotConserved},
		{"conservation/destroys tokens", base, func() *channel.State {
			n := next(base())
			n.TokenBalances[channel.Hub] = big.NewInt(4)
			return n
		}, nil, channel.ErrNotConserved},
		{"conservation/confirmation keeps withdrawal", proposal, func() *channel.State {
			n := next(proposal())
			n.PendingWei = [4]*big.Int{new(big.Int), new(big.Int), new(big.Int), new(big.Int)}
			n.Timeout.SetInt64(0)
			n.WeiBalances = [2]*big.Int{big.NewInt(17), big.NewInt(10)}
			return n
		}, nil, channel.ErrNotConserved},
		{"locks/amount differs from lock set", base, func() *channel.State {
			n := next(base())
			n.WeiBalances[channel.User] = big.NewInt(6)
			n.LockedWei[channel.User] = big.NewInt(4)
			n.LocksRoot = root
			return n
		}, []channel.Lock{lock}, channel.ErrLocks},
		{"locks/wrong root", base, func() *channel.State {
			n := next(base())
			n.WeiBalances[channel.User] = big.NewInt(7)
			n.LockedWei[channel.User] = big.NewInt(3)
			return n
		}, []channel.Lock{lock}, channel.ErrLocks},
		{"locks/index not its position", base, func() *channel.State {
			n := next(base())
			n.WeiBalances[channel.User] = big.NewInt(4)
			n.LockedWei[channel.User] = big.NewInt(6)
			return n
		}, []channel.Lock{lock, lock}, channel.ErrLocks},
		{"locks/same terms at two indices", base, func() *channel.State {
			second := lock
			second.Index = 1
			r, _ := channel.LocksRoot([]channel.Lock{lock, second})
			n := next(base())
			n.WeiBalances[channel.User] = big.NewInt(4)
			n.LockedWei[channel.User] = big.NewInt(6)
			n.LocksRoot = r
			return n
		}, []channel.Lock{lock, func() channel.Lock { l := lock; l.Index = 1; return l }()}, nil},
		{"recipient/kept after its withdrawal", base, func() *channel.State {
			n := next(base())
			n.Recipient = common.HexToAddress("0x4444444444444444444444444444444444444444")
			return n
		}, nil, channel.ErrRecipient},
		{"recipient/zero means the user", base, func() *channel.State {
			n := next(base())
			n.Recipient = common.Address{}
			return n
		}, nil, nil},
		{"nonce/above MaxNonce", func() *channel.State {
			s := base()
			s.Nonce.Set(channel.MaxNonce)
			return s
		}, func() *channel.State {
			n := base()
			n.Nonce.Add(channel.MaxNonce, big.NewInt(1))
			return n
		}, nil, channel.ErrNonce},
		{"timeout/final state with timeout", base, func() *channel.State {
			n := next(base())
			n.Timeout.SetInt64(5)
			return n
		}, nil, channel.ErrTimeout},
		{"timeout/proposal without timeout", base, func() *channel.State {
			n := proposal()
			n.Timeout.SetInt64(0)
			return n
		}, nil, channel.ErrTimeout},
		{"range/negative balance", base, func() *channel.State {
			n := next(base())
			n.WeiBalances = [2]*big.Int{big.NewInt(21), big.NewInt(-1)}
			return n
		}, nil, channel.ErrInvalidField},
		{"range/above uint256", base, func() *channel.State {
			n := next(base())
			n.Nonce = new(big.Int).Add(channel.MaxUint256(), big.NewInt(1))
			return n
		}, nil, channel.ErrInvalidField},
		{"range/missing field", base, func() *channel.State {
			n := next(base())
			n.LockedToken[0] = nil
			return n
		}, nil, channel.ErrInvalidField},
		{"overflow/sums past uint256", base, func() *channel.State {
			n := next(base())
			n.WeiBalances = [2]*big.Int{channel.MaxUint256(), big.NewInt(1)}
			return n
		}, nil, channel.ErrOverflow},
		{"overflow/total past the contract's 2^128-1", base, func() *channel.State {
			n := next(base())
			n.WeiBalances = [2]*big.Int{new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(0)}
			return n
		}, nil, channel.ErrOverflow},
		{"user/changes", base, func() *channel.State {
			n := next(base())
			n.User = common.HexToAddress("0x3333333333333333333333333333333333333333")
			n.Recipient = n.User
			return n
		}, nil, channel.ErrInvalidField},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := channel.ValidateTransition(tc.prev(), tc.next(), tc.locks)
			if tc.wantErr == nil && err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("got %v, want %v", err, tc.wantErr)
			}
		})
	}
}

func TestValidateFinal(t *testing.T) {
	if err := channel.ValidateFinal(base()); err != nil {
		t.Fatal(err)
	}
	s := base()
	s.Timeout.SetInt64(9)
	s.PendingWei[0] = big.NewInt(1)
	if err := channel.ValidateFinal(s); !errors.Is(err, channel.ErrTimeout) {
		t.Fatalf("state with timeout: %v, want ErrTimeout", err)
	}
	if err := channel.ValidateFinal(channel.NewState(common.Address{})); !errors.Is(err, channel.ErrInvalidField) {
		t.Fatalf("zero user: %v, want ErrInvalidField", err)
	}
}

func TestSignRecover(t *testing.T) {
	key, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	d, err := domain.Digest(base())
	if err != nil {
		t.Fatal(err)
	}
	sig, err := channel.Sign(d, key)
	if err != nil {
		t.Fatal(err)
	}
	if sig[64] != 27 && sig[64] != 28 {
		t.Errorf("v = %d, want 27 or 28", sig[64])
	}
	if err := channel.VerifySigner(d, sig, addr); err != nil {
		t.Fatal(err)
	}
	other := channel.Domain{ChainID: big.NewInt(1), Contract: domain.Contract}
	d2, _ := other.Digest(base())
	if err := channel.VerifySigner(d2, sig, addr); !errors.Is(err, channel.ErrSignature) {
		t.Errorf("signature reused on another chain: %v", err)
	}
	// The malleable twin (n - s, flipped v) is rejected, as the contract rejects it.
	n := crypto.S256().Params().N
	twin := append([]byte(nil), sig...)
	sv := new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64]))
	copy(twin[32:64], common.LeftPadBytes(sv.Bytes(), 32))
	twin[64] ^= 1
	if _, err := channel.Recover(d, twin); !errors.Is(err, channel.ErrSignature) {
		t.Errorf("malleable signature: %v, want ErrSignature", err)
	}
	for _, bad := range [][]byte{nil, sig[:64], append(append([]byte(nil), sig[:64]...), 29)} {
		if _, err := channel.Recover(d, bad); !errors.Is(err, channel.ErrSignature) {
			t.Errorf("signature %x: %v, want ErrSignature", bad, err)
		}
	}
}

// TestLocksRoot: the root over 0 to 9 locks is zero only for none, changes with every
// lock's index, and refuses a lock whose index is not its position; two locks with the
// same terms at two indices are two leaves.
func TestLocksRoot(t *testing.T) {
	for n := 0; n <= 9; n++ {
		locks := make([]channel.Lock, n)
		for i := range locks {
			locks[i] = channel.Lock{Index: uint32(i), Sender: uint8(i % 2), AmountWei: big.NewInt(int64(i + 1)), AmountToken: big.NewInt(0),
				Hashlock: crypto.Keccak256Hash([]byte{byte(i)}), Expiry: big.NewInt(100)}
		}
		root, err := channel.LocksRoot(locks)
		if err != nil {
			t.Fatal(err)
		}
		if (root == common.Hash{}) != (n == 0) {
			t.Errorf("%d locks: root %s", n, root)
		}
		if n > 1 {
			swapped := append([]channel.Lock(nil), locks...)
			swapped[0].Index, swapped[1].Index = 1, 0
			if _, err := channel.LocksRoot(swapped); !errors.Is(err, channel.ErrLocks) {
				t.Errorf("%d locks with indices out of place: %v, want ErrLocks", n, err)
			}
		}
	}
	a := channel.Lock{Sender: channel.User, AmountWei: big.NewInt(1), AmountToken: big.NewInt(0), Expiry: big.NewInt(1)}
	b := a
	b.Index = 1
	if a.Leaf() == b.Leaf() {
		t.Error("two locks with the same terms share a leaf")
	}
}

func BenchmarkDigest(b *testing.B) {
	s := base()
	for b.Loop() {
		if _, err := domain.Digest(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRecover(b *testing.B) {
	key, _ := crypto.GenerateKey()
	d, _ := domain.Digest(base())
	sig, _ := channel.Sign(d, key)
	for b.Loop() {
		if _, err := channel.Recover(d, sig); err != nil {
			b.Fatal(err)
		}
	}
}
