package towerapi_test

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// serve replaces e's server with one over the same store, limited by l and, when room is
// set, stopping deposits while it is full.
func (e *env) serve(l towerapi.Limits, room towerapi.Room) {
	e.t.Helper()
	e.srv.Close()
	srv := towerapi.NewServer(e.st, e.tower, slog.New(slog.DiscardHandler)).WithLimits(l)
	if room != nil {
		srv = srv.WithRoom(room)
	}
	e.srv = httptest.NewServer(srv.Handler())
	e.t.Cleanup(e.srv.Close)
}

// fakeChannel is a deposit for a fresh user key with the hub's signature: a channel the
// hub can mint at will, which exists nowhere on-chain.
func (e *env) fakeChannel() (wire.Deposit, *ecdsa.PrivateKey) {
	k, _ := crypto.GenerateKey()
	s := channel.NewState(crypto.PubkeyToAddress(k.PublicKey))
	s.Nonce.SetInt64(1)
	s.WeiBalances = [2]*big.Int{big.NewInt(1), big.NewInt(1)}
	return e.depositIn(e.domain, s, e.hub, k), k
}

func (e *env) statesStored() int64 {
	e.t.Helper()
	st, err := e.st.Stats(e.t.Context())
	if err != nil {
		e.t.Fatal(err)
	}
	return st.StatesStored
}

// seeOnchain indexes a ChannelUpdated event of user at block n.
func (e *env) seeOnchain(n uint64, prev *store.Block, user common.Address) store.Block {
	e.t.Helper()
	b := store.Block{Number: n, Hash: common.BigToHash(big.NewInt(int64(n))), Time: 1000 + n}
	if prev != nil {
		b.Parent = prev.Hash
	}
	if err := e.st.ApplyRange(e.t.Context(), e.domain.ChainID, prev, b, []store.Block{b}, []store.Event{{Contract: e.contract,
		BlockNumber: n, BlockHash: b.Hash, Kind: store.EventChannelUpdated, User: user, Side: 0, Nonce: big.NewInt(1),
		OnchainNonce: big.NewInt(1), Fields: []byte("{}")}}); err != nil {
		e.t.Fatal(err)
	}
	return b
}

// TestUnseenChannelFlood: the hub mints states for fresh user keys by the thousand; the
// tower holds only its quota of channels never seen on-chain, refuses the rest with 403
// unseen_quota, and still takes channels seen on-chain.
func TestUnseenChannelFlood(t *testing.T) {
	e := newEnv(t)
	const quota = 50
	e.serve(towerapi.Limits{MaxUnseen: quota}, nil)
	refused := 0
	for range 3 {
		var batch wire.DepositBatch
		for range towerapi.MaxBatch {
			d, _ := e.fakeChannel()
			batch.States = append(batch.States, d)
		}
		b, _ := json.Marshal(batch)
		code, body := e.post(b)
		var res wire.BatchResult
		if err := json.Unmarshal(body, &res); err != nil || code != http.StatusOK {
			t.Fatalf("flood batch: %d %s", code, body)
		}
		for _, r := range res.Results {
			if r.Error != nil {
				if r.Error.Code != wire.CodeUnseenQuota {
					t.Fatalf("a refused fake channel: %+v, want %s", r.Error, wire.CodeUnseenQuota)
				}
				refused++
			}
		}
	}
	if n := e.statesStored(); n != quota || refused != 3*towerapi.MaxBatch-quota {
		t.Fatalf("after 300 fake channels: %d states stored and %d refused, want %d and %d", n, refused, quota, 3*towerapi.MaxBatch-quota)
	}
	d, _ := e.fakeChannel()
	if code, _, werr := e.postDeposit(d); code != http.StatusForbidden || werr.Code != wire.CodeUnseenQuota || werr.Message == "" {
		t.Fatalf("one more fake channel: %d %+v, want 403 %s", code, werr, wire.CodeUnseenQuota)
	}
	// Channels seen on-chain pass beyond the quota.
	var prev *store.Block
	for i := range 3 {
		d, _ := e.fakeChannel()
		b := e.seeOnchain(uint64(i+1), prev, d.State.User)
		prev = &b
		if code, _, werr := e.postDeposit(d); code != http.StatusCreated {
			t.Fatalf("a channel seen on-chain beyond the quota: %d %+v", code, werr)
		}
	}
	if n := e.statesStored(); n != quota+3 {
		t.Fatalf("states stored: %d, want %d", n, quota+3)
	}
}

