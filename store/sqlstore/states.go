package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
)

// PutState stores st as the latest state of its channel together with the receipt the
// tower signed for it, if its nonce is above the stored one and not below the channel's
// on-chain nonce. Depositing the stored state again returns the receipt issued the first
// time (created is false). A lower nonce fails with store.ErrStaleNonce, a different state
// at the stored nonce with store.ErrNonceConflict, a nonce below the on-chain one with
// store.ErrBelowOnchain; none changes anything. It is PutStates for one deposit.
func (s *Store) PutState(ctx context.Context, st store.StoredState, r channel.Receipt) (channel.Receipt, bool, error) {
	res, err := s.PutStates(ctx, []store.Deposit{{State: st, Receipt: r}})
	if err != nil {
		return channel.Receipt{}, false, err
	}
	return res[0].Receipt, res[0].Created, res[0].Err
}

// PutStates stores each deposit as PutState does, one after another in order, and
// returns what became of each. Concurrent calls are group-committed: their deposits are
// written together, as if the calls came one after another, and each call returns once
// what it wrote is durable.
// The error is for the whole call (the database failed, ctx ended): then any of the
// deposits may or may not be stored, and none is acknowledged.
func (s *Store) PutStates(ctx context.Context, deps []store.Deposit) ([]store.DepositResult, error) {
	j := &depositJob{deps: deps, res: make([]store.DepositResult, len(deps)), rows: make([]depositRow, len(deps)),
		done: make(chan struct{})}
	for i, d := range deps {
		if d.State.State == nil || d.State.State.Nonce == nil {
			return nil, fmt.Errorf("put state %d: %w: no state or nonce", i, channel.ErrInvalidField)
		}
		enc, err := encodeState(d.State.State)
		if err != nil {
			return nil, fmt.Errorf("put state %d: %w", i, err)
		}
		locks, err := encodeLocks(d.State.Locks)
		if err != nil {
			return nil, fmt.Errorf("put state %d: %w", i, err)
		}
		j.rows[i] = depositRow{dep: &deps[i], res: &j.res[i], enc: enc, locks: locks, admit: d.MaxUnseen <= 0}
	}
	if len(deps) == 0 {
		return j.res, nil
	}
	return s.commits().submit(ctx, j)
}

// depositRow is one deposit on its way to the database.
type depositRow struct {
	dep   *store.Deposit
	res   *store.DepositResult
	enc   []byte // the state's compact form
	locks []byte // its locks' compact form, nil when not given
	// admit lets the row create a channel neither held nor seen on-chain: set when the
	// deposit has no quota, or once the quota has room for it.
	admit bool
}

func (r *depositRow) key() [2]common.Address {
	return [2]common.Address{r.dep.State.Contract, r.dep.State.State.User}
}

func (r *depositRow) nonce() *big.Int { return r.dep.State.State.Nonce }

// depositsPerStatement bounds the rows of one upsert: a statement is prepared once per
// row count and kept, so that PostgreSQL and SQLite parse and plan it once.
const depositsPerStatement = 100

// writeDeposits writes the rows of one group and fills in their results, as if each row
// had been put on its own, in order. Rows go in layers — every channel's first row of the
// group, then every second one, … — each layer in statements of up to
// depositsPerStatement rows, each committing on its own: a row does not depend on another
// channel's, and what a statement leaves out is judged by what is stored once it has
// committed, which only ever grows. A statement writes a row only if its nonce is above
// the stored one and not below the on-chain one. Committing every hundred rows also lets
// PostgreSQL prune the versions a statement replaced before the next one, so that updates
// stay on their page (HOT) and a table does not grow with them.
func (s *Store) writeDeposits(ctx context.Context, rows []*depositRow) error {
	var layers [][]*depositRow
	depth := map[[2]common.Address]int{}
	for _, r := range rows {
		d := depth[r.key()]
		depth[r.key()]++
		if d == len(layers) {
			layers = append(layers, nil)
		}
		layers[d] = append(layers[d], r)
	}
	for _, layer := range layers {
		if err := s.writeLayer(ctx, layer); err != nil {
			return err
		}
	}
	return s.writeLocks(ctx, rows)
}

