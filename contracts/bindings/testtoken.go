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

// TestTokenMetaData contains all meta data concerning the TestToken contract.
var TestTokenMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastReenterOk\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"lastReenterResult\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reenterData\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reenterTarget\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"returnFalse\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"target\",\"type\":\"address\"},{\"internalType\":\"bytes\",\"name\":\"data\",\"type\":\"bytes\"}],\"name\":\"setReenter\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bool\",\"name\":\"v\",\"type\":\"bool\"}],\"name\":\"setReturnFalse\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "TestToken",
	Bin: "0x60808060405234601557610bf8908161001a8239f35b5f80fdfe60806040526004361015610011575f80fd5b5f3560e01c806302bcc1dd1461059357806306fdde0314610541578063095ea7b3146104c857806318160ddd146104ac57806323b872dd1461047d57806329c147661461045b5780632e579358146103b6578063313ce5671461039b57806340c10f191461032357806370a08231146102eb5780638b8b93cc146102c957806395d89b4114610284578063a9059cbb14610253578063cc6e845414610227578063d0474428146101f7578063dd62ed3e146101a75763e150ef49146100d4575f80fd5b346101a3575f3660031901126101a3576040515f6004546100f4816107b2565b808452906001811690811561017f5750600114610134575b6101308361011c81850382610758565b60405191829160208352602083019061078e565b0390f35b60045f9081525f516020610bd85f395f51905f52939250905b8082106101655750909150810160200161011c61010c565b91926001816020925483858801015201910190929161014d565b60ff191660208086019190915291151560051b8401909101915061011c905061010c565b5f80fd5b346101a35760403660031901126101a3576101c061072c565b6101c8610742565b6001600160a01b039182165f908152600260209081526040808320949093168252928352819020549051908152f35b346101a35760203660031901126101a3576004358015158091036101a35760ff8019600354169116176003555f80f35b346101a3575f3660031901126101a35760035460405160089190911c6001600160a01b03168152602090f35b346101a35760403660031901126101a357602061027a61027161072c565b602435906108cc565b6040519015158152f35b346101a3575f3660031901126101a3576101306040516102a5604082610758565b600381526215951560ea1b602082015260405191829160208352602083019061078e565b346101a3575f3660031901126101a357602060ff600554166040519015158152f35b346101a35760203660031901126101a3576001600160a01b0361030c61072c565b165f526001602052602060405f2054604051908152f35b346101a35760403660031901126101a35761033c61072c565b5f7fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef60206024359361036f8585546108bf565b845560018060a01b03169384845260018252604084206103908282546108bf565b9055604051908152a3005b346101a3575f3660031901126101a357602060405160128152f35b346101a3575f3660031901126101a3576040515f6006546103d6816107b2565b808452906001811690811561017f57506001146103fd576101308361011c81850382610758565b60065f9081527ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f939250905b8082106104415750909150810160200161011c61010c565b919260018160209254838588010152019101909291610429565b346101a3575f3660031901126101a357602060ff600354166040519015158152f35b346101a35760603660031901126101a357602061027a61049b61072c565b6104a3610742565b6044359161080b565b346101a3575f3660031901126101a35760205f54604051908152f35b346101a35760403660031901126101a3576104e161072c565b335f8181526002602090815260408083206001600160a01b03909516808452948252918290206024359081905591519182527f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92591a3602060405160018152f35b346101a3575f3660031901126101a357610130604051610562604082610758565b601081526f2b34b3b4b6102a32b9ba102a37b5b2b760811b602082015260405191829160208352602083019061078e565b346101a35760403660031901126101a3576105ac61072c565b6024359067ffffffffffffffff82116101a357366023830112156101a35781600401359067ffffffffffffffff82116101a35736602483850101116101a35760038054610100600160a81b03191660089290921b610100600160a81b031691909117905560045461061c906107b2565b601f81116106d1575b505f601f8211600114610666578190610653935f92610658575b50508160011b915f199060031b1c19161790565b600455005b60249250010135838061063f565b601f198216925f516020610bd85f395f51905f52915f5b8581106106b65750836001951061069a575b505050811b01600455005b01602401355f19600384901b60f8161c1916905582808061068f565b9092602060018192602487870101358155019401910161067d565b818111156106255760045f52601f820160051c5f516020610bd85f395f51905f5260208410610724575b81601f9101920160051c03905f5b828110610717575050610625565b5f82820155600101610709565b5f91506106fb565b600435906001600160a01b03821682036101a357565b602435906001600160a01b03821682036101a357565b90601f8019910116810190811067ffffffffffffffff82111761077a57604052565b634e487b7160e01b5f52604160045260245ffd5b805180835260209291819084018484015e5f828201840152601f01601f1916010190565b90600182811c921680156107e0575b60208310146107cc57565b634e487b7160e01b5f52602260045260245ffd5b91607f16916107c1565b919082039182116107f757565b634e487b7160e01b5f52601160045260245ffd5b919060ff600354166108b8576001600160a01b0383165f81815260026020908152604080832033845290915290205493908385106108875761085994846001820161085e575b5050506108e7565b600190565b610867916107ea565b5f9182526002602090815260408084203385529091528220558084610851565b60405162461bcd60e51b8152602060048201526009602482015268616c6c6f77616e636560b81b6044820152606490fd5b5050505f90565b919082018092116107f757565b9060ff600354166108e15761085991336108e7565b50505f90565b60018060a01b031690815f5260016020528260405f205410610ba85760207fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91835f526001825260405f2061093d8682546107ea565b905560018060a01b031693845f526001825260405f2061095e8282546108bf565b9055604051908152a360035460081c6001600160a01b03168061097e5750565b6040515f60045461098e816107b2565b9060018116908115610b935750600114610b57575b5091815f809493819403925af1903d15610b4f573d9167ffffffffffffffff831161077a57604051926109e0601f8201601f191660200185610758565b83523d5f602085013e5b825167ffffffffffffffff811161077a57610a066006546107b2565b601f8111610ae1575b506020601f8211600114610a60578190610a3f9394955f92610a555750508160011b915f199060031b1c19161790565b6006555b60ff8019600554169115151617600555565b015190505f8061063f565b601f1982169060065f527ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f915f5b818110610ac957509583600195969710610ab1575b505050811b01600655610a43565b01515f1960f88460031b161c191690555f8080610aa3565b9192602060018192868b015181550194019201610a8e565b81811115610a0f5760065f52601f820160051c7ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f60208410610b47575b81601f9101920160051c03905f5b828110610b3a575050610a0f565b5f82820155600101610b2c565b5f9150610b1e565b6060916109ea565b905060045f525f516020610bd85f395f51905f525f905b828210610b7f5750508101816109a3565b600181602092548487015201910190610b6e565b60ff19168452508015150282019050816109a3565b60405162461bcd60e51b815260206004820152600760248201526662616c616e636560c81b6044820152606490fdfe8a35acfbc15ff81a39ae7d344fd709f28e8600b4aa8c65c6b64bfe7fe36bd19b",
}

