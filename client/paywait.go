package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/wire"
)

// ErrTopUpTimeout is a payment still refused for the hub's collateral toward the payee
// when the wait for its top-up ended.
var ErrTopUpTimeout = errors.New("no top-up of the hub's collateral toward the payee arrived in time")

// Default waits of PayWaiting.
const (
	DefaultTopUpWait  = 2 * time.Minute
	DefaultTopUpEvery = 2 * time.Second
)

// TopUpWait says how PayWaiting waits for a top-up its payment triggered.
type TopUpWait struct {
	Timeout  time.Duration     // how long in all (0: DefaultTopUpWait)
	Every    time.Duration     // between attempts (0: DefaultTopUpEvery)
	Progress func(line string) // told what it waits for, once an attempt (may be nil)
}

// PayWaiting is Pay that, when the hub refuses the payment for its collateral toward the
// payee (a top-up the refusal proposed to the payee, which the payee must co-sign and
// the hub execute), asks again every o.Every until the payment goes through or o.Timeout
// passes. A refusal for an empty reserve is returned at once: no top-up comes until the
// hub's operator funds it.
func (w *Wallet) PayWaiting(ctx context.Context, payee common.Address, asset Asset, amount *big.Int, o TopUpWait) (common.Hash, error) {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTopUpWait
	}
	if o.Every <= 0 {
		o.Every = DefaultTopUpEvery
	}
	progress := o.Progress
	if progress == nil {
		progress = func(string) {}
	}
	start := time.Now()
	deadline := time.NewTimer(o.Timeout)
	defer deadline.Stop()
	for attempt := 1; ; attempt++ {
		hl, err := w.Pay(ctx, payee, asset, amount)
		var he *HubError
		if err == nil || !errors.As(err, &he) || he.Code != wire.CodeCollateral {
			if attempt > 1 && err == nil {
				progress(fmt.Sprintf("paid after the top-up, %s after the first attempt", time.Since(start).Round(time.Second)))
			}
			return hl, err
		}
		if attempt == 1 {
			progress(fmt.Sprintf("the hub lacks collateral toward %s (%s); waiting up to %s for its top-up: the payee must be online to co-sign it",
				payee, he.Message, o.Timeout))
		} else {
			progress(fmt.Sprintf("still waiting for the top-up toward %s (%s of %s)", payee, time.Since(start).Round(time.Second), o.Timeout))
		}
		t := time.NewTimer(o.Every)
		select {
		case <-ctx.Done():
			t.Stop()
			return common.Hash{}, ctx.Err()
		case <-deadline.C:
			t.Stop()
			return common.Hash{}, fmt.Errorf("%w: waited %s: %w", ErrTopUpTimeout, o.Timeout, err)
		case <-t.C:
		}
	}
}
