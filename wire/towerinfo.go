package wire

import (
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// TowerInfo is the answer of a watchtower's GET /v1/info: the address that signs its
// receipts, its chain, the ChannelManager contracts it watches and its build. A wallet
// checks it before the first backup to a tower.
type TowerInfo struct {
	Address   common.Address   `json:"address"`
	ChainID   channel.Amount   `json:"chainId"`
	Contracts []common.Address `json:"contracts"`
	Version   string           `json:"version"`
}

// Watches reports whether the tower watches contract.
func (i TowerInfo) Watches(contract common.Address) bool {
	for _, c := range i.Contracts {
		if c == contract {
			return true
		}
	}
	return false
}
