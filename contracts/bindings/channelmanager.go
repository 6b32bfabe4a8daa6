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
	WeiBalances         [2]*big.Int
	TokenBalances       [2]*big.Int
	LockedWei           [2]*big.Int
	LockedToken         [2]*big.Int
	LocksRoot           [32]byte
	Recipient           common.Address
	Nonce               *big.Int
	OnchainNonce        *big.Int
	Digest              [32]byte
	Status              uint8
	Deadline            *big.Int
	DisputeOnchainNonce *big.Int
}

// ChannelManagerLock is an auto generated low-level Go binding around an user-defined struct.
type ChannelManagerLock struct {
	Sender      uint8
	AmountWei   *big.Int
	AmountToken *big.Int
	Hashlock    [32]byte
	Expiry      *big.Int
}

// ChannelManagerLockPool is an auto generated low-level Go binding around an user-defined struct.
type ChannelManagerLockPool struct {
	LocksRoot      [32]byte
	RemainingWei   [2]*big.Int
	RemainingToken [2]*big.Int
	Recipient      common.Address
	Exists         bool
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
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"hub_\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"challengePeriod_\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"stateTotal\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"channelTotal\",\"type\":\"uint256\"}],\"name\":\"BalanceMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"ChannelDisputed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"ChannelNotDisputed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"ChannelNotOpened\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"DeadlineNotReached\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"DeadlinePassed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"available\",\"type\":\"uint256\"}],\"name\":\"InsufficientReserve\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"}],\"name\":\"InvalidLockProof\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"sender\",\"type\":\"uint8\"}],\"name\":\"InvalidLockSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"expected\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recovered\",\"type\":\"address\"}],\"name\":\"InvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"}],\"name\":\"LockAlreadyResolved\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"remaining\",\"type\":\"uint256\"}],\"name\":\"LockExceedsPool\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"expiry\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"LockNotExpired\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"MalformedSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"}],\"name\":\"NoLockPool\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"name\":\"NonZeroTimeout\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotHub\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"NotParty\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"NotUser\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"NothingOwed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchain\",\"type\":\"uint256\"}],\"name\":\"OnchainNonceTooLow\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"Reentrancy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchain\",\"type\":\"uint256\"}],\"name\":\"StaleNonce\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"now_\",\"type\":\"uint256\"}],\"name\":\"StateTimedOut\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"received\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"TokenAmountMismatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TokenTransferFailed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"TransferFailed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"UserDepositNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"WrongDepositValue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"WrongOnchainNonce\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroChallengePeriod\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"Challenged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"indexed\":false,\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"}],\"name\":\"ChannelUpdated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"ExitStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"}],\"name\":\"HubReserveFunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"HubReserveWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"toReceiver\",\"type\":\"bool\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amountWei\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amountToken\",\"type\":\"uint256\"}],\"name\":\"LockResolved\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"OwedWithdrawn\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"PayoutDeferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"hashlock\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"timestamp\",\"type\":\"uint256\"}],\"name\":\"SecretRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"indexed\":false,\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"}],\"name\":\"Settled\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"NAME\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SIDE_HUB\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SIDE_OTHER\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SIDE_USER\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"STATE_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VERSION\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"approvedToken\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigHub\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"sigUser\",\"type\":\"bytes\"}],\"name\":\"challenge\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"challengePeriod\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"disputeDeadline\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"disputeStatus\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"disputed\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"getChannel\",\"outputs\":[{\"components\":[{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"enumChannelManager.Status\",\"name\":\"status\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"disputeOnchainNonce\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.Channel\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"}],\"name\":\"getLockPool\",\"outputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"remainingWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"remainingToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"exists\",\"type\":\"bool\"}],\"internalType\":\"structChannelManager.LockPool\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"hub\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigUser\",\"type\":\"bytes\"}],\"name\":\"hubAuthorizedUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"weiAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"tokenAmount\",\"type\":\"uint256\"}],\"name\":\"hubContractWithdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"hubReserveTokens\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"hubReserveWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"uint8\",\"name\":\"sender\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"amountWei\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amountToken\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"hashlock\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"expiry\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.Lock\",\"name\":\"lock\",\"type\":\"tuple\"}],\"name\":\"lockLeaf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"lockResolved\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"owedToken\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"owedWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"secret\",\"type\":\"bytes32\"}],\"name\":\"registerSecret\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"settledNonce\",\"type\":\"uint256\"},{\"components\":[{\"internalType\":\"uint8\",\"name\":\"sender\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"amountWei\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amountToken\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"hashlock\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"expiry\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.Lock\",\"name\":\"lock\",\"type\":\"tuple\"},{\"internalType\":\"bytes32[]\",\"name\":\"proof\",\"type\":\"bytes32[]\"}],\"name\":\"resolveLock\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"secretRegisteredAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"}],\"name\":\"startExit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigHub\",\"type\":\"bytes\"},{\"internalType\":\"bytes\",\"name\":\"sigUser\",\"type\":\"bytes\"}],\"name\":\"startExitWithUpdate\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"}],\"name\":\"stateDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalChannelToken\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalChannelWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalOwedToken\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalOwedWei\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256[2]\",\"name\":\"weiBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"tokenBalances\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingWei\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"pendingToken\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"locksRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedWei\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"lockedToken\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256\",\"name\":\"timeout\",\"type\":\"uint256\"}],\"internalType\":\"structChannelManager.State\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigHub\",\"type\":\"bytes\"}],\"name\":\"userAuthorizedUpdate\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdrawOwed\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "ChannelManager",
	Bin: "0x6101208060405234610219576060816134888038038091610020828561021d565b8339810103126102195761003381610254565b90610045604060208301519201610254565b6001600a55916001600160a01b038116158015610208575b6101f95781156101ea5760805260a0526001600160a01b031660c0524660e052604080519061008c908261021d565b601481527f566967696c204368616e6e656c4d616e61676572000000000000000000000000602090910152604080517ffbe664f0281f79844796cfcddf6ae8813e7fb201db85d19eba0238cccd7621f0916100e7908261021d565b600181526020810190603160f81b82525190206040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a0815261014b60c08261021d565b5190206101005260405161321f90816102698239608051818181610e7f01528181611d0301528181611db40152818161235b01528181612da701528181612e5901526130fb015260a051818181610247015281816108c50152610a88015260c0518181816104780152818161102a0152818161140a01528181611f27015281816128cd0152613184015260e0518161294f015261010051816129e50152f35b63fb0cee0360e01b5f5260045ffd5b63d92e233d60e01b5f5260045ffd5b506001600160a01b0383161561005d565b5f80fd5b601f909101601f19168101906001600160401b0382119082101761024057604052565b634e487b7160e01b5f52604160045260245ffd5b51906001600160a01b03821682036102195756fe6080806040526004361015610048575b50361561001a575f80fd5b6040513481527f3abe1cc655cc69528cb38960c9edad96fa1b7a7f848c38dffa82f5a930d183aa60203392a2005b5f3560e01c9081629e86901461241c5750806301dd7da91461233357806303d537e6146122f857806312ad8bfc1461227357806318778105146122565780631ab1dee91461223b5780631e2d80d81461220357806332b573e1146121e6578063335578d714611d935780633463d1b114611d32578063365a86fc14611cee5780633684d1c4146118f257806339a72c5c146118135780634b0b20f91461160b5780634babd1e614610e31578063573750a514610e145780635b4d2e1914610df95780636a256b2914610b0257806372cc174c14610a185780637d847279146109c357806384b494c7146109995780638e4f90e41461097f578063928d506f1461094557806399ff71bc1461083d5780639a01b4d5146106285780639fb07600146105f0578063a121a279146105d6578063a3f4df7e146105bb578063a58b880a146104a7578063bab4625914610463578063c8f6515a14610439578063df8708ce146103d3578063f04a75391461026a578063f3f480d914610230578063f698da251461020e5763ffa1ad74146101df575f61000f565b3461020a575f36600319011261020a576102066101fa612607565b604051918291826125dd565b0390f35b5f80fd5b3461020a575f36600319011261020a57602061022861294d565b604051908152f35b3461020a575f36600319011261020a5760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b3461020a57610278366124b7565b916001600a54036103c4576002600a556001600160a01b0361029986612626565b165f52600460205260405f209360ff600d8601541660028110156103b05760010361038757600e8501948554804210156103715750916102fd9391877fb34f400b534905cd9e33b6936b4015a0fe622018ab9f5090b97532ad4c85833a9694612e07565b61030684612626565b9361036761031b61031683612626565b6130f8565b94546040805160ff90971687526101c084013560208801526101e090930135928601929092526060850191909152608084019190915233936001600160a01b03169290819060a0820190565b0390a36001600a55005b63041f95d160e51b5f526004524260245260445ffd5b61039086612626565b633c6293eb60e21b5f9081526001600160a01b0391909116600452602490fd5b634e487b7160e01b5f52602160045260245ffd5b63558a1e0360e11b5f5260045ffd5b3461020a5760a036600319011261020a5760043560ff811680820361020a576020915060405182810191825260243560408201526044356060820152606435608082015260843560a082015260a0815261042e60c082612589565b519020604051908152f35b3461020a575f36600319011261020a57602061022861045a475f549061266d565b6002549061266d565b3461020a575f36600319011261020a576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b3461020a57604036600319011261020a5760e06104c2612435565b604051906104cf8261253c565b5f82525f608060409384516104e48682612589565b85368237602082015284516104f98682612589565b8536823785820152826060820152015260018060a01b03165f526005602052805f206024355f52602052805f208151916105328361253c565b815483526105a261054560018401612854565b9260208501938452610597600561055e60038401612854565b92858801938452015494606087019460018060a01b038716865260ff608089019760a01c16151587525196518752516020870190612515565b516060850190612515565b516001600160a01b031660a083015251151560c0820152f35b3461020a575f36600319011261020a576102066101fa6125ab565b3461020a575f36600319011261020a5760206102286128b2565b3461020a57602036600319011261020a576001600160a01b03610611612435565b165f526008602052602060405f2054604051908152f35b3461020a57602036600319011261020a57610641612435565b6040519061064e8261256c565b5f61016060409384516106618682612589565b85368237815284516106738682612589565b85368237602082015284516106888682612589565b8536823785820152845161069c8682612589565b8536823760608201528260808201528260a08201528260c08201528260e0820152826101008201528261012082015282610140820152015260018060a01b03165f526004602052805f20908051906106f38261256c565b6106fc83612854565b825261070a60028401612854565b906020830191825261071e60048501612854565b81840190815261073060068601612854565b6060850190815260088601546080860190815260018060a01b0360098801541660a08701908152600a8801549160c08801928352600b8901549360e08901948552600c8a0154956101008a0196875260ff600d8c015416976101208b019860028110156103b0578952600e8c01549b6101408c019c8d52600f0154996101608c019a8b528151809c51906107c391612515565b51908b016107d091612515565b5160808a016107de91612515565b5160c089016107ec91612515565b51610100880152516001600160a01b0316610120870152516101408601525161016085015251610180840152519260028410156103b057610200936101a0840152516101c0830152516101e0820152f35b3461020a5761084b366124b7565b9091936001600a54036103c4576108b0600e927f1fe587bae26430b3d45e3229e1070d486f98e68d051a1d06a628b5c07d2734a2946002600a5561089661089185612626565b612d44565b976108a86108a386612626565b612da4565b97858a612e07565b600d8601805460ff19166001179055946108ea7f00000000000000000000000000000000000000000000000000000000000000004261288a565b92839101556103676108fb82612626565b6040805160ff90971687526101c084013560208801526101e090930135928601929092526060850192909252608084019490945233936001600160a01b03169290819060a0820190565b3461020a575f36600319011261020a5760206040517fdf3e7fab5325a0c266c42c7131717e3a95b27d83ff9356b79c83ce472365e6b98152f35b3461020a575f36600319011261020a5760206040515f8152f35b3461020a57602036600319011261020a576004355f526007602052602060405f2054604051908152f35b3461020a57606036600319011261020a576001600160a01b036109e4612435565b165f52600660205260405f206024355f5260205260405f206044355f52602052602060ff60405f2054166040519015158152f35b3461020a57602036600319011261020a57610a31612435565b6001600a54036103c4576002600a55610a4981612d44565b7f1fe587bae26430b3d45e3229e1070d486f98e68d051a1d06a628b5c07d2734a2610a7383612da4565b600d8301805460ff1916600117905591610aad7f00000000000000000000000000000000000000000000000000000000000000004261288a565b600e8201819055600b820154600f8301819055600a830154600c909301546040805160ff90971687526020870194909452928501526060840152608083015233926001600160a01b0316918060a08101610367565b3461020a57602036600319011261020a57610b1b612435565b6001600a54036103c4576002600a5560018060a01b038116805f52600460205260405f2091600d83019260ff84541660028110156103b057600103610de657600e8101928354804210610dd05750610b7282612854565b926002830194610b8186612854565b6004850195610b8f87612854565b926006870199610bb7610ba18c612854565b60098a01549097906001600160a01b0316612d2d565b9a610be1610bcb875160208901519061288a565b610bdb895160208b01519061288a565b9061288a565b610cf2575b835199602085019a8b51610bf99161288a565b5f5490610c059161266d565b5f5585519b602087019c8d51610c1a9161288a565b60015490610c279161266d565b600155610c338b612897565b610c3c90612897565b610c4590612897565b610c4e90612897565b600888015f905560ff1981541690555f9055600a86015495600f81015490600c0154906040519788526020880152604087015260608601610c8e91612515565b60a08501610c9b91612515565b60e08401610ca891612515565b6101208301610cb691612515565b33916101607fc5f9dbd17818d6483dc69eaa1614fa5779b73394a9c7f4a564335c10f4965ed791a351905190610ceb92612c29565b6001600a55005b8b60088a015460405190610d058261253c565b81526020810190888252604081018a8152606082019360018060a01b031684526080820192600184528c5f5260056020528d600a60405f209101545f5260205260405f2092518355515f5b60028110610dba575050515f5b60028110610da35750509151600592909201805491516001600160a81b03199092166001600160a01b03939093169290921790151560a01b60ff60a01b16179055610be6565b600190602083519301926003828601015501610d5d565b6001906020835193019282828701015501610d50565b630a476e4560e31b5f526004524260245260445ffd5b82633c6293eb60e21b5f5260045260245ffd5b3461020a575f36600319011261020a57602060405160018152f35b3461020a575f36600319011261020a576020600354604051908152f35b610e3a36612479565b91906001600a54036103c4576002600a556001600160a01b03610e5c83612626565b1633036115de5761010082013534036115c257610ea590610e7c8361267a565b937f00000000000000000000000000000000000000000000000000000000000000009185612ac1565b6101808101356113f5575b6001600160a01b03610ec182612626565b165f52600460205260405f209160ff600d8401541660028110156103b0576113cc576102a0820135801515806113c3575b6113ad5750600a830154806101c084013511156113925750600b8301546001810180911161137e57806101e0840135036113635750610f3460048401846131f5565b610f82610f76610f6b610f5a610f4d3660408901612bec565b602081519101519061288a565b610bdb610f4d366102208a01612bec565b60e08601359061288a565b6101208501359061288a565b81810361134e575050610f9b60068401600285016131f5565b610fdd610fd1610fc5610fb4610f4d3660808901612bec565b610bdb610f4d366102608a01612bec565b6101608601359061288a565b6101a08501359061288a565b81810361134e57505061100361045a610ffb6101008501354761266d565b5f549061266d565b8060c08401351161133457506040516370a0823160e01b81523060048201526020816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa908115611329575f916112f5575b5061108261107961108b926101808601359061266d565b6001549061266d565b6003549061266d565b80610140840135116112da57506110aa60c0830135604084013561288a565b83556110bf610100830135606084013561288a565b60018401556110d7610140830135608084013561288a565b60028401556110ef61018083013560a084013561288a565b600384015561022082015f5b600281106112c357505061026082015f5b600281106112ac57505080600c610ceb94610200850135600882015561113460208601612626565b600982019060018060a01b03166bffffffffffffffffffffffff60a01b8254161790556101c0850135600a8201556101e0850135600b82015501556111a261012083013561119d60e085013561119d61010087013561119860c08901355f5461288a565b61288a565b61266d565b5f556111d06101a083013561119d61016085013561119d61018087013561119861014089013560015461288a565b6001557fae15b17bad8f335e5250be0a5e0d28b6e1babc9d018d521862bff7370fcd9c0a6102006001600160a01b0361120885612626565b169260405190600182526101c086013560208301526101e0860135604083015260608201526040808601608083013760406080860160c0830137608060c0860161010083013760806101408601610180830137a261128961126b60208301612626565b6112846101208401359161127e85612626565b90612d2d565b612a46565b6112a761129860208301612626565b61127e6101a084013593612626565b612a87565b60019060208335930192600682880101550161110c565b6001906020833593019260048288010155016110fb565b6101408363315276c960e01b5f52013560045260245260445ffd5b90506020813d602011611321575b8161131060209383612589565b8101031261020a5751611082611062565b3d9150611303565b6040513d5f823e3d90fd5b60c08363315276c960e01b5f52013560045260245260445ffd5b631b997b6160e21b5f5260045260245260445ffd5b6101e0836302e5a76b60e31b5f52013560045260245260445ffd5b634e487b7160e01b5f52601160045260245ffd5b6101c08363f54256bf60e01b5f52013560045260245260445ffd5b635bea945b60e11b5f526004524260245260445ffd5b50804211610ef2565b6113d582612626565b63431347c960e11b5f9081526001600160a01b0391909116600452602490fd5b6040516370a0823160e01b81523060048201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316602082602481845afa918215611329575f9261158e575b506040516323b872dd60e01b6020820190815233602483015230604483015261018085013560648084019190915282525f91829190611489608482612589565b519082855af1611497612a07565b901590811561155e575b5061153e57906020602492604051938480926370a0823160e01b82523060048301525afa8015611329575f9061150a575b6114dc925061266d565b61018082013581036114ee5750610eb0565b610180925063497e7c4b60e01b5f52600452013560245260445ffd5b506020823d602011611536575b8161152460209383612589565b8101031261020a576114dc91516114d2565b3d9150611517565b6101808363190eecf360e31b5f523360045230602452013560445260645ffd5b8051801515925082611573575b5050856114a1565b6115869250602080918301019101612d15565b15858061156b565b9091506020813d6020116115ba575b816115aa60209383612589565b8101031261020a57519084611449565b3d915061159d565b610100826348d4c3ef60e11b5f5234600452013560245260445ffd5b6115e782612626565b63582dfe7560e01b5f908152336004526001600160a01b0391909116602452604490fd5b3461020a576102c036600319011261020a5761162561294d565b6004356001600160a01b038116919082810361020a5750602435916001600160a01b0383169081840361020a57602093506040518481019060406044833760408152611672606082612589565b5190206040518581019060406084833760408152611691606082612589565b51902060405186810190608060c48337608081526116b060a082612589565b519020906040518781019060806101448337608081526116d160a082612589565b5190209260405195888701957fdf3e7fab5325a0c266c42c7131717e3a95b27d83ff9356b79c83ce472365e6b9875260408801526060870152608086015260a085015260c084015260e083015260e0825261172e61010083612589565b6117e760405185810190604061022483376040815261174e606082612589565b5190209185604051818101906040610264833760408152611770606082612589565b5190209360405194828601916101c43583526101e4356040880152610204356060880152608087015260a08601526102a43560c086015260c085526117b660e086612589565b60405194859383850197518091895e840190838201905f8252519283915e01015f815203601f198101835282612589565b519020604051908382019261190160f01b8452602283015260428201526042815261042e606282612589565b3461020a575f36600319011261020a576001600a54036103c4576002600a55335f52600860205260405f2054335f52600960205260405f20548115806118ea575b6118d7576118d1610ceb92335f5260086020525f6040812055335f5260096020525f60408120556118878160025461266d565b6002556118968360035461266d565b6003556040518181528360208201527f1323d4a610dd5a0ed601c105550be6f8c0081cdf23f9c6910f80dd2f048aace860403392a233612a46565b33612a87565b633a8d87ed60e11b5f523360045260245ffd5b508015611854565b3461020a5761010036600319011261020a5761190c612435565b6024359060a036604319011261020a5760e43567ffffffffffffffff811161020a573660238201121561020a5780600401359167ffffffffffffffff831161020a573660248460051b8401011161020a576001600a54036103c4576002600a5560018060a01b031692835f52600560205260405f20815f5260205260405f2090600582019160ff835460a01c1615611cd757600160ff6119aa61263a565b1611611cba576044359060ff82169182810361020a5750606435916084359360a4359860c43592604051602081019182528660408201528760608201528b60808201528460a082015260a08152611a0260c082612589565b519020815f52600660205260405f20835f5260205260405f20815f5260205260ff60405f205416611ca8575f9a815b8b8d1015611aa25760019060248e60051b8d0101358082105f14611a7a576040519060208201928352604082015260408152611a6e606082612589565b5190205b9c019b611a31565b906040519060208201928352604082015260408152611a9a606082612589565b519020611a72565b865403611c95575f52600760205260405f2054938415159485611c89575b508415908180611c7f575b611c695750611ad861263a565b956001810190611ae8888361264a565b90549060031b1c8911611c5e5760030190611b03888361264a565b90549060031b1c8a11611c365791611bb4611ba4897f6910ae045edcaa59b1ef413a29f92ab65782e2036edd03fe96175723f492fe2c9694611b9f8d611b89611b7a8560809b8f8f5f52600660205260405f20905f5260205260405f208c5f5260205260405f20600160ff1982541617905561264a565b91909283548360031b1c61266d565b82545f1960039390931b92831b1916911b179055565b61264a565b611b898d83548360031b1c61266d565b611bbf895f5461266d565b5f55611bcd8a60015461266d565b600155604051918252156020820152876040820152886060820152a315611c2c5760ff1660010360ff811161137e5760ff6001915b1614611c0f576001600a55005b9154611c2492906001600160a01b0316612c29565b808080610ceb565b60ff600191611c02565b89611c41898461264a565b90549060031b1c90630f96f88b60e41b5f5260045260245260445ffd5b88611c41898461264a565b63180be00360e01b5f526004524260245260445ffd5b5080421115611acb565b81955011159389611ac0565b5063c981852560e01b5f5260045260245ffd5b630247398560e11b5f5260045260245ffd5b60ff611cc461263a565b6301b6cb0f60e11b5f521660045260245ffd5b50846334007e3960e21b5f5260045260245260445ffd5b3461020a575f36600319011261020a576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b3461020a57602036600319011261020a576001600160a01b03611d53612435565b165f52600460205260405f2060ff600d8201541660028110156103b05781600a600e60609401549101549060016040519314835260208301526040820152f35b3461020a57611da136612479565b91906001600a54036103c4576002600a557f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031633036121d357610100820135158015906121c5575b6121b657611e1390611e028361267a565b93611e0c84612626565b9185612ac1565b6001600160a01b03611e2482612626565b165f52600460205260405f209160ff600d8401541660028110156103b0576113cc576102a0820135801515806121ad575b6113ad5750600a830154806101c084013511156113925750600b8301546001810180911161137e57806101e0840135036113635750611e9760048401846131f5565b611eb0610f76610f6b610f5a610f4d3660408901612bec565b81810361134e575050611ec960068401600285016131f5565b611ee2610fd1610fc5610fb4610f4d3660808901612bec565b81810361134e575050611f0061045a610ffb6101008501354761266d565b8060c08401351161133457506040516370a0823160e01b81523060048201526020816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa908115611329575f91612179575b50611082611079611f76926101808601359061266d565b80610140840135116112da5750611f9560c0830135604084013561288a565b8355611faa610100830135606084013561288a565b6001840155611fc2610140830135608084013561288a565b6002840155611fda61018083013560a084013561288a565b600384015561022082015f5b6002811061216257505061026082015f5b6002811061214b57505080600c610ceb94610200850135600882015561201f60208601612626565b600982019060018060a01b03166bffffffffffffffffffffffff60a01b8254161790556101c0850135600a8201556101e0850135600b820155015561208361012083013561119d60e085013561119d61010087013561119860c08901355f5461288a565b5f556120b16101a083013561119d61016085013561119d61018087013561119861014089013560015461288a565b6001557fae15b17bad8f335e5250be0a5e0d28b6e1babc9d018d521862bff7370fcd9c0a6102006001600160a01b036120e985612626565b1692604051905f82526101c086013560208301526101e0860135604083015260608201526040808601608083013760406080860160c0830137608060c0860161010083013760806101408601610180830137a261128961126b60208301612626565b600190602083359301926006828801015501611ff7565b600190602083359301926004828801015501611fe6565b90506020813d6020116121a5575b8161219460209383612589565b8101031261020a5751611082611f5f565b3d9150612187565b50804211611e55565b63343c43c960e21b5f5260045ffd5b506101808201351515611df1565b63727fe12b60e01b5f523360045260245ffd5b3461020a575f36600319011261020a576020600154604051908152f35b3461020a57602036600319011261020a576001600160a01b03612224612435565b165f526009602052602060405f2054604051908152f35b3461020a575f36600319011261020a57602060405160028152f35b3461020a575f36600319011261020a576020600254604051908152f35b3461020a57602036600319011261020a576004356040516020810190828252602081526122a1604082612589565b51902090815f52600760205260405f2054156122b957005b60407fc0557b686de0e5ed514b3f4bba503e3fd051e83dc024da7bb11bba1a7e56fb3591835f52600760205242825f20558151908152426020820152a2005b3461020a57602036600319011261020a576001600160a01b03612319612435565b165f5260046020526020600e60405f200154604051908152f35b3461020a57604036600319011261020a576004356024356001600a54036103c4576002600a557f00000000000000000000000000000000000000000000000000000000000000006001600160a01b038116338190036121d35761239b61045a475f549061266d565b80851161240657506123ab6128b2565b8084116123f05750610ceb936112a7917fb2e40c42a13f4deffa3812e929a4c5ea5943f185cc540b6b2777804167ce1ea560408051848152876020820152a282612a46565b8363315276c960e01b5f5260045260245260445ffd5b8463315276c960e01b5f5260045260245260445ffd5b3461020a575f36600319011261020a576020905f548152f35b600435906001600160a01b038216820361020a57565b9181601f8401121561020a5782359167ffffffffffffffff831161020a576020838186019501011161020a57565b9060031982016102e0811261020a576102c01361020a576004916102c4359067ffffffffffffffff821161020a576124b39160040161244b565b9091565b906003198201610300811261020a576102c01361020a576004916102c43567ffffffffffffffff811161020a57816124f19160040161244b565b929092916102e4359067ffffffffffffffff821161020a576124b39160040161244b565b905f905b6002821061252657505050565b6020806001928551815201930191019091612519565b60a0810190811067ffffffffffffffff82111761255857604052565b634e487b7160e01b5f52604160045260245ffd5b610180810190811067ffffffffffffffff82111761255857604052565b90601f8019910116810190811067ffffffffffffffff82111761255857604052565b604051906125ba604083612589565b60148252732b34b3b4b61021b430b73732b626b0b730b3b2b960611b6020830152565b602060409281835280519182918282860152018484015e5f828201840152601f01601f1916010190565b60405190612616604083612589565b60018252603160f81b6020830152565b356001600160a01b038116810361020a5790565b60443560ff8116810361020a5790565b60028210156126595701905f90565b634e487b7160e01b5f52603260045260245ffd5b9190820391821161137e57565b61268261294d565b9061268c81612626565b9061282161269c60208301612626565b92604051602081019060408086018337604081526126bb606082612589565b51902060405160208101906040608087018337604081526126dd606082612589565b5190206040516020810190608060c088018337608081526126ff60a082612589565b5190209060405160208101906080610140890183376080815261272360a082612589565b519020926040519760208901957fdf3e7fab5325a0c266c42c7131717e3a95b27d83ff9356b79c83ce472365e6b9875260018060a01b031660408a015260018060a01b03166060890152608088015260a087015260c086015260e085015260e0845261279161010085612589565b602060405181810190604061022087018337604081526127b2606082612589565b5190206102a060405183810190604061026089018337604081526127d7606082612589565b5190209560405196848801936101c083013585526101e083013560408a015261020083013560608a0152608089015260a0880152013560c086015260c085526117b660e086612589565b51902060405190602082019261190160f01b8452602283015260428201526042815261284e606282612589565b51902090565b60405191905f835b6002821061287457505050612872604083612589565b565b600160208192855481520193019101909161285c565b9190820180921161137e57565b5f5b600281106128a5575050565b5f82820155600101612899565b6040516370a0823160e01b81523060048201526020816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa908115611329575f91612919575b50611082612916916001549061266d565b90565b90506020813d602011612945575b8161293460209383612589565b8101031261020a5751611082612905565b3d9150612927565b7f000000000000000000000000000000000000000000000000000000000000000046146129e35761297c6125ab565b6020815191012061298b612607565b602081519101206040519060208201927f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f8452604083015260608201524660808201523060a082015260a0815261284e60c082612589565b7f000000000000000000000000000000000000000000000000000000000000000090565b3d15612a41573d9067ffffffffffffffff82116125585760405191612a36601f8201601f191660200184612589565b82523d5f602084013e565b606090565b8115612a83575f80808085855af1612a5c612a07565b5015612a66575050565b630e21dcbb60e11b5f5260018060a01b031660045260245260445ffd5b5050565b8115612a8357612a978282613141565b15612aa0575050565b63190eecf360e31b5f523060045260018060a01b031660245260445260645ffd5b60418303612b89578260201161020a578135918360401161020a5760208101359360401015612659576040013560f81c601b8110612bcc575b60ff1690601b82141580612bc1575b8015612b98575b612b89576020935f93608093604051938452868401526040830152606082015282805260015afa15611329575f516001600160a01b03169081158015612b76575b612b59575050565b6310b5d43760e21b5f5260018060a01b031660045260245260445ffd5b506001600160a01b038116821415612b51565b632ad0f0b760e11b5f5260045ffd5b507f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411612b10565b50601c821415612b09565b601b0160ff811115612afa57634e487b7160e01b5f52601160045260245ffd5b9190604080519390612bfe9085612589565b83906040810192831161020a57905b828210612c1957505050565b8135815260209182019101612c0d565b5f92839280612cf8575b5080151580612ce7575b612cdf575b50612c4d838361288a565b612c5657505050565b7f7c86fd5f9cc8abfda89664deda801b7cc79d18a447e2b0467e22a8f5f8f1676b9160409160018060a01b031693845f526008602052825f20612c9a83825461288a565b9055845f526009602052825f20612cb282825461288a565b9055612cc08260025461288a565b600255612ccf8160035461288a565b60035582519182526020820152a2565b92505f612c42565b50612cf28183613141565b15612c3d565b5f80808084875af1612d08612a07565b50612c335792505f612c33565b9081602091031261020a5751801515810361020a5790565b6001600160a01b038116612d3f575090565b905090565b6001600160a01b03165f818152600460205260409020600b8101549092919015612d925760ff600d8401541660028110156103b057612d805750565b63431347c960e11b5f5260045260245ffd5b633a9e57cb60e01b5f5260045260245ffd5b337f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031614612e02576001600160a01b031690338214612dfc57506317f9083760e21b5f523360045260245260445ffd5b60019150565b505f90565b9390959492956102a0810135806130e657506101c081013592600a8601928354808611156130d057506101e083013595600b880154928388106130b95790612e7f612e8f9392612e568761267a565b9c7f0000000000000000000000000000000000000000000000000000000000000000918e612ac1565b612e8885612626565b918b612ac1565b612e9c3660408401612bec565b90612eaa3660808501612bec565b90860361306557612ec060c0840135835161288a565b825260208201612ed6610100850135825161288a565b9052612ee8610140840135825161288a565b815260208101612efe610180850135825161288a565b90525b612f0e60048801886131f5565b90612f1f835160208501519061288a565b91612f36610220860193610bdb610f4d3687612bec565b81810361134e575050612f4f6006890160028a016131f5565b92612f60825160208401519061288a565b93612f77610260870195610bdb610f4d3689612bec565b81810361134e575050908a97959896949392915f5b6002811061304e5750505f5b600281106130345750505f5b6002811061301a5750505f5b6002811061300057505094612fd5602087610200600c98990135600888015501612626565b6009850180546001600160a01b0319166001600160a01b0390921691909117905555600f8201550155565b813581870160060155899650602090910190600101612fb0565b8135818801600401558a9750602090910190600101612fa4565b8151818901600201558b9850602090910190600101612f98565b8151818a01558c9950602090910190600101612f8c565b61307460e0840135835161288a565b82526020820161308a610120850135825161288a565b905261309c610160840135825161288a565b8152602081016130b26101a0850135825161288a565b9052612f01565b8388634e99138f60e01b5f5260045260245260445ffd5b8563f54256bf60e01b5f5260045260245260445ffd5b6308918c8b60e11b5f5260045260245ffd5b337f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031614612e02576001600160a01b0316331461313c57600290565b600190565b60405163a9059cbb60e01b602082019081526001600160a01b0390921660248201526044808201939093529182525f9182919061317f606482612589565b5190827f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165af16131b6612a07565b816131bf575090565b8091505180159182156131d157505090565b60208214925090826131e257505090565b6129169250602080918301019101612d15565b90600161321661320e612916948381549101549061288a565b83549061288a565b9101549061288a56",
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
// Solidity: function getChannel(address user) view returns((uint256[2],uint256[2],uint256[2],uint256[2],bytes32,address,uint256,uint256,bytes32,uint8,uint256,uint256))
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
// Solidity: function getChannel(address user) view returns((uint256[2],uint256[2],uint256[2],uint256[2],bytes32,address,uint256,uint256,bytes32,uint8,uint256,uint256))
func (channelManager *ChannelManager) TryPackGetChannel(user common.Address) ([]byte, error) {
	return channelManager.abi.Pack("getChannel", user)
}

