package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/wire"
)

// Payment latency, open loop: what a user feels. Payments arrive as a Poisson process at
// a fraction of the rate the closed loop measured just before (25, 50 and 80 %), each
// from a random wallet to a random other, whether or not earlier ones are done — a
// payment's time counts its wait behind the payer's others. Every wallet listens (long
// polls the hub) as `chanctl listen` does. Two times per payment, from the payer's intent
// (the call to Pay):
//   - to paid: the payee holds its claim co-signed by the hub (client.EventPaymentReceived);
//   - to complete: the hub holds the payer's co-signature of its claim
//     (client.EventPaymentSent, seen by the payer).
//
// The disk's commit probe runs beside them: a payment waits for several commits.

// latencyLoads are the fractions of the closed loop's rate the payments arrive at.
var latencyLoads = []float64{0.25, 0.5, 0.8}

// payClock records, by hashlock, when each payment's events reached the wallets.
type payClock struct {
	mu       sync.Mutex
	paid     map[common.Hash]time.Time
	complete map[common.Hash]time.Time
}

func (c *payClock) note(ev client.Event) {
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	switch ev.Kind {
	case client.EventPaymentReceived:
		c.paid[ev.Hashlock] = now
	case client.EventPaymentSent:
		c.complete[ev.Hashlock] = now
	}
}

// started is a payment the open loop made: its hashlock and when it was asked for.
type started struct {
	hashlock common.Hash
	at       time.Time
}

// paymentLatency measures time to paid and to complete at each of latencyLoads of
// maxRate (payments/s), for dur each, on the wallets of the payments figure.
func (b *bench) paymentLatency(ctx context.Context, be *backend, ws []*client.Wallet, maxRate float64, dur time.Duration, wei *big.Int) error {
	clock := &payClock{paid: map[common.Hash]time.Time{}, complete: map[common.Hash]time.Time{}}
	for _, w := range ws { // they listen already (payments)
		w.OnEvent(clock.note)
	}
	for _, load := range latencyLoads {
		rate := load * maxRate
		probe, err := startCommitProbe(ctx, be.admin, 100*time.Millisecond)
		if err != nil {
			return err
		}
		made, failed := openLoop(ctx, ws, rate, dur, wei)
		defer probe.stop() // report stops it too; stopping twice is harmless
		// The last payments complete after the arrivals stop.
		deadline := time.Now().Add(max(30*time.Second, 2*dur))
		for !clock.all(made) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if failed != nil {
			return fmt.Errorf("open loop at %.0f%%: %w", 100*load, failed)
		}
		toPaid, toComplete, missing := clock.times(made)
		if len(toPaid) == 0 || len(toComplete) == 0 {
			return fmt.Errorf("open loop at %.0f%%: none of %d payments was seen paid and complete", 100*load, len(made))
		}
		p := map[string]any{"users": len(ws), "arrivals": "Poisson", "rate/s": fmt.Sprintf("%.1f", rate), "payments": len(made),
			"not seen within the wait": missing, "closed-loop max/s": fmt.Sprintf("%.1f", maxRate), "store": "postgres"}
		if err := probe.report(p); err != nil {
			return err
		}
		for _, r := range []struct {
			what   string
			lat    []time.Duration
			target string
			until  string
		}{{"paid", toPaid, "p50 ≤ 15 ms, p99 ≤ 50 ms at 80 %", "the payee holds its claim co-signed by the hub"},
			{"complete", toComplete, "p50 ≤ 25 ms, p99 ≤ 100 ms at 80 %", "the hub holds the payer's co-signature of its claim"}} {
			q := map[string]any{"p99 ms": ms(quantile(r.lat, 0.99)), "target": r.target, "from intent until": r.until}
			for k, v := range p {
				q[k] = v
			}
			if err := b.rep.add(row(fmt.Sprintf("payment time to %s p50, open loop at %.0f %%", r.what, 100*load),
				ms(quantile(r.lat, 0.5)), "ms", 0, q)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ms is d in milliseconds, to a hundredth.
func ms(d time.Duration) float64 { return float64(d.Microseconds()/10) / 100 }

// all reports whether every payment of made was seen paid and complete.
func (c *payClock) all(made []started) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range made {
		if _, ok := c.paid[s.hashlock]; !ok {
			return false
		}
		if _, ok := c.complete[s.hashlock]; !ok {
			return false
		}
	}
	return true
}

// times returns the payments' times to paid and to complete, sorted, and how many were
// not seen both.
func (c *payClock) times(made []started) (toPaid, toComplete []time.Duration, missing int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range made {
		p, okP := c.paid[s.hashlock]
		d, okC := c.complete[s.hashlock]
		if okP {
			toPaid = append(toPaid, p.Sub(s.at))
		}
		if okC {
			toComplete = append(toComplete, d.Sub(s.at))
		}
		if !okP || !okC {
			missing++
		}
	}
	slices.Sort(toPaid)
	slices.Sort(toComplete)
	return toPaid, toComplete, missing
}

// openLoop makes payments of wei arriving at rate per second for dur, each from a
// random wallet to a random other, retrying what the hub asks to retry, and returns
// them as made, with the first error that was not to be retried.
func openLoop(ctx context.Context, ws []*client.Wallet, rate float64, dur time.Duration, wei *big.Int) ([]started, error) {
	r := mrand.New(mrand.NewPCG(uint64(rate*1000), 29))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var made []started
	var failed error
	begin := time.Now()
	next := begin
	for {
		next = next.Add(time.Duration(r.ExpFloat64() / rate * float64(time.Second)))
		if next.Sub(begin) >= dur {
			break
		}
		time.Sleep(time.Until(next))
		i := r.IntN(len(ws))
		j := (i + 1 + r.IntN(len(ws)-1)) % len(ws)
		payer, payee := ws[i], ws[j]
		wg.Go(func() {
			at := time.Now()
			for ctx.Err() == nil {
				h, err := payer.Pay(ctx, payee.Address(), client.Ether, wei)
				if err == nil {
					mu.Lock()
					made = append(made, started{h, at})
					mu.Unlock()
					return
				}
				if !isCode(err, wire.CodeSyncFirst) && !isCode(err, wire.CodeNonce) && !isCode(err, wire.CodeCollateral) &&
					!isCode(err, wire.CodeInsufficient) {
					mu.Lock()
					failed = errors.Join(failed, fmt.Errorf("payment from %s: %w", payer.Address(), err))
					mu.Unlock()
					return
				}
				_ = payer.Sync(ctx)
			}
		})
	}
	wg.Wait()
	return made, failed
}
