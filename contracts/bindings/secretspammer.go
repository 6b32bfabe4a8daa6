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

// SecretSpammerMetaData contains all meta data concerning the SecretSpammer contract.
var SecretSpammerMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractISecretRegistry\",\"name\":\"registry\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"seed\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"}],\"name\":\"registerMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "SecretSpammer",
	Bin: "0x6080806040523460145760fd90816100198239f35b5f80fdfe608060405260043610156010575f80fd5b5f3560e01c63adc4d831146022575f80fd5b3460c457606036600319011260c4576004356001600160a01b0381169081900360c4576044356024355f5b828110605557005b604051602081019083825282604082015260408152607360608260c8565b51902090843b1560c457604051916304ab62ff60e21b835260048301525f8260248183895af191821560b95760019260ac575b5001604d565b5f60b49160c8565b5f60a6565b6040513d5f823e3d90fd5b5f80fd5b90601f8019910116810190811067ffffffffffffffff82111760e957604052565b634e487b7160e01b5f52604160045260245ffd",
}

// SecretSpammer is an auto generated Go binding around an Ethereum contract.
type SecretSpammer struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SecretSpammer) GetABI() abi.ABI {
	return c.abi
}

// NewSecretSpammer creates a new instance of SecretSpammer.
func NewSecretSpammer() *SecretSpammer {
	parsed, err := SecretSpammerMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SecretSpammer{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SecretSpammer) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackRegisterMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xadc4d831.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerMany(address registry, bytes32 seed, uint256 count) returns()
func (secretSpammer *SecretSpammer) PackRegisterMany(registry common.Address, seed [32]byte, count *big.Int) []byte {
	enc, err := secretSpammer.abi.Pack("registerMany", registry, seed, count)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xadc4d831.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerMany(address registry, bytes32 seed, uint256 count) returns()
func (secretSpammer *SecretSpammer) TryPackRegisterMany(registry common.Address, seed [32]byte, count *big.Int) ([]byte, error) {
	return secretSpammer.abi.Pack("registerMany", registry, seed, count)
}
