package hub_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/wire"
)

// TestBackupToTowers: after every co-signed final state the wallet backs it up to its
// watchtowers and checks the receipts. A real tower keeps the latest state; a tower that
// forges receipts and one that refuses are reported.
func TestBackupToTowers(t *testing.T) {
	e := newEnv(t, envConfig{users: 2})
	towerStore, signer, api := e.realTower()
	good := httptest.NewServer(api)
	defer good.Close()
	towerAddr := signer.Address()
	forger, _ := crypto.GenerateKey()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/info" { // it passes for the good tower
			json.NewEncoder(w).Encode(wire.TowerInfo{Address: towerAddr, ChainID: channel.Amount{V: e.c.ChainID},
				Contracts: []common.Address{e.c.ManagerAddr}})
			return
		}
		var d wire.Deposit
		json.NewDecoder(r.Body).Decode(&d)
		digest, _ := e.c.Domain.Digest(d.State)
		rc := channel.Receipt{Contract: d.Contract, User: d.State.User, Nonce: channel.Amount{V: d.State.Nonce}, StateDigest: digest,
			IssuedAt: 1, Tower: towerAddr} // claims to be the good tower
		rd, _ := channel.ReceiptDigest(e.c.ChainID, &rc)
		rc.Signature, _ = channel.Sign(rd, forger)
		json.NewEncoder(w).Encode(wire.DepositResult{Receipt: &rc, Created: true})
	}))
	defer bad.Close()
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte(`{"code":"internal","message":"down for maintenance"}`))
	}))
	defer refusing.Close()

	// A hosted tower whose URL carries its access key, down: the failure is reported
	// without the key.
	const keyInPath, keyInQuery = "k3y-in-path", "t0ken-in-query"
	keyed := "http://127.0.0.1:1/" + keyInPath + "?token=" + keyInQuery

	a := e.wallet(e.users[0], func(c *client.Config) { c.Towers = []string{good.URL, bad.URL, refusing.URL, keyed} })
	b := e.wallet(e.users[1])
	e.deposit(a, eth(10))
	e.deposit(b, eth(10))
	e.collateral(b)
	e.pay(a, b, eth(1))

	reports := a.Reports()
	if len(reports) == 0 {
		t.Fatal("no backups were made")
	}
	counts := map[string]int{}
	for _, r := range reports {
		switch {
		case r.Tower == good.URL && r.Err == nil && r.Receipt != nil:
			counts["good ok"]++
		case r.Tower == bad.URL && errors.Is(r.Err, client.ErrBadReceipt):
			counts["bad reported"]++
		case r.Tower == refusing.URL && errors.Is(r.Err, client.ErrTower):
			counts["refusal reported"]++
		case r.Tower == keyed && errors.Is(r.Err, client.ErrTower):
			if msg := r.Err.Error(); strings.Contains(msg, keyInPath) || strings.Contains(msg, keyInQuery) {
				t.Errorf("the failure names the tower's key: %s", msg)
			}
			counts["keyed reported"]++
		default:
			t.Errorf("unexpected report %+v", r)
		}
	}
	if counts["good ok"] == 0 || counts["bad reported"] != counts["good ok"] || counts["refusal reported"] != counts["good ok"] ||
		counts["keyed reported"] != counts["good ok"] {
		t.Errorf("reports %v: want every backup accepted by the good tower and reported for the other two", counts)
	}
	latest, _ := a.Latest()
	held, err := towerStore.State(t.Context(), e.c.ManagerAddr, a.Address())
	if err != nil || held.State.Nonce.Cmp(latest.Nonce) != 0 {
		t.Errorf("the tower holds nonce %v (%v), the wallet's latest is %s", held.State, err, latest.Nonce)
	}
}