// TestToken is an auto generated Go binding around an Ethereum contract.
type TestToken struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *TestToken) GetABI() abi.ABI {
	return c.abi
}

// NewTestToken creates a new instance of TestToken.
func NewTestToken() *TestToken {
	parsed, err := TestTokenMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &TestToken{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *TestToken) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (testToken *TestToken) PackAllowance(arg0 common.Address, arg1 common.Address) []byte {
	enc, err := testToken.abi.Pack("allowance", arg0, arg1)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (testToken *TestToken) TryPackAllowance(arg0 common.Address, arg1 common.Address) ([]byte, error) {
	return testToken.abi.Pack("allowance", arg0, arg1)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address , address ) view returns(uint256)
func (testToken *TestToken) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := testToken.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 amount) returns(bool)
func (testToken *TestToken) PackApprove(spender common.Address, amount *big.Int) []byte {
	enc, err := testToken.abi.Pack("approve", spender, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 amount) returns(bool)
func (testToken *TestToken) TryPackApprove(spender common.Address, amount *big.Int) ([]byte, error) {
	return testToken.abi.Pack("approve", spender, amount)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 amount) returns(bool)
func (testToken *TestToken) UnpackApprove(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (testToken *TestToken) PackBalanceOf(arg0 common.Address) []byte {
	enc, err := testToken.abi.Pack("balanceOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (testToken *TestToken) TryPackBalanceOf(arg0 common.Address) ([]byte, error) {
	return testToken.abi.Pack("balanceOf", arg0)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address ) view returns(uint256)
func (testToken *TestToken) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := testToken.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() view returns(uint8)
func (testToken *TestToken) PackDecimals() []byte {
	enc, err := testToken.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() view returns(uint8)
func (testToken *TestToken) TryPackDecimals() ([]byte, error) {
	return testToken.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() view returns(uint8)
func (testToken *TestToken) UnpackDecimals(data []byte) (uint8, error) {
	out, err := testToken.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackLastReenterOk is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b8b93cc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastReenterOk() view returns(bool)
func (testToken *TestToken) PackLastReenterOk() []byte {
	enc, err := testToken.abi.Pack("lastReenterOk")
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
func (testToken *TestToken) TryPackLastReenterOk() ([]byte, error) {
	return testToken.abi.Pack("lastReenterOk")
}

// UnpackLastReenterOk is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8b8b93cc.
//
// Solidity: function lastReenterOk() view returns(bool)
func (testToken *TestToken) UnpackLastReenterOk(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("lastReenterOk", data)
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
func (testToken *TestToken) PackLastReenterResult() []byte {
	enc, err := testToken.abi.Pack("lastReenterResult")
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
func (testToken *TestToken) TryPackLastReenterResult() ([]byte, error) {
	return testToken.abi.Pack("lastReenterResult")
}

// UnpackLastReenterResult is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2e579358.
//
// Solidity: function lastReenterResult() view returns(bytes)
func (testToken *TestToken) UnpackLastReenterResult(data []byte) ([]byte, error) {
	out, err := testToken.abi.Unpack("lastReenterResult", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 amount) returns()
func (testToken *TestToken) PackMint(to common.Address, amount *big.Int) []byte {
	enc, err := testToken.abi.Pack("mint", to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x40c10f19.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 amount) returns()
func (testToken *TestToken) TryPackMint(to common.Address, amount *big.Int) ([]byte, error) {
	return testToken.abi.Pack("mint", to, amount)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (testToken *TestToken) PackName() []byte {
	enc, err := testToken.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (testToken *TestToken) TryPackName() ([]byte, error) {
	return testToken.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (testToken *TestToken) UnpackName(data []byte) (string, error) {
	out, err := testToken.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackReenterData is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe150ef49.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reenterData() view returns(bytes)
func (testToken *TestToken) PackReenterData() []byte {
	enc, err := testToken.abi.Pack("reenterData")
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
func (testToken *TestToken) TryPackReenterData() ([]byte, error) {
	return testToken.abi.Pack("reenterData")
}

// UnpackReenterData is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe150ef49.
//
// Solidity: function reenterData() view returns(bytes)
func (testToken *TestToken) UnpackReenterData(data []byte) ([]byte, error) {
	out, err := testToken.abi.Unpack("reenterData", data)
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
func (testToken *TestToken) PackReenterTarget() []byte {
	enc, err := testToken.abi.Pack("reenterTarget")
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
func (testToken *TestToken) TryPackReenterTarget() ([]byte, error) {
	return testToken.abi.Pack("reenterTarget")
}

// UnpackReenterTarget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcc6e8454.
//
// Solidity: function reenterTarget() view returns(address)
func (testToken *TestToken) UnpackReenterTarget(data []byte) (common.Address, error) {
	out, err := testToken.abi.Unpack("reenterTarget", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackReturnFalse is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x29c14766.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function returnFalse() view returns(bool)
func (testToken *TestToken) PackReturnFalse() []byte {
	enc, err := testToken.abi.Pack("returnFalse")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReturnFalse is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x29c14766.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function returnFalse() view returns(bool)
func (testToken *TestToken) TryPackReturnFalse() ([]byte, error) {
	return testToken.abi.Pack("returnFalse")
}

// UnpackReturnFalse is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x29c14766.
//
// Solidity: function returnFalse() view returns(bool)
func (testToken *TestToken) UnpackReturnFalse(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("returnFalse", data)
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
func (testToken *TestToken) PackSetReenter(target common.Address, data []byte) []byte {
	enc, err := testToken.abi.Pack("setReenter", target, data)
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
func (testToken *TestToken) TryPackSetReenter(target common.Address, data []byte) ([]byte, error) {
	return testToken.abi.Pack("setReenter", target, data)
}

// PackSetReturnFalse is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0474428.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setReturnFalse(bool v) returns()
func (testToken *TestToken) PackSetReturnFalse(v bool) []byte {
	enc, err := testToken.abi.Pack("setReturnFalse", v)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetReturnFalse is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd0474428.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setReturnFalse(bool v) returns()
func (testToken *TestToken) TryPackSetReturnFalse(v bool) ([]byte, error) {
	return testToken.abi.Pack("setReturnFalse", v)
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (testToken *TestToken) PackSymbol() []byte {
	enc, err := testToken.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (testToken *TestToken) TryPackSymbol() ([]byte, error) {
	return testToken.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (testToken *TestToken) UnpackSymbol(data []byte) (string, error) {
	out, err := testToken.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (testToken *TestToken) PackTotalSupply() []byte {
	enc, err := testToken.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (testToken *TestToken) TryPackTotalSupply() ([]byte, error) {
	return testToken.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (testToken *TestToken) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := testToken.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 amount) returns(bool)
func (testToken *TestToken) PackTransfer(to common.Address, amount *big.Int) []byte {
	enc, err := testToken.abi.Pack("transfer", to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 amount) returns(bool)
func (testToken *TestToken) TryPackTransfer(to common.Address, amount *big.Int) ([]byte, error) {
	return testToken.abi.Pack("transfer", to, amount)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 amount) returns(bool)
func (testToken *TestToken) UnpackTransfer(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 amount) returns(bool)
func (testToken *TestToken) PackTransferFrom(from common.Address, to common.Address, amount *big.Int) []byte {
	enc, err := testToken.abi.Pack("transferFrom", from, to, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 amount) returns(bool)
func (testToken *TestToken) TryPackTransferFrom(from common.Address, to common.Address, amount *big.Int) ([]byte, error) {
	return testToken.abi.Pack("transferFrom", from, to, amount)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 amount) returns(bool)
func (testToken *TestToken) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := testToken.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// TestTokenApproval represents a Approval event raised by the TestToken contract.
type TestTokenApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const TestTokenApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (TestTokenApproval) ContractEventName() string {
	return TestTokenApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (testToken *TestToken) UnpackApprovalEvent(log *types.Log) (*TestTokenApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestTokenApproval)
	if len(log.Data) > 0 {
		if err := testToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testToken.abi.Events[event].Inputs {
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

// TestTokenTransfer represents a Transfer event raised by the TestToken contract.
type TestTokenTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const TestTokenTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (TestTokenTransfer) ContractEventName() string {
	return TestTokenTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (testToken *TestToken) UnpackTransferEvent(log *types.Log) (*TestTokenTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != testToken.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(TestTokenTransfer)
	if len(log.Data) > 0 {
		if err := testToken.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range testToken.abi.Events[event].Inputs {
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
