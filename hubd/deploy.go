package hubd

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/internal/redact"
)

// DeployOptions say which ChannelManager to deploy, from which account, on which node.
type DeployOptions struct {
	RPC             string            // the node's URL
	Key             *ecdsa.PrivateKey // pays for the deployment
	Hub             common.Address    // the contract's hub; the key's address when zero
	ChallengePeriod uint64            // seconds
	Token           common.Address    // the approved ERC-20
	// Sent is told the transaction's hash as soon as the node accepted it.
	Sent func(tx common.Hash)
}

// Deployment is a deployed ChannelManager, in the form the configs take.
type Deployment struct {
	ChainID *big.Int
	Address common.Address
	Block   uint64
	Tx      common.Hash
	Hub     common.Address
}

// Deploy deploys a ChannelManager from the committed artifacts and waits for its receipt.
// The RPC URL never reaches an error.
func Deploy(ctx context.Context, o DeployOptions) (Deployment, error) {
	d, err := deploy(ctx, o)
	// The node's errors quote the URL they called, and an RPC URL may carry a key.
	return d, redact.URLError(err, o.RPC)
}

func deploy(ctx context.Context, o DeployOptions) (Deployment, error) {
	var d Deployment
	switch {
	case o.Key == nil:
		return d, errors.New("deploy: no key")
	case o.ChallengePeriod == 0:
		return d, errors.New("deploy: the challenge period must be positive")
	case o.Token == (common.Address{}):
		return d, errors.New("deploy: --token is required (the ERC-20 the channels hold beside ether)")
	}
	c, err := ethclient.DialContext(ctx, o.RPC)
	if err != nil {
		return d, errors.New("deploy: the RPC URL does not dial")
	}
	defer c.Close()
	if d.ChainID, err = c.ChainID(ctx); err != nil {
		return d, fmt.Errorf("deploy: the node did not give its chain id: %w", err)
	}
	if code, err := c.CodeAt(ctx, o.Token, nil); err != nil || len(code) == 0 {
		return d, fmt.Errorf("deploy: token %s has no code on chain %s", o.Token, d.ChainID)
	}
	d.Hub = o.Hub
	if d.Hub == (common.Address{}) {
		d.Hub = crypto.PubkeyToAddress(o.Key.PublicKey)
	}
	opts := bind.NewKeyedTransactor(o.Key, d.ChainID)
	opts.Context = ctx
	addr, tx, err := contracts.DeployChannelManager(opts, c, d.Hub, o.ChallengePeriod, o.Token)
	if err != nil {
		// An empty account is said to be one, not "gas required exceeds allowance: 0".
		return d, fmt.Errorf("deploy from %s: %w", opts.From, contracts.AsRevert(err))
	}
	d.Address, d.Tx = addr, tx.Hash()
	if o.Sent != nil {
		o.Sent(d.Tx)
	}
	rcpt, err := bind.WaitMined(ctx, c, tx.Hash())
	if err != nil {
		return d, fmt.Errorf("deploy: wait for %s: %w", tx.Hash(), err)
	}
	if rcpt.Status != 1 {
		return d, fmt.Errorf("deploy: transaction %s reverted", tx.Hash())
	}
	d.Block = rcpt.BlockNumber.Uint64()
	return d, nil
}
