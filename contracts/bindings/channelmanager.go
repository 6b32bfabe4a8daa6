// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// ChannelManagerChannel is an auto generated low-level Go binding around an user-defined struct.
type ChannelManagerChannel struct {
	TotalWei            *big.Int
	TotalToken          *big.Int
	WeiBalances         [2]*big.Int
	TokenBalances       [2]*big.Int
	LockedWei           *big.Int
	LockedToken         *big.Int
	Nonce               *big.Int
	OnchainNonce        *big.Int
	Digest              [32]byte
	Status              uint8
	Deadline            *big.Int
	DisputeOnchainNonce *big.Int
}

// ChannelManagerLock is an auto generated low-level Go binding around an user-defined struct.
type ChannelManagerLock struct {
	Index       uint32
	Sender      uint8
	AmountWei   *big.Int
	AmountToken *big.Int
	Hashlock    [32]byte
	Expiry      *big.Int
}

// ChannelManagerLockPool is an auto generated low-level Go binding around an user-defined struct.
type ChannelManagerLockPool struct {
	Digest    [32]byte
	HeldWei   *big.Int
	HeldToken *big.Int
}

// ChannelManagerState is an auto generated low-level Go binding around an user-defined struct.
type ChannelManagerState struct {
	User          common.Address
	Recipient     common.Address
	WeiBalances   [2]*big.Int
	TokenBalances [2]*big.Int
	PendingWei    [4]*big.Int
	PendingToken  [4]*big.Int
	Nonce         *big.Int
	OnchainNonce  *big.Int
	LocksRoot     [32]byte
	LockedWei     [2]*big.Int
	LockedToken   [2]*big.Int
	Timeout       *big.Int
}

