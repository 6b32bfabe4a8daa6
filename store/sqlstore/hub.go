package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// HubTx is a transaction over one of the hub's channels, whose row it holds locked: the
// channel's updates are serialised through it. Nonce 0 is the implicit empty state. It
// holds the channel's newest state, read with the lock, and writes the channel's nonces
// with each state it writes on PostgreSQL (withNonces), once when fn has returned on
// SQLite.
type HubTx struct {
	s                *Store
	tx               *sql.Tx
	contract, user   common.Address
	latest, cosigned *big.Int
	newest           *store.HubState // the state at latest (nil before any)
	dirty            bool            // latest or cosigned moved and are not written yet
}

const (
	hubLockColumns = `c.latest_nonce, c.cosigned_nonce, ` + hubRowColumns
	hubLockJoin    = `LEFT JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce = c.latest_nonce
	WHERE c.contract = $1 AND c.user_addr = $2`
	// hubLockSQL reads a channel's nonces with its newest state (and a term of 0); on
	// SQLite the transaction holds the one writer, which serialises it.
	hubLockSQL = `SELECT 0, ` + hubLockColumns + ` FROM hub_channels c ` + hubLockJoin
	// hubLockPG is hubLockSQL holding the channel's row locked.
	hubLockPG = hubLockSQL + ` FOR UPDATE OF c`
	// hubLockTermPG is hubLockPG under a term: it also holds the term's row shared and
	// reads it, as checkTerm does, in the same round trip. It finds no row when the term
	// never began.
	hubLockTermPG = `SELECT t.term, ` + hubLockColumns + ` FROM hub_channels c
	JOIN (SELECT term FROM leader_terms WHERE name = $3 FOR SHARE) t ON TRUE ` + hubLockJoin + ` FOR UPDATE OF c`
)

// HubChannel runs fn in a transaction holding the channel's lock, and commits if fn
// returns nil. A channel's row is made on its first transaction. Under a term
// (store.WithTerm) it is refused with store.ErrFenced, before fn runs, unless that term is
// current, and holds it current until it commits.
func (s *Store) HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error {
	term, fenced := store.TermFrom(ctx)
	lock, args := hubLockSQL, []any{contract[:], user[:]}
	switch {
	case s.d.name != postgres.name:
	case fenced:
		lock, args = hubLockTermPG, append(args, term.Name)
	default:
		lock = hubLockPG
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if fenced && lock != hubLockTermPG {
			if err := s.checkTerm(ctx, tx); err != nil {
				return fmt.Errorf("hub channel %s: %w", user, err)
			}
		}
		h := &HubTx{s: s, tx: tx, contract: contract, user: user}
		n, err := h.load(ctx, lock, args)
		if err == sql.ErrNoRows { // the channel's first transaction
			zero := s.num(new(big.Int))
			if _, err := s.exec(ctx, tx, `INSERT INTO hub_channels (contract, user_addr, latest_nonce, cosigned_nonce)
				VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING`, contract[:], user[:], zero); err != nil {
				return fmt.Errorf("hub channel %s: %w", user, err)
			}
			n, err = h.load(ctx, lock, args)
		}
		switch {
		case lock != hubLockTermPG:
		case err == sql.ErrNoRows: // the term never began (checkTerm says so), or the row is still missing
			if err = s.checkTerm(ctx, tx); err == nil {
				err = sql.ErrNoRows
			}
		case err == nil:
			err = termCurrent(term, n)
		}
		if err != nil {
			return fmt.Errorf("hub channel %s: %w", user, err)
		}
		if err := fn(h); err != nil {
			return err
		}
		if !h.dirty {
			return nil
		}
		if _, err := s.exec(ctx, tx, `UPDATE hub_channels SET latest_nonce = $3, cosigned_nonce = $4, updated_at = CURRENT_TIMESTAMP
			WHERE contract = $1 AND user_addr = $2`, contract[:], user[:], s.num(h.latest), s.num(h.cosigned)); err != nil {
			return fmt.Errorf("hub channel %s: %w", user, err)
		}
		return nil
	})
}

