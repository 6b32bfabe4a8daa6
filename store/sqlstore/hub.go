package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// HubTx is a transaction over one of the hub's channels, whose row it holds locked: the
// channel's updates are serialised through it. Nonce 0 is the implicit empty state.
type HubTx struct {
	s                *Store
	tx               *sql.Tx
	contract, user   common.Address
	latest, cosigned *big.Int
}

// HubChannel runs fn in a transaction holding the channel's lock, and commits if fn
// returns nil.
func (s *Store) HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		zero := s.num(new(big.Int))
		if _, err := tx.ExecContext(ctx, `INSERT INTO hub_channels (contract, user_addr, latest_nonce, cosigned_nonce)
			VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING`, contract[:], user[:], zero); err != nil {
			return fmt.Errorf("hub channel %s: %w", user, err)
		}
		var latest, cosigned string
		if err := tx.QueryRowContext(ctx, `SELECT latest_nonce, cosigned_nonce FROM hub_channels
			WHERE contract = $1 AND user_addr = $2`+s.d.forUpdate, contract[:], user[:]).Scan(&latest, &cosigned); err != nil {
			return fmt.Errorf("hub channel %s: %w", user, err)
		}
		h := &HubTx{s: s, tx: tx, contract: contract, user: user, latest: parseNum(latest), cosigned: parseNum(cosigned)}
		return fn(h)
	})
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
	return h.s.readHubState(ctx, h.tx, h.contract, h.user, nonce)
}

