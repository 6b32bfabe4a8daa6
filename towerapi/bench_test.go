package towerapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store/sqlstore"
	"github.com/vigil-hub/vigil/store/storetest"
	"github.com/vigil-hub/vigil/towerapi"
	"github.com/vigil-hub/vigil/wire"
)

// BenchmarkDeposit posts one state per request over HTTP, into each store backend.
func BenchmarkDeposit(b *testing.B) {
	for _, be := range storetest.Backends() {
		b.Run(be.Name, func(b *testing.B) { benchDeposit(b, newEnvOn(b, storetest.Open(b, be.URL(b)))) })
	}
}

func benchDeposit(b *testing.B, e *env) {
	bodies := make([][]byte, b.N)
	for i := range bodies {
		bodies[i], _ = json.Marshal(e.deposit(e.state(int64(i + 1))))
	}
	b.ResetTimer()
	cpu := processCPU()
	for i := range b.N {
		resp, err := http.Post(e.srv.URL+"/v1/states", "application/json", bytes.NewReader(bodies[i]))
		if err != nil || resp.StatusCode != http.StatusCreated {
			b.Fatalf("deposit %d: %v %v", i, err, resp.Status)
		}
		resp.Body.Close()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deposits/s")
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/float64(b.N), "cpu-µs/deposit")
}

// BenchmarkDepositLimited is BenchmarkDeposit with every limit on (the default quota of
// unseen channels, client and user buckets, rates too high to refuse anything) for a
// channel seen on-chain: what the quota checks cost.
func BenchmarkDepositLimited(b *testing.B) {
	for _, be := range storetest.Backends() {
		b.Run(be.Name, func(b *testing.B) { benchDeposit(b, limitedEnv(b, storetest.Open(b, be.URL(b)))) })
	}
}

// BenchmarkDepositBatchLimited is BenchmarkDepositBatch with every limit on.
func BenchmarkDepositBatchLimited(b *testing.B) {
	for _, be := range storetest.Backends() {
		b.Run(be.Name, func(b *testing.B) { benchDepositBatch(b, limitedEnv(b, storetest.Open(b, be.URL(b)))) })
	}
}

// limitedEnv serves st with the default limits at rates nothing reaches, the user's
// channel seen on-chain.
func limitedEnv(b *testing.B, st *sqlstore.Store) *env {
	e := newEnvOn(b, st)
	l := towerapi.DefaultLimits()
	l.ClientRate, l.ClientBurst, l.UserRate, l.UserBurst = 1e12, 1<<30, 1e12, 1<<30
	e.serve(l, nil)
	e.seeOnchain(1, nil, e.userAddr())
	return e
}

// BenchmarkDepositBatch posts batches of 100 states, into each store backend.
func BenchmarkDepositBatch(b *testing.B) {
	for _, be := range storetest.Backends() {
		b.Run(be.Name, func(b *testing.B) { benchDepositBatch(b, newEnvOn(b, storetest.Open(b, be.URL(b)))) })
	}
}

func benchDepositBatch(b *testing.B, e *env) {
	bodies := make([][]byte, b.N)
	for i := range bodies {
		var batch wire.DepositBatch
		for j := range 100 {
			batch.States = append(batch.States, e.deposit(e.state(int64(i*100+j+1))))
		}
		bodies[i], _ = json.Marshal(batch)
	}
	b.ResetTimer()
	cpu := processCPU()
	for i := range b.N {
		resp, err := http.Post(e.srv.URL+"/v1/states", "application/json", bytes.NewReader(bodies[i]))
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("batch %d: %v", i, err)
		}
		resp.Body.Close()
	}
	b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "deposits/s")
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/float64(b.N*100), "cpu-µs/deposit")
}

// BenchmarkTwoRecoveries is the ceiling: the digest and two signature recoveries a
// deposit needs, without HTTP or the database.
func BenchmarkTwoRecoveries(b *testing.B) {
	e := newEnv(b)
	d := e.deposit(e.state(1))
	b.ResetTimer()
	for b.Loop() {
		digest, _ := e.domain.Digest(d.State)
		if _, err := channel.Recover(digest, d.SigHub); err != nil {
			b.Fatal(err)
		}
		if _, err := channel.Recover(digest, d.SigUser); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deposits/s")
}

// processCPU is the CPU time this process (client, server and the store's Go side, not the
// database server) has used: a figure other processes on the machine barely move.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
