package sqlstore

import (
	"bytes"
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
// channel's updates are serialised through it. Nonce 0 is the implicit empty state. It
// holds the channel's newest state, read with the lock, and writes the channel's nonces
// once, when fn has returned.
type HubTx struct {
	s                *Store
	tx               *sql.Tx
	contract, user   common.Address
	latest, cosigned *big.Int
	newest           *store.HubState // the state at latest (nil before any)
	dirty            bool            // latest or cosigned moved
}

// hubLockSQL locks a channel's row and reads its nonces with its newest state.
const hubLockSQL = `SELECT c.latest_nonce, c.cosigned_nonce, s.kind, s.detail, s.state, s.locks, s.sig_hub, s.sig_user
	FROM hub_channels c LEFT JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce = c.latest_nonce
	WHERE c.contract = $1 AND c.user_addr = $2`

// HubChannel runs fn in a transaction holding the channel's lock, and commits if fn
// returns nil. A channel's row is made on its first transaction.
func (s *Store) HubChannel(ctx context.Context, contract, user common.Address, fn func(store.HubTx) error) error {
	lock := hubLockSQL
	if s.d.name == postgres.name {
		lock += ` FOR UPDATE OF c`
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		h := &HubTx{s: s, tx: tx, contract: contract, user: user}
		for attempt := 0; ; attempt++ {
			err := h.load(ctx, lock)
			if err != sql.ErrNoRows || attempt > 0 {
				if err != nil {
					return fmt.Errorf("hub channel %s: %w", user, err)
				}
				break
			}
			zero := s.num(new(big.Int))
			if _, err := s.exec(ctx, tx, `INSERT INTO hub_channels (contract, user_addr, latest_nonce, cosigned_nonce)
				VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING`, contract[:], user[:], zero); err != nil {
				return fmt.Errorf("hub channel %s: %w", user, err)
			}
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

// load locks the channel's row and reads it; sql.ErrNoRows when it has none yet.
func (h *HubTx) load(ctx context.Context, lock string) error {
	var latest, cosigned string
	var kind sql.NullString
	var detail, stateJSON, locksJSON, sigHub, sigUser []byte
	if err := h.s.queryRow(ctx, h.tx, lock, h.contract[:], h.user[:]).Scan(&latest, &cosigned, &kind, &detail, &stateJSON, &locksJSON,
		&sigHub, &sigUser); err != nil {
		return err
	}
	h.latest, h.cosigned = parseNum(latest), parseNum(cosigned)
	if !kind.Valid {
		return nil
	}
	hs, err := decodeHubState(kind.String, detail, stateJSON, locksJSON, sigHub, sigUser)
	if err != nil {
		return fmt.Errorf("state %s of %s: %w", h.latest, h.user, err)
	}
	h.newest = &hs
	return nil
}

func decodeHubState(kind string, detail, stateJSON, locksJSON, sigHub, sigUser []byte) (store.HubState, error) {
	hs := store.HubState{Kind: kind, Detail: detail, SigHub: sigHub, SigUser: sigUser, State: new(channel.State)}
	if err := json.Unmarshal(stateJSON, hs.State); err != nil {
		return hs, fmt.Errorf("decode state: %w", err)
	}
	if err := json.Unmarshal(locksJSON, &hs.Locks); err != nil {
		return hs, fmt.Errorf("decode locks: %w", err)
	}
	return hs, nil
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
	var kind string
	var stateJSON, locksJSON, detail, sigHub, sigUser []byte
	err := s.queryRow(ctx, tx, `SELECT kind, detail, state, locks, sig_hub, sig_user FROM hub_states
		WHERE contract = $1 AND user_addr = $2 AND nonce = $3`, contract[:], user[:], s.num(nonce)).
		Scan(&kind, &detail, &stateJSON, &locksJSON, &sigHub, &sigUser)
	if err == sql.ErrNoRows {
		return store.HubState{}, fmt.Errorf("state %s of %s: %w", nonce, user, store.ErrNotFound)
	}
	if err != nil {
		return store.HubState{}, fmt.Errorf("state %s of %s: %w", nonce, user, err)
	}
	hs, err := decodeHubState(kind, detail, stateJSON, locksJSON, sigHub, sigUser)
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
	if _, err := h.s.exec(ctx, h.tx, `INSERT INTO hub_states (contract, user_addr, nonce, kind, detail, state, locks, sig_hub, sig_user)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, h.contract[:], h.user[:], h.s.num(want), hs.Kind, string(hs.Detail),
		string(stateJSON), string(locksJSON), hs.SigHub, nullBytes(hs.SigUser)); err != nil {
		return fmt.Errorf("store state %s of %s: %w", want, h.user, err)
	}
	h.latest, h.dirty = want, true
	kept := hs
	kept.State, kept.Locks = hs.State.Clone(), append([]channel.Lock(nil), locks...)
	h.newest = &kept
	if hs.SigUser != nil && new(big.Int).Add(h.cosigned, big.NewInt(1)).Cmp(want) == 0 {
		h.cosigned = want
	}
	return nil
}

// Cosign records the user's signature on the proposal right after the co-signed state.
func (h *HubTx) Cosign(ctx context.Context, nonce *big.Int, sigUser []byte) error {
	want := new(big.Int).Add(h.cosigned, big.NewInt(1))
	if nonce.Cmp(want) < 0 || nonce.Cmp(h.latest) > 0 {
		return fmt.Errorf("co-sign %s of %s: %w: the next proposal is %s, the newest %s", nonce, h.user, store.ErrStaleNonce, want, h.latest)
	}
	if _, err := h.s.exec(ctx, h.tx, `UPDATE hub_states SET sig_user = $4 WHERE contract = $1 AND user_addr = $2 AND nonce = $3`,
		h.contract[:], h.user[:], h.s.num(nonce), sigUser); err != nil {
		return fmt.Errorf("co-sign %s of %s: %w", nonce, h.user, err)
	}
	h.cosigned, h.dirty = want, true
	if h.newest != nil && nonce.Cmp(h.latest) == 0 {
		kept := *h.newest
		kept.SigUser = sigUser
		h.newest = &kept
	}
	return nil
}

// InsertPayment records a new payment; a hashlock used before on the contract is refused.
func (h *HubTx) InsertPayment(ctx context.Context, p store.Payment) (int64, error) {
	var id int64
	err := h.s.queryRow(ctx, h.tx, `INSERT INTO hub_payments (contract, hashlock, payer, payee, amount_wei, amount_token,
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
	res, err := h.s.exec(ctx, h.tx, q, args...)
	if err != nil {
		return false, fmt.Errorf("payment %s to %s: %w", hashlock, status, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ClaimPayment moves a forwarded payment to claimed with its secret and the chain time
// of the claim; it reports whether the payment was forwarded.
func (h *HubTx) ClaimPayment(ctx context.Context, contract common.Address, hashlock, secret common.Hash, at uint64) (bool, error) {
	res, err := h.s.exec(ctx, h.tx, `UPDATE hub_payments SET status = $3, secret = $4, claimed_at = $5, updated_at = CURRENT_TIMESTAMP
		WHERE contract = $1 AND hashlock = $2 AND status = $6`, contract[:], hashlock[:], store.PayClaimed, secret[:], int64(at), store.PayForwarded)
	if err != nil {
		return false, fmt.Errorf("claim payment %s: %w", hashlock, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Uncollected sums the amounts of the channel user's locked, forwarded and claimed
// payments. It adds in Go: SQLite keeps amounts as text, which its SUM would round. A
// payer has at most a state's worth of locks in flight, so the rows are few.
func (h *HubTx) Uncollected(ctx context.Context) (wei, token *big.Int, err error) {
	rows, err := h.s.query(ctx, h.tx, `SELECT amount_wei, amount_token FROM hub_payments
		WHERE contract = $1 AND payer = $2 AND status IN ('locked', 'forwarded', 'claimed')`, h.contract[:], h.user[:])
	if err != nil {
		return nil, nil, fmt.Errorf("uncollected payments of %s: %w", h.user, err)
	}
	defer rows.Close()
	wei, token = new(big.Int), new(big.Int)
	for rows.Next() {
		var w, t string
		if err := rows.Scan(&w, &t); err != nil {
			return nil, nil, fmt.Errorf("uncollected payments of %s: %w", h.user, err)
		}
		wei.Add(wei, parseNum(w))
		token.Add(token, parseNum(t))
	}
	return wei, token, rows.Err()
}

const paymentColumns = `id, contract, hashlock, payer, payee, amount_wei, amount_token, payer_expiry, payee_expiry,
	sealed_secret, secret, status, created_at, claimed_at`

func scanPayment(row interface{ Scan(...any) error }) (store.Payment, error) {
	var p store.Payment
	var contract, hashlock, payer, payee, secret []byte
	var wei, tok string
	var pe, ye, ca int64
	if err := row.Scan(&p.ID, &contract, &hashlock, &payer, &payee, &wei, &tok, &pe, &ye, &p.SealedSecret, &secret, &p.Status, &p.CreatedAt, &ca); err != nil {
		return p, err
	}
	p.ClaimedAt = uint64(ca)
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
	p, err := scanPayment(s.queryRow(ctx, nil, `SELECT `+paymentColumns+` FROM hub_payments WHERE contract = $1 AND hashlock = $2`,
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
	rows, err := s.query(ctx, nil, q, args...)
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
// newest, oldest first. It reads without locking the channel, in one statement (one
// snapshot).
func (s *Store) HubStates(ctx context.Context, contract, user common.Address, from *big.Int) (cosigned *big.Int, out []store.HubState, err error) {
	rows, err := s.query(ctx, nil, `SELECT c.cosigned_nonce, s.kind, s.detail, s.state, s.locks, s.sig_hub, s.sig_user
		FROM hub_channels c LEFT JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce >= $3
		WHERE c.contract = $1 AND c.user_addr = $2 ORDER BY s.nonce`, contract[:], user[:], s.num(from))
	if err != nil {
		return nil, nil, fmt.Errorf("states of %s: %w", user, err)
	}
	defer rows.Close()
	cosigned = new(big.Int)
	for rows.Next() {
		var cos string
		var kind sql.NullString
		var detail, stateJSON, locksJSON, sigHub, sigUser []byte
		if err := rows.Scan(&cos, &kind, &detail, &stateJSON, &locksJSON, &sigHub, &sigUser); err != nil {
			return nil, nil, err
		}
		cosigned = parseNum(cos)
		if !kind.Valid {
			continue
		}
		hs, err := decodeHubState(kind.String, detail, stateJSON, locksJSON, sigHub, sigUser)
		if err != nil {
			return nil, nil, fmt.Errorf("a state of %s: %w", user, err)
		}
		out = append(out, hs)
	}
	return cosigned, out, rows.Err()
}

// HubCosigned returns a channel's newest co-signed state, or store.ErrNotFound.
func (s *Store) HubCosigned(ctx context.Context, contract, user common.Address) (store.HubState, error) {
	var kind string
	var detail, stateJSON, locksJSON, sigHub, sigUser []byte
	err := s.queryRow(ctx, nil, `SELECT s.kind, s.detail, s.state, s.locks, s.sig_hub, s.sig_user
		FROM hub_channels c JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce = c.cosigned_nonce
		WHERE c.contract = $1 AND c.user_addr = $2`, contract[:], user[:]).Scan(&kind, &detail, &stateJSON, &locksJSON, &sigHub, &sigUser)
	if err == sql.ErrNoRows {
		return store.HubState{}, fmt.Errorf("channel %s: %w", user, store.ErrNotFound)
	}
	if err != nil {
		return store.HubState{}, err
	}
	return decodeHubState(kind, detail, stateJSON, locksJSON, sigHub, sigUser)
}

// HubLatest returns a channel's newest state — its co-signed state or the hub's newest
// proposal above it — without locking the channel, or store.ErrNotFound when the channel
// has no co-signed state.
func (s *Store) HubLatest(ctx context.Context, contract, user common.Address) (store.HubState, error) {
	var kind string
	var detail, stateJSON, locksJSON, sigHub, sigUser []byte
	err := s.queryRow(ctx, nil, `SELECT s.kind, s.detail, s.state, s.locks, s.sig_hub, s.sig_user
		FROM hub_channels c
		JOIN hub_states s ON s.contract = c.contract AND s.user_addr = c.user_addr AND s.nonce = c.latest_nonce
		WHERE c.contract = $1 AND c.user_addr = $2 AND c.cosigned_nonce > 0`, contract[:], user[:]).Scan(&kind, &detail, &stateJSON, &locksJSON, &sigHub, &sigUser)
	if err == sql.ErrNoRows {
		return store.HubState{}, fmt.Errorf("channel %s: %w", user, store.ErrNotFound)
	}
	if err != nil {
		return store.HubState{}, err
	}
	return decodeHubState(kind, detail, stateJSON, locksJSON, sigHub, sigUser)
}

// NewAuthNonce records a nonce a user may sign once before it expires.
func (s *Store) NewAuthNonce(ctx context.Context, nonce common.Hash, user common.Address, expires time.Time) error {
	_, err := s.exec(ctx, nil, `INSERT INTO hub_auth_nonces (nonce, user_addr, expires_at) VALUES ($1, $2, $3)`,
		nonce[:], user[:], expires.UTC())
	if err != nil {
		return fmt.Errorf("record auth nonce: %w", err)
	}
	return nil
}

// UseAuthNonce spends a nonce issued to user: it reports false if the nonce is unknown,
// issued to someone else, expired or already used.
func (s *Store) UseAuthNonce(ctx context.Context, nonce common.Hash, user common.Address) (bool, error) {
	res, err := s.exec(ctx, nil, `UPDATE hub_auth_nonces SET used = TRUE
		WHERE nonce = $1 AND user_addr = $2 AND NOT used AND expires_at > $3`, nonce[:], user[:], now())
	if err != nil {
		return false, fmt.Errorf("use auth nonce: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RotateAuthNonce spends a nonce issued to user, as UseAuthNonce does, by replacing it
// with next, issued to the same user until expires, in one statement: it reports false,
// and issues nothing, if nonce is unknown, issued to someone else, expired or used.
func (s *Store) RotateAuthNonce(ctx context.Context, nonce, next common.Hash, user common.Address, expires time.Time) (bool, error) {
	res, err := s.exec(ctx, nil, `UPDATE hub_auth_nonces SET nonce = $4, expires_at = $5
		WHERE nonce = $1 AND user_addr = $2 AND NOT used AND expires_at > $3`, nonce[:], user[:], now(), next[:], expires.UTC())
	if err != nil {
		return false, fmt.Errorf("rotate auth nonce: %w", err)
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

// PutUserKey records a user's public key (uncompressed, 65 bytes). A user's key never
// changes (it is its address's), so a key this store has recorded or read is not written
// again: the hub records the key of every authenticated request.
func (s *Store) PutUserKey(ctx context.Context, user common.Address, pubkey []byte) error {
	if k, ok := s.userKeys.Load(user); ok && bytes.Equal(k.([]byte), pubkey) {
		return nil
	}
	if _, err := s.exec(ctx, nil, `INSERT INTO hub_user_keys (user_addr, pubkey) VALUES ($1, $2) ON CONFLICT DO NOTHING`, user[:], pubkey); err != nil {
		return err
	}
	s.userKeys.Store(user, bytes.Clone(pubkey))
	return nil
}

// UserKey returns a user's public key, or store.ErrNotFound.
func (s *Store) UserKey(ctx context.Context, user common.Address) ([]byte, error) {
	var k []byte
	err := s.queryRow(ctx, nil, `SELECT pubkey FROM hub_user_keys WHERE user_addr = $1`, user[:]).Scan(&k)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("key of %s: %w", user, store.ErrNotFound)
	}
	return k, err
}

// HubOpenProposals returns the newest co-signed state of every channel where it is a
// proposal (an on-chain operation not yet confirmed or invalidated).
func (s *Store) HubOpenProposals(ctx context.Context, contract common.Address) ([]store.HubState, error) {
	return s.newestCosigned(ctx, contract, "<>", "open proposals")
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