// writeLocks keeps, after the rows are written, what their deposits carried beside the
// state (held_locks, held_secrets): for a state with locks, its row of held_locks — with
// its lock list when the deposit brought it, or an earlier state with the same locks root
// had it (the same root commits to the same list), filled in by a later deposit of the
// state, never erased by one without —, and the deposit's secrets. It runs only for
// states with locks and deposits with secrets, so the usual deposit costs no statement
// more. A newer locked state drops the channel's rows of older states, but for the one
// its on-chain view holds and those a Settled event paid out; one stored with its lock
// list drops the secrets of other locks, so that a channel holds at most the secrets of
// one lock list (wire.MaxLocks) plus those brought with it. A deposit whose rows a crash
// left unwritten was not acknowledged; sent again, it writes them.
func (s *Store) writeLocks(ctx context.Context, rows []*depositRow) error {
	for _, r := range rows {
		d := r.dep
		st := d.State
		locked := st.State.LocksRoot != (common.Hash{})
		if r.res.Err != nil || (!locked && len(d.Secrets) == 0) {
			continue
		}
		c, u, n := st.Contract[:], st.State.User[:], s.num(st.State.Nonce)
		if locked {
			if _, err := s.w.ExecContext(ctx, `INSERT INTO held_locks (contract, user_addr, nonce, state, locks_root, locks)
				VALUES ($1, $2, $3, $4, $5, COALESCE($6, (SELECT h.locks FROM held_locks h
					WHERE h.contract = $1 AND h.user_addr = $2 AND h.locks_root = $5 AND h.locks IS NOT NULL LIMIT 1)))
				ON CONFLICT (contract, user_addr, nonce) DO UPDATE SET locks = COALESCE(held_locks.locks, EXCLUDED.locks)`,
				c, u, n, r.enc, st.State.LocksRoot[:], r.locks); err != nil {
				return fmt.Errorf("store the locks of %s/%s: %w", st.Contract, st.State.User, err)
			}
			if r.res.Created {
				if _, err := s.w.ExecContext(ctx, `DELETE FROM held_locks WHERE contract = $1 AND user_addr = $2 AND nonce < $3
					AND NOT EXISTS (SELECT 1 FROM channels ch WHERE ch.contract = $1 AND ch.user_addr = $2 AND ch.nonce = held_locks.nonce)
					AND NOT EXISTS (SELECT 1 FROM chain_events e WHERE e.contract = $1 AND e.user_addr = $2 AND e.name = 'Settled'
						AND e.nonce = held_locks.nonce)`, c, u, n); err != nil {
					return fmt.Errorf("drop older locks of %s/%s: %w", st.Contract, st.State.User, err)
				}
			}
		}
		if r.res.Created && r.locks != nil {
			// A newer state whose lock list is known: secrets of locks it does not hold go.
			q := `DELETE FROM held_secrets WHERE contract = $1 AND user_addr = $2 AND hashlock NOT IN (`
			args := []any{c, u}
			for i, l := range st.Locks {
				if i > 0 {
					q += ", "
				}
				args = append(args, l.Hashlock.Bytes())
				q += fmt.Sprintf("$%d", len(args))
			}
			q += ")"
			if _, err := s.w.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("drop the secrets of %s/%s: %w", st.Contract, st.State.User, err)
			}
		}
		if len(d.Secrets) == 0 {
			continue
		}
		q := `INSERT INTO held_secrets (contract, user_addr, hashlock, sealed, expiry) VALUES `
		args := []any{c, u}
		for i, sec := range d.Secrets {
			if i > 0 {
				q += ", "
			}
			args = append(args, sec.Hashlock.Bytes(), sec.Sealed, int64(sec.Expiry))
			q += fmt.Sprintf("($1, $2, $%d, $%d, $%d)", len(args)-2, len(args)-1, len(args))
		}
		if _, err := s.w.ExecContext(ctx, q+` ON CONFLICT DO NOTHING`, args...); err != nil {
			return fmt.Errorf("store the secrets of %s/%s: %w", st.Contract, st.State.User, err)
		}
	}
	return nil
}

