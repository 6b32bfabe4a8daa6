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

// GasSinkMetaData contains all meta data concerning the GasSink contract.
var GasSinkMetaData = bind.MetaData{
	ABI: "[{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "GasSink",
	Bin: "0x60808060405234601357600a908160188239f35b5f80fdfe36156008575f80fd5bfe",
}

// GasSink is an auto generated Go binding around an Ethereum contract.
type GasSink struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *GasSink) GetABI() abi.ABI {
	return c.abi
}

// NewGasSink creates a new instance of GasSink.
func NewGasSink() *GasSink {
	parsed, err := GasSinkMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &GasSink{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *GasSink) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}
