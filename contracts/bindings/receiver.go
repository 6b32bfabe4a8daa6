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

// ReceiverMetaData contains all meta data concerning the Receiver contract.
var ReceiverMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"execute\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastReenterOk\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastReenterResult\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reenterAttempted\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reenterData\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reenterTarget\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reject\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"setReenter\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bool\",\"name\":\"v\",\"type\":\"bool\"}],\"name\":\"setReject\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "Receiver",
	Bin: "0x6080806040523460155761082b908161001a8239f35b5f80fdfe6080604052600436101561027d575b3615610018575f80fd5b5f5460ff811661024d5760081c6001600160a01b03168061003557005b600160ff196002541617600255604051905f60015461005381610771565b906001811690811561023857506001146101fc575b5090825f8094819403925af161007c6107cb565b90815167ffffffffffffffff81116101e857610099600354610771565b601f811161017a575b50602092601f82116001146100fb576100d3929382915f926100f0575b50508160011b915f199060031b1c19161790565b6003555b61ff0060025491151560081b169061ff00191617600255005b015190505f806100bf565b601f1982169360035f527fc2575a0e9e593c00f959f8c92f12db2869c3395a3b0502d05e2516446f71f85b915f5b868110610162575083600195961061014a575b505050811b016003556100d7565b01515f1960f88460031b161c191690555f808061013c565b91926020600181928685015181550194019201610129565b818111156100a25760035f52601f820160051c7fc2575a0e9e593c00f959f8c92f12db2869c3395a3b0502d05e2516446f71f85b602084106101e0575b81601f9101920160051c03905f5b8281106101d35750506100a2565b5f828201556001016101c5565b5f91506101b7565b634e487b7160e01b5f52604160045260245ffd5b905060015f525f51602061080b5f395f51905f525f905b828210610224575050820182610068565b600181602092548488015201910190610213565b60ff1916855250801515028301905082610068565b60405162461bcd60e51b81526020600482015260086024820152671c995a9958dd195960c21b6044820152606490fd5b5f3560e01c806302bcc1dd1461058f57806316f52455146105615780631cff79cd146104e75780632e579358146104425780634dc415de146104215780638b8b93cc146103fc578063cc6e8454146103d1578063d51853ac146103af5763e150ef490361000e57346103ab575f3660031901126103ab576040515f60015461030481610771565b8084529060018116908115610387575060011461033c575b6103388361032c818503826107a9565b60405191829182610747565b0390f35b60015f9081525f51602061080b5f395f51905f52939250905b80821061036d5750909150810160200161032c61031c565b919260018160209254838588010152019101909291610355565b60ff191660208086019190915291151560051b8401909101915061032c905061031c565b5f80fd5b346103ab575f3660031901126103ab57602060ff600254166040519015158152f35b346103ab575f3660031901126103ab575f5460405160089190911c6001600160a01b03168152602090f35b346103ab575f3660031901126103ab57602060ff60025460081c166040519015158152f35b346103ab575f3660031901126103ab57602060ff5f54166040519015158152f35b346103ab575f3660031901126103ab576040515f60035461046281610771565b80845290600181169081156103875750600114610489576103388361032c818503826107a9565b60035f9081527fc2575a0e9e593c00f959f8c92f12db2869c3395a3b0502d05e2516446f71f85b939250905b8082106104cd5750909150810160200161032c61031c565b9192600181602092548385880101520191019092916104b5565b346103ab575f80806104f8366106e3565b919290826040519384928337810182815203925af16105156107cb565b901561052b576103389060405191829182610747565b60405162461bcd60e51b815260206004820152600e60248201526d195e1958dd5d194819985a5b195960921b6044820152606490fd5b346103ab5760203660031901126103ab576004358015158091036103ab5760ff80195f54169116175f555f80f35b346103ab5761059d366106e3565b5f8054610100600160a81b03191660089490941b610100600160a81b0316939093179092559067ffffffffffffffff81116101e8576105dd600154610771565b601f8111610688575b505f601f8211600114610623578190610613935f926106185750508160011b915f199060031b1c19161790565b600155005b0135905083806100bf565b601f198216925f51602061080b5f395f51905f52915f5b85811061067057508360019510610657575b505050811b01600155005b01355f19600384901b60f8161c1916905582808061064c565b9092602060018192868601358155019401910161063a565b818111156105e65760015f52601f820160051c5f51602061080b5f395f51905f52602084106106db575b81601f9101920160051c03905f5b8281106106ce5750506105e6565b5f828201556001016106c0565b5f91506106b2565b60406003198201126103ab576004356001600160a01b03811681036103ab579160243567ffffffffffffffff81116103ab57826023820112156103ab5780600401359267ffffffffffffffff84116103ab57602484830101116103ab576024019190565b602060409281835280519182918282860152018484015e5f828201840152601f01601f1916010190565b90600182811c9216801561079f575b602083101461078b57565b634e487b7160e01b5f52602260045260245ffd5b91607f1691610780565b90601f8019910116810190811067ffffffffffffffff8211176101e857604052565b3d15610805573d9067ffffffffffffffff82116101e857604051916107fa601f8201601f1916602001846107a9565b82523d5f602084013e565b60609056feb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6",
}

// Receiver is an auto generated Go binding around an Ethereum contract.
type Receiver struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Receiver) GetABI() abi.ABI {
	return c.abi
}

