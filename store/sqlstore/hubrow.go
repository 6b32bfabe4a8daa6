package sqlstore

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// hubRowColumns are the columns of a hub_states row (aliased s) that make a
// store.HubState, in the order of hubRow.dest.
const hubRowColumns = `s.kind, s.nonce, s.detail, s.state, s.locks, s.state_json, s.locks_json, s.sig_hub, s.sig_user`

// hubRow is a hub_states row as read. Since version 24 the state and its locks are in
// the compact form of statecodec.go (state set, locks NULL for none); a row written
// before keeps its JSON (state NULL, state_json and locks_json set). kind and nonce are
// NULL when an outer join found no state.
type hubRow struct {
	kind, nonce                                                 sql.NullString
	detail, state, locks, stateJSON, locksJSON, sigHub, sigUser []byte
}

// dest returns the scan destinations of hubRowColumns.
func (r *hubRow) dest() []any {
	return []any{&r.kind, &r.nonce, &r.detail, &r.state, &r.locks, &r.stateJSON, &r.locksJSON, &r.sigHub, &r.sigUser}
}

// decode returns the state the row holds for user's channel.
func (r *hubRow) decode(user common.Address) (store.HubState, error) {
	hs := store.HubState{Kind: r.kind.String, Detail: r.detail, SigHub: r.sigHub, SigUser: r.sigUser}
	if r.state == nil { // written before version 24
		return decodeHubJSON(hs, r.stateJSON, r.locksJSON)
	}
	return decodeHubCompact(hs, user, parseNum(r.nonce.String), r.state, r.locks)
}

// decodeHubJSON fills hs from a state and a lock list in JSON.
func decodeHubJSON(hs store.HubState, stateJSON, locksJSON []byte) (store.HubState, error) {
	hs.State = new(channel.State)
	if err := json.Unmarshal(stateJSON, hs.State); err != nil {
		return hs, fmt.Errorf("decode state: %w", err)
	}
	if err := json.Unmarshal(locksJSON, &hs.Locks); err != nil {
		return hs, fmt.Errorf("decode locks: %w", err)
	}
	return hs, nil
}

// decodeHubCompact fills hs from a state and a lock list in the compact form. No locks
// read as an empty list, as the JSON's [] did.
func decodeHubCompact(hs store.HubState, user common.Address, nonce *big.Int, state, locks []byte) (store.HubState, error) {
	var err error
	if hs.State, err = decodeState(user, nonce, state); err != nil {
		return hs, fmt.Errorf("decode state: %w", err)
	}
	if hs.Locks, err = decodeLocks(locks); err != nil {
		return hs, fmt.Errorf("decode locks: %w", err)
	}
	if hs.Locks == nil {
		hs.Locks = []channel.Lock{}
	}
	return hs, nil
}

// encodeHubState returns the compact forms of a state of user's channel and of its
// locks (nil for none), and whether it is final (a timeout of zero). The compact form
// takes the user from the row, so a state of another user is refused.
func encodeHubState(user common.Address, hs store.HubState) (state, locks []byte, final bool, err error) {
	if hs.State == nil || hs.State.User != user {
		return nil, nil, false, fmt.Errorf("%w: the state is not of the channel's user %s", channel.ErrInvalidField, user)
	}
	if state, err = encodeState(hs.State); err != nil {
		return nil, nil, false, err
	}
	if locks, err = encodeLocks(hs.Locks); err != nil {
		return nil, nil, false, err
	}
	return state, locks, hs.State.Timeout.Sign() == 0, nil
}