// ChannelManagerMetaData contains all meta data concerning the ChannelManager contract.
var ChannelManagerMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"hub_\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"challengePeriod_\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"total\",\"type\":\"uint256\"}],\"name\":\"AmountTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"stateTotal\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"channelTotal\",\"type\":\"uint256\"}],\"name\":\"BalanceMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"period\",\"type\":\"uint256\"}],\"name\":\"ChallengePeriodTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"ChannelDisputed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"ChannelNotDisputed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"ChannelNotOpened\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"DeadlineNotReached\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"available\",\"type\":\"uint256\"}],\"name\":\"InsufficientReserve\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"asset\",\"type\":\"uint8\"}],\"name\":\"InvalidAsset\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"position\",\"type\":\"uint256\"}],\"name\":\"InvalidLockIndex\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"sender\",\"type\":\"uint8\"}],\"name\":\"InvalidLockSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"expected\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recovered\",\"type\":\"address\"}],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalformedSignature\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MissingTimeout\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"}],\"name\":\"NoLockPool\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"name\":\"NonZeroTimeout\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchain\",\"type\":\"uint256\"}],\"name\":\"NonceTooFar\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotHub\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"NotParty\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"NotUser\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"asset\",\"type\":\"uint8\"}],\"name\":\"NothingOwed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"}],\"name\":\"NothingToResolve\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"highest\",\"type\":\"uint256\"}],\"name\":\"OnchainNonceTooHigh\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchain\",\"type\":\"uint256\"}],\"name\":\"OnchainNonceTooLow\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"asset\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"owed\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"OwedLessThanSigned\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"OwedWithdrawalExpired\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Reentrancy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchain\",\"type\":\"uint256\"}],\"name\":\"StaleNonce\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"StateTimedOut\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"received\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"TokenAmountMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TokenTransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"UserDepositNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"WrongDepositValue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"}],\"name\":\"WrongLockSet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"WrongOnchainNonce\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"settled\",\"type\":\"bytes32\"}],\"name\":\"WrongSettledState\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroChallengePeriod\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"Challenged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"indexed\":false,\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"}],\"name\":\"ChannelUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"ExitStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"}],\"name\":\"HubReserveFunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"HubReserveWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"returnedWei\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"returnedToken\",\"type\":\"uint256[2]\"}],\"name\":\"LockPoolClosed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"toReceiver\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amountWei\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amountToken\",\"type\":\"uint256\"}],\"name\":\"LockResolved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"OwedWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"PayoutDeferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"hashlock\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"SecretRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"lockedWei\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"lockedToken\",\"type\":\"uint256\"}],\"name\":\"Settled\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"ASSET_TOKEN\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"ASSET_WEI\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_NONCE_STEP\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"NAME\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"OWED_WITHDRAWAL_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SIDE_HUB\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SIDE_OTHER\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SIDE_USER\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"STATE_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VERSION\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"approvedToken\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigHub\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"sigUser\",\"type\":\"bytes\"}],\"name\":\"challenge\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"challengePeriod\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"disputeDeadline\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"disputeStatus\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"disputed\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"getChannel\",\"outputs\":[{\"components\":[{\"internalType\":\"uint256\",\"name\":\"totalWei\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"totalToken\",\"type\":\"uint256\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"lockedWei\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"lockedToken\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"enumChannelManager.Status\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"disputeOnchainNonce\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.Channel\",\"name\":\"ch\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"}],\"name\":\"getLockPool\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"uint128\",\"name\":\"heldWei\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"heldToken\",\"type\":\"uint128\"}],\"internalType\":\"structChannelManager.LockPool\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"hub\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigUser\",\"type\":\"bytes\"}],\"name\":\"hubAuthorizedUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"hubContractWithdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"hubReserveTokens\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"hubReserveWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"sender\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"amountWei\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amountToken\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"hashlock\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"expiry\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.Lock\",\"name\":\"lock\",\"type\":\"tuple\"}],\"name\":\"lockLeaf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"lockResolved\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"sender\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"amountWei\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amountToken\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"hashlock\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"expiry\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.Lock[]\",\"name\":\"locks\",\"type\":\"tuple[]\"}],\"name\":\"locksRootOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"owedToken\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"owedWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"asset\",\"type\":\"uint8\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"owedWithdrawalDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"owedWithdrawalNonce\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"}],\"name\":\"registerSecret\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"secrets\",\"type\":\"bytes32[]\"}],\"name\":\"registerSecrets\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"components\":[{\"internalType\":\"uint32\",\"name\":\"index\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"sender\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"amountWei\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amountToken\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"hashlock\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"expiry\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.Lock[]\",\"name\":\"locks\",\"type\":\"tuple[]\"}],\"name\":\"resolveLocks\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"secretRegisteredAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"startExit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigHub\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"sigUser\",\"type\":\"bytes\"}],\"name\":\"startExitWithUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"}],\"name\":\"stateDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalChannelToken\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalChannelWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalOwedToken\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalOwedWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigHub\",\"type\":\"bytes\"}],\"name\":\"userAuthorizedUpdate\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"asset\",\"type\":\"uint8\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"withdrawOwed\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"asset\",\"type\":\"uint8\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"sig\",\"type\":\"bytes\"}],\"name\":\"withdrawOwedFor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "ChannelManager",
	Bin: "0x610120806040523461023757606081613f648038038091610020828561023b565b8339810103126102375761003381610272565b90610045604060208301519201610272565b6001600b55916001600160a01b038116158015610226575b6102175781156102085763ffffffff82116101f55760805260a0526001600160a01b031660c0524660e0526040805190610097908261023b565b601481527f566967696c204368616e6e656c4d616e61676572000000000000000000000000602090910152604080517ffbe664f0281f79844796cfcddf6ae8813e7fb201db85d19eba0238cccd7621f0916100f2908261023b565b600181526020810190603360f81b82525190206040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a0815261015660c08261023b565b51902061010052604051613cdd908161028782396080518181816118050152818161206701528181612116015281816126ba015281816136870152818161394a0152613b5f015260a05181818161031801528181610b100152610d0d015260c051818181610655015281816119c701528181611e60015281816122b301528181612f2d0152613bad015260e051816131b10152610100518161329c0152f35b50634475b9db60e01b5f5260045260245ffd5b63fb0cee0360e01b5f5260045ffd5b63d92e233d60e01b5f5260045ffd5b506001600160a01b0383161561005d565b5f80fd5b601f909101601f19168101906001600160401b0382119082101761025e57604052565b634e487b7160e01b5f52604160045260245ffd5b51906001600160a01b03821682036102375756fe6080806040526004361015610048575b50361561001a575f80fd5b6040513481527f3abe1cc655cc69528cb38960c9edad96fa1b7a7f848c38dffa82f5a930d183aa60203392a2005b5f3560e01c9081629e8690146127805750806301dd7da91461269257806303d537e61461264b57806312ad8bfc1461262f57806318778105146126125780631ab1dee9146125f75780631e2d80d8146125bf57806332b573e1146125a2578063335578d7146120f55780633463d1b114612096578063365a86fc146120525780634167aff8146120345780634b0b20f9146120185780634babd1e6146117b7578063573750a51461179a5780635b4d2e19146104665780636025ffe1146110f357806369779689146110b35780636a256b2914610dc757806372cc174c14610cdc57806381030fb414610c6657806384b494c714610c3c5780638e4f90e41461046b578063928d506f14610c025780639821752414610b9457806399ff71bc14610aae5780639a01b4d5146108405780639b9093d6146107c05780639fb0760014610788578063a121a2791461076e578063a3f4df7e14610720578063a58b880a14610684578063bab4625914610640578063bd6ee52914610606578063bee4ad09146105cb578063c689609d146104d2578063c8f6515a146104a8578063d55d9a5614610470578063d574c0991461046b578063d706200514610466578063f04a75391461033b578063f3f480d914610301578063f41b400a146102a7578063f698da25146102855763ffa1ad7414610242575f61000f565b34610281575f3660031901126102815761027d60405161026360408261295d565b60018152603360f81b60208201526040519182918261297e565b0390f35b5f80fd5b34610281575f36600319011261028157602061029f6131af565b604051908152f35b346102815760603660031901126102815760206102c2612799565b6044359060018060a01b03165f526006825260405f206024355f52825260405f208160081c5f52825260405f2054600160ff60405193161b1615158152f35b34610281575f3660031901126102815760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b3461028157610349366128a4565b916001600160a01b0361035b866129cd565b165f52600460205260405f20936001600160401b03600386015460b81c1694851561043d5785421015610426579285927fb34f400b534905cd9e33b6936b4015a0fe622018ab9f5090b97532ad4c85833a9592886103b8966138dc565b916103c2846129cd565b936104216103d76103d2836129cd565b613b5c565b6040805160ff90921682526101c084013560208301526101e090930135928101929092526060820192909252608081019390935233936001600160a01b03169290819060a0820190565b0390a3005b8563041f95d160e51b5f526004524260245260445ffd5b610446876129cd565b633c6293eb60e21b5f9081526001600160a01b0391909116600452602490fd5b61282f565b61288a565b34610281576020366003190112610281576001600160a01b03610491612799565b165f52600a602052602060405f2054604051908152f35b34610281575f36600319011261028157602061029f6104c9475f5490612e01565b60025490612e01565b346102815760c0366003190112610281576104eb612799565b6104f361287a565b6104fb6127af565b606435916084359360a4356001600160401b038111610281576105229036906004016127c5565b6001600b97929754036105bc576002600b558142116105a5578261056a9160018060a01b03821698895f52600a60205261056560405f205495868b8b8b88612e0e565b6133d0565b600181018091116105915761058a955f52600a60205260405f2055613744565b6001600b55005b634e487b7160e01b5f52601160045260245ffd5b50639554b61160e01b5f526004524260245260445ffd5b63558a1e0360e11b5f5260045ffd5b34610281576020366003190112610281576004356001600160401b0381116102815761029f610600602092369060040161284a565b90612fd8565b34610281575f3660031901126102815760206040517f70c0e3f8016cc2bec0963f38a1ccf32ea686776b5193a1ef57416677262e91b38152f35b34610281575f366003190112610281576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b346102815760403660031901126102815761069d612799565b5f604080516106ab81612942565b828152826020820152015260018060a01b03165f52600560205260405f206024355f52602052606060405f206001600160801b036040516106eb81612942565b816001845494858452015491604060208201918385168352019260801c83526040519485525116602084015251166040820152f35b34610281575f3660031901126102815761027d60405161074160408261295d565b60148152732b34b3b4b61021b430b73732b626b0b730b3b2b960611b60208201526040519182918261297e565b34610281575f36600319011261028157602061029f612f12565b34610281576020366003190112610281576001600160a01b036107a9612799565b165f526008602052602060405f2054604051908152f35b346102815760c03660031901126102815760043563ffffffff81169081810361028157506024359060ff821680830361028157602092506040519083820192835260408201526044356060820152606435608082015260843560a082015260a43560c082015260c0815261083560e08261295d565b519020604051908152f35b3461028157602036600319011261028157610859612799565b6040516101808101918183106001600160401b03841117610a9a575f92604052828252602082019183835260408101906040908151610898838261295d565b823682378352606081019082516108af848261295d565b8336823782526080810187815260a082019088825260c083019289845260e08101948a8652896101008301978c89526101208401998d8b5261014085019d8e5261016085019b5f8d5260018060a01b03165f526004602052610999610981835f209485546001600160801b038116895260801c8152845161092f81612927565b60018701546001600160801b038116825260801c60208201528452845161095581612927565b60028701546001600160801b038116825260801c6020820152875261098d610981895186515190612e01565b60208651015190612e01565b89525186515190612e01565b875260046003840154936001600160781b0385168a526001600160401b038560781c168b5201548a528d6001600160401b038460b81c1680915215155f14610a93576001945b6002861015610a7757610a0d610a2694610a31978e528b519060f81c5f14610a8b5760ff60015b1690612df4565b8d528251905181529c5160208e015251908c0190612900565b5160808a0190612900565b5160c08801525160e087015251610100860152516101208501525161014084015251926002841015610a77576101c09361016084015251610180830152516101a0820152f35b634e487b7160e01b5f52602160045260245ffd5b60ff5f610a06565b5f946109df565b634e487b7160e01b5f52604160045260245ffd5b34610281577f1fe587bae26430b3d45e3229e1070d486f98e68d051a1d06a628b5c07d2734a2610b3d610ae0366128a4565b84969493959291610af8610af3866129cd565b61361f565b92610b0a610b05876129cd565b613684565b97610b357f000000000000000000000000000000000000000000000000000000000000000042612df4565b9687956138dc565b93610421610b4a826129cd565b6040805160ff90971687526101c084013560208801526101e090930135928601929092526060850192909252608084019490945233936001600160a01b03169290819060a0820190565b346102815760403660031901126102815760043560ff8116810361028157602435906001600160a01b0382168203610281576001600b54036105bc5761058a916002600b55335f52600a60205260405f20610bef8154612e8e565b9055610bfb82336136e7565b9133613744565b34610281575f3660031901126102815760206040517fdf3e7fab5325a0c266c42c7131717e3a95b27d83ff9356b79c83ce472365e6b98152f35b34610281576020366003190112610281576004355f526007602052602060405f2054604051908152f35b34610281576020366003190112610281576004356001600160401b03811161028157366023820112156102815780600401356001600160401b038111610281573660248260051b84010111610281575f5b81811015610cda57600190610cd460248260051b8601013561335d565b01610cb7565b005b3461028157602036600319011261028157610cf5612799565b610cfe8161361f565b610d0782613684565b90610d327f000000000000000000000000000000000000000000000000000000000000000042612df4565b60038201805467ffffffffffffffff60b81b191660b883901b67ffffffffffffffff60b81b161781556001600160401b0390600490549301549260ff604051951685526001600160781b038116602086015260781c166040840152606083015260808201527f1fe587bae26430b3d45e3229e1070d486f98e68d051a1d06a628b5c07d2734a260a03393600180831b031692a3005b3461028157602036600319011261028157610de0612799565b6001600b54036105bc576002600b5560018060a01b0381165f52600460205260405f209060038201546001600160401b038160b81c1680156110955780421061107f575060208061058a94610ee1938060f81c5f146110705785610eca610e5860ff60015b166001600160401b038560781c16612df4565b6004850154905f600460405197610e6e89612927565b60018101546001600160801b0381168a5260801c8a8a015287896040519d8e610e9681612927565b60028501546001600160801b038116825260801c8e8201528d610ed386549482610eca82516001600160801b038916612e01565b91015190612e01565b9a8b9483519060801c612e01565b9889888315801590611067575b610fd6575b5050505050610f11610f0a8a518c8c015190612df4565b8454612e01565b8355610f2e610f268d8c815191015190612df4565b600154612e01565b60019081555f80835590820181905560028201556003810180546001600160b81b031690550155604080516001600160781b0396909616865287860191909152840152610f7e6060840185612900565b610f8b60a0840188612900565b60e083015261010082015233906001600160a01b038716907f96224ace789375e3b92b7dffc95a74fac1a72c0a2cf63d35271c65df9052248b9061012090a3015191015191806134fb565b6001600160801b03600181949261105d97839460405192610ff684612942565b835260208590840199168952846040840197168752838060a01b03168c526020600590526001600160781b0360408d2091168c5260205260408b20905181550194511616821984541617835551166001600160801b0382549181199060801b169116179055565b87868e8988610ef3565b50811515610eee565b85610eca610e5860ff5f610e45565b630a476e4560e31b5f526004524260245260445ffd5b633c6293eb60e21b5f9081526001600160a01b038416600452602490fd5b346102815760c036600319011261028157602061029f6110d1612799565b6110d961287a565b6110e16127af565b9160a435926084359260643592612e0e565b346102815736600319016102e08112610281576102c013610281576102c4356001600160401b0381116102815761112e90369060040161284a565b906001600b54036105bc576002600b55600435906001600160a01b03821682036102815760018060a01b0382165f52600560205260405f206101c4355f5260205260405f209283548015611775576111846129e1565b8181036117605750506111978183612fd8565b610204359081810361174b5750506040908151916111b5818461295d565b8036843780516111c5828261295d565b813682375f5b8381106116d5575081516111de81612927565b8451610224351080156116c8575b151581526020850151610244351080156116b8575b15156020820152825194611215848761295d565b83368737835196611226858961295d565b84368937865f915f9760018060a01b038c165f526006602052875f206101c4355f52602052875f20908b8d5f905b8382106114f557505050505050501594855f146114b65750835192611279858561295d565b8436853784519261128a868561295d565b853685375f5b600281106113d55750505050928261138e926112c2611398966112b961058a9c97518094612900565b83830190612900565b6101c435906001600160a01b038a16907f012cd5aab620776d5983384e24be89b67d9bf331df9ce312c55fe18f1a93b89f90608090a35b61130b60208751970196875190612df4565b91611381600161132360208b519b019a8b5190612df4565b96016001600160801b038061133b8782855416612e01565b16166001600160801b03198254161781556001600160801b0361136288835460801c612e01565b82546001600160801b0316911660801b6001600160801b031916179055565b6113a5575b505f54612e01565b5f55600154612e01565b60015551905191806134fb565b6001600160a01b0388165f908152600560209081528282206101c435835290529081208181556001015588611386565b806113e260019284612dc5565b511561149a576113f181612d9f565b355b6113fd8289612dc5565b526114088184612dc5565b51156114775761141781612db2565b355b6114238288612dc5565b526114426114318289612dc5565b5161143c838d612dc5565b51612df4565b61144c828c612dc5565b526114668b61143c8361145f818b612dc5565b5192612dc5565b611470828d612dc5565b5201611290565b61149561148382612db2565b3561148e8387612dc5565b5190612e01565b611419565b6114b16114a682612d9f565b3561148e8388612dc5565b6113f3565b92505050156114d0579461138e6113989261058a976112f9565b6392d4b3b160e01b5f9081526001600160a01b0386166004526101c435602452604490fd5b611507828588999f9495969798612dd6565b9361152060ff61151960208801612de6565b168c612dc5565b511580159061169a575b61168d5760808501355f5260076020528c5f20549d8e15159e8f61167e575b508e15938480611670575b61165e57508460081c5f52876020528d5f20600160ff87161b81541790558d60019f5f14611642575050505060ff61158e60208501612de6565b168c039060ff8211610591578f918f908f906115e98f919760ff6001995b169483820135946115cb876115c58861143c8386612dc5565b92612dc5565b526115e36060830135966115c58861143c8386612dc5565b52612ead565b9381519487865260208601521590840152606083015260808201527fe8745fa29e89ea65e7f820869b433d1c33f839644ec2347ba413ad1b49b9bef060a06101c435938680831b031692a35b01908b8b9493928e611254565b6115e98760ff611659602060019b99989901612de6565b6115ac565b9e505050505094505060018094611635565b5060a0870135421115611554565b60a087013510159e505f611549565b50509a5060019150611635565b508360081c5f52866020528c5f2054600160ff86161b16151561152a565b5060208201516102843510611201565b50815161026435106111ec565b8060ff6116f060206116ea600195898c612dd6565b01612de6565b166117136116fe8289612dc5565b518661170b858a8d612dd6565b013590613ccc565b61171d8289612dc5565b5261174461173d89606061170b868b611736888c612dc5565b5194612dd6565b9185612dc5565b52016111cb565b639c2be6c760e01b5f5260045260245260445ffd5b635213159760e11b5f5260045260245260445ffd5b6334007e3960e21b5f9081526001600160a01b0385166004526101c435602452604490fd5b34610281575f366003190112610281576020600354604051908152f35b6117c0366127f2565b91906001600b54036105bc576002600b556001600160a01b036117e2836129cd565b163303611feb576101008201353403611fcf5761182b9061180283612bf2565b937f000000000000000000000000000000000000000000000000000000000000000091856133d0565b610180810135611e4b575b6001600160a01b03611847826129cd565b165f52600460205260405f209160038301546001600160401b038160b81c16611e22576102a083013580158080611e13575b611e04571580611dfb575b611de557506001600160401b03906118a16101c085013586613c5d565b60781c166001810180911161059157806101e084013514801590611dd0575b611db557506118f56118e96118dd60608501356040860135612df4565b61022085013590612df4565b61024084013590612df4565b9261192661191a61190e60a08601356080870135612df4565b61026086013590612df4565b61028085013590612df4565b9361194461193860e086013583612df4565b61012086013590612df4565b8254906001600160801b038216809103611d9e575061197761196b61016087013588612df4565b6101a087013590612df4565b9060801c809103611d7157506119a06104c961199861010087013547612e01565b5f5490612e01565b8060c086013511611d5757506040516370a0823160e01b81523060048201526020816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa908115611d4c575f91611d18575b50611a1f611a16611a289261018088013590612e01565b60015490612e01565b60035490612e01565b8061014086013511611cfd5750611a56611a6d91611a516101008701359160c088013590612df4565b612df4565b94611a516101808601359161014087013590612df4565b936001600160801b038111611ceb576001600160801b038511611cd85760809490941b6001600160801b0319166001600160801b039490941693909317835561058a928190600490611b0b6001600160801b03611ad260c08801356040890135612df4565b166001600160801b036001840191166001600160801b03198254161781556001600160801b0361136261010089013560608a0135612df4565b611b626001600160801b03611b296101408801356080890135612df4565b166001600160801b036002840191166001600160801b03198254161781556001600160801b0361136261018089013560a08a0135612df4565b6003810180546001600160b81b0319166101c08701356001600160781b0316176101e087013560781b67ffffffffffffffff60781b1617905501555f54611bd19061012084013590611bcc9060e086013590829061010088013590611a519060c08a013590612df4565b612e01565b5f55611bff6101a0830135611bcc610160850135611bcc610180870135611a51610140890135600154612df4565b6001557fae15b17bad8f335e5250be0a5e0d28b6e1babc9d018d521862bff7370fcd9c0a6102006001600160a01b03611c37856129cd565b169260405190600182526101c086013560208301526101e0860135604083015260608201526040808601608083013760406080860160c0830137608060c0860161010083013760806101408601610180830137a2611c94816129cd565b602082016001600160a01b03611ca9826129cd565b16611cca5750611cb8826129cd565b6101206101a0840135930135916134fb565b611cd3906129cd565b611cb8565b846304041d9560e11b5f5260045260245ffd5b6304041d9560e11b5f5260045260245ffd5b6101408563315276c960e01b5f52013560045260245260445ffd5b90506020813d602011611d44575b81611d336020938361295d565b810103126102815751611a1f6119ff565b3d9150611d26565b6040513d5f823e3d90fd5b60c08563315276c960e01b5f52013560045260245260445ffd5b611d896101a0860135611a5161016088013589612df4565b631b997b6160e21b5f5260045260245260445ffd5b611d89610120870135611a5160e089013586612df4565b6101e0836302e5a76b60e31b5f52013560045260245260445ffd5b506001600160401b036101e0840135116118c0565b635bea945b60e11b5f526004524260245260445ffd5b50804211611884565b63d57a0b1560e01b5f5260045ffd5b50611e1d85613c08565b611879565b611e2b836129cd565b63431347c960e11b5f9081526001600160a01b0391909116600452602490fd5b6040516370a0823160e01b81523060048201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316602082602481845afa918215611d4c575f92611f9b575b50611ede6040516323b872dd60e01b6020820152336024820152306044820152610180850135606482015260648152611ed960848261295d565b613ba5565b15611f7b57906020602492604051938480926370a0823160e01b82523060048301525afa8015611d4c575f90611f47575b611f199250612e01565b6101808201358103611f2b5750611836565b610180925063497e7c4b60e01b5f52600452013560245260445ffd5b506020823d602011611f73575b81611f616020938361295d565b8101031261028157611f199151611f0f565b3d9150611f54565b6101808363190eecf360e31b5f523360045230602452013560445260645ffd5b9091506020813d602011611fc7575b81611fb76020938361295d565b8101031261028157519084611e9f565b3d9150611faa565b610100826348d4c3ef60e11b5f5234600452013560245260445ffd5b611ff4826129cd565b63582dfe7560e01b5f908152336004526001600160a01b0391909116602452604490fd5b34610281576102c036600319011261028157602061029f6129e1565b34610281575f366003190112610281576020604051600160401b8152f35b34610281575f366003190112610281576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b34610281576020366003190112610281576001600160a01b036120b7612799565b165f5260046020526060600360405f2001546001600160781b036001600160401b038260b81c16916040519280151584526020840152166040820152f35b3461028157612103366127f2565b91906001600b54036105bc576002600b557f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316330361258f5761010082013515801590612581575b612572576121759061216483612bf2565b9361216e846129cd565b91856133d0565b6001600160a01b03612186826129cd565b165f52600460205260405f209160038301546001600160401b038160b81c16611e22576102a083013580158080612563575b611e0457158061255a575b611de557506001600160401b03906121e06101c085013586613c5d565b60781c166001810180911161059157806101e084013514801590612545575b611db5575061221c6118e96118dd60608501356040860135612df4565b9261223561191a61190e60a08601356080870135612df4565b9361224761193860e086013583612df4565b8254906001600160801b0382160361250e5761226b61196b61016087013588612df4565b9060801c809103611d71575061228c6104c961199861010087013547612e01565b8060c086013511611d5757506040516370a0823160e01b81523060048201526020816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa908115611d4c575f916124da575b50611a1f611a166123029261018088013590612e01565b8061014086013511611cfd5750611a5661232b91611a516101008701359160c088013590612df4565b936001600160801b038111611ceb576001600160801b038511611cd85760809490941b6001600160801b0319166001600160801b039490941693909317835561058a9281906004906123906001600160801b03611ad260c08801356040890135612df4565b6123ae6001600160801b03611b296101408801356080890135612df4565b6003810180546001600160b81b0319166101c08701356001600160781b0316176101e087013560781b67ffffffffffffffff60781b1617905501555f546124189061012084013590611bcc9060e086013590829061010088013590611a519060c08a013590612df4565b5f556124466101a0830135611bcc610160850135611bcc610180870135611a51610140890135600154612df4565b6001557fae15b17bad8f335e5250be0a5e0d28b6e1babc9d018d521862bff7370fcd9c0a6102006001600160a01b0361247e856129cd565b1692604051905f82526101c086013560208301526101e0860135604083015260608201526040808601608083013760406080860160c0830137608060c0860161010083013760806101408601610180830137a2611c94816129cd565b90506020813d602011612506575b816124f56020938361295d565b810103126102815751611a1f6122eb565b3d91506124e8565b61252f85611a516001600160801b039460e061012084013593013590612df4565b631b997b6160e21b5f526004521660245260445ffd5b506001600160401b036101e0840135116121ff565b508042116121c3565b5061256d85613c08565b6121b8565b63343c43c960e21b5f5260045ffd5b506101808201351515612153565b63727fe12b60e01b5f523360045260245ffd5b34610281575f366003190112610281576020600154604051908152f35b34610281576020366003190112610281576001600160a01b036125e0612799565b165f526009602052602060405f2054604051908152f35b34610281575f36600319011261028157602060405160028152f35b34610281575f366003190112610281576020600254604051908152f35b3461028157602036600319011261028157610cda60043561335d565b34610281576020366003190112610281576001600160a01b0361266c612799565b165f52600460205260206001600160401b03600360405f20015460b81c16604051908152f35b34610281576040366003190112610281576004356024356001600b54036105bc576002600b557f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0381163381900361258f576126fa6104c9475f5490612e01565b80851161276a575061270a612f12565b808411612754575061058a9361274f917fb2e40c42a13f4deffa3812e929a4c5ea5943f185cc540b6b2777804167ce1ea560408051848152876020820152a2826132be565b6132f6565b8363315276c960e01b5f5260045260245260445ffd5b8463315276c960e01b5f5260045260245260445ffd5b34610281575f366003190112610281576020905f548152f35b600435906001600160a01b038216820361028157565b604435906001600160a01b038216820361028157565b9181601f84011215610281578235916001600160401b038311610281576020838186019501011161028157565b9060031982016102e08112610281576102c013610281576004916102c435906001600160401b0382116102815761282b916004016127c5565b9091565b34610281575f36600319011261028157602060405160018152f35b9181601f84011215610281578235916001600160401b0383116102815760208085019460c0850201011161028157565b6024359060ff8216820361028157565b34610281575f3660031901126102815760206040515f8152f35b9060031982016103008112610281576102c013610281576004916102c4356001600160401b03811161028157816128dd916004016127c5565b929092916102e435906001600160401b0382116102815761282b916004016127c5565b905f905b6002821061291157505050565b6020806001928551815201930191019091612904565b604081019081106001600160401b03821117610a9a57604052565b606081019081106001600160401b03821117610a9a57604052565b90601f801991011681019081106001600160401b03821117610a9a57604052565b602060409281835280519182918282860152018484015e5f828201840152601f01601f1916010190565b9060048110156129b95760051b0190565b634e487b7160e01b5f52603260045260245ffd5b356001600160a01b03811681036102815790565b6129e96131af565b6004356001600160a01b0381169081810361028157506024356001600160a01b03811680820361028157612bde92612bec9250604051602081019060406044833760408152612a3960608261295d565b519020604051602081019060406084833760408152612a5960608261295d565b5190206040516020810190608060c4833760808152612a7960a08261295d565b5190209060405160208101906080610144833760808152612a9b60a08261295d565b519020926040519560208701957fdf3e7fab5325a0c266c42c7131717e3a95b27d83ff9356b79c83ce472365e6b9875260408801526060870152608086015260a085015260c084015260e083015260e08252612af96101008361295d565b612bb460405160208101906040610224833760408152612b1a60608261295d565b519020916020604051818101906040610264833760408152612b3d60608261295d565b5190209360405194828601916101c43583526101e4356040880152610204356060880152608087015260a08601526102a43560c086015260c08552612b8360e08661295d565b60405194859383850197518091895e840190838201905f8252519283915e01015f815203601f19810183528261295d565b519020604051928391602083019586909160429261190160f01b8352600283015260228201520190565b03601f19810183528261295d565b51902090565b612bde612bec612c006131af565b92612c0a816129cd565b90612bb4612c1a602083016129cd565b9260405160208101906040808601833760408152612c3960608261295d565b5190206040516020810190604060808701833760408152612c5b60608261295d565b5190206040516020810190608060c08801833760808152612c7d60a08261295d565b51902090604051602081019060806101408901833760808152612ca160a08261295d565b519020926040519760208901957fdf3e7fab5325a0c266c42c7131717e3a95b27d83ff9356b79c83ce472365e6b9875260018060a01b031660408a015260018060a01b03166060890152608088015260a087015260c086015260e085015260e08452612d0f6101008561295d565b60206040518181019060406102208701833760408152612d3060608261295d565b5190206102a06040518381019060406102608901833760408152612d5560608261295d565b5190209560405196848801936101c083013585526101e083013560408a015261020083013560608a0152608089015260a0880152013560c086015260c08552612b8360e08661295d565b60028110156129b95760051b6102240190565b60028110156129b95760051b6102640190565b9060028110156129b95760051b0190565b91908110156129b95760c0020190565b3560ff811681036102815790565b9190820180921161059157565b9190820391821161059157565b9194612bde94612bec94612e206131af565b9760ff6040519560208701977f70c0e3f8016cc2bec0963f38a1ccf32ea686776b5193a1ef57416677262e91b3895260018060a01b0316604088015216606086015260018060a01b0316608085015260a084015260c083015260e082015260e08152612bb46101008261295d565b5f1981146105915760010190565b3563ffffffff811681036102815790565b612eb681612e9c565b9060a0612ec560208301612de6565b9160ff6040519363ffffffff60208601961686521660408401526040810135606084015260608101356080840152608081013582840152013560c082015260c08152612bec60e08261295d565b6040516370a0823160e01b81523060048201526020816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa908115611d4c575f91612f79575b50611a1f612f769160015490612e01565b90565b90506020813d602011612fa5575b81612f946020938361295d565b810103126102815751611a1f612f65565b3d9150612f87565b6001600160401b038111610a9a5760051b60200190565b80518210156129b95760209160051b010190565b908081156131a857612fe982612fad565b91612ff7604051938461295d565b80835261300381612fad565b602084019490601f19013686375f5b8281106130fa575050505b60018111613030575051156129b9575190565b5f905f5b81811061304257505061301d565b6001810180821161059157808303613095575061305f8185612fc4565b515b61307461306d85612e8e565b9486612fc4565b52600281018091111561303457634e487b7160e01b5f52601160045260245ffd5b6130aa6130a28387612fc4565b519186612fc4565b51808210156130da5760405190602082019283526040820152604081526130d260608261295d565b519020613061565b9060405190602082019283526040820152604081526130d260608261295d565b8063ffffffff61311361310e838787612dd6565b612e9c565b160361317f57600160ff61312d60206116ea858888612dd6565b161161315a57806131496131446001938686612dd6565b612ead565b6131538288612fc4565b5201613012565b6116ea60209160ff9461316c94612dd6565b6301b6cb0f60e11b5f521660045260245ffd5b63ffffffff61319261310e838686612dd6565b633279a3b760e01b5f521660045260245260445ffd5b5050505f90565b7f0000000000000000000000000000000000000000000000000000000000000000461461329a576040516131e460408261295d565b60148152732b34b3b4b61021b430b73732b626b0b730b3b2b960611b602090910152604080517ffbe664f0281f79844796cfcddf6ae8813e7fb201db85d19eba0238cccd7621f091613236908261295d565b600181526020810190603360f81b82525190206040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a08152612bec60c08261295d565b7f000000000000000000000000000000000000000000000000000000000000000090565b81156132f2575f80808085855af1156132d5575050565b630e21dcbb60e11b5f5260018060a01b031660045260245260445ffd5b5050565b81156132f25760405163a9059cbb60e01b60208201526001600160a01b03821660248201526044810183905261333390611ed98160648101612bde565b1561333c575050565b63190eecf360e31b5f523060045260018060a01b031660245260445260645ffd5b60405160208101908282526020815261337760408261295d565b51902090815f52600760205260405f205415613391575050565b60407fc0557b686de0e5ed514b3f4bba503e3fd051e83dc024da7bb11bba1a7e56fb3591835f52600760205242825f20558151908152426020820152a2565b604183036134985782602011610281578135918360401161028157602081013593604010156129b9576040013560f81c601b81106134db575b60ff1690601b821415806134d0575b80156134a7575b613498576020935f93608093604051938452868401526040830152606082015282805260015afa15611d4c575f516001600160a01b03169081158015613485575b613468575050565b6310b5d43760e21b5f5260018060a01b031660045260245260445ffd5b506001600160a01b038116821415613460565b632ad0f0b760e11b5f5260045ffd5b507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841161341f565b50601c821415613418565b601b0160ff81111561340957634e487b7160e01b5f52601160045260245ffd5b9091925f925f948061360b575b508180151591826135c9575b50506135c1575b5081158015906135b8575b61352f57505050565b7f7c86fd5f9cc8abfda89664deda801b7cc79d18a447e2b0467e22a8f5f8f1676b9160409160018060a01b031693845f526008602052825f20613573838254612df4565b9055845f526009602052825f2061358b828254612df4565b905561359982600254612df4565b6002556135a881600354612df4565b60035582519182526020820152a2565b50821515613526565b92505f61351b565b60405163a9059cbb60e01b60208201526001600160a01b03909116602482015260448101919091526136039150611ed98160648101612bde565b15815f613514565b5f808080848682f16135085793505f613508565b60018060a01b031690815f52600460205260405f209160038301546001600160401b038160781c16156136715760b81c6001600160401b031661365f5750565b63431347c960e11b5f5260045260245ffd5b50633a9e57cb60e01b5f5260045260245ffd5b337f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316146136e2576001600160a01b0316903382146136dc57506317f9083760e21b5f523360045260245260445ffd5b60019150565b505f90565b919060ff16918215613729576001831461370e578263104136ab60e11b5f5260045260245ffd5b6001600160a01b03165f908152600960205260409020549150565b6001600160a01b03165f908152600860205260409020549150565b909291906001600160a01b038216156138d4575b61376284826136e7565b9384156138af5783156138a0578484116138685760ff166137f35761378a836137f195612e01565b9060018060a01b031690815f52600860205260405f20556137ad83600254612e01565b600255604080518481525f60208201526001600160a01b03841692917f7fd8a6696e1f96eb342dd786fdea1c2031a90eb740f95ca3ac5276977b479eea91a36132be565b565b613800836137f195612e01565b9060018060a01b031690815f52600960205260405f205561382383600354612e01565b600355604080515f8152602081018590526001600160a01b03841692917f7fd8a6696e1f96eb342dd786fdea1c2031a90eb740f95ca3ac5276977b479eea91a36132f6565b60405163035e506160e61b81526001600160a01b03909216600483015260ff1660248201526044810184905260648101839052608490fd5b631f2a200560e01b5f5260045ffd5b63ea49f28160e01b5f9081526001600160a01b0390921660045260ff16602452604490fd5b905080613758565b949695919092966102a084013580613b4a57506101c0840135916139008388613c5d565b60038701956001600160401b03875460781c16926101e087013592848410613b32576001850180861161059157808511613b1c57509061397061398093926139478a612bf2565b9d7f0000000000000000000000000000000000000000000000000000000000000000918f6133d0565b613979886129cd565b918c6133d0565b14928315613b0f5761399b60c08201355b6040830135612df4565b908415613b01576139b66101008201355b6060830135612df4565b918515613af3576139d16101408301355b6080840135612df4565b928615613ae5576139ec6101808401355b60a0850135612df4565b92613a15613a096139fd8486612df4565b61022084013590612df4565b61024083013590612df4565b908a54916001600160801b03831690818103611d89575050613a5690610280613a4d613a41888a612df4565b61026084013590612df4565b91013590612df4565b9060801c90818103611d895750506001600160801b039182166001600160801b0319608092831b81169190911760018b015592901b9091169116176002860155835460b89290921b67ffffffffffffffff60b81b166001600160781b039190911667ffffffffffffffff60781b9092169190911717901560f81b6001600160f81b031916179055600401829055565b6139ec6101a08401356139e2565b6139d16101608301356139c7565b6139b66101208201356139ac565b61399b60e0820135613991565b84630bb4b6a360e11b5f5260045260245260445ffd5b505050634e99138f60e01b5f5260045260245260445ffd5b6308918c8b60e11b5f5260045260245ffd5b337f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316146136e2576001600160a01b03163314613ba057600290565b600190565b5f80805281517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031693926020929190830182865af19182613beb5750565b9091503d15613c02575060015f5114601f3d111690565b3b151590565b60c08101905f5b60048110613c1e575050505f90565b613c2881846129a8565b3515801590613c46575b613c3e57600101613c0f565b505050600190565b50613c558161014084016129a8565b351515613c32565b600301546001600160781b03169081811115613cb757600160401b613c828383612e01565b118015613ca7575b613c92575050565b635bac215760e11b5f5260045260245260445ffd5b506001600160781b038111613c8a565b63f54256bf60e01b5f5260045260245260445ffd5b90810190811015612f7657505f199056",
}

