package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/storetest"
)

// TestStatesMigration9 upgrades states deposited under version 8 (JSON, receipts kept
// apart, every one of them) on both backends: each channel keeps its latest state, read
// back unchanged, and its latest receipt, given again for a repeated deposit; older
// receipts are gone; the channel's next deposit replaces its row with the compact form.
func TestStatesMigration9(t *testing.T) {
	ctx := context.Background()
	contract, user := common.Address{0xc0}, common.Address{0x05}
	for _, backend := range storetest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			url := backend.URL(t)
			db, num := atVersion(t, url, 8)
			s := channel.NewState(user)
			s.Nonce.SetInt64(7)
			s.OnchainNonce.SetInt64(2)
			s.WeiBalances = [2]*big.Int{big.NewInt(3), new(big.Int).Lsh(big.NewInt(1), 100)}
			s.LocksRoot = common.Hash{0x10}
			stateJSON, _ := json.Marshal(s)
			digest := common.Hash{0xd7}
			if _, err := db.ExecContext(ctx, `INSERT INTO channel_states (contract, user_addr, nonce, digest, state, sig_hub, sig_user, received_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, contract[:], user[:], num(7), digest[:], string(stateJSON), []byte{1}, []byte{2},
				time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
			for _, n := range []int64{6, 7} { // the receipt of nonce 6 was never pruned
				if _, err := db.ExecContext(ctx, `INSERT INTO receipts (contract, user_addr, nonce, digest, issued_at, tower, signature)
					VALUES ($1, $2, $3, $4, $5, $6, $7)`, contract[:], user[:], num(n), digest[:], 1000+n, common.Address{0x70}.Bytes(),
					[]byte{byte(n)}); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()

			st := storetest.Open(t, url) // migrates to the latest version
			got, err := st.State(ctx, contract, user)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(s)
			have, _ := json.Marshal(got.State)
			if string(have) != string(want) || got.Digest != digest || string(got.SigHub) != "\x01" || string(got.SigUser) != "\x02" {
				t.Fatalf("state after the upgrade: %s %+v, want %s", have, got, want)
			}
			r, created, err := st.PutState(ctx, store.StoredState{Contract: contract, State: s, Digest: digest, SigHub: []byte{1}, SigUser: []byte{2}},
				channel.Receipt{IssuedAt: 1})
			if err != nil || created || r.IssuedAt != 1007 || r.Tower != (common.Address{0x70}) || string(r.Signature) != "\x07" {
				t.Fatalf("the stored state again: %+v created %v err %v, want the receipt of nonce 7", r, created, err)
			}
			s8 := s.Clone()
			s8.Nonce.SetInt64(8)
			if _, created, err := st.PutState(ctx, store.StoredState{Contract: contract, State: s8, Digest: common.Hash{0xd8},
				SigHub: []byte{1}, SigUser: []byte{2}}, channel.Receipt{IssuedAt: 2, Signature: []byte{8}}); err != nil || !created {
				t.Fatalf("the next deposit: created %v err %v", created, err)
			}
			if got, err := st.State(ctx, contract, user); err != nil || got.State.Nonce.Int64() != 8 || got.State.WeiBalances[1].Cmp(s.WeiBalances[1]) != 0 {
				t.Fatalf("after the next deposit: %+v %v", got.State, err)
			}
			if err := st.Exec(ctx, `SELECT 1 FROM receipts`); err == nil || errors.Is(err, sql.ErrNoRows) {
				t.Fatalf("the receipts table survived the upgrade: %v", err)
			}
		})
	}
}
