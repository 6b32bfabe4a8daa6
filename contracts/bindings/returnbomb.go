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

// ReturnBombMetaData contains all meta data concerning the ReturnBomb contract.
var ReturnBombMetaData = bind.MetaData{
	ABI: "[{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "ReturnBomb",
	Bin: "0x6080806040523460135760de908160188239f35b5f80fdfe60806040523615600d575f80fd5b5a5a60031c810390811160705760015b6001600160ff1b038116810360705781605a60486042603a856084565b8560011b60c0565b60091c90565b60556051856084565b609b565b9060d2565b1015606a5760669060ab565b601d565b60051b5ffd5b634e487b7160e01b5f52601160045260245ffd5b600181901b91906001600160ff1b03811603607057565b9081600302916003830403607057565b908160011b9180830460021490151715607057565b81810292918115918404141715607057565b9190820180921160705756",
}

// ReturnBomb is an auto generated Go binding around an Ethereum contract.
type ReturnBomb struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ReturnBomb) GetABI() abi.ABI {
	return c.abi
}

// NewReturnBomb creates a new instance of ReturnBomb.
func NewReturnBomb() *ReturnBomb {
	parsed, err := ReturnBombMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ReturnBomb{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ReturnBomb) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}