func (s *Store) readHubState(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, contract, user common.Address, nonce *big.Int) (store.HubState, error) {
	var hs store.HubState
	var stateJSON, locksJSON, detail []byte
	err := q.QueryRowContext(ctx, `SELECT kind, detail, state, locks, sig_hub, sig_user FROM hub_states
		WHERE contract = $1 AND user_addr = $2 AND nonce = $3`, contract[:], user[:], s.num(nonce)).
		Scan(&hs.Kind, &detail, &stateJSON, &locksJSON, &hs.SigHub, &hs.SigUser)
	if err == sql.ErrNoRows {
		return hs, fmt.Errorf("state %s of %s: %w", nonce, user, store.ErrNotFound)
	}
	if err != nil {
		return hs, fmt.Errorf("state %s of %s: %w", nonce, user, err)
	}
	hs.Detail = detail
	hs.State = new(channel.State)
	if err := json.Unmarshal(stateJSON, hs.State); err != nil {
		return hs, fmt.Errorf("decode state %s of %s: %w", nonce, user, err)
	}
	if err := json.Unmarshal(locksJSON, &hs.Locks); err != nil {
		return hs, fmt.Errorf("decode locks %s of %s: %w", nonce, user, err)
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
	stateJSON, err := json.Marshal(hs.State)
	if err != nil {
		return err
	}
	locks := hs.Locks
	if locks == nil {
		locks = []channel.Lock{}
	}
	locksJSON, err := json.Marshal(locks)
	if err != nil {
		return err
	}
	if _, err := h.tx.Exec(`INSERT INTO hub_states (contract, user_addr, nonce, kind, detail, state, locks, sig_hub, sig_user)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, h.contract[:], h.user[:], h.s.num(want), hs.Kind, string(hs.Detail),
		string(stateJSON), string(locksJSON), hs.SigHub, nullBytes(hs.SigUser)); err != nil {
		return fmt.Errorf("store state %s of %s: %w", want, h.user, err)
	}
	h.latest = want
	if hs.SigUser != nil && new(big.Int).Add(h.cosigned, big.NewInt(1)).Cmp(want) == 0 {
		h.cosigned = want
	}
	return h.save()
}

// Cosign records the user's signature on the proposal right after the co-signed state.
func (h *HubTx) Cosign(ctx context.Context, nonce *big.Int, sigUser []byte) error {
	want := new(big.Int).Add(h.cosigned, big.NewInt(1))
	if nonce.Cmp(want) != 0 || nonce.Cmp(h.latest) > 0 {
		return fmt.Errorf("co-sign %s of %s: %w: the next proposal is %s", nonce, h.user, store.ErrStaleNonce, want)
	}
	if _, err := h.tx.Exec(`UPDATE hub_states SET sig_user = $4 WHERE contract = $1 AND user_addr = $2 AND nonce = $3`,
		h.contract[:], h.user[:], h.s.num(nonce), sigUser); err != nil {
		return fmt.Errorf("co-sign %s of %s: %w", nonce, h.user, err)
	}
	h.cosigned = want
	return h.save()
}

func (h *HubTx) save() error {
	_, err := h.tx.Exec(`UPDATE hub_channels SET latest_nonce = $3, cosigned_nonce = $4, updated_at = CURRENT_TIMESTAMP
		WHERE contract = $1 AND user_addr = $2`, h.contract[:], h.user[:], h.s.num(h.latest), h.s.num(h.cosigned))
	return err
}

// InsertPayment records a new payment; a hashlock used before on the contract is refused.
func (h *HubTx) InsertPayment(ctx context.Context, p store.Payment) (int64, error) {
	var id int64
	err := h.tx.QueryRowContext(ctx, `INSERT INTO hub_payments (contract, hashlock, payer, payee, amount_wei, amount_token,
		payer_expiry, payee_expiry, sealed_secret, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (contract, hashlock) DO NOTHING RETURNING id`,
		p.Contract[:], p.Hashlock[:], p.Payer[:], p.Payee[:], h.s.num(p.AmountWei), h.s.num(p.AmountToken),
		int64(p.PayerExpiry), int64(p.PayeeExpiry), p.SealedSecret, p.Status, now()).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, fmt.Errorf("payment with hashlock %s: %w", p.Hashlock, store.ErrNonceConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("record payment %s: %w", p.Hashlock, err)
	}
	return id, nil
}

// SetPayment moves a payment to status (from one of from, if given), recording the
// secret when known. It reports whether the payment was in one of from.
func (h *HubTx) SetPayment(ctx context.Context, contract common.Address, hashlock common.Hash, status string, secret *common.Hash, from ...string) (bool, error) {
	var sec any
	if secret != nil {
		sec = secret[:]
	}
	q := `UPDATE hub_payments SET status = $3, secret = COALESCE($4, secret), updated_at = CURRENT_TIMESTAMP
		WHERE contract = $1 AND hashlock = $2`
	args := []any{contract[:], hashlock[:], status, sec}
	if len(from) > 0 {
		q += ` AND status IN (` + placeholders(5, len(from)) + `)`
		for _, f := range from {
			args = append(args, f)
		}
	}
	res, err := h.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return false, fmt.Errorf("payment %s to %s: %w", hashlock, status, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

const paymentColumns = `id, contract, hashlock, payer, payee, amount_wei, amount_token, payer_expiry, payee_expiry,
	sealed_secret, secret, status, created_at`

func scanPayment(row interface{ Scan(...any) error }) (store.Payment, error) {
	var p store.Payment
	var contract, hashlock, payer, payee, secret []byte
	var wei, tok string
	var pe, ye int64
	if err := row.Scan(&p.ID, &contract, &hashlock, &payer, &payee, &wei, &tok, &pe, &ye, &p.SealedSecret, &secret, &p.Status, &p.CreatedAt); err != nil {
		return p, err
	}
	p.Contract, p.Hashlock = common.BytesToAddress(contract), common.BytesToHash(hashlock)
	p.Payer, p.Payee = common.BytesToAddress(payer), common.BytesToAddress(payee)
	p.AmountWei, p.AmountToken = parseNum(wei), parseNum(tok)
	p.PayerExpiry, p.PayeeExpiry = uint64(pe), uint64(ye)
	if secret != nil {
		h := common.BytesToHash(secret)
		p.Secret = &h
	}
	return p, nil
}

// Payment returns a payment by hashlock, or store.ErrNotFound.
func (s *Store) Payment(ctx context.Context, contract common.Address, hashlock common.Hash) (store.Payment, error) {
	p, err := scanPayment(s.db.QueryRowContext(ctx, `SELECT `+paymentColumns+` FROM hub_payments WHERE contract = $1 AND hashlock = $2`,
		contract[:], hashlock[:]))
	if err == sql.ErrNoRows {
		return p, fmt.Errorf("payment %s: %w", hashlock, store.ErrNotFound)
	}
	return p, err
}

// Payments returns a user's payments, sent and received, newest first.
func (s *Store) Payments(ctx context.Context, contract, user common.Address, limit int) ([]store.Payment, error) {
	return s.queryPayments(ctx, `SELECT `+paymentColumns+` FROM hub_payments WHERE contract = $1 AND (payer = $2 OR payee = $2)
		ORDER BY id DESC LIMIT $3`, contract[:], user[:], limit)
}

// OpenPayments returns the payments not yet completed, refunded or failed.
func (s *Store) OpenPayments(ctx context.Context, contract common.Address) ([]store.Payment, error) {
	return s.queryPayments(ctx, `SELECT `+paymentColumns+` FROM hub_payments WHERE contract = $1
		AND status IN ('locked', 'forwarded', 'claimed', 'failed') ORDER BY id`, contract[:])
}

func (s *Store) queryPayments(ctx context.Context, q string, args ...any) ([]store.Payment, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read payments: %w", err)
	}
	defer rows.Close()
	var out []store.Payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, fmt.Errorf("read payments: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// HubStates returns a channel's co-signed nonce and the states from nonce from up to the
// newest, oldest first. It reads without locking the channel.
func (s *Store) HubStates(ctx context.Context, contract, user common.Address, from *big.Int) (cosigned *big.Int, out []store.HubState, err error) {
	opts := &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	if s.d.name == sqlite.name {
		opts = &sql.TxOptions{ReadOnly: true} // an SQLite transaction reads one snapshot anyway
	}
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	var cos string
	err = tx.QueryRowContext(ctx, `SELECT cosigned_nonce FROM hub_channels WHERE contract = $1 AND user_addr = $2`,
		contract[:], user[:]).Scan(&cos)
	if err == sql.ErrNoRows {
		return new(big.Int), nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("channel %s: %w", user, err)
	}
	cosigned = parseNum(cos)
	rows, err := tx.QueryContext(ctx, `SELECT kind, detail, state, locks, sig_hub, sig_user FROM hub_states
		WHERE contract = $1 AND user_addr = $2 AND nonce >= $3 ORDER BY nonce`, contract[:], user[:], s.num(from))
	if err != nil {
		return nil, nil, fmt.Errorf("states of %s: %w", user, err)
	}
	defer rows.Close()
	for rows.Next() {
		var hs store.HubState
		var detail, stateJSON, locksJSON []byte
		if err := rows.Scan(&hs.Kind, &detail, &stateJSON, &locksJSON, &hs.SigHub, &hs.SigUser); err != nil {
			return nil, nil, err
		}
		hs.Detail = detail
		hs.State = new(channel.State)
		if err := json.Unmarshal(stateJSON, hs.State); err != nil {
			return nil, nil, fmt.Errorf("decode a state of %s: %w", user, err)
		}
		if err := json.Unmarshal(locksJSON, &hs.Locks); err != nil {
			return nil, nil, fmt.Errorf("decode locks of %s: %w", user, err)
		}
		out = append(out, hs)
	}
	return cosigned, out, rows.Err()
}

// HubCosigned returns a channel's newest co-signed state, or store.ErrNotFound.
func (s *Store) HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error) {
	var cos string
	err := s.db.QueryRowContext(ctx, `SELECT cosigned_nonce FROM hub_channels WHERE contract = $1 AND user_addr = $2`,
		contract[:], user[:]).Scan(&cos)
	if err == sql.ErrNoRows || (err == nil && parseNum(cos).Sign() == 0) {
		return store.HubState{}, fmt.Errorf("channel %s: %w", user, store.ErrNotFound)
	}
	if err != nil {
		return store.HubState{}, err
	}
	return s.readHubState(ctx, s.db, contract, user, parseNum(cos))
}

// NewAuthNonce records a nonce a user may sign once before it expires.
func (s *Store) NewAuthNonce(ctx context.Context, nonce common.Hash, user common.Address, expires time.Time) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO hub_auth_nonces (nonce, user_addr, expires_at) VALUES ($1, $2, $3)`,
		nonce[:], user[:], expires.UTC())
	if err != nil {
		return fmt.Errorf("record auth nonce: %w", err)
	}
	return nil
}

// UseAuthNonce spends a nonce issued to user: it reports false if the nonce is unknown,
// issued to someone else, expired or already used.
func (s *Store) UseAuthNonce(ctx context.Context, nonce common.Hash, user common.Address) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE hub_auth_nonces SET used = TRUE
		WHERE nonce = $1 AND user_addr = $2 AND NOT used AND expires_at > $3`, nonce[:], user[:], now())
	if err != nil {
		return false, fmt.Errorf("use auth nonce: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func nullBytes(b []byte) any {
	if b == nil {
		return nil
	}
	return b
}

// PutUserKey records a user's public key (uncompressed, 65 bytes).
func (s *Store) PutUserKey(ctx context.Context, user common.Address, pubkey []byte) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO hub_user_keys (user_addr, pubkey) VALUES ($1, $2) ON CONFLICT DO NOTHING`, user[:], pubkey)
	return err
}

