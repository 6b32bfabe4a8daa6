package contracts

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/contracts/bindings"
)

// DeployChannelManager sends the transaction that deploys a ChannelManager for hub with
// the given challenge period (seconds) and approved token. The caller waits for it to be
// mined; the block it lands in is where an indexer starts.
func DeployChannelManager(opts *bind.TransactOpts, backend bind.ContractBackend,
	hub common.Address, challengePeriod uint64, token common.Address) (common.Address, *types.Transaction, error) {
	input := bindings.NewChannelManager().PackConstructor(hub, new(big.Int).SetUint64(challengePeriod), token)
	addr, tx, err := bind.DeployContract(opts, common.FromHex(bindings.ChannelManagerMetaData.Bin), backend, input)
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("deploy ChannelManager: %w", err)
	}
	return addr, tx, nil
}
