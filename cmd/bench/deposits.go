package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/internal/serve"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// Deposits: users back states up with the tower over HTTP on loopback, PostgreSQL then
// SQLite. Batches of 100 from 4 clients, then single states from 16 clients, every one
// acknowledged only once durable. The ceiling is the crypto a deposit needs — its
// EIP-712 digest, the hub's and the user's signature recovered, the receipt's digest
// signed — on every core, measured before and after each figure (the higher counts).
const (
	batchClients  = 4
	batchSize     = 100
	singleClients = 16
)

// depositLoad makes signed deposits: each user's states follow one another.
type depositLoad struct {
	domain channel.Domain
	hub    *ecdsa.PrivateKey
	users  []*ecdsa.PrivateKey
	addrs  []common.Address
	nonces []int64
}

func newDepositLoad(domain channel.Domain, users int) *depositLoad {
	l := &depositLoad{domain: domain, nonces: make([]int64, users)}
	l.hub, _ = crypto.GenerateKey()
	for range users {
		k, _ := crypto.GenerateKey()
		l.users = append(l.users, k)
		l.addrs = append(l.addrs, crypto.PubkeyToAddress(k.PublicKey))
	}
	return l
}

// next is user u's next state, unsigned; sign signs it.
func (l *depositLoad) next(u int) *channel.State {
	l.nonces[u]++
	n := l.nonces[u]
	s := channel.NewState(l.addrs[u])
	s.Nonce.SetInt64(n)
	s.OnchainNonce.SetInt64(1)
	s.WeiBalances = [2]*big.Int{new(big.Int).Sub(big.NewInt(1e18), big.NewInt(n*1e9)), big.NewInt(n * 1e9)}
	return s
}

func (l *depositLoad) sign(u int, s *channel.State) (wire.Deposit, error) {
	d, err := l.domain.Digest(s)
	if err != nil {
		return wire.Deposit{}, err
	}
	sh, err := channel.Sign(d, l.hub)
	if err != nil {
		return wire.Deposit{}, err
	}
	su, err := channel.Sign(d, l.users[u])
	if err != nil {
		return wire.Deposit{}, err
	}
	return wire.Deposit{Contract: l.domain.Contract, State: s, SigHub: sh, SigUser: su}, nil
}

// bodies makes each client's request bodies: per request, per distinct user of the
// client's share, the user's next state; the signing runs on every core.
func (l *depositLoad) bodies(clients, requests, perRequest int) ([][][]byte, error) {
	type job struct {
		c, r int
		us   []int
		ss   []*channel.State
	}
	var jobs []job
	share := len(l.users) / clients
	if share < perRequest {
		return nil, fmt.Errorf("%d users for %d clients cannot fill requests of %d distinct users", len(l.users), clients, perRequest)
	}
	next := make([]int, clients)
	for r := range requests {
		for c := range clients {
			j := job{c: c, r: r}
			for range perRequest {
				u := c*share + next[c]%share
				next[c]++
				j.us, j.ss = append(j.us, u), append(j.ss, l.next(u))
			}
			jobs = append(jobs, j)
		}
	}
	out := make([][][]byte, clients)
	for c := range out {
		out[c] = make([][]byte, requests)
	}
	var mu sync.Mutex
	var first error
	parallel(len(jobs), func(i int) {
		j := jobs[i]
		var batch wire.DepositBatch
		for k, s := range j.ss {
			d, err := l.sign(j.us[k], s)
			if err != nil {
				mu.Lock()
				first = err
				mu.Unlock()
				return
			}
			batch.States = append(batch.States, d)
		}
		var b []byte
		if perRequest == 1 {
			b, _ = json.Marshal(batch.States[0])
		} else {
			b, _ = json.Marshal(batch)
		}
		out[j.c][j.r] = b
	})
	return out, first
}

// depositCeiling is the crypto of one deposit on every core.
func (b *bench) depositCeiling(ctx context.Context, l *depositLoad, signer *towerapi.KeySigner) (float64, time.Duration, error) {
	var samples []wire.Deposit
	for u := range 64 {
		d, err := l.sign(u, l.next(u))
		if err != nil {
			return 0, 0, err
		}
		samples = append(samples, d)
	}
	hub := crypto.PubkeyToAddress(l.hub.PublicKey)
	return ceiling(ctx, b.sc.ceilingTime, func(_, i int) error {
		d := samples[i%len(samples)]
		digest, err := l.domain.Digest(d.State)
		if err != nil {
			return err
		}
		if err := channel.VerifySigner(digest, d.SigHub, hub); err != nil {
			return err
		}
		if err := channel.VerifySigner(digest, d.SigUser, d.State.User); err != nil {
			return err
		}
		r := channel.Receipt{Contract: d.Contract, User: d.State.User, Nonce: channel.Amount{V: d.State.Nonce}, StateDigest: digest,
			IssuedAt: uint64(time.Now().Unix())}
		return signer.SignReceipt(l.domain.ChainID, &r)
	})
}

func (b *bench) deposits(ctx context.Context) error {
	bes, err := b.backends(ctx)
	if err != nil {
		return err
	}
	for _, be := range bes {
		err := b.depositsOn(ctx, be)
		be.close()
		if err != nil {
			return fmt.Errorf("%s: %w", be.name, err)
		}
	}
	return nil
}

