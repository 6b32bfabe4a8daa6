package channel

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// EIP-712 names shared with ChannelManager.
const (
	DomainName    = "Vigil ChannelManager"
	DomainVersion = "3"
	stateType     = "State(address user,address recipient,uint256[2] weiBalances,uint256[2] tokenBalances," +
		"uint256[4] pendingWei,uint256[4] pendingToken,uint256 nonce,uint256 onchainNonce,bytes32 locksRoot," +
		"uint256[2] lockedWei,uint256[2] lockedToken,uint256 timeout)"
	domainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
)

var (
	// StateTypeHash is keccak256 of the State type string, as in ChannelManager.STATE_TYPEHASH.
	StateTypeHash  = crypto.Keccak256Hash([]byte(stateType))
	domainTypeHash = crypto.Keccak256Hash([]byte(domainType))
)

// Domain identifies one ChannelManager deployment on one chain. A signature made for one
// domain is worthless in any other.
type Domain struct {
	ChainID  *big.Int
	Contract common.Address
}

// Separator returns the EIP-712 domain separator.
func (d Domain) Separator() common.Hash {
	buf := make([]byte, 0, 5*32)
	buf = append(buf, domainTypeHash[:]...)
	buf = append(buf, crypto.Keccak256([]byte(DomainName))...)
	buf = append(buf, crypto.Keccak256([]byte(DomainVersion))...)
	buf = append(buf, word(d.ChainID)...)
	buf = append(buf, common.LeftPadBytes(d.Contract[:], 32)...)
	return crypto.Keccak256Hash(buf)
}

// Digest returns the EIP-712 digest of s in domain d: the hash both parties sign and the
// contract recovers signers from. It fails if a field of s is missing or out of range.
func (d Domain) Digest(s *State) (common.Hash, error) {
	if err := s.CheckFields(); err != nil {
		return common.Hash{}, err
	}
	if d.ChainID == nil || d.ChainID.Sign() <= 0 {
		return common.Hash{}, fmt.Errorf("domain chain id: %w: %v", ErrInvalidField, d.ChainID)
	}
	sep := d.Separator()
	h := hashState(s)
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], h[:]), nil
}

func hashState(s *State) common.Hash {
	buf := make([]byte, 0, 13*32)
	buf = append(buf, StateTypeHash[:]...)
	buf = append(buf, common.LeftPadBytes(s.User[:], 32)...)
	buf = append(buf, common.LeftPadBytes(s.Recipient[:], 32)...)
	buf = append(buf, hashArray(s.WeiBalances[:])...)
	buf = append(buf, hashArray(s.TokenBalances[:])...)
	buf = append(buf, hashArray(s.PendingWei[:])...)
	buf = append(buf, hashArray(s.PendingToken[:])...)
	buf = append(buf, word(s.Nonce)...)
	buf = append(buf, word(s.OnchainNonce)...)
	buf = append(buf, s.LocksRoot[:]...)
	buf = append(buf, hashArray(s.LockedWei[:])...)
	buf = append(buf, hashArray(s.LockedToken[:])...)
	buf = append(buf, word(s.Timeout)...)
	return crypto.Keccak256Hash(buf)
}

// hashArray is the EIP-712 encoding of a uint256 array: the hash of its packed words.
func hashArray(a []*big.Int) []byte {
	buf := make([]byte, 0, len(a)*32)
	for _, v := range a {
		buf = append(buf, word(v)...)
	}
	return crypto.Keccak256(buf)
}

// word is v as a 32-byte big-endian word; v must be in [0, 2^256).
func word(v *big.Int) []byte {
	return math.U256Bytes(new(big.Int).Set(v))
}

// TypedData returns s in domain d as EIP-712 typed data, the form a wallet
// (eth_signTypedData_v4, `cast wallet sign --data`) shows its user and signs.
func (d Domain) TypedData(s *State) apitypes.TypedData {
	arr := func(a []*big.Int) []any {
		out := make([]any, len(a))
		for i, v := range a {
			out[i] = v.String()
		}
		return out
	}
	dec := func(v *big.Int) string { return v.String() }
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"},
				{Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"},
				{Name: "verifyingContract", Type: "address"},
			},
			"State": {
				{Name: "user", Type: "address"},
				{Name: "recipient", Type: "address"},
				{Name: "weiBalances", Type: "uint256[2]"},
				{Name: "tokenBalances", Type: "uint256[2]"},
				{Name: "pendingWei", Type: "uint256[4]"},
				{Name: "pendingToken", Type: "uint256[4]"},
				{Name: "nonce", Type: "uint256"},
				{Name: "onchainNonce", Type: "uint256"},
				{Name: "locksRoot", Type: "bytes32"},
				{Name: "lockedWei", Type: "uint256[2]"},
				{Name: "lockedToken", Type: "uint256[2]"},
				{Name: "timeout", Type: "uint256"},
			},
		},
		PrimaryType: "State",
		Domain: apitypes.TypedDataDomain{
			Name:              DomainName,
			Version:           DomainVersion,
			ChainId:           (*math.HexOrDecimal256)(d.ChainID),
			VerifyingContract: d.Contract.Hex(),
		},
		Message: apitypes.TypedDataMessage{
			"user":          s.User.Hex(),
			"recipient":     s.Recipient.Hex(),
			"weiBalances":   arr(s.WeiBalances[:]),
			"tokenBalances": arr(s.TokenBalances[:]),
			"pendingWei":    arr(s.PendingWei[:]),
			"pendingToken":  arr(s.PendingToken[:]),
			"nonce":         dec(s.Nonce),
			"onchainNonce":  dec(s.OnchainNonce),
			"locksRoot":     s.LocksRoot.Hex(),
			"lockedWei":     arr(s.LockedWei[:]),
			"lockedToken":   arr(s.LockedToken[:]),
			"timeout":       dec(s.Timeout),
		},
	}
}
