package hub

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// ChainExecutor sends the hub's hub-authorized updates from its key. It does not wait for
// them: the hub confirms a deposit when its indexer sees the event.
type ChainExecutor struct {
	Backend  bind.ContractBackend
	Key      *ecdsa.PrivateKey
	ChainID  *big.Int
	Contract common.Address
}

// HubAuthorizedUpdate executes a co-signed proposal on-chain.
func (x *ChainExecutor) HubAuthorizedUpdate(ctx context.Context, s *channel.State, sigUser []byte) error {
	m := bindings.NewChannelManager()
	opts := bind.NewKeyedTransactor(x.Key, x.ChainID)
	opts.Context = ctx
	if _, err := m.Instance(x.Backend, x.Contract).RawTransact(opts, m.PackHubAuthorizedUpdate(contracts.State(s), sigUser)); err != nil {
		return fmt.Errorf("hubAuthorizedUpdate nonce %s: %w", s.Nonce, contracts.AsRevert(err))
	}
	return nil
}