// TestRateLimits: a client over its rate, and a user over its, get 429 with Retry-After;
// replaying a user's stored state spends none of the user's budget.
func TestRateLimits(t *testing.T) {
	t.Run("client", func(t *testing.T) {
		e := newEnv(t)
		e.serve(towerapi.Limits{ClientRate: 0.01, ClientBurst: 3}, nil)
		for i := range 3 {
			resp, err := http.Get(e.srv.URL + e.channelPath())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode == http.StatusTooManyRequests {
				t.Fatalf("request %d within the burst: 429", i)
			}
		}
		resp, err := http.Get(e.srv.URL + e.channelPath())
		if err != nil {
			t.Fatal(err)
		}
		var werr wire.Error
		json.NewDecoder(resp.Body).Decode(&werr)
		resp.Body.Close()
		if s, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode != http.StatusTooManyRequests ||
			werr.Code != wire.CodeRateLimited || s < 1 {
			t.Fatalf("over the client's burst: %d %+v Retry-After %q, want 429 %s with a wait", resp.StatusCode, werr,
				resp.Header.Get("Retry-After"), wire.CodeRateLimited)
		}
	})
	t.Run("client batch above what is left", func(t *testing.T) {
		e := newEnv(t)
		e.serve(towerapi.Limits{ClientRate: 0.01, ClientBurst: 4}, nil)
		var batch wire.DepositBatch
		for n := range int64(5) {
			batch.States = append(batch.States, e.deposit(e.state(n+1)))
		}
		b, _ := json.Marshal(batch)
		if code, body := e.post(b); code != http.StatusTooManyRequests {
			t.Fatalf("a batch of 5 with 4 tokens: %d %s, want 429", code, body)
		}
		if n := e.storedNonce(); n != "none" {
			t.Fatalf("a rate-limited batch stored nonce %s", n)
		}
	})
	t.Run("user", func(t *testing.T) {
		e := newEnv(t)
		e.serve(towerapi.Limits{UserRate: 0.01, UserBurst: 2}, nil)
		if code, _, werr := e.postDeposit(e.deposit(e.state(1))); code != http.StatusCreated {
			t.Fatalf("first state: %d %+v", code, werr)
		}
		// Someone replays the stored state: it is stored already, and costs the user nothing.
		for range 5 {
			if code, _, werr := e.postDeposit(e.deposit(e.state(1))); code != http.StatusOK {
				t.Fatalf("replayed state: %d %+v, want 200", code, werr)
			}
		}
		if code, _, werr := e.postDeposit(e.deposit(e.state(2))); code != http.StatusCreated {
			t.Fatalf("second newer state within the burst: %d %+v", code, werr)
		}
		b, _ := json.Marshal(e.deposit(e.state(3)))
		resp, err := http.Post(e.srv.URL+"/v1/states", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		var werr wire.Error
		json.NewDecoder(resp.Body).Decode(&werr)
		resp.Body.Close()
		if s, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode != http.StatusTooManyRequests ||
			werr.Code != wire.CodeRateLimited || s < 1 {
			t.Fatalf("over the user's burst: %d %+v Retry-After %q, want 429 %s with a wait", resp.StatusCode, werr,
				resp.Header.Get("Retry-After"), wire.CodeRateLimited)
		}
		if n := e.storedNonce(); n != "2" {
			t.Fatalf("stored nonce %s after a rate-limited deposit, want 2", n)
		}
		// Another user is not held back by this one.
		d, _ := e.fakeChannel()
		if code, _, werr := e.postDeposit(d); code != http.StatusCreated {
			t.Fatalf("another user: %d %+v", code, werr)
		}
	})
}

// fullRoom is a database at its high-water mark while full is set.
type fullRoom struct{ full atomic.Bool }

func (r *fullRoom) Full() bool { return r.full.Load() }

// TestStorageHighWater: at the high-water mark a deposit gets 507 insufficient_storage and
// nothing is stored; reads go on, and deposits resume below it.
func TestStorageHighWater(t *testing.T) {
	e := newEnv(t)
	room := &fullRoom{}
	room.full.Store(true)
	e.serve(towerapi.Limits{}, room)
	if code, _, werr := e.postDeposit(e.deposit(e.state(1))); code != http.StatusInsufficientStorage ||
		werr.Code != wire.CodeInsufficientStorage || werr.Message == "" {
		t.Fatalf("deposit at the high-water mark: %d %+v, want 507 %s", code, werr, wire.CodeInsufficientStorage)
	}
	if n := e.storedNonce(); n != "none" {
		t.Fatalf("a refused deposit stored nonce %s", n)
	}
	room.full.Store(false)
	if code, _, werr := e.postDeposit(e.deposit(e.state(1))); code != http.StatusCreated {
		t.Fatalf("deposit below the mark: %d %+v", code, werr)
	}
	room.full.Store(true)
	if code, _, _ := e.read(e.user, time.Now()); code != http.StatusOK {
		t.Fatalf("a read at the high-water mark: %d", code)
	}
}
