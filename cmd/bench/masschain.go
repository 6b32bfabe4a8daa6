package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
)

// The chain side of the mass exit (massexit.go). Anvil's automine is off and the bench
// mines a block every interval itself (evm_mine), which is anvil's --block-time with the
// bench choosing what each block holds: exactly one batch of closes, sent just after the
// block before, while the tower's challenges reach the pool between blocks as they would
// on a chain with a fixed block time.

// massChannel is one channel of the exit: its user, the latest state the user deposits
// with the tower, and the hub's close with the state before it, signed in advance.
type massChannel struct {
	user   common.Address
	key    *ecdsa.PrivateKey
	latest *channel.State
	close  *types.Transaction
}

// massChain mines and reads the chain for the mass exit.
type massChain struct {
	*chainSetup
	rpc    *rpc.Client
	signer types.Signer
	tower  common.Address
	nonce  uint64 // the hub's next account nonce

	mined      map[uint64]time.Time // block -> when evm_mine returned with it
	times      map[uint64]uint64    // block -> its time, for the blocks holding events
	scanned    uint64               // the last block whose events were read
	exits      map[common.Address]*bindings.ChannelManagerExitStarted
	challenges map[common.Address]*bindings.ChannelManagerChallenged // the tower's first of each
	settled    map[common.Address]*bindings.ChannelManagerSettled
	others     int // challenges sent by anyone but the tower
}

// newMassChain turns automine off on c's node; the hub's reserve must be funded before.
func newMassChain(ctx context.Context, c *chainSetup, tower common.Address) (*massChain, error) {
	mc := &massChain{chainSetup: c, rpc: c.d.client.Client(), signer: types.LatestSignerForChainID(c.d.chainID), tower: tower,
		mined: map[uint64]time.Time{}, times: map[uint64]uint64{}, exits: map[common.Address]*bindings.ChannelManagerExitStarted{},
		challenges: map[common.Address]*bindings.ChannelManagerChallenged{}, settled: map[common.Address]*bindings.ChannelManagerSettled{}}
	if err := mc.rpc.CallContext(ctx, nil, "evm_setAutomine", false); err != nil {
		return nil, fmt.Errorf("evm_setAutomine: %w", err)
	}
	var err error
	if mc.nonce, err = c.d.client.PendingNonceAt(ctx, crypto.PubkeyToAddress(c.hub.PublicKey)); err != nil {
		return nil, err
	}
	if mc.scanned, err = c.d.client.BlockNumber(ctx); err != nil {
		return nil, err
	}
	return mc, nil
}

// hubTx signs a transaction of the hub to the manager with the hub's next account nonce.
func (mc *massChain) hubTx(data []byte, gas uint64) (*types.Transaction, error) {
	tx, err := types.SignNewTx(mc.hub, mc.signer, &types.DynamicFeeTx{ChainID: mc.d.chainID, Nonce: mc.nonce,
		GasTipCap: big.NewInt(1e9), GasFeeCap: big.NewInt(100e9), Gas: gas, To: &mc.d.manager, Data: data})
	if err != nil {
		return nil, err
	}
	mc.nonce++
	return tx, nil
}

// mine makes a block of what the pool holds and returns its number.
func (mc *massChain) mine(ctx context.Context) (uint64, error) {
	if err := mc.rpc.CallContext(ctx, nil, "evm_mine"); err != nil {
		return 0, fmt.Errorf("evm_mine: %w", err)
	}
	at := time.Now()
	n, err := mc.d.client.BlockNumber(ctx)
	if err != nil {
		return 0, err
	}
	mc.mined[n] = at
	return n, nil
}

// open opens n channels, 250 to a block, each with 1 ether of the hub's collateral, and
// signs the hub's stale close of each: the hub has since paid its user everything (the
// latest state, nonce 3) and closes with the state before (nonce 2).
func (mc *massChain) open(ctx context.Context, n int) ([]*massChannel, error) {
	head, err := mc.d.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, err
	}
	one := big.NewInt(1e18)
	chs := make([]*massChannel, n)
	stale := make([]*channel.State, n)
	opens := make([]*types.Transaction, n)
	for i := range chs {
		key, err := crypto.GenerateKey()
		if err != nil {
			return nil, err
		}
		user := crypto.PubkeyToAddress(key.PublicKey)
		s1 := channel.NewState(user)
		s1.Nonce.SetInt64(1)
		s1.OnchainNonce.SetInt64(1)
		s1.PendingWei[channel.HubDeposit] = one
		s1.Timeout.SetUint64(head.Time + 3600)
		if opens[i], err = mc.hubTx(mc.m.PackHubAuthorizedUpdate(contracts.State(s1), mc.sign(s1, key)), 400_000); err != nil {
			return nil, err
		}
		if err := mc.d.client.SendTransaction(ctx, opens[i]); err != nil {
			return nil, fmt.Errorf("open channel %d: %w", i, err)
		}
		if i%250 == 249 {
			if _, err := mc.mine(ctx); err != nil {
				return nil, err
			}
		}
		stale[i] = channel.NewState(user)
		stale[i].Nonce.SetInt64(2)
		stale[i].OnchainNonce.SetInt64(1)
		stale[i].WeiBalances = [2]*big.Int{new(big.Int).Set(one), new(big.Int)}
		latest := stale[i].Clone()
		latest.Nonce.SetInt64(3)
		latest.WeiBalances = [2]*big.Int{new(big.Int), new(big.Int).Set(one)}
		chs[i] = &massChannel{user: user, key: key, latest: latest}
	}
	if _, err := mc.mine(ctx); err != nil {
		return nil, err
	}
	for i, tx := range opens {
		r, err := mc.d.client.TransactionReceipt(ctx, tx.Hash())
		if err != nil {
			return nil, fmt.Errorf("open channel %d: %w", i, err)
		}
		if r.Status != types.ReceiptStatusSuccessful {
			return nil, fmt.Errorf("open channel %d: reverted", i)
		}
	}
	// The closes take the hub's next nonces in the order they are sent.
	for i, ch := range chs {
		s := stale[i]
		if ch.close, err = mc.hubTx(mc.m.PackStartExitWithUpdate(contracts.State(s), mc.sign(s, mc.hub), mc.sign(s, ch.key)), 200_000); err != nil {
			return nil, err
		}
	}
	return chs, nil
}

// scan reads the manager's events up to head: each channel's exit, the tower's first
// challenge of it and its settlement, and the time of each block holding one.
func (mc *massChain) scan(ctx context.Context, head uint64) error {
	if head <= mc.scanned {
		return nil
	}
	logs, err := mc.d.client.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(mc.scanned + 1),
		ToBlock: new(big.Int).SetUint64(head), Addresses: []common.Address{mc.d.manager}})
	if err != nil {
		return err
	}
	for i := range logs {
		l := &logs[i]
		if ev, err := mc.m.UnpackExitStartedEvent(l); err == nil {
			mc.exits[ev.User] = ev
		} else if ev, err := mc.m.UnpackChallengedEvent(l); err == nil {
			if ev.Sender != mc.tower {
				mc.others++
			} else if mc.challenges[ev.User] == nil {
				mc.challenges[ev.User] = ev
			}
		} else if ev, err := mc.m.UnpackSettledEvent(l); err == nil {
			mc.settled[ev.User] = ev
		} else {
			continue
		}
		if _, ok := mc.times[l.BlockNumber]; !ok {
			h, err := mc.d.client.HeaderByNumber(ctx, new(big.Int).SetUint64(l.BlockNumber))
			if err != nil {
				return err
			}
			mc.times[l.BlockNumber] = h.Time
		}
	}
	mc.scanned = head
	return nil
}
