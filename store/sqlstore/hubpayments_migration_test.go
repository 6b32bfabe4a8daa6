package sqlstore_test

import (
	"context"
	"database/sql"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/storetest"
)

// TestHubPaymentsMigration23 upgrades payments recorded under version 22 on both
// backends: the sweep still finds the open ones and the payer's cap still sums the
// uncollected ones, through the indexes on the columns derived from the status. On
// PostgreSQL no index names the status any more, so that a move from locked to
// forwarded to claimed is a HOT update, and the indexes are used for the two queries.
func TestHubPaymentsMigration23(t *testing.T) {
	ctx := context.Background()
	contract, payer, payee := common.Address{0xc0}, common.Address{0x05}, common.Address{0x06}
	statuses := []string{store.PayLocked, store.PayForwarded, store.PayClaimed, store.PayCompleted, store.PayRefunded, store.PayFailed}
	for _, backend := range storetest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			url := backend.URL(t)
			db, num := atVersion(t, url, 22)
			defer db.Close()
			for i, status := range statuses {
				if _, err := db.ExecContext(ctx, `INSERT INTO hub_payments (contract, hashlock, payer, payee, amount_wei, amount_token,
					payer_expiry, payee_expiry, sealed_secret, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 100, 90, $7, $8, $9)`,
					contract[:], common.Hash{byte(i + 1)}.Bytes(), payer[:], payee[:], num(int64(1)<<i), num(0), []byte{1}, status,
					time.Now().UTC()); err != nil {
					t.Fatal(err)
				}
			}

			st := storetest.Open(t, url) // migrates to the latest version
			open, err := st.OpenPayments(ctx, contract)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range open {
				got = append(got, p.Status)
			}
			if strings.Join(got, ",") != "locked,forwarded,claimed,failed" {
				t.Fatalf("open payments after the upgrade: %v, want locked, forwarded, claimed and failed", got)
			}
			if err := st.HubChannel(ctx, contract, payer, func(tx store.HubTx) error {
				wei, token, err := tx.Uncollected(ctx)
				if err != nil {
					return err
				}
				if wei.Cmp(big.NewInt(1+2+4)) != 0 || token.Sign() != 0 {
					t.Errorf("uncollected after the upgrade: %s wei %s token, want 7 wei (locked, forwarded, claimed)", wei, token)
				}
				ok, err := tx.SetPayment(ctx, contract, common.Hash{1}, store.PayCompleted, nil, store.PayLocked)
				if !ok || err != nil {
					t.Errorf("complete the locked payment: %v %v", ok, err)
				}
				if wei, _, err = tx.Uncollected(ctx); err != nil || wei.Int64() != 2+4 {
					t.Errorf("uncollected once the locked payment completed: %s %v, want 6", wei, err)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if backend.Name == "postgres" {
				checkHOT(t, db, contract, payer)
			}
		})
	}
}

// checkHOT checks that no index of hub_payments names its status, that a move between
// uncollected statuses is a HOT update, and that the sweep's and the cap's queries use
// their partial indexes.
func checkHOT(t *testing.T, db *sql.DB, contract, payer common.Address) {
	ctx := context.Background()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'hub_payments' AND indexdef LIKE '%status%'`).
		Scan(&n); err != nil || n != 0 {
		t.Fatalf("indexes of hub_payments naming its status: %d %v, want none", n, err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, status := range []string{store.PayClaimed, store.PayForwarded} { // the payment forwarded before the upgrade
		if _, err := tx.ExecContext(ctx, `UPDATE hub_payments SET status = $1, updated_at = CURRENT_TIMESTAMP WHERE hashlock = $2`,
			status, common.Hash{2}.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	var upd, hot int
	if err := tx.QueryRowContext(ctx, `SELECT pg_stat_get_xact_tuples_updated('hub_payments'::regclass),
		pg_stat_get_xact_tuples_hot_updated('hub_payments'::regclass)`).Scan(&upd, &hot); err != nil {
		t.Fatal(err)
	}
	if upd != 2 || hot != 2 {
		t.Fatalf("status moves between forwarded and claimed: %d updates, %d HOT, want both HOT", upd, hot)
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	for q, index := range map[string]string{
		`SELECT id FROM hub_payments WHERE contract = $1 AND open AND $2::bytea IS NOT NULL ORDER BY id`: "hub_payments_open",
		`SELECT amount_wei FROM hub_payments WHERE contract = $1 AND payer = $2 AND uncollected`:         "hub_payments_uncollected",
	} {
		var plan strings.Builder
		rows, err := tx.QueryContext(ctx, `EXPLAIN `+q, contract[:], payer[:])
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan.WriteString(line + "\n")
		}
		rows.Close()
		if !strings.Contains(plan.String(), index) {
			t.Errorf("%s\nplanned without %s:\n%s", q, index, plan.String())
		}
	}
}
