package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
)

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
// payments (uncollected, a column derived from the status: migration 00023). It adds in Go: SQLite keeps amounts as text, which its SUM would round. A
// payer has at most a state's worth of locks in flight, so the rows are few.
func (h *HubTx) Uncollected(ctx context.Context) (wei, token *big.Int, err error) {
	rows, err := h.s.query(ctx, h.tx, `SELECT amount_wei, amount_token FROM hub_payments
		WHERE contract = $1 AND payer = $2 AND uncollected`, h.contract[:], h.user[:])
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

// OpenPayments returns the payments not yet completed or refunded (open, a column derived
// from the status: migration 00023).
func (s *Store) OpenPayments(ctx context.Context, contract common.Address) ([]store.Payment, error) {
	return s.queryPayments(ctx, `SELECT `+paymentColumns+` FROM hub_payments WHERE contract = $1
		AND open ORDER BY id`, contract[:])
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