// UserKey returns a user's public key, or store.ErrNotFound.
func (s *Store) UserKey(ctx context.Context, user common.Address) ([]byte, error) {
	var k []byte
	err := s.db.QueryRowContext(ctx, `SELECT pubkey FROM hub_user_keys WHERE user_addr = $1`, user[:]).Scan(&k)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("key of %s: %w", user, store.ErrNotFound)
	}
	return k, err
}

// HubOpenProposals returns the newest co-signed state of every channel where it is a
// proposal (an on-chain operation not yet confirmed or invalidated).
func (s *Store) HubOpenProposals(ctx context.Context, contract common.Address) ([]store.HubState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT s.nonce, s.user_addr FROM hub_states s
		JOIN hub_channels c ON c.contract = s.contract AND c.user_addr = s.user_addr AND c.cosigned_nonce = s.nonce
			AND c.latest_nonce = s.nonce
		WHERE s.contract = $1 AND s.state->>'timeout' <> '0'`, contract[:])
	if err != nil {
		return nil, fmt.Errorf("open proposals: %w", err)
	}
	type key struct {
		nonce *big.Int
		user  common.Address
	}
	var keys []key
	for rows.Next() {
		var n string
		var u []byte
		if err := rows.Scan(&n, &u); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, key{parseNum(n), common.BytesToAddress(u)})
	}
	rows.Close()
	out := make([]store.HubState, 0, len(keys))
	for _, k := range keys {
		hs, err := s.readHubState(ctx, s.db, contract, k.user, k.nonce)
		if err != nil {
			return nil, err
		}
		out = append(out, hs)
	}
	return out, nil
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
