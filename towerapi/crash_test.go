package towerapi_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/testkit/wait"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/store/storetest"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// The crash test's tower runs in a process of its own (this test binary, run again with
// these variables set), so that it can be killed with SIGKILL in the middle of its group
// commits.
const (
	crashEnvURL  = "VIGIL_CRASH_TOWER_DB"
	crashEnvAddr = "VIGIL_CRASH_TOWER_ADDR"
	crashEnvKey  = "VIGIL_CRASH_TOWER_KEY"
)

// TestCrashTowerProcess is the killed tower: it serves the deposit API over the store
// until it is killed. It does nothing unless TestKilledMidBatch started it.
func TestCrashTowerProcess(t *testing.T) {
	url := os.Getenv(crashEnvURL)
	if url == "" {
		t.Skip("the tower process of TestKilledMidBatch")
	}
	st, err := sqlstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.HexToECDSA(os.Getenv(crashEnvKey))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Addr: os.Getenv(crashEnvAddr), Handler: towerapi.NewServer(st, towerapi.NewKeySigner(key), slog.New(slog.DiscardHandler)).Handler()}
	t.Fatal(srv.ListenAndServe()) // until SIGKILL
}

// settleBackends waits, on PostgreSQL, until no statement of the killed tower is still
// running: a server backend finishes (and may commit) the statement it was executing
// when its client died, and only notices the client's death when it answers. Such a late
// commit is a state never acknowledged; the checks must see the store once it is still.
func settleBackends(t *testing.T, url string) {
	if !strings.HasPrefix(url, "postgres") {
		return // SQLite: the killed process's writes ended with it
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if !wait.Poll(30*time.Second, func() bool {
		if err := db.QueryRowContext(t.Context(), `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 0
	}) {
		t.Fatalf("%d statements of the killed tower still running after 30 s", n)
	}
}

// sent is one state a client posted, and what became of it.
type sent struct {
	user    int
	state   *channel.State
	digest  common.Hash
	receipt *channel.Receipt // nil: not acknowledged
}

// TestKilledMidBatch kills a tower process with SIGKILL while clients post batches and
// single states to it, on each store backend, then opens its database: every state the
// tower acknowledged with a receipt is stored (or a newer state of its channel is), with
// that receipt; every stored state is one a client sent, whole, its signatures valid; and
// a state that was stored without an answer is acknowledged, with its stored receipt,
// when sent again.
func TestKilledMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the tower as a separate process")
	}
	for _, be := range storetest.Backends() {
		t.Run(be.Name, func(t *testing.T) {
			for round := range 3 {
				t.Run(fmt.Sprintf("kill %d", round+1), func(t *testing.T) { killMidBatch(t, be.URL(t)) })
			}
		})
	}
}

func killMidBatch(t *testing.T, url string) {
	ctx := t.Context()
	st := storetest.Open(t, url)
	hub, _ := crypto.GenerateKey()
	towerKey, _ := crypto.GenerateKey()
	contract := common.HexToAddress("0x00000000000000000000000000000000c0ffee03")
	domain := channel.Domain{ChainID: big.NewInt(1337), Contract: contract}
	if err := st.AddContract(ctx, store.Contract{ChainID: domain.ChainID, Address: contract, Hub: crypto.PubkeyToAddress(hub.PublicKey),
		ChallengePeriod: 3600}); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	tower := exec.Command(os.Args[0], "-test.run=^TestCrashTowerProcess$", "-test.count=1")
	tower.Env = append(os.Environ(), crashEnvURL+"="+url, crashEnvAddr+"="+addr, crashEnvKey+"="+hex.EncodeToString(crypto.FromECDSA(towerKey)))
	if err := tower.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { tower.Wait(); close(exited) }()
	defer func() { tower.Process.Kill(); <-exited }()
	wait.Until(t, 30*time.Second, "the tower process to listen", func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	})

	// Users share channels across clients, so that commits race on rows; each client posts
	// rising nonces, in batches of 20 or one at a time.
	const clients, users = 8, 40
	userKeys := make([]*ecdsa.PrivateKey, users)
	for i := range userKeys {
		userKeys[i], _ = crypto.GenerateKey()
	}
	var mu sync.Mutex
	var all []*sent
	acked := make(chan struct{}, 1<<16)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			hc := &http.Client{Timeout: 10 * time.Second}
			for r := 0; ; r++ {
				n := 1
				if c%2 == 0 {
					n = 20
				}
				var batch []*sent
				var deps []wire.Deposit
				for k := range n {
					u := (c*7 + r*3 + k) % users
					s := channel.NewState(crypto.PubkeyToAddress(userKeys[u].PublicKey))
					s.Nonce.SetInt64(int64(r*clients+c) + 1) // unique per (client, round): never two states at one nonce
					s.WeiBalances[channel.User].SetInt64(int64(c))
					d, _ := domain.Digest(s)
					sh, _ := channel.Sign(d, hub)
					su, _ := channel.Sign(d, userKeys[u])
					batch = append(batch, &sent{user: u, state: s, digest: d})
					deps = append(deps, wire.Deposit{Contract: contract, State: s, SigHub: sh, SigUser: su})
				}
				mu.Lock()
				all = append(all, batch...)
				mu.Unlock()
				var body []byte
				if n == 1 {
					body, _ = json.Marshal(deps[0])
				} else {
					body, _ = json.Marshal(wire.DepositBatch{States: deps})
				}
				resp, err := hc.Post("http://"+addr+"/v1/states", "application/json", bytes.NewReader(body))
				if err != nil {
					return // killed
				}
				var res []wire.DepositResult
				var one wire.DepositResult
				var many wire.BatchResult
				if n == 1 {
					err = json.NewDecoder(resp.Body).Decode(&one)
					res = []wire.DepositResult{one}
				} else {
					err = json.NewDecoder(resp.Body).Decode(&many)
					res = many.Results
				}
				resp.Body.Close()
				if err != nil || resp.StatusCode >= 300 || len(res) != n {
					return // killed mid-answer
				}
				mu.Lock()
				for k, res := range res {
					if res.Receipt != nil {
						batch[k].receipt = res.Receipt
						acked <- struct{}{}
					}
				}
				mu.Unlock()
			}
		})
	}
	// Kill once a few hundred states are acknowledged: commits are in flight by then.
	for range 300 {
		select {
		case <-acked:
		case <-time.After(30 * time.Second):
			t.Fatal("the tower acknowledged too little before the kill")
		}
	}
	if err := tower.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	wg.Wait()
	settleBackends(t, url)

	// What a client sent, by channel and nonce.
	sentAt := map[[2]any]*sent{}
	ackedN := 0
	for _, s := range all {
		sentAt[[2]any{s.user, s.state.Nonce.Int64()}] = s
		if s.receipt != nil {
			ackedN++
		}
	}
	stored := map[int]store.StoredState{}
	for u, k := range userKeys {
		got, err := st.State(ctx, contract, crypto.PubkeyToAddress(k.PublicKey))
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		stored[u] = got
		s, ok := sentAt[[2]any{u, got.State.Nonce.Int64()}]
		if !ok {
			t.Fatalf("user %d: stored nonce %s was never sent", u, got.State.Nonce)
		}
		d, err := domain.Digest(got.State)
		if err != nil || d != s.digest || got.Digest != s.digest {
			t.Fatalf("user %d: stored state is not the one sent: %+v", u, got.State)
		}
		if channel.VerifySigner(d, got.SigHub, crypto.PubkeyToAddress(hub.PublicKey)) != nil ||
			channel.VerifySigner(d, got.SigUser, crypto.PubkeyToAddress(k.PublicKey)) != nil {
			t.Fatalf("user %d: stored signatures do not verify", u)
		}
	}
	// Every acknowledged state is stored, or a newer one of its channel.
	for _, s := range all {
		if s.receipt == nil {
			continue
		}
		got, ok := stored[s.user]
		if !ok || got.State.Nonce.Cmp(s.state.Nonce) < 0 {
			t.Fatalf("user %d: nonce %s was acknowledged, the store holds %v", s.user, s.state.Nonce, got.State)
		}
	}
	// The stored states again: each is reported stored, with a receipt the tower signed
	// for it — the one its client got, when it got one.
	for u, got := range stored {
		s := sentAt[[2]any{u, got.State.Nonce.Int64()}]
		res, err := st.PutStates(ctx, []store.Deposit{{State: got, Receipt: channel.Receipt{IssuedAt: 1}}})
		if err != nil || res[0].Err != nil || res[0].Created {
			t.Fatalf("user %d: the stored state again: %+v %v", u, res, err)
		}
		r := res[0].Receipt
		rd, _ := channel.ReceiptDigest(domain.ChainID, &r)
		if channel.VerifySigner(rd, r.Signature, crypto.PubkeyToAddress(towerKey.PublicKey)) != nil || r.StateDigest != s.digest {
			t.Fatalf("user %d: the stored receipt does not verify: %+v", u, r)
		}
		if s.receipt != nil && (s.receipt.IssuedAt != r.IssuedAt || !bytes.Equal(s.receipt.Signature, r.Signature)) {
			t.Fatalf("user %d: stored receipt %+v, acknowledged %+v", u, r, s.receipt)
		}
	}
	t.Logf("%d states sent, %d acknowledged before the kill, %d channels stored", len(all), ackedN, len(stored))
}
