package contracts

import (
	"github.com/ethereum/go-ethereum/common"
)

// PackRegisterSecrets returns the calldata of ChannelManager.registerSecrets for secrets,
// in their order: one transaction that registers each secret not registered yet, as
// registerSecret (bindings.ChannelManager.PackRegisterSecret) does for one. An empty list
// packs a call that does nothing.
func PackRegisterSecrets(secrets []common.Hash) []byte {
	words := make([][32]byte, len(secrets))
	for i, s := range secrets {
		words[i] = s
	}
	return managerABI.PackRegisterSecrets(words)
}
