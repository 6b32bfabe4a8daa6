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

// LookAlikeMetaData contains all meta data concerning the LookAlike contract.
var LookAlikeMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"hub_\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"challengePeriod_\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"side\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"onchainNonce\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"ExitStarted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"challengePeriod\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"user\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"name\":\"fakeExit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"hub\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "LookAlike",
	Bin: "0x608034607757601f61019f38819003918201601f19168301916001600160401b03831184841017607b57808492604094855283398101031260775780516001600160a01b0381169190829003607757602001515f80546001600160a01b03191690921790915560015560405161010f90816100908239f35b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe6080806040526004361015610012575f80fd5b5f3560e01c908163365a86fc146100ed57508063b0a6cb301461005e5763f3f480d91461003d575f80fd5b3461005a575f36600319011261005a576020600154604051908152f35b5f80fd5b3461005a57604036600319011261005a576004356001600160a01b0381169081900361005a576001544201908142116100d957604051915f835260243560208401525f604084015260608301525f60808301527f1fe587bae26430b3d45e3229e1070d486f98e68d051a1d06a628b5c07d2734a260a03393a3005b634e487b7160e01b5f52601160045260245ffd5b3461005a575f36600319011261005a575f546001600160a01b03168152602090f3",
}

// LookAlike is an auto generated Go binding around an Ethereum contract.
type LookAlike struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *LookAlike) GetABI() abi.ABI {
	return c.abi
}

// NewLookAlike creates a new instance of LookAlike.
func NewLookAlike() *LookAlike {
	parsed, err := LookAlikeMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &LookAlike{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *LookAlike) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address hub_, uint256 challengePeriod_) returns()
func (lookAlike *LookAlike) PackConstructor(hub_ common.Address, challengePeriod_ *big.Int) []byte {
	enc, err := lookAlike.abi.Pack("", hub_, challengePeriod_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackChallengePeriod is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf3f480d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function challengePeriod() view returns(uint256)
func (lookAlike *LookAlike) PackChallengePeriod() []byte {
	enc, err := lookAlike.abi.Pack("challengePeriod")
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
func (lookAlike *LookAlike) TryPackChallengePeriod() ([]byte, error) {
	return lookAlike.abi.Pack("challengePeriod")
}

// UnpackChallengePeriod is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf3f480d9.
//
// Solidity: function challengePeriod() view returns(uint256)
func (lookAlike *LookAlike) UnpackChallengePeriod(data []byte) (*big.Int, error) {
	out, err := lookAlike.abi.Unpack("challengePeriod", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackFakeExit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb0a6cb30.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fakeExit(address user, uint256 nonce) returns()
func (lookAlike *LookAlike) PackFakeExit(user common.Address, nonce *big.Int) []byte {
	enc, err := lookAlike.abi.Pack("fakeExit", user, nonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFakeExit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb0a6cb30.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fakeExit(address user, uint256 nonce) returns()
func (lookAlike *LookAlike) TryPackFakeExit(user common.Address, nonce *big.Int) ([]byte, error) {
	return lookAlike.abi.Pack("fakeExit", user, nonce)
}

// PackHub is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x365a86fc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hub() view returns(address)
func (lookAlike *LookAlike) PackHub() []byte {
	enc, err := lookAlike.abi.Pack("hub")
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
func (lookAlike *LookAlike) TryPackHub() ([]byte, error) {
	return lookAlike.abi.Pack("hub")
}

// UnpackHub is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x365a86fc.
//
// Solidity: function hub() view returns(address)
func (lookAlike *LookAlike) UnpackHub(data []byte) (common.Address, error) {
	out, err := lookAlike.abi.Unpack("hub", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// LookAlikeExitStarted represents a ExitStarted event raised by the LookAlike contract.
type LookAlikeExitStarted struct {
	User         common.Address
	Sender       common.Address
	Side         uint8
	Nonce        *big.Int
	OnchainNonce *big.Int
	Deadline     *big.Int
	Digest       [32]byte
	Raw          *types.Log // Blockchain specific contextual infos
}

const LookAlikeExitStartedEventName = "ExitStarted"

// ContractEventName returns the user-defined event name.
func (LookAlikeExitStarted) ContractEventName() string {
	return LookAlikeExitStartedEventName
}

// UnpackExitStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ExitStarted(address indexed user, address indexed sender, uint8 side, uint256 nonce, uint256 onchainNonce, uint256 deadline, bytes32 digest)
func (lookAlike *LookAlike) UnpackExitStartedEvent(log *types.Log) (*LookAlikeExitStarted, error) {
	event := "ExitStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != lookAlike.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(LookAlikeExitStarted)
	if len(log.Data) > 0 {
		if err := lookAlike.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range lookAlike.abi.Events[event].Inputs {
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