// load locks the channel's row and reads it, and returns the term lock read (0 unless
// hubLockTermPG); sql.ErrNoRows when it has none yet.
func (h *HubTx) load(ctx context.Context, lock string, args []any) (term int64, err error) {
	var latest, cosigned string
	var r hubRow
	if err := h.s.queryRow(ctx, h.tx, lock, args...).Scan(append([]any{&term, &latest, &cosigned}, r.dest()...)...); err != nil {
		return 0, err
	}
	h.latest, h.cosigned = parseNum(latest), parseNum(cosigned)
	if !r.kind.Valid {
		return term, nil
	}
	hs, err := r.decode(h.user)
	if err != nil {
		return term, fmt.Errorf("state %s of %s: %w", h.latest, h.user, err)
	}
	h.newest = &hs
	return term, nil
}

// withNonces returns the write q, with its arguments args (the channel's contract and
// user first), made to also record the channel's nonces as latest and cosigned. On
// PostgreSQL that is one statement (a data-modifying WITH), sparing the transaction its
// closing write, a round trip; on SQLite, where a statement costs none, the nonces are
// written once when fn has returned.
func (h *HubTx) withNonces(q string, args []any, latest, cosigned *big.Int) (string, []any) {
	if h.s.d.name != postgres.name {
		h.dirty = true
		return q, args
	}
	n := len(args)
	return fmt.Sprintf(`WITH nonces AS (UPDATE hub_channels SET latest_nonce = $%d, cosigned_nonce = $%d, updated_at = CURRENT_TIMESTAMP
		WHERE contract = $1 AND user_addr = $2) `, n+1, n+2) + q, append(args, h.s.num(latest), h.s.num(cosigned))
}

// LatestNonce is the nonce of the newest state the hub signed (0 before any).
func (h *HubTx) LatestNonce() *big.Int { return new(big.Int).Set(h.latest) }

// CosignedNonce is the nonce of the newest state both sides signed (0 before any).
func (h *HubTx) CosignedNonce() *big.Int { return new(big.Int).Set(h.cosigned) }

// State returns the state at nonce; nonce 0 is the empty state.
func (h *HubTx) State(ctx context.Context, nonce *big.Int) (store.HubState, error) {
	if nonce.Sign() == 0 {
		return store.HubState{Kind: "empty", Detail: json.RawMessage(`{}`), State: channel.NewState(h.user)}, nil
	}
	if h.newest != nil && nonce.Cmp(h.latest) == 0 {
		hs := *h.newest
		hs.State = hs.State.Clone()
		hs.Locks = append([]channel.Lock(nil), hs.Locks...)
		return hs, nil
	}
	return h.s.readHubState(ctx, h.tx, h.contract, h.user, nonce)
}

func (s *Store) readHubState(ctx context.Context, tx *sql.Tx, contract, user common.Address, nonce *big.Int) (store.HubState, error) {
	var r hubRow
	err := s.queryRow(ctx, tx, `SELECT `+hubRowColumns+` FROM hub_states s
		WHERE s.contract = $1 AND s.user_addr = $2 AND s.nonce = $3`, contract[:], user[:], s.num(nonce)).Scan(r.dest()...)
	if err == sql.ErrNoRows {
		return store.HubState{}, fmt.Errorf("state %s of %s: %w", nonce, user, store.ErrNotFound)
	}
	if err != nil {
		return store.HubState{}, fmt.Errorf("state %s of %s: %w", nonce, user, err)
	}
	hs, err := r.decode(user)
	if err != nil {
		return hs, fmt.Errorf("state %s of %s: %w", nonce, user, err)
	}
	return hs, nil
}

