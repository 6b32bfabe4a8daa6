package contracts_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
)

// randUint256 draws zero, 2^256-1, a small number or a full-width number.
func randUint256(r *rand.Rand) *big.Int {
	switch r.IntN(4) {
	case 0:
		return new(big.Int)
	case 1:
		return channel.MaxUint256()
	case 2:
		return new(big.Int).SetUint64(r.Uint64N(1 << 20))
	default:
		b := make([]byte, 32)
		for i := range b {
			b[i] = byte(r.UintN(256))
		}
		return new(big.Int).SetBytes(b)
	}
}

func randAddress(r *rand.Rand) common.Address {
	var a common.Address
	for i := range a {
		a[i] = byte(r.UintN(256))
	}
	if r.IntN(8) == 0 {
		a = common.Address{} // the zero recipient is legal
	}
	return a
}

func randState(r *rand.Rand) *channel.State {
	s := channel.NewState(randAddress(r))
	if s.User == (common.Address{}) {
		s.User[19] = 1
	}
	s.Recipient = randAddress(r)
	s.WeiBalances = [2]*big.Int{randUint256(r), randUint256(r)}
	s.TokenBalances = [2]*big.Int{randUint256(r), randUint256(r)}
	for i := range 4 {
		s.PendingWei[i], s.PendingToken[i] = randUint256(r), randUint256(r)
	}
	s.Nonce, s.OnchainNonce, s.Timeout = randUint256(r), randUint256(r), randUint256(r)
	for i := range s.LocksRoot {
		s.LocksRoot[i] = byte(r.UintN(256))
	}
	s.LockedWei = [2]*big.Int{randUint256(r), randUint256(r)}
	s.LockedToken = [2]*big.Int{randUint256(r), randUint256(r)}
	return s
}

// TestDigestMatchesContract is a property test: for 1,000 random states, including zero
// and 2^256-1 in every field, the Go digest equals ChannelManager.stateDigest, and the
// digest a wallet computes from the typed data equals both.
func TestDigestMatchesContract(t *testing.T) {
	e := newEnv(t)
	r := rand.New(rand.NewPCG(1, 2))
	sep, err := bind.Call(e.c.Manager, nil, e.m.PackDomainSeparator(), e.m.UnpackDomainSeparator)
	if err != nil {
		t.Fatal(err)
	}
	if common.Hash(sep) != e.c.Domain.Separator() {
		t.Fatalf("domain separator: contract %x, Go %s", sep, e.c.Domain.Separator())
	}
	typeHash, _ := bind.Call(e.c.Manager, nil, e.m.PackSTATETYPEHASH(), e.m.UnpackSTATETYPEHASH)
	if common.Hash(typeHash) != channel.StateTypeHash {
		t.Fatalf("state type hash: contract %x, Go %s", typeHash, channel.StateTypeHash)
	}
	for i := range 1000 {
		s := randState(r)
		goDigest, err := e.c.Domain.Digest(s)
		if err != nil {
			t.Fatalf("state %d: %v", i, err)
		}
		onchain, err := bind.Call(e.c.Manager, nil, e.m.PackStateDigest(contracts.State(s)), e.m.UnpackStateDigest)
		if err != nil {
			t.Fatalf("state %d: %v", i, err)
		}
		if goDigest != common.Hash(onchain) {
			t.Fatalf("state %d (%+v): Go digest %s, contract %x", i, s, goDigest, onchain)
		}
		if i%50 == 0 { // the wallet path is slow; a sample suffices
			wallet, _, err := apitypes.TypedDataAndHash(e.c.Domain.TypedData(s))
			if err != nil {
				t.Fatalf("state %d: typed data: %v", i, err)
			}
			if common.BytesToHash(wallet) != goDigest {
				t.Fatalf("state %d: wallet digest %x, Go %s", i, wallet, goDigest)
			}
		}
	}
}

// TestContractAcceptsGoSignatures proves the other direction: a state signed in Go is
// recovered by the contract to the signer (an authorized update by the hub succeeds),
// and the Go recovery of a signature checked on-chain yields the same address.
func TestContractAcceptsGoSignatures(t *testing.T) {
	e := newEnv(t)
	s := state(e.alice, 1, 1)
	s.PendingWei[channel.HubDeposit] = eth(1)
	s.Timeout.SetUint64(e.c.Now() + 600)
	sig := e.signWith(e.c.Domain, s, e.alice.Addr)
	digest, _ := e.c.Domain.Digest(s)
	if got, err := channel.Recover(digest, sig); err != nil || got != e.alice.Addr {
		t.Fatalf("Go recovers %s, %v", got, err)
	}
	if err := e.hubUpdate(s); err != nil {
		t.Fatalf("contract rejected a Go signature: %v", err)
	}
	if ev := lastEvent(t, e, e.m.UnpackChannelUpdatedEvent); ev.Digest != digest {
		t.Errorf("contract digest %x, Go %s", ev.Digest, digest)
	}
}