// UnpackGetChannel is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x9a01b4d5.
//
// Solidity: function getChannel(address user) view returns((uint256[2],uint256[2],uint256[2],uint256[2],bytes32,address,uint256,uint256,bytes32,uint8,uint256,uint256))
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
// Solidity: function getLockPool(address user, uint256 settledNonce) view returns((bytes32,uint256[2],uint256[2],address,bool))
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
// Solidity: function getLockPool(address user, uint256 settledNonce) view returns((bytes32,uint256[2],uint256[2],address,bool))
func (channelManager *ChannelManager) TryPackGetLockPool(user common.Address, settledNonce *big.Int) ([]byte, error) {
	return channelManager.abi.Pack("getLockPool", user, settledNonce)
}

// UnpackGetLockPool is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa58b880a.
//
// Solidity: function getLockPool(address user, uint256 settledNonce) view returns((bytes32,uint256[2],uint256[2],address,bool))
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
// the contract method with ID 0xdf8708ce.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockLeaf((uint8,uint256,uint256,bytes32,uint256) lock) pure returns(bytes32)
func (channelManager *ChannelManager) PackLockLeaf(lock ChannelManagerLock) []byte {
	enc, err := channelManager.abi.Pack("lockLeaf", lock)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdf8708ce.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockLeaf((uint8,uint256,uint256,bytes32,uint256) lock) pure returns(bytes32)
func (channelManager *ChannelManager) TryPackLockLeaf(lock ChannelManagerLock) ([]byte, error) {
	return channelManager.abi.Pack("lockLeaf", lock)
}

// UnpackLockLeaf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdf8708ce.
//
// Solidity: function lockLeaf((uint8,uint256,uint256,bytes32,uint256) lock) pure returns(bytes32)
func (channelManager *ChannelManager) UnpackLockLeaf(data []byte) ([32]byte, error) {
	out, err := channelManager.abi.Unpack("lockLeaf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackLockResolved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7d847279.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lockResolved(address , uint256 , bytes32 ) view returns(bool)
func (channelManager *ChannelManager) PackLockResolved(arg0 common.Address, arg1 *big.Int, arg2 [32]byte) []byte {
	enc, err := channelManager.abi.Pack("lockResolved", arg0, arg1, arg2)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLockResolved is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7d847279.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lockResolved(address , uint256 , bytes32 ) view returns(bool)
func (channelManager *ChannelManager) TryPackLockResolved(arg0 common.Address, arg1 *big.Int, arg2 [32]byte) ([]byte, error) {
	return channelManager.abi.Pack("lockResolved", arg0, arg1, arg2)
}

// UnpackLockResolved is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7d847279.
//
// Solidity: function lockResolved(address , uint256 , bytes32 ) view returns(bool)
func (channelManager *ChannelManager) UnpackLockResolved(data []byte) (bool, error) {
	out, err := channelManager.abi.Unpack("lockResolved", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
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

// PackResolveLock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3684d1c4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function resolveLock(address user, uint256 settledNonce, (uint8,uint256,uint256,bytes32,uint256) lock, bytes32[] proof) returns()
func (channelManager *ChannelManager) PackResolveLock(user common.Address, settledNonce *big.Int, lock ChannelManagerLock, proof [][32]byte) []byte {
	enc, err := channelManager.abi.Pack("resolveLock", user, settledNonce, lock, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackResolveLock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3684d1c4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function resolveLock(address user, uint256 settledNonce, (uint8,uint256,uint256,bytes32,uint256) lock, bytes32[] proof) returns()
func (channelManager *ChannelManager) TryPackResolveLock(user common.Address, settledNonce *big.Int, lock ChannelManagerLock, proof [][32]byte) ([]byte, error) {
	return channelManager.abi.Pack("resolveLock", user, settledNonce, lock, proof)
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
// the contract method with ID 0x39a72c5c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdrawOwed() returns()
func (channelManager *ChannelManager) PackWithdrawOwed() []byte {
	enc, err := channelManager.abi.Pack("withdrawOwed")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdrawOwed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x39a72c5c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdrawOwed() returns()
func (channelManager *ChannelManager) TryPackWithdrawOwed() ([]byte, error) {
	return channelManager.abi.Pack("withdrawOwed")
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

// ChannelManagerLockResolved represents a LockResolved event raised by the ChannelManager contract.
type ChannelManagerLockResolved struct {
	User         common.Address
	SettledNonce *big.Int
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
// Solidity: event LockResolved(address indexed user, uint256 indexed settledNonce, bytes32 leaf, bool toReceiver, uint256 amountWei, uint256 amountToken)
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
// Solidity: event OwedWithdrawn(address indexed to, uint256 weiAmount, uint256 tokenAmount)
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
	LockedWei     [2]*big.Int
	LockedToken   [2]*big.Int
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
// Solidity: event Settled(address indexed user, address indexed sender, uint256 nonce, uint256 onchainNonce, bytes32 digest, uint256[2] weiBalances, uint256[2] tokenBalances, uint256[2] lockedWei, uint256[2] lockedToken)
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
	if bytes.Equal(raw[:4], channelManager.abi.Errors["BalanceMismatch"].ID.Bytes()[:4]) {
		return channelManager.UnpackBalanceMismatchError(raw[4:])
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
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InvalidLockProof"].ID.Bytes()[:4]) {
		return channelManager.UnpackInvalidLockProofError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InvalidLockSender"].ID.Bytes()[:4]) {
		return channelManager.UnpackInvalidLockSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["InvalidSignature"].ID.Bytes()[:4]) {
		return channelManager.UnpackInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["LockAlreadyResolved"].ID.Bytes()[:4]) {
		return channelManager.UnpackLockAlreadyResolvedError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["LockExceedsPool"].ID.Bytes()[:4]) {
		return channelManager.UnpackLockExceedsPoolError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["LockNotExpired"].ID.Bytes()[:4]) {
		return channelManager.UnpackLockNotExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["MalformedSignature"].ID.Bytes()[:4]) {
		return channelManager.UnpackMalformedSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NoLockPool"].ID.Bytes()[:4]) {
		return channelManager.UnpackNoLockPoolError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["NonZeroTimeout"].ID.Bytes()[:4]) {
		return channelManager.UnpackNonZeroTimeoutError(raw[4:])
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
	if bytes.Equal(raw[:4], channelManager.abi.Errors["OnchainNonceTooLow"].ID.Bytes()[:4]) {
		return channelManager.UnpackOnchainNonceTooLowError(raw[4:])
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
	if bytes.Equal(raw[:4], channelManager.abi.Errors["WrongOnchainNonce"].ID.Bytes()[:4]) {
		return channelManager.UnpackWrongOnchainNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return channelManager.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], channelManager.abi.Errors["ZeroChallengePeriod"].ID.Bytes()[:4]) {
		return channelManager.UnpackZeroChallengePeriodError(raw[4:])
	}
	return nil, errors.New("Unknown error")
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

// ChannelManagerInvalidLockProof represents a InvalidLockProof error raised by the ChannelManager contract.
type ChannelManagerInvalidLockProof struct {
	Leaf [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidLockProof(bytes32 leaf)
func ChannelManagerInvalidLockProofErrorID() common.Hash {
	return common.HexToHash("0xc98185258f9dc5cb4456834ca2ef5233f68a64854794f75bd7e9b9ba0e6d0ee4")
}

// UnpackInvalidLockProofError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidLockProof(bytes32 leaf)
func (channelManager *ChannelManager) UnpackInvalidLockProofError(raw []byte) (*ChannelManagerInvalidLockProof, error) {
	out := new(ChannelManagerInvalidLockProof)
	if err := channelManager.abi.UnpackIntoInterface(out, "InvalidLockProof", raw); err != nil {
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

// ChannelManagerLockAlreadyResolved represents a LockAlreadyResolved error raised by the ChannelManager contract.
type ChannelManagerLockAlreadyResolved struct {
	Leaf [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LockAlreadyResolved(bytes32 leaf)
func ChannelManagerLockAlreadyResolvedErrorID() common.Hash {
	return common.HexToHash("0x048e730a057f920bf120741c8d798eaa33b4dca35b76027e2f250022cf4b4bed")
}

// UnpackLockAlreadyResolvedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LockAlreadyResolved(bytes32 leaf)
func (channelManager *ChannelManager) UnpackLockAlreadyResolvedError(raw []byte) (*ChannelManagerLockAlreadyResolved, error) {
	out := new(ChannelManagerLockAlreadyResolved)
	if err := channelManager.abi.UnpackIntoInterface(out, "LockAlreadyResolved", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerLockExceedsPool represents a LockExceedsPool error raised by the ChannelManager contract.
type ChannelManagerLockExceedsPool struct {
	Amount    *big.Int
	Remaining *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LockExceedsPool(uint256 amount, uint256 remaining)
func ChannelManagerLockExceedsPoolErrorID() common.Hash {
	return common.HexToHash("0xf96f88b0cd71a3223f076911e7bc8dbabd69cdc8f724a5e47a98b76598026d90")
}

// UnpackLockExceedsPoolError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LockExceedsPool(uint256 amount, uint256 remaining)
func (channelManager *ChannelManager) UnpackLockExceedsPoolError(raw []byte) (*ChannelManagerLockExceedsPool, error) {
	out := new(ChannelManagerLockExceedsPool)
	if err := channelManager.abi.UnpackIntoInterface(out, "LockExceedsPool", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ChannelManagerLockNotExpired represents a LockNotExpired error raised by the ChannelManager contract.
type ChannelManagerLockNotExpired struct {
	Expiry *big.Int
	Now    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error LockNotExpired(uint256 expiry, uint256 now_)
func ChannelManagerLockNotExpiredErrorID() common.Hash {
	return common.HexToHash("0x180be0039edb258a50640c1687860ff2512b03ac8918617c0d156dd10f8a50eb")
}

// UnpackLockNotExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error LockNotExpired(uint256 expiry, uint256 now_)
func (channelManager *ChannelManager) UnpackLockNotExpiredError(raw []byte) (*ChannelManagerLockNotExpired, error) {
	out := new(ChannelManagerLockNotExpired)
	if err := channelManager.abi.UnpackIntoInterface(out, "LockNotExpired", raw); err != nil {
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
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingOwed(address owner)
func ChannelManagerNothingOwedErrorID() common.Hash {
	return common.HexToHash("0x751b0fdaa408a0c7537afaf0af96a92598192bff093a0ad0f684a7c83bc223c9")
}

// UnpackNothingOwedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingOwed(address owner)
func (channelManager *ChannelManager) UnpackNothingOwedError(raw []byte) (*ChannelManagerNothingOwed, error) {
	out := new(ChannelManagerNothingOwed)
	if err := channelManager.abi.UnpackIntoInterface(out, "NothingOwed", raw); err != nil {
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
