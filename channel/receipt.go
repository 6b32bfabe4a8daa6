package channel

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

// Receipt is a watchtower's signed promise that it holds a state: the user can hold it
// against the tower if the tower fails to answer a stale close.
type Receipt struct {
	Contract    common.Address `json:"contract"`
	User        common.Address `json:"user"`
	Nonce       Amount         `json:"nonce"`
	StateDigest common.Hash    `json:"stateDigest"`
	IssuedAt    uint64         `json:"issuedAt"` // unix seconds
	Tower       common.Address `json:"tower"`
	Signature   hexutil.Bytes  `json:"signature"`
}

// Receipt EIP-712 names.
const (
	ReceiptDomainName = "Vigil Watchtower"
	receiptType       = "Receipt(address contract,address user,uint256 nonce,bytes32 stateDigest,uint256 issuedAt)"
	receiptDomainType = "EIP712Domain(string name,string version,uint256 chainId)"
)

var (
	receiptTypeHash       = crypto.Keccak256Hash([]byte(receiptType))
	receiptDomainTypeHash = crypto.Keccak256Hash([]byte(receiptDomainType))
)

// ReceiptDigest returns the EIP-712 digest of r on chain chainID, the hash a tower signs.
func ReceiptDigest(chainID *big.Int, r *Receipt) (common.Hash, error) {
	if chainID == nil || chainID.Sign() <= 0 {
		return common.Hash{}, fmt.Errorf("receipt chain id: %w: %v", ErrInvalidField, chainID)
	}
	if err := checkUint256("receipt nonce", r.Nonce.V); err != nil {
		return common.Hash{}, err
	}
	dom := crypto.Keccak256Hash(receiptDomainTypeHash[:], crypto.Keccak256([]byte(ReceiptDomainName)),
		crypto.Keccak256([]byte("1")), word(chainID))
	msg := crypto.Keccak256Hash(receiptTypeHash[:], common.LeftPadBytes(r.Contract[:], 32),
		common.LeftPadBytes(r.User[:], 32), word(r.Nonce.V), r.StateDigest[:],
		word(new(big.Int).SetUint64(r.IssuedAt)))
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, dom[:], msg[:]), nil
}
