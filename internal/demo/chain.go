package demo

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
)

// Timing of the in-process chain.
const (
	// heartbeat is how often a block is sealed when no transaction asks for one, so that
	// the chain moves on and events gain their confirmation.
	heartbeat = 500 * time.Millisecond
	// poolWait bounds the wait for a sent transaction to become pending before its block
	// is sealed anyway (it then goes into a later one).
	poolWait = 5 * time.Second
)

// chain is the simulated chain as every party sees it: a node that seals a block as soon
// as a transaction reaches its pool, like anvil's automine, then one more on top so that
// the transaction's events are confirmed at once, and otherwise one block per heartbeat.
type chain struct {
	*simchain.Chain
	m *bindings.ChannelManager

	mu   sync.Mutex    // held while sealing a block or moving the clock
	kick chan struct{} // asks the miner for a block on top of the one just sealed
}

func newChain(challengePeriod uint64) (*chain, error) {
	// Accounts: the hub, Alice, Bob and the watchtower's sending account.
	c, err := simchain.New(simchain.Config{Accounts: 4, ChallengePeriod: challengePeriod})
	if err != nil {
		return nil, fmt.Errorf("start the simulated chain: %w", err)
	}
	return &chain{Chain: c, m: c.ManagerABI, kick: make(chan struct{}, 1)}, nil
}

// client returns a connection to the node whose SendTransaction returns once the
// transaction is mined.
func (c *chain) client() *node { return &node{Client: c.Client, c: c} }

// node is a connection to the in-process chain; it satisfies every chain interface the
// hub, the wallets, the indexers and the sender consume.
type node struct {
	simulated.Client
	c *chain
}

// SendTransaction hands tx to the pool and seals a block with it.
func (n *node) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := n.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	return n.c.mine(ctx, tx)
}

// mine waits, boundedly, until tx is pending in the pool (the pool takes transactions in
// asynchronously: a block sealed before would leave it out), seals a block and asks the
// miner for a confirming one.
func (c *chain) mine(ctx context.Context, tx *types.Transaction) error {
	from, err := types.Sender(types.LatestSignerForChainID(c.ChainID), tx)
	if err != nil {
		return fmt.Errorf("sender of %s: %w", tx.Hash(), err)
	}
	wctx, cancel := context.WithTimeout(ctx, poolWait)
	defer cancel()
	for {
		n, err := c.Client.PendingNonceAt(wctx, from)
		if err == nil && n > tx.Nonce() {
			break
		}
		if wctx.Err() != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			break // a nonce gap: the transaction waits in the pool for a later block
		}
		time.Sleep(time.Millisecond)
	}
	c.seal()
	select {
	case c.kick <- struct{}{}:
	default:
	}
	return nil
}

func (c *chain) seal() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Backend.Commit()
}

// run is the miner: a block on top of every block a transaction asked for, and one per
// heartbeat, until ctx ends.
func (c *chain) run(ctx context.Context) error {
	t := time.NewTicker(heartbeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-c.kick:
		case <-t.C:
		}
		c.seal()
	}
}

// advance moves the chain's clock forward by d and seals a block.
func (c *chain) advance(d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.AdvanceTime(d)
}

// now returns the latest block's time.
func (c *chain) now(ctx context.Context) (uint64, error) {
	h, err := c.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("read the chain head: %w", err)
	}
	return h.Time, nil
}

// balance returns addr's ether balance at the latest block.
func (c *chain) balance(ctx context.Context, addr common.Address) (*big.Int, error) {
	b, err := c.Client.BalanceAt(ctx, addr, nil)
	if err != nil {
		return nil, fmt.Errorf("balance of %s: %w", addr, err)
	}
	return b, nil
}

// onchain returns the contract's view of user's channel.
func (c *chain) onchain(ctx context.Context, user common.Address) (bindings.ChannelManagerChannel, error) {
	ch, err := bind.Call(c.Manager, &bind.CallOpts{Context: ctx}, c.m.PackGetChannel(user), c.m.UnpackGetChannel)
	if err != nil {
		return ch, fmt.Errorf("read channel %s: %w", user, err)
	}
	return ch, nil
}

// transact sends calldata to the manager from a and returns the mined receipt; a revert
// is an error naming the contract's custom error when it has one.
func (c *chain) transact(ctx context.Context, a simchain.Account, value *big.Int, calldata []byte) (*types.Receipt, error) {
	opts := c.Opts(a)
	opts.Context, opts.Value = ctx, value
	n := c.client()
	tx, err := c.m.Instance(n, c.ManagerAddr).RawTransact(opts, calldata)
	if err != nil {
		return nil, contracts.AsRevert(err)
	}
	r, err := bind.WaitMined(ctx, n, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("wait for %s: %w", tx.Hash(), err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("transaction %s reverted", tx.Hash())
	}
	return r, nil
}

// managerLogs returns the manager's logs from its deployment block on.
func (c *chain) managerLogs(ctx context.Context) ([]types.Log, error) {
	logs, err := c.Client.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(c.DeployBlock),
		Addresses: []common.Address{c.ManagerAddr}})
	if err != nil {
		return nil, fmt.Errorf("read the manager's logs: %w", err)
	}
	return logs, nil
}
