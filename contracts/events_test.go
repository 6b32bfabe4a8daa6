package contracts_test

import (
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// filterLatest selects the manager's logs in the latest block.
func filterLatest(e *env) ethereum.FilterQuery {
	head, err := e.c.Client.BlockNumber(e.t.Context())
	if err != nil {
		e.t.Fatal(err)
	}
	n := new(big.Int).SetUint64(head)
	return ethereum.FilterQuery{FromBlock: n, ToBlock: n, Addresses: []common.Address{e.c.ManagerAddr}}
}

// filterAll selects every log of the manager.
func filterAll(e *env) ethereum.FilterQuery {
	return ethereum.FilterQuery{Addresses: []common.Address{e.c.ManagerAddr}}
}