// Append stores the next state (nonce latest+1), hub-signed and perhaps co-signed. A
// co-signed state right after the co-signed one moves the co-signed nonce too.
func (h *HubTx) Append(ctx context.Context, hs store.HubState) error {
	want := new(big.Int).Add(h.latest, big.NewInt(1))
	if hs.State.Nonce.Cmp(want) != 0 {
		return fmt.Errorf("append state %s to %s: %w: want nonce %s", hs.State.Nonce, h.user, store.ErrStaleNonce, want)
	}
	state, locks, final, err := encodeHubState(h.user, hs)
	if err != nil {
		return fmt.Errorf("append state %s to %s: %w", want, h.user, err)
	}
	cosigned := h.cosigned
	if hs.SigUser != nil && new(big.Int).Add(h.cosigned, big.NewInt(1)).Cmp(want) == 0 {
		cosigned = want
	}
	q, args := h.withNonces(`INSERT INTO hub_states (contract, user_addr, nonce, kind, detail, final, state, locks, sig_hub, sig_user)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, []any{h.contract[:], h.user[:], h.s.num(want), hs.Kind, string(hs.Detail),
		final, state, nullBytes(locks), hs.SigHub, nullBytes(hs.SigUser)}, want, cosigned)
	if _, err := h.s.exec(ctx, h.tx, q, args...); err != nil {
		return fmt.Errorf("store state %s of %s: %w", want, h.user, err)
	}
	h.latest, h.cosigned = want, cosigned
	kept := hs
	kept.State, kept.Locks = hs.State.Clone(), append([]channel.Lock(nil), hs.Locks...)
	h.newest = &kept
	return nil
}

// Cosign records the user's signature on the proposal right after the co-signed state.
func (h *HubTx) Cosign(ctx context.Context, nonce *big.Int, sigUser []byte) error {
	want := new(big.Int).Add(h.cosigned, big.NewInt(1))
	if nonce.Cmp(want) < 0 || nonce.Cmp(h.latest) > 0 {
		return fmt.Errorf("co-sign %s of %s: %w: the next proposal is %s, the newest %s", nonce, h.user, store.ErrStaleNonce, want, h.latest)
	}
	q, args := h.withNonces(`UPDATE hub_states SET sig_user = $4 WHERE contract = $1 AND user_addr = $2 AND nonce = $3`,
		[]any{h.contract[:], h.user[:], h.s.num(nonce), sigUser}, h.latest, nonce)
	if _, err := h.s.exec(ctx, h.tx, q, args...); err != nil {
		return fmt.Errorf("co-sign %s of %s: %w", nonce, h.user, err)
	}
	h.cosigned = new(big.Int).Set(nonce)
	if h.newest != nil && nonce.Cmp(h.latest) == 0 {
		kept := *h.newest
		kept.SigUser = sigUser
		h.newest = &kept
	}
	return nil
}

// HubStates returns a channel's co-signed nonce and the states from nonce from up to the
// newest, oldest first. It reads without locking the channel, in one statement (one
// snapshot).
func (s *Store) HubStates(ctx context.Context, contract, user common.Address, from *big.Int) (cosigned *big.Int, out []store.HubState, err error) {
	rows, err := s.query(ctx, nil, `SELECT c.cosigned_nonce, `+hubRowColumns+`
		FROM hub_channels c LEFT JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce >= $3
		WHERE c.contract = $1 AND c.user_addr = $2 ORDER BY s.nonce`, contract[:], user[:], s.num(from))
	if err != nil {
		return nil, nil, fmt.Errorf("states of %s: %w", user, err)
	}
	defer rows.Close()
	cosigned = new(big.Int)
	for rows.Next() {
		var cos string
		var r hubRow
		if err := rows.Scan(append([]any{&cos}, r.dest()...)...); err != nil {
			return nil, nil, err
		}
		cosigned = parseNum(cos)
		if !r.kind.Valid {
			continue
		}
		hs, err := r.decode(user)
		if err != nil {
			return nil, nil, fmt.Errorf("a state of %s: %w", user, err)
		}
		out = append(out, hs)
	}
	return cosigned, out, rows.Err()
}

// HubCosigned returns a channel's newest co-signed state, or store.ErrNotFound.
func (s *Store) HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error) {
	var r hubRow
	err := s.queryRow(ctx, nil, `SELECT `+hubRowColumns+`
		FROM hub_channels c JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce = c.cosigned_nonce
		WHERE c.contract = $1 AND c.user_addr = $2`, contract[:], user[:]).Scan(r.dest()...)
	if err == sql.ErrNoRows {
		return store.HubState{}, fmt.Errorf("channel %s: %w", user, store.ErrNotFound)
	}
	if err != nil {
		return store.HubState{}, err
	}
	return r.decode(user)
}

// HubLatest returns a channel's newest state — its co-signed state or the hub's newest
// proposal above it — without locking the channel, or store.ErrNotFound when the channel
// has no co-signed state.
func (s *Store) HubLatest(ctx context.Context, contract, user common.Address) (store.HubState, error) {
	var r hubRow
	err := s.queryRow(ctx, nil, `SELECT `+hubRowColumns+`
		FROM hub_channels c
		JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce = c.latest_nonce
		WHERE c.contract = $1 AND c.user_addr = $2 AND c.cosigned_nonce > 0`, contract[:], user[:]).Scan(r.dest()...)
	if err == sql.ErrNoRows {
		return store.HubState{}, fmt.Errorf("channel %s: %w", user, store.ErrNotFound)
	}
	if err != nil {
		return store.HubState{}, err
	}
	return r.decode(user)
}

func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// HubOpenProposals returns the newest co-signed state of every channel where it is a
// proposal (an on-chain operation not yet confirmed or invalidated).
func (s *Store) HubOpenProposals(ctx context.Context, contract common.Address) ([]store.HubState, error) {
	return s.newestCosigned(ctx, contract, false, "open proposals")
}

// AddLockResolutions records the locks of a settled state, once.
func (s *Store) AddLockResolutions(ctx context.Context, rs []store.LockResolution) error {
	for _, r := range rs {
		lock, _ := json.Marshal(r.Lock)
		if _, err := s.w.ExecContext(ctx, `INSERT INTO hub_lock_resolutions (contract, user_addr, settled_nonce, hashlock, lock)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, r.Contract[:], r.User[:], s.num(r.SettledNonce),
			r.Lock.Hashlock[:], string(lock)); err != nil {
			return fmt.Errorf("record lock resolution %s: %w", r.Lock.Hashlock, err)
		}
	}
	return nil
}

