package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

const eventColumns = `contract, block_number, block_hash, tx_hash, log_index, name, user_addr, sender, side,
	nonce, onchain_nonce, deadline, digest, hashlock, secret, fields, confirmed`

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func queryEvents(ctx context.Context, q querier, query string, args ...any) ([]store.Event, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		var e store.Event
		var contract, bh, th, user, sender, digest, hashlock, secret, fields []byte
		var name string
		var num int64
		var idx int
		var side sql.NullInt64
		var nonce, onchain, deadline sql.NullString
		if err := rows.Scan(&contract, &num, &bh, &th, &idx, &name, &user, &sender, &side,
			&nonce, &onchain, &deadline, &digest, &hashlock, &secret, &fields, &e.Confirmed); err != nil {
			return nil, err
		}
		kind, err := store.ParseEventKind(name)
		if err != nil {
			return nil, fmt.Errorf("stored event at block %d/%d: %w", num, idx, err)
		}
		e.Kind = kind
		e.Contract = common.BytesToAddress(contract)
		e.BlockNumber, e.LogIndex = uint64(num), uint(idx)
		e.BlockHash, e.TxHash = common.BytesToHash(bh), common.BytesToHash(th)
		e.User, e.Sender = common.BytesToAddress(user), common.BytesToAddress(sender)
		e.Side = -1
		if side.Valid {
			e.Side = int(side.Int64)
		}
		e.Nonce, e.OnchainNonce, e.Deadline = numeric(nonce), numeric(onchain), numeric(deadline)
		e.Digest, e.Hashlock, e.Secret = common.BytesToHash(digest), common.BytesToHash(hashlock), common.BytesToHash(secret)
		e.Fields = fields
		out = append(out, e)
	}
	return out, rows.Err()
}

func sortEvents(evs []store.Event) {
	sort.Slice(evs, func(i, j int) bool {
		if evs[i].BlockNumber != evs[j].BlockNumber {
			return evs[i].BlockNumber < evs[j].BlockNumber
		}
		return evs[i].LogIndex < evs[j].LogIndex
	})
}

// recomputeChannels rebuilds the on-chain view of each touched channel by folding its
// remaining events in chain order; a channel left with no events is deleted. It reports
// whether it marked a held state seen (cleared its unseen_since).
func (s *Store) recomputeChannels(ctx context.Context, tx *sql.Tx, touched map[[2]common.Address]bool) (markedSeen bool, err error) {
	for key := range touched {
		evs, err := queryEvents(ctx, tx, `SELECT `+eventColumns+` FROM chain_events WHERE contract = $1 AND user_addr = $2
			ORDER BY block_number, log_index`, key[0][:], key[1][:])
		if err != nil {
			return false, fmt.Errorf("channel %s/%s events: %w", key[0], key[1], err)
		}
		ch, ok := store.Fold(evs)
		if !ok {
			if _, err := tx.ExecContext(ctx, `DELETE FROM channels WHERE contract = $1 AND user_addr = $2`, key[0][:], key[1][:]); err != nil {
				return false, err
			}
			// The channel is no longer seen on-chain: a state held for it counts as unseen.
			if _, err := tx.ExecContext(ctx, `UPDATE channel_states SET unseen_since = $3
				WHERE contract = $1 AND user_addr = $2 AND unseen_since IS NULL`, key[0][:], key[1][:], now()); err != nil {
				return false, fmt.Errorf("channel %s/%s: mark its state unseen: %w", key[0], key[1], err)
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO channels (contract, user_addr, status, nonce, onchain_nonce, deadline, last_block)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (contract, user_addr) DO UPDATE SET status = $3, nonce = $4, onchain_nonce = $5, deadline = $6, last_block = $7`,
			key[0][:], key[1][:], ch.Status, s.num(ch.Nonce), s.num(ch.OnchainNonce), s.num(ch.Deadline), int64(ch.LastBlock)); err != nil {
			return false, fmt.Errorf("channel %s/%s: %w", key[0], key[1], err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE channel_states SET unseen_since = NULL
			WHERE contract = $1 AND user_addr = $2 AND unseen_since IS NOT NULL`, key[0][:], key[1][:])
		if err != nil {
			return false, fmt.Errorf("channel %s/%s: mark its state seen: %w", key[0], key[1], err)
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			markedSeen = true // unknown counts as marked
		}
	}
	return markedSeen, nil
}

// Channel returns the on-chain view of a channel, or store.ErrNotFound. The hub reads it
// on every request (a channel's phase), so the statement is a prepared one.
func (s *Store) Channel(ctx context.Context, contract, user common.Address) (store.Channel, error) {
	ch, err := scanChannel(s.queryRow(ctx, nil, `SELECT `+channelColumns+` FROM channels
		WHERE contract = $1 AND user_addr = $2`, contract[:], user[:]))
	if err == sql.ErrNoRows {
		return ch, fmt.Errorf("channel %s/%s: %w", contract, user, store.ErrNotFound)
	}
	if err != nil {
		return ch, fmt.Errorf("channel %s/%s: %w", contract, user, err)
	}
	return ch, nil
}

const channelColumns = `contract, user_addr, status, nonce, onchain_nonce, deadline, last_block`

func scanChannel(row interface{ Scan(...any) error }) (store.Channel, error) {
	var ch store.Channel
	var contract, user []byte
	var nonce, onchain, deadline sql.NullString
	var last int64
	if err := row.Scan(&contract, &user, &ch.Status, &nonce, &onchain, &deadline, &last); err != nil {
		return ch, err
	}
	ch.Contract, ch.User = common.BytesToAddress(contract), common.BytesToAddress(user)
	ch.Nonce, ch.OnchainNonce, ch.Deadline, ch.LastBlock = numeric(nonce), numeric(onchain), numeric(deadline), uint64(last)
	return ch, nil
}