func (b *bench) depositsOn(ctx context.Context, be *backend) error {
	domain := channel.Domain{ChainID: big.NewInt(31337), Contract: common.HexToAddress("0x00000000000000000000000000000000c0ffee01")}
	l := newDepositLoad(domain, b.sc.depositUsers)
	if err := be.st.AddContract(ctx, store.Contract{ChainID: domain.ChainID, Address: domain.Contract,
		Hub: crypto.PubkeyToAddress(l.hub.PublicKey), ChallengePeriod: 3600}); err != nil {
		return err
	}
	towerKey, _ := crypto.GenerateKey()
	signer := towerapi.NewKeySigner(towerKey)
	// The tower logs as it would in production, at info, into nothing.
	api := towerapi.NewServer(be.st, signer, slog.New(slog.NewTextHandler(io.Discard, nil)))
	addr, err := nodeproc.FreeAddr()
	if err != nil {
		return err
	}
	ln, err := netListen(addr)
	if err != nil {
		return err
	}
	srvCtx, stop := context.WithCancel(ctx)
	defer stop()
	srvDone := make(chan error, 1)
	go func() { srvDone <- serve.HTTP(srvCtx, &http.Server{Handler: api.Handler()}, ln) }()
	defer func() { stop(); <-srvDone }()

	// Users' first states, so that measured deposits replace stored ones as they mostly will.
	warm, err := l.bodies(batchClients, b.sc.depositUsers/(batchClients*batchSize), batchSize)
	if err != nil {
		return err
	}
	if _, _, err := post(ctx, addr, "/v1/states", warm, http.StatusOK, batchSize); err != nil {
		return fmt.Errorf("warm-up: %w", err)
	}
	batches, err := l.bodies(batchClients, b.sc.batchRequests, batchSize)
	if err != nil {
		return err
	}
	singles, err := l.bodies(singleClients, b.sc.singleRequests, 1)
	if err != nil {
		return err
	}
	for _, run := range []struct {
		name    string
		bodies  [][][]byte
		status  int
		per     int
		clients int
		target  string
	}{
		{"batches of 100 from 4 clients", batches, http.StatusOK, batchSize, batchClients, "ratio ≥ 0.70"},
		{"single states from 16 clients", singles, http.StatusCreated, 1, singleClients, "ratio ≥ 0.50"},
	} {
		before, opCPU, err := b.depositCeiling(ctx, l, signer)
		if err != nil {
			return err
		}
		stopProf, err := b.profile(fmt.Sprintf("deposits-%s-%d", be.name, run.per))
		if err != nil {
			return err
		}
		var probe *commitProbe
		if run.per == 1 && be.admin != nil {
			if probe, err = startCommitProbe(ctx, be.admin, 100*time.Millisecond); err != nil {
				return err
			}
		}
		cpu := startCPU(ctx, be.admin)
		g0, r0 := be.st.GroupCommits()
		elapsed, lat, err := post(ctx, addr, "/v1/states", run.bodies, run.status, run.per)
		g1, r1 := be.st.GroupCommits()
		cpu.stop(ctx)
		stopProf()
		lp := map[string]any{"backend": be.name, "requests": len(lat), "clients": run.clients}
		if probe != nil {
			if perr := probe.report(lp); perr != nil && err == nil {
				err = perr
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", run.name, err)
		}
		after, opCPU2, err := b.depositCeiling(ctx, l, signer)
		if err != nil {
			return err
		}
		n := len(run.bodies) * len(run.bodies[0]) * run.per
		target := run.target
		if be.name != "postgres" {
			target = "(beside PostgreSQL)"
		}
		p := map[string]any{"backend": be.name, "deposits": n, "clients": run.clients, "channels": b.sc.depositUsers,
			"ceiling": "digest + 2 recoveries + receipt signature, all cores", "target": target}
		cpu.report(p, n, "deposit", min(opCPU, opCPU2))
		if g1 > g0 {
			p["deposits/commit"] = fmt.Sprintf("%.1f", float64(r1-r0)/float64(g1-g0))
		}
		if err := b.rep.add(row(fmt.Sprintf("deposits/s, %s (%s)", run.name, be.name), float64(n)/elapsed.Seconds(), "deposits/s",
			max(before, after), p)); err != nil {
			return err
		}
		if run.per == 1 {
			slices.Sort(lat)
			q := func(f float64) float64 {
				return float64(lat[min(len(lat)-1, int(f*float64(len(lat))))].Microseconds()) / 1000
			}
			if err := b.rep.add(row(fmt.Sprintf("deposit latency p50, single states from 16 clients (%s)", be.name), q(0.5), "ms", 0, lp)); err != nil {
				return err
			}
			lp99 := maps.Clone(lp)
			lp99["target"] = "≤ 5 ms (ratio ≤ 1)"
			if be.name != "postgres" {
				lp99["target"] = "(beside PostgreSQL)"
			}
			if err := b.rep.add(row(fmt.Sprintf("deposit latency p99, single states from 16 clients (%s)", be.name), q(0.99), "ms", 5, lp99)); err != nil {
				return err
			}
		}
	}
	return nil
}

// profile starts a CPU profile named name when --cpuprofile is set; the function stops it.
func (b *bench) profile(name string) (func(), error) {
	if b.profDir == "" {
		return func() {}, nil
	}
	if err := os.MkdirAll(b.profDir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(filepath.Join(b.profDir, name+".pprof"))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