// ChannelManager is an auto generated Go binding around an Ethereum contract.
type ChannelManager struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ChannelManager) GetABI() abi.ABI {
	return c.abi
}

// NewChannelManager creates a new instance of ChannelManager.
func NewChannelManager() *ChannelManager {
	parsed, err := ChannelManagerMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ChannelManager{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ChannelManager) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address hub_, uint256 challengePeriod_, address token_) returns()
func (channelManager *ChannelManager) PackConstructor(hub_ common.Address, challengePeriod_ *big.Int, token_ common.Address) []byte {
	enc, err := channelManager.abi.Pack("", hub_, challengePeriod_, token_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackASSETTOKEN is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7062005.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ASSET_TOKEN() view returns(uint8)
func (channelManager *ChannelManager) PackASSETTOKEN() []byte {
	enc, err := channelManager.abi.Pack("ASSET_TOKEN")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackASSETTOKEN is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7062005.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ASSET_TOKEN() view returns(uint8)
func (channelManager *ChannelManager) TryPackASSETTOKEN() ([]byte, error) {
	return channelManager.abi.Pack("ASSET_TOKEN")
}

// UnpackASSETTOKEN is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd7062005.
//
// Solidity: function ASSET_TOKEN() view returns(uint8)
func (channelManager *ChannelManager) UnpackASSETTOKEN(data []byte) (uint8, error) {
	out, err := channelManager.abi.Unpack("ASSET_TOKEN", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackASSETWEI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd574c099.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function ASSET_WEI() view returns(uint8)
func (channelManager *ChannelManager) PackASSETWEI() []byte {
	enc, err := channelManager.abi.Pack("ASSET_WEI")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackASSETWEI is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd574c099.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function ASSET_WEI() view returns(uint8)
func (channelManager *ChannelManager) TryPackASSETWEI() ([]byte, error) {
	return channelManager.abi.Pack("ASSET_WEI")
}

// UnpackASSETWEI is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd574c099.
//
// Solidity: function ASSET_WEI() view returns(uint8)
func (channelManager *ChannelManager) UnpackASSETWEI(data []byte) (uint8, error) {
	out, err := channelManager.abi.Unpack("ASSET_WEI", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackMAXNONCESTEP is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4167aff8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_NONCE_STEP() view returns(uint256)
func (channelManager *ChannelManager) PackMAXNONCESTEP() []byte {
	enc, err := channelManager.abi.Pack("MAX_NONCE_STEP")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXNONCESTEP is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4167aff8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_NONCE_STEP() view returns(uint256)
func (channelManager *ChannelManager) TryPackMAXNONCESTEP() ([]byte, error) {
	return channelManager.abi.Pack("MAX_NONCE_STEP")
}

// UnpackMAXNONCESTEP is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4167aff8.
//
// Solidity: function MAX_NONCE_STEP() view returns(uint256)
func (channelManager *ChannelManager) UnpackMAXNONCESTEP(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("MAX_NONCE_STEP", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackNAME is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa3f4df7e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function NAME() view returns(string)
func (channelManager *ChannelManager) PackNAME() []byte {
	enc, err := channelManager.abi.Pack("NAME")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNAME is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa3f4df7e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function NAME() view returns(string)
func (channelManager *ChannelManager) TryPackNAME() ([]byte, error) {
	return channelManager.abi.Pack("NAME")
}

// UnpackNAME is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa3f4df7e.
//
// Solidity: function NAME() view returns(string)
func (channelManager *ChannelManager) UnpackNAME(data []byte) (string, error) {
	out, err := channelManager.abi.Unpack("NAME", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackOWEDWITHDRAWALTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd6ee529.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function OWED_WITHDRAWAL_TYPEHASH() view returns(bytes32)
func (channelManager *ChannelManager) PackOWEDWITHDRAWALTYPEHASH() []byte {
	enc, err := channelManager.abi.Pack("OWED_WITHDRAWAL_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOWEDWITHDRAWALTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbd6ee529.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function OWED_WITHDRAWAL_TYPEHASH() view returns(bytes32)
func (channelManager *ChannelManager) TryPackOWEDWITHDRAWALTYPEHASH() ([]byte, error) {
	return channelManager.abi.Pack("OWED_WITHDRAWAL_TYPEHASH")
}

// UnpackOWEDWITHDRAWALTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbd6ee529.
//
// Solidity: function OWED_WITHDRAWAL_TYPEHASH() view returns(bytes32)
func (channelManager *ChannelManager) UnpackOWEDWITHDRAWALTYPEHASH(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("OWED_WITHDRAWAL_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackSIDEHUB is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e4f90e4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function SIDE_HUB() view returns(uint8)
func (channelManager *ChannelManager) PackSIDEHUB() []byte {
	enc, err := channelManager.abi.Pack("SIDE_HUB")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSIDEHUB is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8e4f90e4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function SIDE_HUB() view returns(uint8)
func (channelManager *ChannelManager) TryPackSIDEHUB() ([]byte, error) {
	return channelManager.abi.Pack("SIDE_HUB")
}

// UnpackSIDEHUB is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8e4f90e4.
//
// Solidity: function SIDE_HUB() view returns(uint8)
func (channelManager *ChannelManager) UnpackSIDEHUB(data []byte) (uint8, error) {
	out, err := channelManager.abi.Unpack("SIDE_HUB", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackSIDEOTHER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ab1dee9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function SIDE_OTHER() view returns(uint8)
func (channelManager *ChannelManager) PackSIDEOTHER() []byte {
	enc, err := channelManager.abi.Pack("SIDE_OTHER")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSIDEOTHER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ab1dee9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function SIDE_OTHER() view returns(uint8)
func (channelManager *ChannelManager) TryPackSIDEOTHER() ([]byte, error) {
	return channelManager.abi.Pack("SIDE_OTHER")
}

// UnpackSIDEOTHER is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1ab1dee9.
//
// Solidity: function SIDE_OTHER() view returns(uint8)
func (channelManager *ChannelManager) UnpackSIDEOTHER(data []byte) (uint8, error) {
	out, err := channelManager.abi.Unpack("SIDE_OTHER", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackSIDEUSER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b4d2e19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function SIDE_USER() view returns(uint8)
func (channelManager *ChannelManager) PackSIDEUSER() []byte {
	enc, err := channelManager.abi.Pack("SIDE_USER")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSIDEUSER is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5b4d2e19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function SIDE_USER() view returns(uint8)
func (channelManager *ChannelManager) TryPackSIDEUSER() ([]byte, error) {
	return channelManager.abi.Pack("SIDE_USER")
}

// UnpackSIDEUSER is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5b4d2e19.
//
// Solidity: function SIDE_USER() view returns(uint8)
func (channelManager *ChannelManager) UnpackSIDEUSER(data []byte) (uint8, error) {
	out, err := channelManager.abi.Unpack("SIDE_USER", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackSTATETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x928d506f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function STATE_TYPEHASH() view returns(bytes32)
func (channelManager *ChannelManager) PackSTATETYPEHASH() []byte {
	enc, err := channelManager.abi.Pack("STATE_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSTATETYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x928d506f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function STATE_TYPEHASH() view returns(bytes32)
func (channelManager *ChannelManager) TryPackSTATETYPEHASH() ([]byte, error) {
	return channelManager.abi.Pack("STATE_TYPEHASH")
}

// UnpackSTATETYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x928d506f.
//
// Solidity: function STATE_TYPEHASH() view returns(bytes32)
func (channelManager *ChannelManager) UnpackSTATETYPEHASH(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("STATE_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackVERSION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffa1ad74.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function VERSION() view returns(string)
func (channelManager *ChannelManager) PackVERSION() []byte {
	enc, err := channelManager.abi.Pack("VERSION")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVERSION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffa1ad74.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function VERSION() view returns(string)
func (channelManager *ChannelManager) TryPackVERSION() ([]byte, error) {
	return channelManager.abi.Pack("VERSION")
}

// UnpackVERSION is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xffa1ad74.
//
// Solidity: function VERSION() view returns(string)
func (channelManager *ChannelManager) UnpackVERSION(data []byte) (string, error) {
	out, err := channelManager.abi.Unpack("VERSION", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackApprovedToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbab46259.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approvedToken() view returns(address)
func (channelManager *ChannelManager) PackApprovedToken() []byte {
	enc, err := channelManager.abi.Pack("approvedToken")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprovedToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbab46259.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approvedToken() view returns(address)
func (channelManager *ChannelManager) TryPackApprovedToken() ([]byte, error) {
	return channelManager.abi.Pack("approvedToken")
}

// UnpackApprovedToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbab46259.
//
// Solidity: function approvedToken() view returns(address)
func (channelManager *ChannelManager) UnpackApprovedToken(data []byte) (common.Address, error) {
	out, err := channelManager.abi.Unpack("approvedToken", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackChallenge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf04a7539.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function challenge((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigHub, bytes sigUser) returns()
func (channelManager *ChannelManager) PackChallenge(s ChannelManagerState, sigHub []byte, sigUser []byte) []byte {
	enc, err := channelManager.abi.Pack("challenge", s, sigHub, sigUser)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackChallenge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf04a7539.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function challenge((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigHub, bytes sigUser) returns()
func (channelManager *ChannelManager) TryPackChallenge(s ChannelManagerState, sigHub []byte, sigUser []byte) ([]byte, error) {
	return channelManager.abi.Pack("challenge", s, sigHub, sigUser)
}

// PackChallengePeriod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3f480d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function challengePeriod() view returns(uint256)
func (channelManager *ChannelManager) PackChallengePeriod() []byte {
	enc, err := channelManager.abi.Pack("challengePeriod")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackChallengePeriod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3f480d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function challengePeriod() view returns(uint256)
func (channelManager *ChannelManager) TryPackChallengePeriod() ([]byte, error) {
	return channelManager.abi.Pack("challengePeriod")
}

// UnpackChallengePeriod is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf3f480d9.
//
// Solidity: function challengePeriod() view returns(uint256)
func (channelManager *ChannelManager) UnpackChallengePeriod(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("challengePeriod", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDisputeDeadline is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x03d537e6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function disputeDeadline(address user) view returns(uint256)
func (channelManager *ChannelManager) PackDisputeDeadline(user common.Address) []byte {
	enc, err := channelManager.abi.Pack("disputeDeadline", user)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDisputeDeadline is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x03d537e6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function disputeDeadline(address user) view returns(uint256)
func (channelManager *ChannelManager) TryPackDisputeDeadline(user common.Address) ([]byte, error) {
	return channelManager.abi.Pack("disputeDeadline", user)
}

// UnpackDisputeDeadline is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x03d537e6.
//
// Solidity: function disputeDeadline(address user) view returns(uint256)
func (channelManager *ChannelManager) UnpackDisputeDeadline(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("disputeDeadline", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDisputeStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3463d1b1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function disputeStatus(address user) view returns(bool disputed, uint256 deadline, uint256 nonce)
func (channelManager *ChannelManager) PackDisputeStatus(user common.Address) []byte {
	enc, err := channelManager.abi.Pack("disputeStatus", user)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDisputeStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3463d1b1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function disputeStatus(address user) view returns(bool disputed, uint256 deadline, uint256 nonce)
func (channelManager *ChannelManager) TryPackDisputeStatus(user common.Address) ([]byte, error) {
	return channelManager.abi.Pack("disputeStatus", user)
}

// DisputeStatusOutput serves as a container for the return parameters of contract
// method DisputeStatus.
type DisputeStatusOutput struct {
	Disputed bool
	Deadline *big.Int
	Nonce    *big.Int
}

// UnpackDisputeStatus is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3463d1b1.
//
// Solidity: function disputeStatus(address user) view returns(bool disputed, uint256 deadline, uint256 nonce)
func (channelManager *ChannelManager) UnpackDisputeStatus(data []byte) (DisputeStatusOutput, error) {
	out, err := channelManager.abi.Unpack("disputeStatus", data)
	outstruct := new(DisputeStatusOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Disputed = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Deadline = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.Nonce = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (channelManager *ChannelManager) PackDomainSeparator() []byte {
	enc, err := channelManager.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (channelManager *ChannelManager) TryPackDomainSeparator() ([]byte, error) {
	return channelManager.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (channelManager *ChannelManager) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGetChannel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a01b4d5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getChannel(address user) view returns((uint256,uint256,uint256[2],uint256[2],uint256,uint256,uint256,uint256,bytes32,uint8,uint256,uint256) ch)
func (channelManager *ChannelManager) PackGetChannel(user common.Address) []byte {
	enc, err := channelManager.abi.Pack("getChannel", user)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetChannel is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a01b4d5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getChannel(address user) view returns((uint256,uint256,uint256[2],uint256[2],uint256,uint256,uint256,uint256,bytes32,uint8,uint256,uint256) ch)
func (channelManager *ChannelManager) TryPackGetChannel(user common.Address) ([]byte, error) {
	return channelManager.abi.Pack("getChannel", user)
}

// UnpackGetChannel is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9a01b4d5.
//
// Solidity: function getChannel(address user) view returns((uint256,uint256,uint256[2],uint256[2],uint256,uint256,uint256,uint256,bytes32,uint8,uint256,uint256) ch)
func (channelManager *ChannelManager) UnpackGetChannel(data []byte) (ChannelManagerChannel, error) {
	out, err := channelManager.abi.Unpack("getChannel", data)
	if err != nil {
		return *new(ChannelManagerChannel), err
	}
	out0 := *abi.ConvertType(out[0], new(ChannelManagerChannel)).(*ChannelManagerChannel)
	return out0, nil
}

// PackGetLockPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa58b880a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getLockPool(address user, uint256 settledNonce) view returns((bytes32,uint128,uint128))
func (channelManager *ChannelManager) PackGetLockPool(user common.Address, settledNonce *big.Int) []byte {
	enc, err := channelManager.abi.Pack("getLockPool", user, settledNonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetLockPool is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa58b880a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getLockPool(address user, uint256 settledNonce) view returns((bytes32,uint128,uint128))
func (channelManager *ChannelManager) TryPackGetLockPool(user common.Address, settledNonce *big.Int) ([]byte, error) {
	return channelManager.abi.Pack("getLockPool", user, settledNonce)
}

// UnpackGetLockPool is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa58b880a.
//
// Solidity: function getLockPool(address user, uint256 settledNonce) view returns((bytes32,uint128,uint128))
func (channelManager *ChannelManager) UnpackGetLockPool(data []byte) (ChannelManagerLockPool, error) {
	out, err := channelManager.abi.Unpack("getLockPool", data)
	if err != nil {
		return *new(ChannelManagerLockPool), err
	}
	out0 := *abi.ConvertType(out[0], new(ChannelManagerLockPool)).(*ChannelManagerLockPool)
	return out0, nil
}

// PackHub is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x365a86fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hub() view returns(address)
func (channelManager *ChannelManager) PackHub() []byte {
	enc, err := channelManager.abi.Pack("hub")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHub is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x365a86fc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hub() view returns(address)
func (channelManager *ChannelManager) TryPackHub() ([]byte, error) {
	return channelManager.abi.Pack("hub")
}

// UnpackHub is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x365a86fc.
//
// Solidity: function hub() view returns(address)
func (channelManager *ChannelManager) UnpackHub(data []byte) (common.Address, error) {
	out, err := channelManager.abi.Unpack("hub", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackHubAuthorizedUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x335578d7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hubAuthorizedUpdate((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigUser) returns()
func (channelManager *ChannelManager) PackHubAuthorizedUpdate(s ChannelManagerState, sigUser []byte) []byte {
	enc, err := channelManager.abi.Pack("hubAuthorizedUpdate", s, sigUser)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHubAuthorizedUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x335578d7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hubAuthorizedUpdate((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigUser) returns()
func (channelManager *ChannelManager) TryPackHubAuthorizedUpdate(s ChannelManagerState, sigUser []byte) ([]byte, error) {
	return channelManager.abi.Pack("hubAuthorizedUpdate", s, sigUser)
}

// PackHubContractWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01dd7da9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hubContractWithdraw(uint256 weiAmount, uint256 tokenAmount) returns()
func (channelManager *ChannelManager) PackHubContractWithdraw(weiAmount *big.Int, tokenAmount *big.Int) []byte {
	enc, err := channelManager.abi.Pack("hubContractWithdraw", weiAmount, tokenAmount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHubContractWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01dd7da9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hubContractWithdraw(uint256 weiAmount, uint256 tokenAmount) returns()
func (channelManager *ChannelManager) TryPackHubContractWithdraw(weiAmount *big.Int, tokenAmount *big.Int) ([]byte, error) {
	return channelManager.abi.Pack("hubContractWithdraw", weiAmount, tokenAmount)
}

// PackHubReserveTokens is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa121a279.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hubReserveTokens() view returns(uint256)
func (channelManager *ChannelManager) PackHubReserveTokens() []byte {
	enc, err := channelManager.abi.Pack("hubReserveTokens")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHubReserveTokens is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa121a279.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hubReserveTokens() view returns(uint256)
func (channelManager *ChannelManager) TryPackHubReserveTokens() ([]byte, error) {
	return channelManager.abi.Pack("hubReserveTokens")
}

// UnpackHubReserveTokens is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa121a279.
//
// Solidity: function hubReserveTokens() view returns(uint256)
func (channelManager *ChannelManager) UnpackHubReserveTokens(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("hubReserveTokens", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackHubReserveWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc8f6515a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hubReserveWei() view returns(uint256)
func (channelManager *ChannelManager) PackHubReserveWei() []byte {
	enc, err := channelManager.abi.Pack("hubReserveWei")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHubReserveWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc8f6515a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hubReserveWei() view returns(uint256)
func (channelManager *ChannelManager) TryPackHubReserveWei() ([]byte, error) {
	return channelManager.abi.Pack("hubReserveWei")
}

// UnpackHubReserveWei is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc8f6515a.
//
// Solidity: function hubReserveWei() view returns(uint256)
func (channelManager *ChannelManager) UnpackHubReserveWei(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("hubReserveWei", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackLockLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9b9093d6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockLeaf((uint32,uint8,uint256,uint256,bytes32,uint256) lock) pure returns(bytes32)
func (channelManager *ChannelManager) PackLockLeaf(lock ChannelManagerLock) []byte {
	enc, err := channelManager.abi.Pack("lockLeaf", lock)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9b9093d6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockLeaf((uint32,uint8,uint256,uint256,bytes32,uint256) lock) pure returns(bytes32)
func (channelManager *ChannelManager) TryPackLockLeaf(lock ChannelManagerLock) ([]byte, error) {
	return channelManager.abi.Pack("lockLeaf", lock)
}

// UnpackLockLeaf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9b9093d6.
//
// Solidity: function lockLeaf((uint32,uint8,uint256,uint256,bytes32,uint256) lock) pure returns(bytes32)
func (channelManager *ChannelManager) UnpackLockLeaf(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("lockLeaf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackLockResolved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf41b400a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockResolved(address user, uint256 settledNonce, uint256 index) view returns(bool)
func (channelManager *ChannelManager) PackLockResolved(user common.Address, settledNonce *big.Int, index *big.Int) []byte {
	enc, err := channelManager.abi.Pack("lockResolved", user, settledNonce, index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockResolved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf41b400a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockResolved(address user, uint256 settledNonce, uint256 index) view returns(bool)
func (channelManager *ChannelManager) TryPackLockResolved(user common.Address, settledNonce *big.Int, index *big.Int) ([]byte, error) {
	return channelManager.abi.Pack("lockResolved", user, settledNonce, index)
}

// UnpackLockResolved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf41b400a.
//
// Solidity: function lockResolved(address user, uint256 settledNonce, uint256 index) view returns(bool)
func (channelManager *ChannelManager) UnpackLockResolved(data []byte) (bool, error) {
	out, err := channelManager.abi.Unpack("lockResolved", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLocksRootOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbee4ad09.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function locksRootOf((uint32,uint8,uint256,uint256,bytes32,uint256)[] locks) pure returns(bytes32)
func (channelManager *ChannelManager) PackLocksRootOf(locks []ChannelManagerLock) []byte {
	enc, err := channelManager.abi.Pack("locksRootOf", locks)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLocksRootOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbee4ad09.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function locksRootOf((uint32,uint8,uint256,uint256,bytes32,uint256)[] locks) pure returns(bytes32)
func (channelManager *ChannelManager) TryPackLocksRootOf(locks []ChannelManagerLock) ([]byte, error) {
	return channelManager.abi.Pack("locksRootOf", locks)
}

// UnpackLocksRootOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbee4ad09.
//
// Solidity: function locksRootOf((uint32,uint8,uint256,uint256,bytes32,uint256)[] locks) pure returns(bytes32)
func (channelManager *ChannelManager) UnpackLocksRootOf(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("locksRootOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackOwedToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e2d80d8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owedToken(address ) view returns(uint256)
func (channelManager *ChannelManager) PackOwedToken(arg0 common.Address) []byte {
	enc, err := channelManager.abi.Pack("owedToken", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwedToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e2d80d8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owedToken(address ) view returns(uint256)
func (channelManager *ChannelManager) TryPackOwedToken(arg0 common.Address) ([]byte, error) {
	return channelManager.abi.Pack("owedToken", arg0)
}

// UnpackOwedToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1e2d80d8.
//
// Solidity: function owedToken(address ) view returns(uint256)
func (channelManager *ChannelManager) UnpackOwedToken(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("owedToken", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwedWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9fb07600.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owedWei(address ) view returns(uint256)
func (channelManager *ChannelManager) PackOwedWei(arg0 common.Address) []byte {
	enc, err := channelManager.abi.Pack("owedWei", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwedWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9fb07600.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owedWei(address ) view returns(uint256)
func (channelManager *ChannelManager) TryPackOwedWei(arg0 common.Address) ([]byte, error) {
	return channelManager.abi.Pack("owedWei", arg0)
}

// UnpackOwedWei is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9fb07600.
//
// Solidity: function owedWei(address ) view returns(uint256)
func (channelManager *ChannelManager) UnpackOwedWei(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("owedWei", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwedWithdrawalDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x69779689.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owedWithdrawalDigest(address owner, uint8 asset, address to, uint256 amount, uint256 nonce, uint256 deadline) view returns(bytes32)
func (channelManager *ChannelManager) PackOwedWithdrawalDigest(owner common.Address, asset uint8, to common.Address, amount *big.Int, nonce *big.Int, deadline *big.Int) []byte {
	enc, err := channelManager.abi.Pack("owedWithdrawalDigest", owner, asset, to, amount, nonce, deadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwedWithdrawalDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x69779689.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owedWithdrawalDigest(address owner, uint8 asset, address to, uint256 amount, uint256 nonce, uint256 deadline) view returns(bytes32)
func (channelManager *ChannelManager) TryPackOwedWithdrawalDigest(owner common.Address, asset uint8, to common.Address, amount *big.Int, nonce *big.Int, deadline *big.Int) ([]byte, error) {
	return channelManager.abi.Pack("owedWithdrawalDigest", owner, asset, to, amount, nonce, deadline)
}

// UnpackOwedWithdrawalDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x69779689.
//
// Solidity: function owedWithdrawalDigest(address owner, uint8 asset, address to, uint256 amount, uint256 nonce, uint256 deadline) view returns(bytes32)
func (channelManager *ChannelManager) UnpackOwedWithdrawalDigest(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("owedWithdrawalDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackOwedWithdrawalNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55d9a56.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owedWithdrawalNonce(address ) view returns(uint256)
func (channelManager *ChannelManager) PackOwedWithdrawalNonce(arg0 common.Address) []byte {
	enc, err := channelManager.abi.Pack("owedWithdrawalNonce", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwedWithdrawalNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd55d9a56.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owedWithdrawalNonce(address ) view returns(uint256)
func (channelManager *ChannelManager) TryPackOwedWithdrawalNonce(arg0 common.Address) ([]byte, error) {
	return channelManager.abi.Pack("owedWithdrawalNonce", arg0)
}

// UnpackOwedWithdrawalNonce is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd55d9a56.
//
// Solidity: function owedWithdrawalNonce(address ) view returns(uint256)
func (channelManager *ChannelManager) UnpackOwedWithdrawalNonce(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("owedWithdrawalNonce", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRegisterSecret is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12ad8bfc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerSecret(bytes32 secret) returns()
func (channelManager *ChannelManager) PackRegisterSecret(secret [32]byte) []byte {
	enc, err := channelManager.abi.Pack("registerSecret", secret)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterSecret is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x12ad8bfc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerSecret(bytes32 secret) returns()
func (channelManager *ChannelManager) TryPackRegisterSecret(secret [32]byte) ([]byte, error) {
	return channelManager.abi.Pack("registerSecret", secret)
}

// PackRegisterSecrets is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81030fb4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerSecrets(bytes32[] secrets) returns()
func (channelManager *ChannelManager) PackRegisterSecrets(secrets [][32]byte) []byte {
	enc, err := channelManager.abi.Pack("registerSecrets", secrets)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterSecrets is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81030fb4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerSecrets(bytes32[] secrets) returns()
func (channelManager *ChannelManager) TryPackRegisterSecrets(secrets [][32]byte) ([]byte, error) {
	return channelManager.abi.Pack("registerSecrets", secrets)
}

// PackResolveLocks is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6025ffe1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function resolveLocks((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, (uint32,uint8,uint256,uint256,bytes32,uint256)[] locks) returns()
func (channelManager *ChannelManager) PackResolveLocks(s ChannelManagerState, locks []ChannelManagerLock) []byte {
	enc, err := channelManager.abi.Pack("resolveLocks", s, locks)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackResolveLocks is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6025ffe1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function resolveLocks((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, (uint32,uint8,uint256,uint256,bytes32,uint256)[] locks) returns()
func (channelManager *ChannelManager) TryPackResolveLocks(s ChannelManagerState, locks []ChannelManagerLock) ([]byte, error) {
	return channelManager.abi.Pack("resolveLocks", s, locks)
}

// PackSecretRegisteredAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b494c7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function secretRegisteredAt(bytes32 ) view returns(uint256)
func (channelManager *ChannelManager) PackSecretRegisteredAt(arg0 [32]byte) []byte {
	enc, err := channelManager.abi.Pack("secretRegisteredAt", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSecretRegisteredAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b494c7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function secretRegisteredAt(bytes32 ) view returns(uint256)
func (channelManager *ChannelManager) TryPackSecretRegisteredAt(arg0 [32]byte) ([]byte, error) {
	return channelManager.abi.Pack("secretRegisteredAt", arg0)
}

// UnpackSecretRegisteredAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b494c7.
//
// Solidity: function secretRegisteredAt(bytes32 ) view returns(uint256)
func (channelManager *ChannelManager) UnpackSecretRegisteredAt(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("secretRegisteredAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a256b29.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settle(address user) returns()
func (channelManager *ChannelManager) PackSettle(user common.Address) []byte {
	enc, err := channelManager.abi.Pack("settle", user)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6a256b29.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settle(address user) returns()
func (channelManager *ChannelManager) TryPackSettle(user common.Address) ([]byte, error) {
	return channelManager.abi.Pack("settle", user)
}

// PackStartExit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x72cc174c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function startExit(address user) returns()
func (channelManager *ChannelManager) PackStartExit(user common.Address) []byte {
	enc, err := channelManager.abi.Pack("startExit", user)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStartExit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x72cc174c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function startExit(address user) returns()
func (channelManager *ChannelManager) TryPackStartExit(user common.Address) ([]byte, error) {
	return channelManager.abi.Pack("startExit", user)
}

// PackStartExitWithUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x99ff71bc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function startExitWithUpdate((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigHub, bytes sigUser) returns()
func (channelManager *ChannelManager) PackStartExitWithUpdate(s ChannelManagerState, sigHub []byte, sigUser []byte) []byte {
	enc, err := channelManager.abi.Pack("startExitWithUpdate", s, sigHub, sigUser)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStartExitWithUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x99ff71bc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function startExitWithUpdate((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigHub, bytes sigUser) returns()
func (channelManager *ChannelManager) TryPackStartExitWithUpdate(s ChannelManagerState, sigHub []byte, sigUser []byte) ([]byte, error) {
	return channelManager.abi.Pack("startExitWithUpdate", s, sigHub, sigUser)
}

// PackStateDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b0b20f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stateDigest((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s) view returns(bytes32)
func (channelManager *ChannelManager) PackStateDigest(s ChannelManagerState) []byte {
	enc, err := channelManager.abi.Pack("stateDigest", s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStateDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4b0b20f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stateDigest((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s) view returns(bytes32)
func (channelManager *ChannelManager) TryPackStateDigest(s ChannelManagerState) ([]byte, error) {
	return channelManager.abi.Pack("stateDigest", s)
}

// UnpackStateDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4b0b20f9.
//
// Solidity: function stateDigest((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s) view returns(bytes32)
func (channelManager *ChannelManager) UnpackStateDigest(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("stateDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackTotalChannelToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32b573e1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalChannelToken() view returns(uint256)
func (channelManager *ChannelManager) PackTotalChannelToken() []byte {
	enc, err := channelManager.abi.Pack("totalChannelToken")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalChannelToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x32b573e1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalChannelToken() view returns(uint256)
func (channelManager *ChannelManager) TryPackTotalChannelToken() ([]byte, error) {
	return channelManager.abi.Pack("totalChannelToken")
}

// UnpackTotalChannelToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x32b573e1.
//
// Solidity: function totalChannelToken() view returns(uint256)
func (channelManager *ChannelManager) UnpackTotalChannelToken(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("totalChannelToken", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalChannelWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x009e8690.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalChannelWei() view returns(uint256)
func (channelManager *ChannelManager) PackTotalChannelWei() []byte {
	enc, err := channelManager.abi.Pack("totalChannelWei")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalChannelWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x009e8690.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalChannelWei() view returns(uint256)
func (channelManager *ChannelManager) TryPackTotalChannelWei() ([]byte, error) {
	return channelManager.abi.Pack("totalChannelWei")
}

// UnpackTotalChannelWei is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x009e8690.
//
// Solidity: function totalChannelWei() view returns(uint256)
func (channelManager *ChannelManager) UnpackTotalChannelWei(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("totalChannelWei", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalOwedToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x573750a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalOwedToken() view returns(uint256)
func (channelManager *ChannelManager) PackTotalOwedToken() []byte {
	enc, err := channelManager.abi.Pack("totalOwedToken")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalOwedToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x573750a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalOwedToken() view returns(uint256)
func (channelManager *ChannelManager) TryPackTotalOwedToken() ([]byte, error) {
	return channelManager.abi.Pack("totalOwedToken")
}

// UnpackTotalOwedToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x573750a5.
//
// Solidity: function totalOwedToken() view returns(uint256)
func (channelManager *ChannelManager) UnpackTotalOwedToken(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("totalOwedToken", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTotalOwedWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18778105.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalOwedWei() view returns(uint256)
func (channelManager *ChannelManager) PackTotalOwedWei() []byte {
	enc, err := channelManager.abi.Pack("totalOwedWei")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalOwedWei is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18778105.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalOwedWei() view returns(uint256)
func (channelManager *ChannelManager) TryPackTotalOwedWei() ([]byte, error) {
	return channelManager.abi.Pack("totalOwedWei")
}

// UnpackTotalOwedWei is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18778105.
//
// Solidity: function totalOwedWei() view returns(uint256)
func (channelManager *ChannelManager) UnpackTotalOwedWei(data []byte) (*big.Int, error) {
	out, err := channelManager.abi.Unpack("totalOwedWei", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackUserAuthorizedUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4babd1e6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function userAuthorizedUpdate((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigHub) payable returns()
func (channelManager *ChannelManager) PackUserAuthorizedUpdate(s ChannelManagerState, sigHub []byte) []byte {
	enc, err := channelManager.abi.Pack("userAuthorizedUpdate", s, sigHub)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUserAuthorizedUpdate is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4babd1e6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function userAuthorizedUpdate((address,address,uint256[2],uint256[2],uint256[4],uint256[4],uint256,uint256,bytes32,uint256[2],uint256[2],uint256) s, bytes sigHub) payable returns()
func (channelManager *ChannelManager) TryPackUserAuthorizedUpdate(s ChannelManagerState, sigHub []byte) ([]byte, error) {
	return channelManager.abi.Pack("userAuthorizedUpdate", s, sigHub)
}

// PackWithdrawOwed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x98217524.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawOwed(uint8 asset, address to) returns()
func (channelManager *ChannelManager) PackWithdrawOwed(asset uint8, to common.Address) []byte {
	enc, err := channelManager.abi.Pack("withdrawOwed", asset, to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawOwed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x98217524.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawOwed(uint8 asset, address to) returns()
func (channelManager *ChannelManager) TryPackWithdrawOwed(asset uint8, to common.Address) ([]byte, error) {
	return channelManager.abi.Pack("withdrawOwed", asset, to)
}

// PackWithdrawOwedFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc689609d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawOwedFor(address owner, uint8 asset, address to, uint256 amount, uint256 deadline, bytes sig) returns()
func (channelManager *ChannelManager) PackWithdrawOwedFor(owner common.Address, asset uint8, to common.Address, amount *big.Int, deadline *big.Int, sig []byte) []byte {
	enc, err := channelManager.abi.Pack("withdrawOwedFor", owner, asset, to, amount, deadline, sig)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawOwedFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc689609d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawOwedFor(address owner, uint8 asset, address to, uint256 amount, uint256 deadline, bytes sig) returns()
func (channelManager *ChannelManager) TryPackWithdrawOwedFor(owner common.Address, asset uint8, to common.Address, amount *big.Int, deadline *big.Int, sig []byte) ([]byte, error) {
	return channelManager.abi.Pack("withdrawOwedFor", owner, asset, to, amount, deadline, sig)
}

// ChannelManagerChallenged represents a Challenged event raised by the ChannelManager contract.
type ChannelManagerChallenged struct {
	User         common.Address
	Sender       common.Address
	Side         uint8
	Nonce        *big.Int
	OnchainNonce *big.Int
	Deadline     *big.Int
	Digest       [32]byte
	Raw          *types.Log // Blockchain specific contextual infos
}

const ChannelManagerChallengedEventName = "Challenged"

// ContractEventName returns the user-defined event name.
func (ChannelManagerChallenged) ContractEventName() string {
	return ChannelManagerChallengedEventName
}

// UnpackChallengedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Challenged(address indexed user, address indexed sender, uint8 side, uint256 nonce, uint256 onchainNonce, uint256 deadline, bytes32 digest)
func (channelManager *ChannelManager) UnpackChallengedEvent(log *types.Log) (*ChannelManagerChallenged, error) {
	event := "Challenged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerChallenged)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerChannelUpdated represents a ChannelUpdated event raised by the ChannelManager contract.
type ChannelManagerChannelUpdated struct {
	User          common.Address
	Side          uint8
	Nonce         *big.Int
	OnchainNonce  *big.Int
	Digest        [32]byte
	WeiBalances   [2]*big.Int
	TokenBalances [2]*big.Int
	PendingWei    [4]*big.Int
	PendingToken  [4]*big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const ChannelManagerChannelUpdatedEventName = "ChannelUpdated"

// ContractEventName returns the user-defined event name.
func (ChannelManagerChannelUpdated) ContractEventName() string {
	return ChannelManagerChannelUpdatedEventName
}

// UnpackChannelUpdatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ChannelUpdated(address indexed user, uint8 side, uint256 nonce, uint256 onchainNonce, bytes32 digest, uint256[2] weiBalances, uint256[2] tokenBalances, uint256[4] pendingWei, uint256[4] pendingToken)
func (channelManager *ChannelManager) UnpackChannelUpdatedEvent(log *types.Log) (*ChannelManagerChannelUpdated, error) {
	event := "ChannelUpdated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerChannelUpdated)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerExitStarted represents a ExitStarted event raised by the ChannelManager contract.
type ChannelManagerExitStarted struct {
	User         common.Address
	Sender       common.Address
	Side         uint8
	Nonce        *big.Int
	OnchainNonce *big.Int
	Deadline     *big.Int
	Digest       [32]byte
	Raw          *types.Log // Blockchain specific contextual infos
}

const ChannelManagerExitStartedEventName = "ExitStarted"

// ContractEventName returns the user-defined event name.
func (ChannelManagerExitStarted) ContractEventName() string {
	return ChannelManagerExitStartedEventName
}

// UnpackExitStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ExitStarted(address indexed user, address indexed sender, uint8 side, uint256 nonce, uint256 onchainNonce, uint256 deadline, bytes32 digest)
func (channelManager *ChannelManager) UnpackExitStartedEvent(log *types.Log) (*ChannelManagerExitStarted, error) {
	event := "ExitStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerExitStarted)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerHubReserveFunded represents a HubReserveFunded event raised by the ChannelManager contract.
type ChannelManagerHubReserveFunded struct {
	From      common.Address
	WeiAmount *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const ChannelManagerHubReserveFundedEventName = "HubReserveFunded"

// ContractEventName returns the user-defined event name.
func (ChannelManagerHubReserveFunded) ContractEventName() string {
	return ChannelManagerHubReserveFundedEventName
}

// UnpackHubReserveFundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event HubReserveFunded(address indexed from, uint256 weiAmount)
func (channelManager *ChannelManager) UnpackHubReserveFundedEvent(log *types.Log) (*ChannelManagerHubReserveFunded, error) {
	event := "HubReserveFunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerHubReserveFunded)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerHubReserveWithdrawn represents a HubReserveWithdrawn event raised by the ChannelManager contract.
type ChannelManagerHubReserveWithdrawn struct {
	To          common.Address
	WeiAmount   *big.Int
	TokenAmount *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const ChannelManagerHubReserveWithdrawnEventName = "HubReserveWithdrawn"

// ContractEventName returns the user-defined event name.
func (ChannelManagerHubReserveWithdrawn) ContractEventName() string {
	return ChannelManagerHubReserveWithdrawnEventName
}

// UnpackHubReserveWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event HubReserveWithdrawn(address indexed to, uint256 weiAmount, uint256 tokenAmount)
func (channelManager *ChannelManager) UnpackHubReserveWithdrawnEvent(log *types.Log) (*ChannelManagerHubReserveWithdrawn, error) {
	event := "HubReserveWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerHubReserveWithdrawn)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerLockPoolClosed represents a LockPoolClosed event raised by the ChannelManager contract.
type ChannelManagerLockPoolClosed struct {
	User          common.Address
	SettledNonce  *big.Int
	ReturnedWei   [2]*big.Int
	ReturnedToken [2]*big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const ChannelManagerLockPoolClosedEventName = "LockPoolClosed"

// ContractEventName returns the user-defined event name.
func (ChannelManagerLockPoolClosed) ContractEventName() string {
	return ChannelManagerLockPoolClosedEventName
}

// UnpackLockPoolClosedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LockPoolClosed(address indexed user, uint256 indexed settledNonce, uint256[2] returnedWei, uint256[2] returnedToken)
func (channelManager *ChannelManager) UnpackLockPoolClosedEvent(log *types.Log) (*ChannelManagerLockPoolClosed, error) {
	event := "LockPoolClosed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerLockPoolClosed)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerLockResolved represents a LockResolved event raised by the ChannelManager contract.
type ChannelManagerLockResolved struct {
	User         common.Address
	SettledNonce *big.Int
	Index        *big.Int
	Leaf         [32]byte
	ToReceiver   bool
	AmountWei    *big.Int
	AmountToken  *big.Int
	Raw          *types.Log // Blockchain specific contextual infos
}

const ChannelManagerLockResolvedEventName = "LockResolved"

// ContractEventName returns the user-defined event name.
func (ChannelManagerLockResolved) ContractEventName() string {
	return ChannelManagerLockResolvedEventName
}

// UnpackLockResolvedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LockResolved(address indexed user, uint256 indexed settledNonce, uint256 index, bytes32 leaf, bool toReceiver, uint256 amountWei, uint256 amountToken)
func (channelManager *ChannelManager) UnpackLockResolvedEvent(log *types.Log) (*ChannelManagerLockResolved, error) {
	event := "LockResolved"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerLockResolved)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerOwedWithdrawn represents a OwedWithdrawn event raised by the ChannelManager contract.
type ChannelManagerOwedWithdrawn struct {
	Owner       common.Address
	To          common.Address
	WeiAmount   *big.Int
	TokenAmount *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const ChannelManagerOwedWithdrawnEventName = "OwedWithdrawn"

// ContractEventName returns the user-defined event name.
func (ChannelManagerOwedWithdrawn) ContractEventName() string {
	return ChannelManagerOwedWithdrawnEventName
}

// UnpackOwedWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwedWithdrawn(address indexed owner, address indexed to, uint256 weiAmount, uint256 tokenAmount)
func (channelManager *ChannelManager) UnpackOwedWithdrawnEvent(log *types.Log) (*ChannelManagerOwedWithdrawn, error) {
	event := "OwedWithdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerOwedWithdrawn)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerPayoutDeferred represents a PayoutDeferred event raised by the ChannelManager contract.
type ChannelManagerPayoutDeferred struct {
	To          common.Address
	WeiAmount   *big.Int
	TokenAmount *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const ChannelManagerPayoutDeferredEventName = "PayoutDeferred"

// ContractEventName returns the user-defined event name.
func (ChannelManagerPayoutDeferred) ContractEventName() string {
	return ChannelManagerPayoutDeferredEventName
}

// UnpackPayoutDeferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PayoutDeferred(address indexed to, uint256 weiAmount, uint256 tokenAmount)
func (channelManager *ChannelManager) UnpackPayoutDeferredEvent(log *types.Log) (*ChannelManagerPayoutDeferred, error) {
	event := "PayoutDeferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerPayoutDeferred)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerSecretRegistered represents a SecretRegistered event raised by the ChannelManager contract.
type ChannelManagerSecretRegistered struct {
	Hashlock  [32]byte
	Secret    [32]byte
	Timestamp *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const ChannelManagerSecretRegisteredEventName = "SecretRegistered"

// ContractEventName returns the user-defined event name.
func (ChannelManagerSecretRegistered) ContractEventName() string {
	return ChannelManagerSecretRegisteredEventName
}

// UnpackSecretRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SecretRegistered(bytes32 indexed hashlock, bytes32 secret, uint256 timestamp)
func (channelManager *ChannelManager) UnpackSecretRegisteredEvent(log *types.Log) (*ChannelManagerSecretRegistered, error) {
	event := "SecretRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerSecretRegistered)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ChannelManagerSettled represents a Settled event raised by the ChannelManager contract.
type ChannelManagerSettled struct {
	User          common.Address
	Sender        common.Address
	Nonce         *big.Int
	OnchainNonce  *big.Int
	Digest        [32]byte
	WeiBalances   [2]*big.Int
	TokenBalances [2]*big.Int
	LockedWei     *big.Int
	LockedToken   *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const ChannelManagerSettledEventName = "Settled"

// ContractEventName returns the user-defined event name.
func (ChannelManagerSettled) ContractEventName() string {
	return ChannelManagerSettledEventName
}

// UnpackSettledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Settled(address indexed user, address indexed sender, uint256 nonce, uint256 onchainNonce, bytes32 digest, uint256[2] weiBalances, uint256[2] tokenBalances, uint256 lockedWei, uint256 lockedToken)
func (channelManager *ChannelManager) UnpackSettledEvent(log *types.Log) (*ChannelManagerSettled, error) {
	event := "Settled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != channelManager.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ChannelManagerSettled)
	if len(log.Data) > 0 {
		if err := channelManager.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range channelManager.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (channelManager *ChannelManager) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], channelManager.abi.Errors["AmountTooLarge"].ID.Bytes()[:4]) {
		return channelManager.UnpackAmountTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["BalanceMismatch"].ID.Bytes()[:4]) {
		return channelManager.UnpackBalanceMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ChallengePeriodTooLong"].ID.Bytes()[:4]) {
		return channelManager.UnpackChallengePeriodTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ChannelDisputed"].ID.Bytes()[:4]) {
		return channelManager.UnpackChannelDisputedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ChannelNotDisputed"].ID.Bytes()[:4]) {
		return channelManager.UnpackChannelNotDisputedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ChannelNotOpened"].ID.Bytes()[:4]) {
		return channelManager.UnpackChannelNotOpenedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["DeadlineNotReached"].ID.Bytes()[:4]) {
		return channelManager.UnpackDeadlineNotReachedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["DeadlinePassed"].ID.Bytes()[:4]) {
		return channelManager.UnpackDeadlinePassedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InsufficientReserve"].ID.Bytes()[:4]) {
		return channelManager.UnpackInsufficientReserveError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InvalidAsset"].ID.Bytes()[:4]) {
		return channelManager.UnpackInvalidAssetError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InvalidLockIndex"].ID.Bytes()[:4]) {
		return channelManager.UnpackInvalidLockIndexError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InvalidLockSender"].ID.Bytes()[:4]) {
		return channelManager.UnpackInvalidLockSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return channelManager.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["MalformedSignature"].ID.Bytes()[:4]) {
		return channelManager.UnpackMalformedSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["MissingTimeout"].ID.Bytes()[:4]) {
		return channelManager.UnpackMissingTimeoutError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NoLockPool"].ID.Bytes()[:4]) {
		return channelManager.UnpackNoLockPoolError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NonZeroTimeout"].ID.Bytes()[:4]) {
		return channelManager.UnpackNonZeroTimeoutError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NonceTooFar"].ID.Bytes()[:4]) {
		return channelManager.UnpackNonceTooFarError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NotHub"].ID.Bytes()[:4]) {
		return channelManager.UnpackNotHubError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NotParty"].ID.Bytes()[:4]) {
		return channelManager.UnpackNotPartyError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NotUser"].ID.Bytes()[:4]) {
		return channelManager.UnpackNotUserError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NothingOwed"].ID.Bytes()[:4]) {
		return channelManager.UnpackNothingOwedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NothingToResolve"].ID.Bytes()[:4]) {
		return channelManager.UnpackNothingToResolveError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["OnchainNonceTooHigh"].ID.Bytes()[:4]) {
		return channelManager.UnpackOnchainNonceTooHighError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["OnchainNonceTooLow"].ID.Bytes()[:4]) {
		return channelManager.UnpackOnchainNonceTooLowError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["OwedLessThanSigned"].ID.Bytes()[:4]) {
		return channelManager.UnpackOwedLessThanSignedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["OwedWithdrawalExpired"].ID.Bytes()[:4]) {
		return channelManager.UnpackOwedWithdrawalExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["Reentrancy"].ID.Bytes()[:4]) {
		return channelManager.UnpackReentrancyError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["StaleNonce"].ID.Bytes()[:4]) {
		return channelManager.UnpackStaleNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["StateTimedOut"].ID.Bytes()[:4]) {
		return channelManager.UnpackStateTimedOutError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["TokenAmountMismatch"].ID.Bytes()[:4]) {
		return channelManager.UnpackTokenAmountMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["TokenTransferFailed"].ID.Bytes()[:4]) {
		return channelManager.UnpackTokenTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["TransferFailed"].ID.Bytes()[:4]) {
		return channelManager.UnpackTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["UserDepositNotAllowed"].ID.Bytes()[:4]) {
		return channelManager.UnpackUserDepositNotAllowedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["WrongDepositValue"].ID.Bytes()[:4]) {
		return channelManager.UnpackWrongDepositValueError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["WrongLockSet"].ID.Bytes()[:4]) {
		return channelManager.UnpackWrongLockSetError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["WrongOnchainNonce"].ID.Bytes()[:4]) {
		return channelManager.UnpackWrongOnchainNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["WrongSettledState"].ID.Bytes()[:4]) {
		return channelManager.UnpackWrongSettledStateError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return channelManager.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return channelManager.UnpackZeroAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ZeroChallengePeriod"].ID.Bytes()[:4]) {
		return channelManager.UnpackZeroChallengePeriodError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ChannelManagerAmountTooLarge represents a AmountTooLarge error raised by the ChannelManager contract.
type ChannelManagerAmountTooLarge struct {
	Total *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AmountTooLarge(uint256 total)
func ChannelManagerAmountTooLargeErrorID() common.Hash {
	return common.HexToHash("0x08083b2a16b607736bde3b2f81a2e47b6cddd068539243b1d8b47462dd533e58")
}

// UnpackAmountTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AmountTooLarge(uint256 total)
func (channelManager *ChannelManager) UnpackAmountTooLargeError(raw []byte) (*ChannelManagerAmountTooLarge, error) {
	out := new(ChannelManagerAmountTooLarge)
	if err := channelManager.abi.UnpackIntoInterface(out, "AmountTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerBalanceMismatch represents a BalanceMismatch error raised by the ChannelManager contract.
type ChannelManagerBalanceMismatch struct {
	StateTotal   *big.Int
	ChannelTotal *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BalanceMismatch(uint256 stateTotal, uint256 channelTotal)
func ChannelManagerBalanceMismatchErrorID() common.Hash {
	return common.HexToHash("0x6e65ed8418f7db48fabbba6ee08b7eae3865d050db4894ebe6d9293c0abd1ebe")
}

// UnpackBalanceMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BalanceMismatch(uint256 stateTotal, uint256 channelTotal)
func (channelManager *ChannelManager) UnpackBalanceMismatchError(raw []byte) (*ChannelManagerBalanceMismatch, error) {
	out := new(ChannelManagerBalanceMismatch)
	if err := channelManager.abi.UnpackIntoInterface(out, "BalanceMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerChallengePeriodTooLong represents a ChallengePeriodTooLong error raised by the ChannelManager contract.
type ChannelManagerChallengePeriodTooLong struct {
	Period *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChallengePeriodTooLong(uint256 period)
func ChannelManagerChallengePeriodTooLongErrorID() common.Hash {
	return common.HexToHash("0x4475b9db35893d3b4e0c9a981c11f621e692f00271cfeb6c5b8616a9bec46175")
}

// UnpackChallengePeriodTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChallengePeriodTooLong(uint256 period)
func (channelManager *ChannelManager) UnpackChallengePeriodTooLongError(raw []byte) (*ChannelManagerChallengePeriodTooLong, error) {
	out := new(ChannelManagerChallengePeriodTooLong)
	if err := channelManager.abi.UnpackIntoInterface(out, "ChallengePeriodTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerChannelDisputed represents a ChannelDisputed error raised by the ChannelManager contract.
type ChannelManagerChannelDisputed struct {
	User common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChannelDisputed(address user)
func ChannelManagerChannelDisputedErrorID() common.Hash {
	return common.HexToHash("0x86268f92681d210dc6e704a81b870496804464baa90182e8595d5323e22d88d7")
}

// UnpackChannelDisputedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChannelDisputed(address user)
func (channelManager *ChannelManager) UnpackChannelDisputedError(raw []byte) (*ChannelManagerChannelDisputed, error) {
	out := new(ChannelManagerChannelDisputed)
	if err := channelManager.abi.UnpackIntoInterface(out, "ChannelDisputed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerChannelNotDisputed represents a ChannelNotDisputed error raised by the ChannelManager contract.
type ChannelManagerChannelNotDisputed struct {
	User common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChannelNotDisputed(address user)
func ChannelManagerChannelNotDisputedErrorID() common.Hash {
	return common.HexToHash("0xf18a4fac8077bd56025d84174d8672198eeeee190d6b966646a3356d9c5977b6")
}

// UnpackChannelNotDisputedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChannelNotDisputed(address user)
func (channelManager *ChannelManager) UnpackChannelNotDisputedError(raw []byte) (*ChannelManagerChannelNotDisputed, error) {
	out := new(ChannelManagerChannelNotDisputed)
	if err := channelManager.abi.UnpackIntoInterface(out, "ChannelNotDisputed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerChannelNotOpened represents a ChannelNotOpened error raised by the ChannelManager contract.
type ChannelManagerChannelNotOpened struct {
	User common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ChannelNotOpened(address user)
func ChannelManagerChannelNotOpenedErrorID() common.Hash {
	return common.HexToHash("0x3a9e57cbc9f2e2b5c4388d2e6e0332522f3c06542a7c11541d800a263e29b042")
}

// UnpackChannelNotOpenedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ChannelNotOpened(address user)
func (channelManager *ChannelManager) UnpackChannelNotOpenedError(raw []byte) (*ChannelManagerChannelNotOpened, error) {
	out := new(ChannelManagerChannelNotOpened)
	if err := channelManager.abi.UnpackIntoInterface(out, "ChannelNotOpened", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerDeadlineNotReached represents a DeadlineNotReached error raised by the ChannelManager contract.
type ChannelManagerDeadlineNotReached struct {
	Deadline *big.Int
	Now      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineNotReached(uint256 deadline, uint256 now_)
func ChannelManagerDeadlineNotReachedErrorID() common.Hash {
	return common.HexToHash("0x523b7228f899a933c6fb48d8c9fcb0758d81eb12e04fcbd55e55d87e2468d12c")
}

// UnpackDeadlineNotReachedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineNotReached(uint256 deadline, uint256 now_)
func (channelManager *ChannelManager) UnpackDeadlineNotReachedError(raw []byte) (*ChannelManagerDeadlineNotReached, error) {
	out := new(ChannelManagerDeadlineNotReached)
	if err := channelManager.abi.UnpackIntoInterface(out, "DeadlineNotReached", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerDeadlinePassed represents a DeadlinePassed error raised by the ChannelManager contract.
type ChannelManagerDeadlinePassed struct {
	Deadline *big.Int
	Now      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlinePassed(uint256 deadline, uint256 now_)
func ChannelManagerDeadlinePassedErrorID() common.Hash {
	return common.HexToHash("0x83f2ba20b77c67656c85ef54103e25e4c03a482a8919c6010a4781ea13974bb7")
}

// UnpackDeadlinePassedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlinePassed(uint256 deadline, uint256 now_)
func (channelManager *ChannelManager) UnpackDeadlinePassedError(raw []byte) (*ChannelManagerDeadlinePassed, error) {
	out := new(ChannelManagerDeadlinePassed)
	if err := channelManager.abi.UnpackIntoInterface(out, "DeadlinePassed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerInsufficientReserve represents a InsufficientReserve error raised by the ChannelManager contract.
type ChannelManagerInsufficientReserve struct {
	Needed    *big.Int
	Available *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientReserve(uint256 needed, uint256 available)
func ChannelManagerInsufficientReserveErrorID() common.Hash {
	return common.HexToHash("0x315276c95df83f9bf0b5451466839985e62391f3f31e046aeb26e5cfc49ecc78")
}

// UnpackInsufficientReserveError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientReserve(uint256 needed, uint256 available)
func (channelManager *ChannelManager) UnpackInsufficientReserveError(raw []byte) (*ChannelManagerInsufficientReserve, error) {
	out := new(ChannelManagerInsufficientReserve)
	if err := channelManager.abi.UnpackIntoInterface(out, "InsufficientReserve", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerInvalidAsset represents a InvalidAsset error raised by the ChannelManager contract.
type ChannelManagerInvalidAsset struct {
	Asset uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidAsset(uint8 asset)
func ChannelManagerInvalidAssetErrorID() common.Hash {
	return common.HexToHash("0x20826d561745a7f912649c3a6523648d8ac1787aebbe8a5d2628e8f76b480304")
}

// UnpackInvalidAssetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidAsset(uint8 asset)
func (channelManager *ChannelManager) UnpackInvalidAssetError(raw []byte) (*ChannelManagerInvalidAsset, error) {
	out := new(ChannelManagerInvalidAsset)
	if err := channelManager.abi.UnpackIntoInterface(out, "InvalidAsset", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerInvalidLockIndex represents a InvalidLockIndex error raised by the ChannelManager contract.
type ChannelManagerInvalidLockIndex struct {
	Index    *big.Int
	Position *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidLockIndex(uint256 index, uint256 position)
func ChannelManagerInvalidLockIndexErrorID() common.Hash {
	return common.HexToHash("0x3279a3b72916da5a12d15fe70be3cb3f01920bf5a324f472cee770445de05401")
}

// UnpackInvalidLockIndexError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidLockIndex(uint256 index, uint256 position)
func (channelManager *ChannelManager) UnpackInvalidLockIndexError(raw []byte) (*ChannelManagerInvalidLockIndex, error) {
	out := new(ChannelManagerInvalidLockIndex)
	if err := channelManager.abi.UnpackIntoInterface(out, "InvalidLockIndex", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerInvalidLockSender represents a InvalidLockSender error raised by the ChannelManager contract.
type ChannelManagerInvalidLockSender struct {
	Sender uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidLockSender(uint8 sender)
func ChannelManagerInvalidLockSenderErrorID() common.Hash {
	return common.HexToHash("0x036d961edc3ac7abb522d5c9418b0b108a5e9f24f1e372b958a3b2dff00d83b4")
}

// UnpackInvalidLockSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidLockSender(uint8 sender)
func (channelManager *ChannelManager) UnpackInvalidLockSenderError(raw []byte) (*ChannelManagerInvalidLockSender, error) {
	out := new(ChannelManagerInvalidLockSender)
	if err := channelManager.abi.UnpackIntoInterface(out, "InvalidLockSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerInvalidSignature represents a InvalidSignature error raised by the ChannelManager contract.
type ChannelManagerInvalidSignature struct {
	Expected  common.Address
	Recovered common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidSignature(address expected, address recovered)
func ChannelManagerInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0x42d750dc54bbceaa353a28b4229a6ea77f66d73de45149ec99e1f81ce80ca45b")
}

// UnpackInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidSignature(address expected, address recovered)
func (channelManager *ChannelManager) UnpackInvalidSignatureError(raw []byte) (*ChannelManagerInvalidSignature, error) {
	out := new(ChannelManagerInvalidSignature)
	if err := channelManager.abi.UnpackIntoInterface(out, "InvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerMalformedSignature represents a MalformedSignature error raised by the ChannelManager contract.
type ChannelManagerMalformedSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MalformedSignature()
func ChannelManagerMalformedSignatureErrorID() common.Hash {
	return common.HexToHash("0x55a1e16eadce29d71cb136c0493e3881b154dc5303ad068a5a1e01023482b7e2")
}

// UnpackMalformedSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MalformedSignature()
func (channelManager *ChannelManager) UnpackMalformedSignatureError(raw []byte) (*ChannelManagerMalformedSignature, error) {
	out := new(ChannelManagerMalformedSignature)
	if err := channelManager.abi.UnpackIntoInterface(out, "MalformedSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerMissingTimeout represents a MissingTimeout error raised by the ChannelManager contract.
type ChannelManagerMissingTimeout struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MissingTimeout()
func ChannelManagerMissingTimeoutErrorID() common.Hash {
	return common.HexToHash("0xd57a0b153ae78c2214a50acc524a367d31086cf150bbe1c77b3af1ca6b104249")
}

// UnpackMissingTimeoutError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MissingTimeout()
func (channelManager *ChannelManager) UnpackMissingTimeoutError(raw []byte) (*ChannelManagerMissingTimeout, error) {
	out := new(ChannelManagerMissingTimeout)
	if err := channelManager.abi.UnpackIntoInterface(out, "MissingTimeout", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNoLockPool represents a NoLockPool error raised by the ChannelManager contract.
type ChannelManagerNoLockPool struct {
	User         common.Address
	SettledNonce *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoLockPool(address user, uint256 settledNonce)
func ChannelManagerNoLockPoolErrorID() common.Hash {
	return common.HexToHash("0xd001f8e4f0eaec491b13b9550b0d4cc0d575b780de5959f960068f53e5d5f4d5")
}

// UnpackNoLockPoolError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoLockPool(address user, uint256 settledNonce)
func (channelManager *ChannelManager) UnpackNoLockPoolError(raw []byte) (*ChannelManagerNoLockPool, error) {
	out := new(ChannelManagerNoLockPool)
	if err := channelManager.abi.UnpackIntoInterface(out, "NoLockPool", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNonZeroTimeout represents a NonZeroTimeout error raised by the ChannelManager contract.
type ChannelManagerNonZeroTimeout struct {
	Timeout *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NonZeroTimeout(uint256 timeout)
func ChannelManagerNonZeroTimeoutErrorID() common.Hash {
	return common.HexToHash("0x1123191646c6267ad1c2631b01e0b10d96f47a708281752b94877461fb10f271")
}

// UnpackNonZeroTimeoutError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NonZeroTimeout(uint256 timeout)
func (channelManager *ChannelManager) UnpackNonZeroTimeoutError(raw []byte) (*ChannelManagerNonZeroTimeout, error) {
	out := new(ChannelManagerNonZeroTimeout)
	if err := channelManager.abi.UnpackIntoInterface(out, "NonZeroTimeout", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNonceTooFar represents a NonceTooFar error raised by the ChannelManager contract.
type ChannelManagerNonceTooFar struct {
	Nonce   *big.Int
	Onchain *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NonceTooFar(uint256 nonce, uint256 onchain)
func ChannelManagerNonceTooFarErrorID() common.Hash {
	return common.HexToHash("0xb75842ae6ee23effbe50d46d0b91ba5a0993a4a4289f871d79a213cc0c27acd2")
}

// UnpackNonceTooFarError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NonceTooFar(uint256 nonce, uint256 onchain)
func (channelManager *ChannelManager) UnpackNonceTooFarError(raw []byte) (*ChannelManagerNonceTooFar, error) {
	out := new(ChannelManagerNonceTooFar)
	if err := channelManager.abi.UnpackIntoInterface(out, "NonceTooFar", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNotHub represents a NotHub error raised by the ChannelManager contract.
type ChannelManagerNotHub struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotHub(address caller)
func ChannelManagerNotHubErrorID() common.Hash {
	return common.HexToHash("0x727fe12b61c496cdb8b34d8294a2afde12285be32041bdd5c01d20e004d2e77f")
}

// UnpackNotHubError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotHub(address caller)
func (channelManager *ChannelManager) UnpackNotHubError(raw []byte) (*ChannelManagerNotHub, error) {
	out := new(ChannelManagerNotHub)
	if err := channelManager.abi.UnpackIntoInterface(out, "NotHub", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNotParty represents a NotParty error raised by the ChannelManager contract.
type ChannelManagerNotParty struct {
	Caller common.Address
	User   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotParty(address caller, address user)
func ChannelManagerNotPartyErrorID() common.Hash {
	return common.HexToHash("0x5fe420dcb711879cd524aba7f6a1377c5cce05f503859bacfb5c35eea1a8d951")
}

// UnpackNotPartyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotParty(address caller, address user)
func (channelManager *ChannelManager) UnpackNotPartyError(raw []byte) (*ChannelManagerNotParty, error) {
	out := new(ChannelManagerNotParty)
	if err := channelManager.abi.UnpackIntoInterface(out, "NotParty", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNotUser represents a NotUser error raised by the ChannelManager contract.
type ChannelManagerNotUser struct {
	Caller common.Address
	User   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotUser(address caller, address user)
func ChannelManagerNotUserErrorID() common.Hash {
	return common.HexToHash("0x582dfe75069e3cdd6680e5702be2f9ab7da751e6995cdb3054369d5315629a38")
}

// UnpackNotUserError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotUser(address caller, address user)
func (channelManager *ChannelManager) UnpackNotUserError(raw []byte) (*ChannelManagerNotUser, error) {
	out := new(ChannelManagerNotUser)
	if err := channelManager.abi.UnpackIntoInterface(out, "NotUser", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNothingOwed represents a NothingOwed error raised by the ChannelManager contract.
type ChannelManagerNothingOwed struct {
	Owner common.Address
	Asset uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingOwed(address owner, uint8 asset)
func ChannelManagerNothingOwedErrorID() common.Hash {
	return common.HexToHash("0xea49f281107e71f363c0dcfe64bfc95528fd776db1826cce7d819a2c9fd854b2")
}

// UnpackNothingOwedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingOwed(address owner, uint8 asset)
func (channelManager *ChannelManager) UnpackNothingOwedError(raw []byte) (*ChannelManagerNothingOwed, error) {
	out := new(ChannelManagerNothingOwed)
	if err := channelManager.abi.UnpackIntoInterface(out, "NothingOwed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerNothingToResolve represents a NothingToResolve error raised by the ChannelManager contract.
type ChannelManagerNothingToResolve struct {
	User         common.Address
	SettledNonce *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToResolve(address user, uint256 settledNonce)
func ChannelManagerNothingToResolveErrorID() common.Hash {
	return common.HexToHash("0x92d4b3b1f5f8c7d222d7bec0e2614fbf0608f565b276d590eeafb4a48be3e74a")
}

// UnpackNothingToResolveError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToResolve(address user, uint256 settledNonce)
func (channelManager *ChannelManager) UnpackNothingToResolveError(raw []byte) (*ChannelManagerNothingToResolve, error) {
	out := new(ChannelManagerNothingToResolve)
	if err := channelManager.abi.UnpackIntoInterface(out, "NothingToResolve", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerOnchainNonceTooHigh represents a OnchainNonceTooHigh error raised by the ChannelManager contract.
type ChannelManagerOnchainNonceTooHigh struct {
	Got     *big.Int
	Highest *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OnchainNonceTooHigh(uint256 got, uint256 highest)
func ChannelManagerOnchainNonceTooHighErrorID() common.Hash {
	return common.HexToHash("0x17696d465b9781d42d5f7b1dd7d50b10108cd8483279935c50b951318aecbb5a")
}

// UnpackOnchainNonceTooHighError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OnchainNonceTooHigh(uint256 got, uint256 highest)
func (channelManager *ChannelManager) UnpackOnchainNonceTooHighError(raw []byte) (*ChannelManagerOnchainNonceTooHigh, error) {
	out := new(ChannelManagerOnchainNonceTooHigh)
	if err := channelManager.abi.UnpackIntoInterface(out, "OnchainNonceTooHigh", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerOnchainNonceTooLow represents a OnchainNonceTooLow error raised by the ChannelManager contract.
type ChannelManagerOnchainNonceTooLow struct {
	Got     *big.Int
	Onchain *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OnchainNonceTooLow(uint256 got, uint256 onchain)
func ChannelManagerOnchainNonceTooLowErrorID() common.Hash {
	return common.HexToHash("0x4e99138f9a07a5be91d7d6da5fbdb8668d21405ae289c572fdc624bed0c311c8")
}

// UnpackOnchainNonceTooLowError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OnchainNonceTooLow(uint256 got, uint256 onchain)
func (channelManager *ChannelManager) UnpackOnchainNonceTooLowError(raw []byte) (*ChannelManagerOnchainNonceTooLow, error) {
	out := new(ChannelManagerOnchainNonceTooLow)
	if err := channelManager.abi.UnpackIntoInterface(out, "OnchainNonceTooLow", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerOwedLessThanSigned represents a OwedLessThanSigned error raised by the ChannelManager contract.
type ChannelManagerOwedLessThanSigned struct {
	Owner  common.Address
	Asset  uint8
	Owed   *big.Int
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwedLessThanSigned(address owner, uint8 asset, uint256 owed, uint256 amount)
func ChannelManagerOwedLessThanSignedErrorID() common.Hash {
	return common.HexToHash("0xd7941840fd076241744dac53464c75ee8ef6251f5605211ae96287445776f0ff")
}

// UnpackOwedLessThanSignedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwedLessThanSigned(address owner, uint8 asset, uint256 owed, uint256 amount)
func (channelManager *ChannelManager) UnpackOwedLessThanSignedError(raw []byte) (*ChannelManagerOwedLessThanSigned, error) {
	out := new(ChannelManagerOwedLessThanSigned)
	if err := channelManager.abi.UnpackIntoInterface(out, "OwedLessThanSigned", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerOwedWithdrawalExpired represents a OwedWithdrawalExpired error raised by the ChannelManager contract.
type ChannelManagerOwedWithdrawalExpired struct {
	Deadline *big.Int
	Now      *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwedWithdrawalExpired(uint256 deadline, uint256 now_)
func ChannelManagerOwedWithdrawalExpiredErrorID() common.Hash {
	return common.HexToHash("0x9554b6114f0ab102765019bd5d06d04f54e686bc94c27dffa7dfa8cf0fa3530f")
}

// UnpackOwedWithdrawalExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwedWithdrawalExpired(uint256 deadline, uint256 now_)
func (channelManager *ChannelManager) UnpackOwedWithdrawalExpiredError(raw []byte) (*ChannelManagerOwedWithdrawalExpired, error) {
	out := new(ChannelManagerOwedWithdrawalExpired)
	if err := channelManager.abi.UnpackIntoInterface(out, "OwedWithdrawalExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerReentrancy represents a Reentrancy error raised by the ChannelManager contract.
type ChannelManagerReentrancy struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error Reentrancy()
func ChannelManagerReentrancyErrorID() common.Hash {
	return common.HexToHash("0xab143c06c9772d69bbbc9f2fe74acd02f810e93b099f3d1dac8448ac9ae35991")
}

// UnpackReentrancyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error Reentrancy()
func (channelManager *ChannelManager) UnpackReentrancyError(raw []byte) (*ChannelManagerReentrancy, error) {
	out := new(ChannelManagerReentrancy)
	if err := channelManager.abi.UnpackIntoInterface(out, "Reentrancy", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerStaleNonce represents a StaleNonce error raised by the ChannelManager contract.
type ChannelManagerStaleNonce struct {
	Nonce   *big.Int
	Onchain *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StaleNonce(uint256 nonce, uint256 onchain)
func ChannelManagerStaleNonceErrorID() common.Hash {
	return common.HexToHash("0xf54256bfb1bc868902a1ea572b65dbaa2aed61dae636b157b990eeb5f2db93f7")
}

// UnpackStaleNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StaleNonce(uint256 nonce, uint256 onchain)
func (channelManager *ChannelManager) UnpackStaleNonceError(raw []byte) (*ChannelManagerStaleNonce, error) {
	out := new(ChannelManagerStaleNonce)
	if err := channelManager.abi.UnpackIntoInterface(out, "StaleNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerStateTimedOut represents a StateTimedOut error raised by the ChannelManager contract.
type ChannelManagerStateTimedOut struct {
	Timeout *big.Int
	Now     *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StateTimedOut(uint256 timeout, uint256 now_)
func ChannelManagerStateTimedOutErrorID() common.Hash {
	return common.HexToHash("0xb7d528b69f9c56c3d660d48261abc17c0f3f8c31cf56c58d4431393d7a53162e")
}

// UnpackStateTimedOutError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StateTimedOut(uint256 timeout, uint256 now_)
func (channelManager *ChannelManager) UnpackStateTimedOutError(raw []byte) (*ChannelManagerStateTimedOut, error) {
	out := new(ChannelManagerStateTimedOut)
	if err := channelManager.abi.UnpackIntoInterface(out, "StateTimedOut", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerTokenAmountMismatch represents a TokenAmountMismatch error raised by the ChannelManager contract.
type ChannelManagerTokenAmountMismatch struct {
	Received *big.Int
	Expected *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokenAmountMismatch(uint256 received, uint256 expected)
func ChannelManagerTokenAmountMismatchErrorID() common.Hash {
	return common.HexToHash("0x497e7c4b07f11e85bb2101dfb8673123f36dadee49b75605a157887cb5d7c5e8")
}

// UnpackTokenAmountMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokenAmountMismatch(uint256 received, uint256 expected)
func (channelManager *ChannelManager) UnpackTokenAmountMismatchError(raw []byte) (*ChannelManagerTokenAmountMismatch, error) {
	out := new(ChannelManagerTokenAmountMismatch)
	if err := channelManager.abi.UnpackIntoInterface(out, "TokenAmountMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerTokenTransferFailed represents a TokenTransferFailed error raised by the ChannelManager contract.
type ChannelManagerTokenTransferFailed struct {
	From   common.Address
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokenTransferFailed(address from, address to, uint256 amount)
func ChannelManagerTokenTransferFailedErrorID() common.Hash {
	return common.HexToHash("0xc87767983e580cd51a7614924de0506ff919e5220d94509794cd03bb6564b0bf")
}

// UnpackTokenTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokenTransferFailed(address from, address to, uint256 amount)
func (channelManager *ChannelManager) UnpackTokenTransferFailedError(raw []byte) (*ChannelManagerTokenTransferFailed, error) {
	out := new(ChannelManagerTokenTransferFailed)
	if err := channelManager.abi.UnpackIntoInterface(out, "TokenTransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerTransferFailed represents a TransferFailed error raised by the ChannelManager contract.
type ChannelManagerTransferFailed struct {
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func ChannelManagerTransferFailedErrorID() common.Hash {
	return common.HexToHash("0x1c43b9761b3fba5321ca8212bfc231945f668ccc0c446f333999eea9ce8fda81")
}

// UnpackTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TransferFailed(address to, uint256 amount)
func (channelManager *ChannelManager) UnpackTransferFailedError(raw []byte) (*ChannelManagerTransferFailed, error) {
	out := new(ChannelManagerTransferFailed)
	if err := channelManager.abi.UnpackIntoInterface(out, "TransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerUserDepositNotAllowed represents a UserDepositNotAllowed error raised by the ChannelManager contract.
type ChannelManagerUserDepositNotAllowed struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UserDepositNotAllowed()
func ChannelManagerUserDepositNotAllowedErrorID() common.Hash {
	return common.HexToHash("0xd0f10f2433e439e6a7401821b36d8c40cb06f004b1d07e2c41220240a4d85337")
}

// UnpackUserDepositNotAllowedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UserDepositNotAllowed()
func (channelManager *ChannelManager) UnpackUserDepositNotAllowedError(raw []byte) (*ChannelManagerUserDepositNotAllowed, error) {
	out := new(ChannelManagerUserDepositNotAllowed)
	if err := channelManager.abi.UnpackIntoInterface(out, "UserDepositNotAllowed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerWrongDepositValue represents a WrongDepositValue error raised by the ChannelManager contract.
type ChannelManagerWrongDepositValue struct {
	Sent     *big.Int
	Expected *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongDepositValue(uint256 sent, uint256 expected)
func ChannelManagerWrongDepositValueErrorID() common.Hash {
	return common.HexToHash("0x91a987de118cb63dfed8ab88905e0a3a8f145a43265712c3a60539f4aa64fb45")
}

// UnpackWrongDepositValueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongDepositValue(uint256 sent, uint256 expected)
func (channelManager *ChannelManager) UnpackWrongDepositValueError(raw []byte) (*ChannelManagerWrongDepositValue, error) {
	out := new(ChannelManagerWrongDepositValue)
	if err := channelManager.abi.UnpackIntoInterface(out, "WrongDepositValue", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerWrongLockSet represents a WrongLockSet error raised by the ChannelManager contract.
type ChannelManagerWrongLockSet struct {
	Root      [32]byte
	LocksRoot [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongLockSet(bytes32 root, bytes32 locksRoot)
func ChannelManagerWrongLockSetErrorID() common.Hash {
	return common.HexToHash("0x9c2be6c75b0f1b3e612b3a8abd73044fad2a07892a1f5df572ab5955a9da2205")
}

// UnpackWrongLockSetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongLockSet(bytes32 root, bytes32 locksRoot)
func (channelManager *ChannelManager) UnpackWrongLockSetError(raw []byte) (*ChannelManagerWrongLockSet, error) {
	out := new(ChannelManagerWrongLockSet)
	if err := channelManager.abi.UnpackIntoInterface(out, "WrongLockSet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerWrongOnchainNonce represents a WrongOnchainNonce error raised by the ChannelManager contract.
type ChannelManagerWrongOnchainNonce struct {
	Got      *big.Int
	Expected *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongOnchainNonce(uint256 got, uint256 expected)
func ChannelManagerWrongOnchainNonceErrorID() common.Hash {
	return common.HexToHash("0x172d3b58e67b95494228b59e28232abdf69bdec337eec4af8c27a4e3f3c1cc5f")
}

// UnpackWrongOnchainNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongOnchainNonce(uint256 got, uint256 expected)
func (channelManager *ChannelManager) UnpackWrongOnchainNonceError(raw []byte) (*ChannelManagerWrongOnchainNonce, error) {
	out := new(ChannelManagerWrongOnchainNonce)
	if err := channelManager.abi.UnpackIntoInterface(out, "WrongOnchainNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerWrongSettledState represents a WrongSettledState error raised by the ChannelManager contract.
type ChannelManagerWrongSettledState struct {
	Digest  [32]byte
	Settled [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongSettledState(bytes32 digest, bytes32 settled)
func ChannelManagerWrongSettledStateErrorID() common.Hash {
	return common.HexToHash("0xa4262b2eaa56243d1ea99f314a149a32f73dde29aab1e68f51b4651a8ebadcbf")
}

// UnpackWrongSettledStateError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongSettledState(bytes32 digest, bytes32 settled)
func (channelManager *ChannelManager) UnpackWrongSettledStateError(raw []byte) (*ChannelManagerWrongSettledState, error) {
	out := new(ChannelManagerWrongSettledState)
	if err := channelManager.abi.UnpackIntoInterface(out, "WrongSettledState", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerZeroAddress represents a ZeroAddress error raised by the ChannelManager contract.
type ChannelManagerZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func ChannelManagerZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (channelManager *ChannelManager) UnpackZeroAddressError(raw []byte) (*ChannelManagerZeroAddress, error) {
	out := new(ChannelManagerZeroAddress)
	if err := channelManager.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerZeroAmount represents a ZeroAmount error raised by the ChannelManager contract.
type ChannelManagerZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func ChannelManagerZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (channelManager *ChannelManager) UnpackZeroAmountError(raw []byte) (*ChannelManagerZeroAmount, error) {
	out := new(ChannelManagerZeroAmount)
	if err := channelManager.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerZeroChallengePeriod represents a ZeroChallengePeriod error raised by the ChannelManager contract.
type ChannelManagerZeroChallengePeriod struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroChallengePeriod()
func ChannelManagerZeroChallengePeriodErrorID() common.Hash {
	return common.HexToHash("0xfb0cee039437d81fc584db2706c654b1ecf287a1c062b92f1540deeda2968bf8")
}

// UnpackZeroChallengePeriodError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroChallengePeriod()
func (channelManager *ChannelManager) UnpackZeroChallengePeriodError(raw []byte) (*ChannelManagerZeroChallengePeriod, error) {
	out := new(ChannelManagerZeroChallengePeriod)
	if err := channelManager.abi.UnpackIntoInterface(out, "ZeroChallengePeriod", raw); err != nil {
		return nil, err
	}
	return out, nil
}
