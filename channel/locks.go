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
type Lock struct {
	Sender      uint8
	AmountWei   *big.Int
	AmountToken *big.Int
	Hashlock    common.Hash
	Expiry      *big.Int
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
	buf := make([]byte, 0, 5*32)
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

// LockTree is the Merkle tree over a state's locks. Pairs are hashed in sorted order, so a
// proof is just the list of siblings; an odd node is carried up unchanged. The root of no
// locks is the zero hash.
type LockTree struct {
	levels [][]common.Hash // levels[0] are the leaves
}

// NewLockTree builds the tree over locks in the given order. It fails on a lock with bad
// fields or on two locks with the same leaf (one could never be resolved).
func NewLockTree(locks []Lock) (*LockTree, error) {
	leaves := make([]common.Hash, len(locks))
	seen := make(map[common.Hash]int, len(locks))
	for i := range locks {
		if err := locks[i].CheckFields(); err != nil {
			return nil, fmt.Errorf("lock %d: %w", i, err)
		}
		leaves[i] = locks[i].Leaf()
		if j, dup := seen[leaves[i]]; dup {
			return nil, fmt.Errorf("%w: locks %d and %d are identical", ErrLocks, j, i)
		}
		seen[leaves[i]] = i
	}
	t := &LockTree{levels: [][]common.Hash{leaves}}
	for level := leaves; len(level) > 1; {
		next := make([]common.Hash, 0, (len(level)+1)/2)
		for i := 0; i < len(level); i += 2 {
			if i+1 == len(level) {
				next = append(next, level[i])
				continue
			}
			next = append(next, hashPair(level[i], level[i+1]))
		}
		t.levels = append(t.levels, next)
		level = next
	}
	return t, nil
}

// Root returns the tree's root, the zero hash for no locks.
func (t *LockTree) Root() common.Hash {
	top := t.levels[len(t.levels)-1]
	if len(top) == 0 {
		return common.Hash{}
	}
	return top[0]
}

// Proof returns the siblings that prove the i-th lock against Root.
func (t *LockTree) Proof(i int) ([]common.Hash, error) {
	if i < 0 || i >= len(t.levels[0]) {
		return nil, fmt.Errorf("%w: index %d of %d locks", ErrProof, i, len(t.levels[0]))
	}
	var proof []common.Hash
	for _, level := range t.levels[:len(t.levels)-1] {
		sib := i ^ 1
		if sib < len(level) {
			proof = append(proof, level[sib])
		}
		i /= 2
	}
	return proof, nil
}

// VerifyProof checks that leaf is in the tree with the given root.
func VerifyProof(root, leaf common.Hash, proof []common.Hash) error {
	h := leaf
	for _, p := range proof {
		h = hashPair(h, p)
	}
	if h != root {
		return fmt.Errorf("%w: leaf %s, root %s", ErrProof, leaf, root)
	}
	return nil
}

func hashPair(a, b common.Hash) common.Hash {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return crypto.Keccak256Hash(a[:], b[:])
}
