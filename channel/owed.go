package channel

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// Assets of payouts the contract owes, as ChannelManager.ASSET_WEI and ASSET_TOKEN.
const (
	AssetWei   uint8 = 0
	AssetToken uint8 = 1
)

const owedWithdrawalType = "OwedWithdrawal(address owner,uint8 asset,address to,uint256 amount,uint256 nonce,uint256 deadline)"

// OwedWithdrawalTypeHash is keccak256 of the OwedWithdrawal type string, as in
// ChannelManager.OWED_WITHDRAWAL_TYPEHASH.
var OwedWithdrawalTypeHash = crypto.Keccak256Hash([]byte(owedWithdrawalType))

// OwedWithdrawal is an owner's signed instruction to send Amount of what the contract owes
// it of one asset (payouts it could not deliver) to To, at the latest at Deadline (a block
// timestamp). Anyone may submit it (withdrawOwedFor). The contract pays exactly Amount,
// leaving any more owed, and refuses it when less is owed. Nonce is the contract's
// owedWithdrawalNonce for the owner, which the withdrawal and the owner's own withdrawOwed
// move on: it is good once, and never after the owner withdrew itself.
type OwedWithdrawal struct {
	Owner    common.Address
	Asset    uint8
	To       common.Address
	Amount   *big.Int
	Nonce    *big.Int
	Deadline *big.Int
}

// OwedWithdrawalDigest returns the EIP-712 digest of w in domain d, the hash the owner
// signs.
func (d Domain) OwedWithdrawalDigest(w OwedWithdrawal) (common.Hash, error) {
	if w.Asset != AssetWei && w.Asset != AssetToken {
		return common.Hash{}, fmt.Errorf("owed withdrawal asset: %w: %d", ErrInvalidField, w.Asset)
	}
	for _, f := range []struct {
		name string
		v    *big.Int
	}{{"amount", w.Amount}, {"nonce", w.Nonce}, {"deadline", w.Deadline}} {
		if err := checkUint256("owed withdrawal "+f.name, f.v); err != nil {
			return common.Hash{}, err
		}
	}
	if d.ChainID == nil || d.ChainID.Sign() <= 0 {
		return common.Hash{}, fmt.Errorf("domain chain id: %w: %v", ErrInvalidField, d.ChainID)
	}
	sep := d.Separator()
	h := crypto.Keccak256Hash(OwedWithdrawalTypeHash[:], common.LeftPadBytes(w.Owner[:], 32),
		common.LeftPadBytes([]byte{w.Asset}, 32), common.LeftPadBytes(w.To[:], 32), word(w.Amount), word(w.Nonce),
		word(w.Deadline))
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], h[:]), nil
}

// OwedWithdrawalTypedData returns w in domain d as EIP-712 typed data for a wallet.
func (d Domain) OwedWithdrawalTypedData(w OwedWithdrawal) apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"},
				{Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"},
				{Name: "verifyingContract", Type: "address"},
			},
			"OwedWithdrawal": {
				{Name: "owner", Type: "address"},
				{Name: "asset", Type: "uint8"},
				{Name: "to", Type: "address"},
				{Name: "amount", Type: "uint256"},
				{Name: "nonce", Type: "uint256"},
				{Name: "deadline", Type: "uint256"},
			},
		},
		PrimaryType: "OwedWithdrawal",
		Domain: apitypes.TypedDataDomain{
			Name:              DomainName,
			Version:           DomainVersion,
			ChainId:           (*math.HexOrDecimal256)(d.ChainID),
			VerifyingContract: d.Contract.Hex(),
		},
		Message: apitypes.TypedDataMessage{
			"owner":    w.Owner.Hex(),
			"asset":    fmt.Sprint(w.Asset),
			"to":       w.To.Hex(),
			"amount":   w.Amount.String(),
			"nonce":    w.Nonce.String(),
			"deadline": w.Deadline.String(),
		},
	}
}
