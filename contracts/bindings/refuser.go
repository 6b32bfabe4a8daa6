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

// RefuserMetaData contains all meta data concerning the Refuser contract.
var RefuserMetaData = bind.MetaData{
	ABI: "[{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "Refuser",
	Bin: "0x608080604052346013576003908160188239f35b5f80fdfe5f80fd",
}

// Refuser is an auto generated Go binding around an Ethereum contract.
type Refuser struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Refuser) GetABI() abi.ABI {
	return c.abi
}

// NewRefuser creates a new instance of Refuser.
func NewRefuser() *Refuser {
	parsed, err := RefuserMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Refuser{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Refuser) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}
