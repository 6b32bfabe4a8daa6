package sqlstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/store/storetest"
)

// TestHubStatesMigration24 upgrades hub states written as JSON under version 23 on both
// backends: final and with a timeout, with locks and without, co-signed or not, of
// channels whose newest state is final, an open proposal or an unsigned one. Every one
// reads back unchanged through each of the store's reads, the reconciler's two lists
// still tell final states from proposals, an old row can still be co-signed, and the
// next state is stored compactly beside the old ones.
func TestHubStatesMigration24(t *testing.T) {
	ctx := context.Background()
	contract := common.Address{0xc0}
	a, b, c := common.Address{0x05}, common.Address{0x06}, common.Address{0x07}
	mk := func(u common.Address, nonce, timeout int64, nlocks int, cosigned bool) store.HubState {
		s := channel.NewState(u)
		s.Nonce.SetInt64(nonce)
		s.Timeout.SetInt64(timeout)
		s.WeiBalances = [2]*big.Int{big.NewInt(nonce), new(big.Int).Lsh(big.NewInt(1), 200)}
		s.TokenBalances[channel.User].SetInt64(7)
		hs := store.HubState{Kind: "pay", Detail: json.RawMessage(fmt.Sprintf(`{"n": %d}`, nonce)), State: s,
			Locks: []channel.Lock{}, SigHub: []byte{0x0b, byte(nonce)}}
		for i := range nlocks {
			hs.Locks = append(hs.Locks, channel.Lock{Index: uint32(i), Sender: uint8(i % 2), AmountWei: big.NewInt(3),
				AmountToken: big.NewInt(int64(i)), Hashlock: common.Hash{byte(nonce), byte(i)}, Expiry: big.NewInt(99)})
		}
		if nlocks > 0 {
			s.LocksRoot = common.Hash{0x10, byte(nonce)}
		}
		if cosigned {
			hs.SigUser = []byte{0x0a, byte(nonce)}
		}
		return hs
	}
	recipient := mk(a, 1, 0, 2, true)
	recipient.State.Recipient = common.Address{0xee}
	states := map[common.Address][]store.HubState{
		a: {recipient, mk(a, 2, 500, 1, true), mk(a, 3, 0, 0, false)}, // co-signed 2, a proposal; 3 unsigned
		b: {mk(b, 1, 0, 0, true)},                                     // final
		c: {mk(c, 1, 700, 3, true)},                                   // an open proposal
	}
	cosignedAt := map[common.Address]int64{a: 2, b: 1, c: 1}
	for _, backend := range storetest.Backends() {
		t.Run(backend.Name, func(t *testing.T) {
			url := backend.URL(t)
			db, num := atVersion(t, url, 23)
			defer db.Close()
			for u, hss := range states {
				for _, hs := range hss {
					stateJSON, _ := json.Marshal(hs.State)
					locksJSON, _ := json.Marshal(hs.Locks)
					if _, err := db.ExecContext(ctx, `INSERT INTO hub_states (contract, user_addr, nonce, kind, detail, state, locks, sig_hub, sig_user)
						VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, contract[:], u[:], num(hs.State.Nonce.Int64()), hs.Kind, string(hs.Detail),
						string(stateJSON), string(locksJSON), hs.SigHub, hs.SigUser); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := db.ExecContext(ctx, `INSERT INTO hub_channels (contract, user_addr, latest_nonce, cosigned_nonce)
					VALUES ($1, $2, $3, $4)`, contract[:], u[:], num(int64(len(hss))), num(cosignedAt[u])); err != nil {
					t.Fatal(err)
				}
			}

			st := storetest.Open(t, url) // migrates to the latest version
			for u, hss := range states {
				_, got, err := st.HubStates(ctx, contract, u, big.NewInt(1))
				if err != nil || len(got) != len(hss) {
					t.Fatalf("states of %s after the upgrade: %d, %v; want %d", u, len(got), err, len(hss))
				}
				for i := range hss {
					same(t, fmt.Sprintf("HubStates(%s)[%d]", u, i), got[i], hss[i])
				}
				cos, err := st.HubCosigned(ctx, contract, u)
				if err != nil {
					t.Fatal(err)
				}
				same(t, fmt.Sprintf("HubCosigned(%s)", u), cos, hss[cosignedAt[u]-1])
				latest, err := st.HubLatest(ctx, contract, u)
				if err != nil {
					t.Fatal(err)
				}
				same(t, fmt.Sprintf("HubLatest(%s)", u), latest, hss[len(hss)-1])
			}
			lists(ctx, t, st, contract, b, c)

			// A's unsigned state, written before, is co-signed; its next state is compact.
			next := mk(a, 4, 0, 2, true)
			if err := st.HubChannel(ctx, contract, a, func(tx store.HubTx) error {
				got, err := tx.State(ctx, big.NewInt(3)) // the newest, read with the channel's lock
				if err != nil {
					return err
				}
				same(t, "tx.State(3)", got, states[a][2])
				if got, err = tx.State(ctx, big.NewInt(1)); err != nil {
					return err
				}
				same(t, "tx.State(1)", got, states[a][0])
				if err := tx.Cosign(ctx, big.NewInt(3), []byte{0x0a, 3}); err != nil {
					return err
				}
				return tx.Append(ctx, next)
			}); err != nil {
				t.Fatal(err)
			}
			_, got, err := st.HubStates(ctx, contract, a, big.NewInt(3))
			if err != nil || len(got) != 2 || string(got[0].SigUser) != "\x0a\x03" {
				t.Fatalf("A's states from 3 after co-signing it and appending 4: %d states, %v", len(got), err)
			}
			same(t, "the state appended after the upgrade", got[1], next)
			var compact bool
			if err := db.QueryRowContext(ctx, `SELECT state IS NOT NULL AND state_json IS NULL AND locks_json IS NULL AND final
				FROM hub_states WHERE user_addr = $1 AND nonce = $2`, a[:], num(4)).Scan(&compact); err != nil || !compact {
				t.Fatalf("the state appended after the upgrade is compact and final: %v %v", compact, err)
			}
			lists(ctx, t, st, contract, a, b, c)
		})
	}
}

// lists checks the reconciler's lists: the channels final lists, in any order, then the
// open proposal (one).
func lists(ctx context.Context, t *testing.T, st *sqlstore.Store, contract common.Address, want ...common.Address) {
	t.Helper()
	final, err := st.HubFinalStates(ctx, contract)
	if err != nil || len(final) != len(want)-1 {
		t.Fatalf("final states: %d, %v; want %d", len(final), err, len(want)-1)
	}
	seen := map[common.Address]bool{}
	for _, hs := range final {
		seen[hs.State.User] = true
	}
	for _, u := range want[:len(want)-1] {
		if !seen[u] {
			t.Fatalf("final states miss %s", u)
		}
	}
	open, err := st.HubOpenProposals(ctx, contract)
	if err != nil || len(open) != 1 || open[0].State.User != want[len(want)-1] || open[0].State.Timeout.Int64() != 700 {
		t.Fatalf("open proposals: %d, %v; want %s's", len(open), err, want[len(want)-1])
	}
}

// same fails t unless got is want in every field.
func same(t *testing.T, what string, got, want store.HubState) {
	t.Helper()
	enc := func(hs store.HubState) string {
		var detail any
		if err := json.Unmarshal(hs.Detail, &detail); err != nil {
			t.Fatalf("%s: detail %q: %v", what, hs.Detail, err)
		}
		b, _ := json.Marshal([]any{hs.Kind, detail, hs.State, append([]channel.Lock{}, hs.Locks...), hs.SigHub, hs.SigUser})
		return string(b)
	}
	if g, w := enc(got), enc(want); g != w {
		t.Fatalf("%s read back as\n%s\nwant\n%s", what, g, w)
	}
}
