package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/pressly/goose/v3"

	"github.com/vigil-hub/vigil/migrations"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/store/storetest"
)

// TestOutboxMigration6 upgrades an outbox written by version 5 on both backends: its
// entries and attempts survive (SQLite rebuilds the tables), every entry is the first arm
// of its key, a key that already has an entry can be armed again, and an entry given up
// while holding an unsigned account nonce is queued again so that the nonce gets filled.
func TestOutboxMigration6(t *testing.T) {
	ctx := context.Background()
	contract, user, sender := common.Address{0xc0}, common.Address{0x05}, common.Address{0x5e}
	for _, backend := range storetest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			url := backend.URL(t)
			db, num := atVersion(t, url, 5)
			insert := `INSERT INTO outbox (chain_id, contract, user_addr, nonce, kind, sender, calldata, deadline, window_start, status, account_nonce)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10)`
			for _, row := range [][]any{
				{num(1), contract[:], user[:], num(4), "challenge", sender[:], []byte{1}, 100, "sent", 0},
				{num(1), contract[:], user[:], num(9), "challenge", sender[:], []byte{1}, 100, "cancelled", nil},
				{num(1), contract[:], user[:], num(7), "challenge", sender[:], []byte{1}, 100, "failed", 1}, // nonce 1 abandoned
			} {
				if _, err := db.ExecContext(ctx, insert, row...); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO outbox_attempts (outbox_id, tx_hash, fee_cap, tip_cap, raw_tx, head_number, signed_at)
				VALUES (1, $1, $2, $2, $3, 3, CURRENT_TIMESTAMP)`, common.Hash{0xaa}.Bytes(), num(5), []byte{0xbe}); err != nil {
				t.Fatal(err)
			}
			db.Close()

			st := storetest.Open(t, url) // migrates to the latest version
			txs, err := st.ChannelTxs(ctx, contract, user)
			if err != nil {
				t.Fatal(err)
			}
			if len(txs) != 3 || txs[0].Status != store.TxSent || len(txs[0].Attempts) != 1 || txs[0].Attempts[0].Hash != (common.Hash{0xaa}) ||
				txs[0].Arm != 0 || txs[0].AccountNonce == nil || *txs[0].AccountNonce != 0 {
				t.Fatalf("entries after the upgrade: %+v", txs)
			}
			if txs[2].Status != store.TxQueued || txs[2].AccountNonce == nil || *txs[2].AccountNonce != 1 {
				t.Fatalf("the entry that abandoned nonce 1: %+v, want queued again holding it", txs[2])
			}
			// The cancelled key is armed again; the attempts table still refers to outbox.
			id, created, err := st.Enqueue(ctx, store.Intent{ChainID: big.NewInt(1), Contract: contract, User: user, Nonce: big.NewInt(9),
				Kind: store.KindChallenge, Sender: sender, Calldata: []byte{1}, Deadline: 100})
			if err != nil || !created {
				t.Fatalf("re-arming the cancelled key: %d %v %v", id, created, err)
			}
			if err := st.AddAttempt(ctx, id, store.Attempt{Hash: common.Hash{0xbb}, FeeCap: big.NewInt(1), TipCap: big.NewInt(1), Raw: []byte{1}}); err != nil {
				t.Fatal(err)
			}
			if err := st.AddAttempt(ctx, 999, store.Attempt{Hash: common.Hash{0xcc}, FeeCap: big.NewInt(1), TipCap: big.NewInt(1), Raw: []byte{1}}); err == nil {
				t.Fatal("an attempt of no entry was accepted: the foreign key is gone")
			}
		})
	}
}

// TestOutboxMigration21 upgrades an outbox written by version 20 on both backends: an
// entry cancelled because the contract refused its call, which only its last_error said,
// carries the refusal in its typed field and still stands for its dispute; another
// cancelled entry has none and is armed again.
func TestOutboxMigration21(t *testing.T) {
	ctx := context.Background()
	contract, sender := common.Address{0xc0}, common.Address{0x5e}
	refused, reorged := common.Address{0x21}, common.Address{0x22}
	const why = "BalanceMismatch(stateTotal: 11, channelTotal: 10)"
	for _, backend := range storetest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			url := backend.URL(t)
			db, num := atVersion(t, url, 20)
			for _, row := range [][]any{{refused[:], "cannot succeed: " + why}, {reorged[:], "exit reorged out"}} {
				if _, err := db.ExecContext(ctx, `INSERT INTO outbox (chain_id, contract, user_addr, nonce, kind, sender, calldata, deadline,
					window_start, status, last_error) VALUES ($1, $2, $3, $4, 'challenge', $5, $6, 100, 1, 'cancelled', $7)`,
					num(1), contract[:], row[0], num(4), sender[:], []byte{1}, row[1]); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()

			st := storetest.Open(t, url) // migrates to the latest version
			for _, c := range []struct {
				user    common.Address
				refused string
				stands  bool
			}{{refused, why, true}, {reorged, "", false}} {
				txs, err := st.ChannelTxs(ctx, contract, c.user)
				if err != nil || len(txs) != 1 {
					t.Fatalf("entries of %s after the upgrade: %+v %v", c.user, txs, err)
				}
				if txs[0].Refused != c.refused {
					t.Errorf("entry of %s refused %q after the upgrade, want %q", c.user, txs[0].Refused, c.refused)
				}
				_, created, err := st.Enqueue(ctx, store.Intent{ChainID: big.NewInt(1), Contract: contract, User: c.user, Nonce: big.NewInt(4),
					Kind: store.KindChallenge, Sender: sender, Calldata: []byte{1}, Deadline: 100})
				if err != nil || created == c.stands {
					t.Errorf("queueing %s's challenge again in the same dispute: created %v (%v), want created %v", c.user, created, err, !c.stands)
				}
			}
		})
	}
}

// atVersion opens the database url names as the migrations up to version left it, for
// a test to write what that version's store wrote before the store upgrades it; num
// writes a number as that backend's store does (SQLite's padded to 78 digits to sort).
func atVersion(t *testing.T, url string, version int64) (*sql.DB, func(int64) any) {
	t.Helper()
	driver, dialect, fsys, dsn := "postgres", goose.DialectPostgres, migrations.Postgres, url
	num := func(n int64) any { return big.NewInt(n).String() }
	if path, ok := sqlstore.SQLitePath(url); ok {
		driver, dialect, fsys, dsn = "sqlite", goose.DialectSQLite3, migrations.SQLite, path
		num = func(n int64) any { return fmt.Sprintf("%078d", n) }
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(dialect, db, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return db, num
}
