package hub_test

import (
	"math/big"
	"testing"
	"time"
)

// BenchmarkPayments measures payments per second through the hub over HTTP on loopback:
// 20 users pay each other concurrently, and a payment counts once it is complete — the
// payer's lock, the hub's lock toward the payee, the payee's claim and the hub's claim
// from the payer, each co-signed and persisted by both sides. Run with -benchtime=Nx.
func BenchmarkPayments(b *testing.B) {
	const users = 20
	e := newEnv(b, envConfig{users: users})
	ws := e.setupUsers(users, eth(50))
	per := max(b.N/users, 1)
	b.ResetTimer()
	start := time.Now()
	hls := e.payConcurrently(ws, per, new(big.Int).Div(eth(1), big.NewInt(1000)))
	e.eventually("every payment to complete", func() bool {
		open, err := e.st.OpenPayments(b.Context(), e.c.ManagerAddr)
		return err == nil && len(open) == 0
	}, ws...)
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(len(hls))/elapsed.Seconds(), "payments/s")
}
