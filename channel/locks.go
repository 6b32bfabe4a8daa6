package channel

import (
	"bytes"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Lock is a hashlocked transfer from Sender (Hub or User) to the other side, committed to
// by a state's LocksRoot. It pays its receiver if the preimage of Hashlock is registered
// on-chain at or before Expiry (a block timestamp), otherwise it returns to its sender.
// Index is its position in the state's lock list (0, 1, ...), part of its leaf, so that two
// locks with the same terms are two leaves and each is paid.
type Lock struct {
	Index       uint32
	Sender      uint8
	AmountWei   *big.Int
	AmountToken *big.Int
	Hashlock    common.Hash
	Expiry      *big.Int
}

// MaxLocks is the most locks a state may hold. resolveLocks takes a settled state's whole
// lock list in one transaction, whose gas grows with it (some 10,000 a lock): a list too
// long for a block could never be resolved, and both sides' locked funds would be frozen.
// It is also the most a deposit with a watchtower may carry (wire.MaxLocks).
const MaxLocks = 256

// ExpiredAt reports whether the lock has expired at chain time now: past its expiry, when
// the contract returns it to its sender unless its secret was registered by then.
func (l *Lock) ExpiredAt(now uint64) bool { return new(big.Int).SetUint64(now).Cmp(l.Expiry) > 0 }

// FindLock returns the lock of locks with hashlock, or nil.
func FindLock(locks []Lock, hashlock common.Hash) *Lock {
	for i := range locks {
		if locks[i].Hashlock == hashlock {
			return &locks[i]
		}
	}
	return nil
}

// CheckFields reports a lock field that is missing or out of range.
func (l *Lock) CheckFields() error {
	if l.Sender > User {
		return fmt.Errorf("lock sender: %w: %d is neither hub (0) nor user (1)", ErrInvalidField, l.Sender)
	}
	if err := checkUint256("lock amountWei", l.AmountWei); err != nil {
		return err
	}
	if err := checkUint256("lock amountToken", l.AmountToken); err != nil {
		return err
	}
	if err := checkUint256("lock expiry", l.Expiry); err != nil {
		return err
	}
	if l.AmountWei.Sign() == 0 && l.AmountToken.Sign() == 0 {
		return fmt.Errorf("lock %s: %w: locks nothing", l.Hashlock, ErrInvalidField)
	}
	return nil
}

// Leaf returns the lock's leaf in the locks tree, keccak256(abi.encode(lock)), as
// ChannelManager.lockLeaf computes it. The lock's fields must be in range.
func (l *Lock) Leaf() common.Hash {
	buf := make([]byte, 0, 6*32)
	buf = append(buf, common.LeftPadBytes(new(big.Int).SetUint64(uint64(l.Index)).Bytes(), 32)...)
	buf = append(buf, common.LeftPadBytes([]byte{l.Sender}, 32)...)
	buf = append(buf, word(l.AmountWei)...)
	buf = append(buf, word(l.AmountToken)...)
	buf = append(buf, l.Hashlock[:]...)
	buf = append(buf, word(l.Expiry)...)
	return crypto.Keccak256Hash(buf)
}

// HashSecret returns the hashlock of a secret: keccak256 of its 32 bytes.
func HashSecret(secret common.Hash) common.Hash {
	return crypto.Keccak256Hash(secret[:])
}

// LocksRoot returns the root a state commits its lock list to, as
// ChannelManager.locksRootOf computes it: the Merkle root over the locks' leaves, pairs
// hashed in sorted order, an odd node carried up unchanged; the zero hash for no locks. It
// fails on a lock with bad fields or one whose Index is not its position. On-chain the
// whole list is resolved at once (resolveLocks), so no per-lock proof is needed.
func LocksRoot(locks []Lock) (common.Hash, error) {
	level := make([]common.Hash, len(locks))
	for i := range locks {
		if err := locks[i].CheckFields(); err != nil {
			return common.Hash{}, fmt.Errorf("lock %d: %w", i, err)
		}
		if int(locks[i].Index) != i {
			return common.Hash{}, fmt.Errorf("%w: lock %d carries index %d", ErrLocks, i, locks[i].Index)
		}
		level[i] = locks[i].Leaf()
	}
	if len(level) == 0 {
		return common.Hash{}, nil
	}
	for len(level) > 1 {
		next := make([]common.Hash, 0, (len(level)+1)/2)
		for i := 0; i < len(level); i += 2 {
			if i+1 == len(level) {
				next = append(next, level[i])
				continue
			}
			next = append(next, hashPair(level[i], level[i+1]))
		}
		level = next
	}
	return level[0], nil
}

// indexed returns a copy of locks with every Index set to its position.
func indexed(locks []Lock) []Lock {
	out := append(make([]Lock, 0, len(locks)), locks...)
	for i := range out {
		out[i].Index = uint32(i)
	}
	return out
}

func hashPair(a, b common.Hash) common.Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return crypto.Keccak256Hash(a[:], b[:])
}