// TestLockLeafMatchesContract: for 100 random locks, index included, the Go leaf equals
// ChannelManager.lockLeaf.
func TestLockLeafMatchesContract(t *testing.T) {
	e := newEnv(t)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 100 {
		l := channel.Lock{Index: r.Uint32(), Sender: uint8(r.IntN(2)), AmountWei: randUint256(r), AmountToken: randUint256(r),
			Hashlock: crypto.Keccak256Hash([]byte{byte(i)}), Expiry: randUint256(r)}
		got, err := bind.Call(e.c.Manager, nil, e.m.PackLockLeaf(contracts.Lock(&l)), e.m.UnpackLockLeaf)
		if err != nil {
			t.Fatal(err)
		}
		if common.Hash(got) != l.Leaf() {
			t.Fatalf("lock %d: contract leaf %x, Go %s", i, got, l.Leaf())
		}
	}
}

// TestLocksRootMatchesContract: for lists of 0 to 12 random locks, some with the same
// terms, channel.LocksRoot equals ChannelManager.locksRootOf, and both refuse a lock whose
// index is not its position.
func TestLocksRootMatchesContract(t *testing.T) {
	e := newEnv(t)
	r := rand.New(rand.NewPCG(5, 6))
	for n := range 13 {
		locks := make([]channel.Lock, n)
		for i := range locks {
			locks[i] = channel.Lock{Index: uint32(i), Sender: uint8(r.IntN(2)), AmountWei: big.NewInt(int64(1 + r.IntN(3))),
				AmountToken: new(big.Int), Hashlock: crypto.Keccak256Hash([]byte{byte(r.IntN(4))}), Expiry: big.NewInt(9)}
		}
		want, err := channel.LocksRoot(locks)
		if err != nil {
			t.Fatal(err)
		}
		got, err := bind.Call(e.c.Manager, nil, e.m.PackLocksRootOf(contracts.Locks(locks)), e.m.UnpackLocksRootOf)
		if err != nil {
			t.Fatal(err)
		}
		if common.Hash(got) != want {
			t.Fatalf("%d locks: contract root %x, Go %s", n, got, want)
		}
		if n > 0 {
			locks[n-1].Index++
			_, err := bind.Call(e.c.Manager, nil, e.m.PackLocksRootOf(contracts.Locks(locks)), e.m.UnpackLocksRootOf)
			if _, goErr := channel.LocksRoot(locks); goErr == nil || err == nil {
				t.Errorf("%d locks, the last out of place: Go %v, contract %v; want both to refuse", n, goErr, err)
			}
		}
	}
}

// TestOwedWithdrawalDigestMatchesContract: the type hash is the contract's, and for 200
// random owed withdrawals, including zero and 2^256-1 in every number, the Go digest equals
// ChannelManager.owedWithdrawalDigest and the digest a wallet computes from the typed data.
func TestOwedWithdrawalDigestMatchesContract(t *testing.T) {
	e := newEnv(t)
	r := rand.New(rand.NewPCG(7, 8))
	typeHash, err := bind.Call(e.c.Manager, nil, e.m.PackOWEDWITHDRAWALTYPEHASH(), e.m.UnpackOWEDWITHDRAWALTYPEHASH)
	if err != nil || common.Hash(typeHash) != channel.OwedWithdrawalTypeHash {
		t.Fatalf("owed withdrawal type hash: contract %x (%v), Go %s", typeHash, err, channel.OwedWithdrawalTypeHash)
	}
	for i := range 200 {
		w := channel.OwedWithdrawal{Owner: randAddress(r), Asset: uint8(r.IntN(2)), To: randAddress(r),
			Amount: randUint256(r), Nonce: randUint256(r), Deadline: randUint256(r)}
		goDigest, err := e.c.Domain.OwedWithdrawalDigest(w)
		if err != nil {
			t.Fatalf("withdrawal %d: %v", i, err)
		}
		onchain, err := bind.Call(e.c.Manager, nil, e.m.PackOwedWithdrawalDigest(w.Owner, w.Asset, w.To, w.Amount, w.Nonce, w.Deadline),
			e.m.UnpackOwedWithdrawalDigest)
		if err != nil {
			t.Fatalf("withdrawal %d: %v", i, err)
		}
		if goDigest != common.Hash(onchain) {
			t.Fatalf("withdrawal %d (%+v): Go digest %s, contract %x", i, w, goDigest, onchain)
		}
		if i%10 == 0 {
			wallet, _, err := apitypes.TypedDataAndHash(e.c.Domain.OwedWithdrawalTypedData(w))
			if err != nil || common.BytesToHash(wallet) != goDigest {
				t.Fatalf("withdrawal %d: wallet digest %x (%v), Go %s", i, wallet, err, goDigest)
			}
		}
	}
}