// PendingLockResolutions returns the recorded locks not yet resolved.
func (s *Store) PendingLockResolutions(ctx context.Context, contract common.Address) ([]store.LockResolution, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT user_addr, settled_nonce, lock FROM hub_lock_resolutions
		WHERE contract = $1 AND NOT done`, contract[:])
	if err != nil {
		return nil, fmt.Errorf("pending lock resolutions: %w", err)
	}
	defer rows.Close()
	var out []store.LockResolution
	for rows.Next() {
		r := store.LockResolution{Contract: contract}
		var user, lock []byte
		var n string
		if err := rows.Scan(&user, &n, &lock); err != nil {
			return nil, err
		}
		r.User = common.BytesToAddress(user)
		r.SettledNonce = parseNum(n)
		if err := json.Unmarshal(lock, &r.Lock); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LockResolved marks a recorded lock as needing nothing more from the hub.
func (s *Store) LockResolved(ctx context.Context, r store.LockResolution) error {
	_, err := s.w.ExecContext(ctx, `UPDATE hub_lock_resolutions SET done = TRUE
		WHERE contract = $1 AND user_addr = $2 AND settled_nonce = $3 AND hashlock = $4`,
		r.Contract[:], r.User[:], s.num(r.SettledNonce), r.Lock.Hashlock[:])
	return err
}