// execer runs statements: the writer pool, or a transaction.
type execer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// writeLayer writes rows of distinct channels and fills in their results.
func (s *Store) writeLayer(ctx context.Context, rows []*depositRow) error {
	// Writers lock rows in key order: concurrent statements never deadlock.
	slices.SortFunc(rows, func(a, b *depositRow) int {
		ka, kb := a.key(), b.key()
		if c := bytes.Compare(ka[0][:], kb[0][:]); c != 0 {
			return c
		}
		return bytes.Compare(ka[1][:], kb[1][:])
	})
	for attempt := 0; len(rows) > 0; attempt++ {
		if attempt == 5 {
			return fmt.Errorf("store states: %d rows neither written nor refused after %d attempts", len(rows), attempt)
		}
		written := map[[2]common.Address]bool{}
		for chunk := range slices.Chunk(rows, depositsPerStatement) {
			if err := s.upsertStates(ctx, chunk, written); err != nil {
				return fmt.Errorf("store states: %w", err)
			}
		}
		var left []*depositRow
		var keys [][2]common.Address
		for _, r := range rows {
			if written[r.key()] {
				*r.res = store.DepositResult{Receipt: r.dep.Receipt, Created: true}
			} else {
				left = append(left, r)
				keys = append(keys, r.key())
			}
		}
		if len(left) == 0 {
			return nil
		}
		onchain, err := s.onchainNonces(ctx, s.w, keys)
		if err != nil {
			return err
		}
		stored, err := s.storedReceipts(ctx, s.w, keys)
		if err != nil {
			return err
		}
		rows = rows[:0]
		quota := unseenQuota{s: s, count: map[common.Address]int64{}}
		for _, r := range left {
			k, n := r.key(), r.nonce()
			c, held := stored[k]
			switch {
			case onchain[k] != nil && n.Cmp(onchain[k]) < 0:
				r.res.Err = fmt.Errorf("state nonce %s, on-chain %s: %w", n, onchain[k], store.ErrBelowOnchain)
			case !held && onchain[k] == nil && !r.admit:
				// A channel neither held nor seen: it takes a place of its contract's quota.
				room, held, err := quota.take(ctx, k[0], r.dep.MaxUnseen)
				if err != nil {
					return err
				}
				if !room {
					r.res.Err = fmt.Errorf("channel %s/%s is not seen on-chain and the contract holds %d such channels: %w",
						k[0], k[1], held, store.ErrUnseenQuota)
					continue
				}
				r.admit = true
				rows = append(rows, r)
			case !held || n.Cmp(c.nonce) > 0:
				rows = append(rows, r) // kept out by what has changed since (a reorg): again
			case n.Cmp(c.nonce) < 0:
				r.res.Err = fmt.Errorf("state nonce %s, stored %s: %w", n, c.nonce, store.ErrStaleNonce)
			case c.digest != r.dep.State.Digest:
				r.res.Err = fmt.Errorf("state nonce %s: %w", n, store.ErrNonceConflict)
			case c.err != nil:
				r.res.Err = c.err
			default: // the stored state again: its first receipt
				*r.res = store.DepositResult{Receipt: c.receipt}
			}
		}
	}
	return nil
}

// depositTypes are the PostgreSQL types of the columns upsertStates binds per row: the
// values come through a VALUES list, whose parameters PostgreSQL does not type from the
// target columns.
var depositTypes = []string{"bytea", "bytea", "numeric", "bytea", "bytea", "bytea", "bytea", "timestamptz", "bigint", "bytea", "bytea", "boolean"}

