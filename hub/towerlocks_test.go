package hub_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/internal/testkit/pgtest"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// realTower is a watchtower's deposit API over a fresh database watching the contract:
// its store, its signer and its handler.
func (e *env) realTower() (*sqlstore.Store, *towerapi.KeySigner, http.Handler) {
	e.t.Helper()
	st := pgtest.NewStore(e.t)
	if err := st.AddContract(e.t.Context(), store.Contract{ChainID: e.c.ChainID, Address: e.c.ManagerAddr, Hub: e.c.Accounts[0].Addr,
		DeployBlock: e.c.DeployBlock, ChallengePeriod: 600}); err != nil {
		e.t.Fatal(err)
	}
	key, _ := crypto.GenerateKey()
	signer := towerapi.NewKeySigner(key)
	return st, signer, towerapi.NewServer(st, signer, slog.New(slog.DiscardHandler)).WithInfo(e.c.ChainID, []common.Address{e.c.ManagerAddr}).Handler()
}

// TestBackupsCarryLocksAndSecrets: the wallets back up each co-signed state with its
// locks, and the payee with the secret of the payment it is owed, to a real tower, which
// takes them: the payer's state holds its outgoing lock and no secret, the payee's its
// incoming lock and that lock's secret; the tower keeps the secret sealed and it opens to
// the payment's preimage.
func TestBackupsCarryLocksAndSecrets(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	towerStore, signer, api := e.realTower()
	var mu sync.Mutex
	var deposits []wire.Deposit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/states" {
			b, _ := io.ReadAll(r.Body)
			var d wire.Deposit
			if err := json.Unmarshal(b, &d); err == nil {
				mu.Lock()
				deposits = append(deposits, d)
				mu.Unlock()
			}
			r.Body = io.NopCloser(bytes.NewReader(b))
		}
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, r)
		if r.URL.Path == "/v1/states" && rec.Code/100 != 2 {
			t.Errorf("the tower refused a backup: %d %s", rec.Code, rec.Body)
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	defer srv.Close()
	withTower := func(c *client.Config) { c.Towers = []string{srv.URL} }
	a := e.wallet(e.users[0], withTower)
	b := e.wallet(e.users[1], withTower)
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	hl := e.pay(a, b, eth(1))

	mu.Lock()
	defer mu.Unlock()
	var payerLock, payeeLock bool
	for _, d := range deposits {
		for _, l := range d.Locks {
			if l.Hashlock != hl {
				continue
			}
			switch {
			case d.State.User == a.Address() && l.Sender == channel.User:
				payerLock = true
				if len(d.Secrets) != 0 {
					t.Errorf("the payer sent %d secrets of its own payment: a tower registering it would pay the hub", len(d.Secrets))
				}
			case d.State.User == b.Address() && l.Sender == channel.Hub:
				if len(d.Secrets) != 1 || channel.HashSecret(d.Secrets[0]) != hl {
					t.Errorf("the payee's backup of its incoming lock carries secrets %v, want the payment's", len(d.Secrets))
				}
				payeeLock = true
			}
		}
	}
	if !payerLock || !payeeLock {
		t.Fatalf("backups with the payment's lock: payer %v, payee %v (of %d backups)", payerLock, payeeLock, len(deposits))
	}
	held, err := towerStore.HeldSecrets(t.Context(), e.c.ManagerAddr, b.Address())
	if err != nil || len(held) != 1 || held[0].Hashlock != hl {
		t.Fatalf("the tower's held secrets of the payee: %+v, %v", held, err)
	}
	if secret, err := signer.Secrets().Open(e.c.ManagerAddr, b.Address(), hl, held[0].Sealed); err != nil || channel.HashSecret(secret) != hl {
		t.Fatalf("the held secret does not open to the payment's preimage: %v", err)
	}
}
