package towerd

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

// Report is what a tower holds and is doing, as its store records it: the states it
// keeps, the disputes open on the channels it watches, and its outbox.
type Report struct {
	Backend string // "postgres" or "sqlite"
	// StatesHeld counts the channels the tower holds a state for: one state per channel,
	// the newest its user deposited.
	StatesHeld int64
	Contracts  []ContractReport
	Disputes   []DisputeReport
	// Outbox counts the tower's transactions by kind and status (queued, sent, included,
	// confirmed, reverted, cancelled, failed).
	Outbox []store.OutboxCount
}

// ContractReport is one contract the configuration watches.
type ContractReport struct {
	Address common.Address
	// Unseen counts the states held for channels the indexer has not seen on-chain.
	Unseen int64
}

// DisputeReport is a channel disputed on-chain, as indexed, beside the state the tower
// holds for it and its challenge.
type DisputeReport struct {
	Contract, User common.Address
	// Nonce is the state the chain holds in the dispute (the close's, or a challenge's).
	Nonce    *big.Int
	Deadline uint64 // a block time
	// Held is the nonce of the state the tower holds, nil when it holds none.
	Held *big.Int
	// Stale is a dispute at a nonce below the held state's: the tower challenges it.
	Stale bool
	// Challenge is the tower's challenge with the held state, nil when it queued none.
	Challenge *store.OutboxTx
}

// Status reads the tower's report from the store its configuration names. It opens the
// store as run does (migrating it when the binary is newer).
func Status(ctx context.Context, cfg *Config) (*Report, error) {
	st, err := OpenStore(ctx, cfg.Database.URL)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return report(ctx, st, cfg)
}

// report reads the report from st.
func report(ctx context.Context, st Store, cfg *Config) (*Report, error) {
	stats, err := st.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the store's counts: %w", err)
	}
	r := &Report{Backend: st.Backend(), StatesHeld: stats.StatesStored, Outbox: stats.Outbox}
	for _, c := range cfg.Contracts {
		addr := common.HexToAddress(c.Address)
		n, err := st.UnseenChannels(ctx, addr)
		if err != nil {
			return nil, fmt.Errorf("count unseen channels of %s: %w", addr, err)
		}
		r.Contracts = append(r.Contracts, ContractReport{Address: addr, Unseen: n})
	}
	disputed, err := st.DisputedChannels(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the disputed channels: %w", err)
	}
	for _, ch := range disputed {
		d := DisputeReport{Contract: ch.Contract, User: ch.User, Nonce: ch.Nonce}
		if ch.Deadline != nil {
			d.Deadline = ch.Deadline.Uint64()
		}
		held, err := st.State(ctx, ch.Contract, ch.User)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return nil, fmt.Errorf("read the state held for %s: %w", ch.User, err)
		default:
			d.Held = held.State.Nonce
			d.Stale = ch.Nonce != nil && held.State.Nonce.Cmp(ch.Nonce) > 0
			tx, err := st.LatestTx(ctx, ch.Contract, ch.User, store.ChallengeKey{StateNonce: held.State.Nonce})
			switch {
			case errors.Is(err, store.ErrNotFound):
			case err != nil:
				return nil, fmt.Errorf("read the challenge of %s: %w", ch.User, err)
			default:
				d.Challenge = &tx
			}
		}
		r.Disputes = append(r.Disputes, d)
	}
	return r, nil
}