// upsertSQL is the upsert of n rows: each row is written if its nonce is above its
// channel's stored nonce and not below its on-chain nonce, and, for a channel neither held
// nor seen on-chain, if it is admitted (the last value of its row); the statement returns
// the channels it wrote. A row of a channel not seen on-chain keeps the time such a row
// was first written (unseen_since); a row of a seen one clears it.
func (s *Store) upsertSQL(n int) string {
	var q strings.Builder
	q.WriteString(`INSERT INTO channel_states (contract, user_addr, nonce, digest, state, sig_hub, sig_user, received_at,
			receipt_issued_at, receipt_tower, receipt_sig, unseen_since)
		SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8,
			v.column9, v.column10, v.column11, CASE WHEN c.contract IS NULL THEN v.column8 END
		FROM (VALUES `)
	p := 1
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for j, typ := range depositTypes {
			if j > 0 {
				q.WriteString(", ")
			}
			fmt.Fprintf(&q, "$%d", p)
			p++
			if s.d.name == postgres.name {
				q.WriteString("::" + typ)
			}
		}
		q.WriteByte(')')
	}
	q.WriteString(`) AS v
		LEFT JOIN channels c ON c.contract = v.column1 AND c.user_addr = v.column2
		WHERE (c.contract IS NULL OR c.nonce <= v.column3)
			AND (c.contract IS NOT NULL OR v.column12
				OR EXISTS (SELECT 1 FROM channel_states h WHERE h.contract = v.column1 AND h.user_addr = v.column2))
		ON CONFLICT (contract, user_addr) DO UPDATE SET nonce = EXCLUDED.nonce, digest = EXCLUDED.digest,
			state = EXCLUDED.state, state_json = NULL, sig_hub = EXCLUDED.sig_hub, sig_user = EXCLUDED.sig_user,
			received_at = EXCLUDED.received_at, superseded = FALSE,
			receipt_issued_at = EXCLUDED.receipt_issued_at, receipt_tower = EXCLUDED.receipt_tower,
			receipt_sig = EXCLUDED.receipt_sig,
			unseen_since = CASE WHEN EXCLUDED.unseen_since IS NULL THEN NULL
				ELSE COALESCE(channel_states.unseen_since, EXCLUDED.unseen_since) END
		WHERE channel_states.nonce < EXCLUDED.nonce
		RETURNING contract, user_addr`)
	return q.String()
}

// upsertStmt returns the prepared upsert of n rows, preparing and keeping it on first use
// (outside any transaction: PutStates writes in statements of their own).
func (s *Store) upsertStmt(ctx context.Context, n int) (*sql.Stmt, error) {
	s.stmtMu.Lock()
	st := s.upserts[n]
	s.stmtMu.Unlock()
	if st != nil {
		return st, nil
	}
	st, err := s.w.PrepareContext(ctx, s.upsertSQL(n))
	if err != nil {
		return nil, err
	}
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if kept := s.upserts[n]; kept != nil {
		st.Close()
		return kept, nil
	}
	if s.upserts == nil {
		s.upserts = map[int]*sql.Stmt{}
	}
	s.upserts[n] = st
	return st, nil
}

// upsertStates writes rows in one statement and records the channels it wrote.
func (s *Store) upsertStates(ctx context.Context, rows []*depositRow, written map[[2]common.Address]bool) error {
	st, err := s.upsertStmt(ctx, len(rows))
	if err != nil {
		return err
	}
	args := make([]any, 0, len(rows)*len(depositTypes))
	now := now()
	for _, r := range rows {
		d, rc := &r.dep.State, &r.dep.Receipt
		args = append(args, d.Contract[:], d.State.User[:], s.num(d.State.Nonce), d.Digest[:], r.enc,
			d.SigHub, d.SigUser, now, int64(rc.IssuedAt), rc.Tower[:], []byte(rc.Signature), r.admit)
	}
	rs, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		var c, u []byte
		if err := rs.Scan(&c, &u); err != nil {
			return err
		}
		written[[2]common.Address{common.BytesToAddress(c), common.BytesToAddress(u)}] = true
	}
	return rs.Err()
}

// byContract groups channel keys by contract, for queries of the form contract = $1 AND
// user_addr IN (…), which both dialects plan as index lookups.
func byContract(keys [][2]common.Address) map[common.Address][]common.Address {
	out := map[common.Address][]common.Address{}
	for _, k := range keys {
		out[k[0]] = append(out[k[0]], k[1])
	}
	return out
}