// NewReceiver creates a new instance of Receiver.
func NewReceiver() *Receiver {
	parsed, err := ReceiverMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Receiver{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Receiver) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1cff79cd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function execute(address target, bytes data) returns(bytes)
func (receiver *Receiver) PackExecute(target common.Address, data []byte) []byte {
	enc, err := receiver.abi.Pack("execute", target, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackExecute is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1cff79cd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function execute(address target, bytes data) returns(bytes)
func (receiver *Receiver) TryPackExecute(target common.Address, data []byte) ([]byte, error) {
	return receiver.abi.Pack("execute", target, data)
}

// UnpackExecute is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1cff79cd.
//
// Solidity: function execute(address target, bytes data) returns(bytes)
func (receiver *Receiver) UnpackExecute(data []byte) ([]byte, error) {
	out, err := receiver.abi.Unpack("execute", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackLastReenterOk is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b8b93cc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastReenterOk() view returns(bool)
func (receiver *Receiver) PackLastReenterOk() []byte {
	enc, err := receiver.abi.Pack("lastReenterOk")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastReenterOk is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b8b93cc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastReenterOk() view returns(bool)
func (receiver *Receiver) TryPackLastReenterOk() ([]byte, error) {
	return receiver.abi.Pack("lastReenterOk")
}

// UnpackLastReenterOk is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8b8b93cc.
//
// Solidity: function lastReenterOk() view returns(bool)
func (receiver *Receiver) UnpackLastReenterOk(data []byte) (bool, error) {
	out, err := receiver.abi.Unpack("lastReenterOk", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLastReenterResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e579358.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastReenterResult() view returns(bytes)
func (receiver *Receiver) PackLastReenterResult() []byte {
	enc, err := receiver.abi.Pack("lastReenterResult")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastReenterResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e579358.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastReenterResult() view returns(bytes)
func (receiver *Receiver) TryPackLastReenterResult() ([]byte, error) {
	return receiver.abi.Pack("lastReenterResult")
}

// UnpackLastReenterResult is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2e579358.
//
// Solidity: function lastReenterResult() view returns(bytes)
func (receiver *Receiver) UnpackLastReenterResult(data []byte) ([]byte, error) {
	out, err := receiver.abi.Unpack("lastReenterResult", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackReenterAttempted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd51853ac.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reenterAttempted() view returns(bool)
func (receiver *Receiver) PackReenterAttempted() []byte {
	enc, err := receiver.abi.Pack("reenterAttempted")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReenterAttempted is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd51853ac.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reenterAttempted() view returns(bool)
func (receiver *Receiver) TryPackReenterAttempted() ([]byte, error) {
	return receiver.abi.Pack("reenterAttempted")
}

// UnpackReenterAttempted is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd51853ac.
//
// Solidity: function reenterAttempted() view returns(bool)
func (receiver *Receiver) UnpackReenterAttempted(data []byte) (bool, error) {
	out, err := receiver.abi.Unpack("reenterAttempted", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackReenterData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe150ef49.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reenterData() view returns(bytes)
func (receiver *Receiver) PackReenterData() []byte {
	enc, err := receiver.abi.Pack("reenterData")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReenterData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe150ef49.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reenterData() view returns(bytes)
func (receiver *Receiver) TryPackReenterData() ([]byte, error) {
	return receiver.abi.Pack("reenterData")
}

// UnpackReenterData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe150ef49.
//
// Solidity: function reenterData() view returns(bytes)
func (receiver *Receiver) UnpackReenterData(data []byte) ([]byte, error) {
	out, err := receiver.abi.Unpack("reenterData", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackReenterTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcc6e8454.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reenterTarget() view returns(address)
func (receiver *Receiver) PackReenterTarget() []byte {
	enc, err := receiver.abi.Pack("reenterTarget")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReenterTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcc6e8454.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reenterTarget() view returns(address)
func (receiver *Receiver) TryPackReenterTarget() ([]byte, error) {
	return receiver.abi.Pack("reenterTarget")
}

// UnpackReenterTarget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcc6e8454.
//
// Solidity: function reenterTarget() view returns(address)
func (receiver *Receiver) UnpackReenterTarget(data []byte) (common.Address, error) {
	out, err := receiver.abi.Unpack("reenterTarget", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackReject is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4dc415de.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reject() view returns(bool)
func (receiver *Receiver) PackReject() []byte {
	enc, err := receiver.abi.Pack("reject")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReject is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4dc415de.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reject() view returns(bool)
func (receiver *Receiver) TryPackReject() ([]byte, error) {
	return receiver.abi.Pack("reject")
}

// UnpackReject is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4dc415de.
//
// Solidity: function reject() view returns(bool)
func (receiver *Receiver) UnpackReject(data []byte) (bool, error) {
	out, err := receiver.abi.Unpack("reject", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSetReenter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x02bcc1dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setReenter(address target, bytes data) returns()
func (receiver *Receiver) PackSetReenter(target common.Address, data []byte) []byte {
	enc, err := receiver.abi.Pack("setReenter", target, data)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetReenter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x02bcc1dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setReenter(address target, bytes data) returns()
func (receiver *Receiver) TryPackSetReenter(target common.Address, data []byte) ([]byte, error) {
	return receiver.abi.Pack("setReenter", target, data)
}

// PackSetReject is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x16f52455.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setReject(bool v) returns()
func (receiver *Receiver) PackSetReject(v bool) []byte {
	enc, err := receiver.abi.Pack("setReject", v)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetReject is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x16f52455.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setReject(bool v) returns()
func (receiver *Receiver) TryPackSetReject(v bool) ([]byte, error) {
	return receiver.abi.Pack("setReject", v)
}