// usersIn runs q (with $1 the contract and the users' placeholders in place of USERS) for
// each contract's users, in chunks under the parameter limit, and calls scan on each row.
func (s *Store) usersIn(ctx context.Context, db execer, keys [][2]common.Address, q string, scan func(common.Address, *sql.Rows) error) error {
	for contract, users := range byContract(keys) {
		for chunk := range slices.Chunk(users, s.d.maxParams-1) {
			args := make([]any, 0, len(chunk)+1)
			args = append(args, contract[:])
			for _, u := range chunk {
				args = append(args, u[:])
			}
			rs, err := db.QueryContext(ctx, strings.Replace(q, "USERS", placeholders(2, len(chunk)), 1), args...)
			if err != nil {
				return err
			}
			for rs.Next() {
				if err := scan(contract, rs); err != nil {
					rs.Close()
					return err
				}
			}
			rs.Close()
			if err := rs.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// onchainNonces reads the on-chain nonce of each channel the indexer has seen.
func (s *Store) onchainNonces(ctx context.Context, db execer, keys [][2]common.Address) (map[[2]common.Address]*big.Int, error) {
	out := map[[2]common.Address]*big.Int{}
	err := s.usersIn(ctx, db, keys, `SELECT user_addr, nonce FROM channels WHERE contract = $1 AND user_addr IN (USERS)`,
		func(contract common.Address, rs *sql.Rows) error {
			var u []byte
			var n string
			if err := rs.Scan(&u, &n); err != nil {
				return err
			}
			out[[2]common.Address{contract, common.BytesToAddress(u)}] = parseNum(n)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read on-chain nonces: %w", err)
	}
	return out, nil
}

// storedReceipt is a stored state's nonce and digest with the receipt issued for it.
type storedReceipt struct {
	nonce   *big.Int
	digest  common.Hash
	receipt channel.Receipt
	err     error // the receipt cannot be given back
}

// storedReceipts reads the stored states of channels with their receipts.
func (s *Store) storedReceipts(ctx context.Context, db execer, keys [][2]common.Address) (map[[2]common.Address]storedReceipt, error) {
	out := map[[2]common.Address]storedReceipt{}
	err := s.usersIn(ctx, db, keys, `SELECT user_addr, nonce, digest, receipt_issued_at, receipt_tower, receipt_sig
		FROM channel_states WHERE contract = $1 AND user_addr IN (USERS)`,
		func(contract common.Address, rs *sql.Rows) error {
			var u, digest, tower, sig []byte
			var n string
			var issued sql.NullInt64
			if err := rs.Scan(&u, &n, &digest, &issued, &tower, &sig); err != nil {
				return err
			}
			user := common.BytesToAddress(u)
			sr := storedReceipt{nonce: parseNum(n), digest: common.BytesToHash(digest)}
			sr.receipt = channel.Receipt{Contract: contract, User: user, Nonce: channel.Amount{V: sr.nonce}, StateDigest: sr.digest,
				IssuedAt: uint64(issued.Int64), Tower: common.BytesToAddress(tower), Signature: sig}
			if !issued.Valid || sig == nil {
				sr.err = fmt.Errorf("receipt for %s/%s nonce %s: none stored", contract, user, sr.nonce)
			}
			out[[2]common.Address{contract, user}] = sr
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("read stored states: %w", err)
	}
	return out, nil
}

// State returns the latest deposited state of a channel, or store.ErrNotFound.
func (s *Store) State(ctx context.Context, contract, user common.Address) (store.StoredState, error) {
	st := store.StoredState{Contract: contract}
	var nonce string
	var digest, enc, stateJSON, locks []byte
	var received time.Time
	err := s.db.QueryRowContext(ctx, `SELECT s.nonce, s.digest, s.state, s.state_json, s.sig_hub, s.sig_user, s.received_at, s.superseded, h.locks
		FROM channel_states s LEFT JOIN held_locks h ON h.contract = s.contract AND h.user_addr = s.user_addr AND h.nonce = s.nonce
		WHERE s.contract = $1 AND s.user_addr = $2`, contract[:], user[:]).
		Scan(&nonce, &digest, &enc, &stateJSON, &st.SigHub, &st.SigUser, &received, &st.Superseded, &locks)
	if err == sql.ErrNoRows {
		return st, fmt.Errorf("state of %s/%s: %w", contract, user, store.ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("state of %s/%s: %w", contract, user, err)
	}
	st.Digest, st.ReceivedAt = common.BytesToHash(digest), received
	if enc != nil {
		st.State, err = decodeState(user, parseNum(nonce), enc)
	} else { // deposited before version 9
		st.State = new(channel.State)
		err = json.Unmarshal(stateJSON, st.State)
	}
	if err == nil {
		st.Locks, err = decodeLocks(locks)
	}
	if err != nil {
		return st, fmt.Errorf("decode stored state of %s/%s: %w", contract, user, err)
	}
	return st, nil
}
