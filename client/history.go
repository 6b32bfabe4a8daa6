package client

import (
	"context"
	"fmt"
	"net/http"

	"github.com/vigil-hub/vigil/wire"
)

// MaxPayments is the most payments the hub returns at once.
const MaxPayments = 1000

// Payments returns the wallet's payments, sent and received, as the hub routed them:
// newest first, at most limit (1 to MaxPayments). The wallet's own file keeps no history
// — it forgets a payment's secret once the payment is settled, so that the file does not
// grow with every payment — so the history is the hub's.
func (w *Wallet) Payments(ctx context.Context, limit int) ([]wire.Payment, error) {
	if limit < 1 || limit > MaxPayments {
		return nil, fmt.Errorf("payments: limit %d is not within 1..%d", limit, MaxPayments)
	}
	var ps []wire.Payment
	if err := w.call(ctx, http.MethodGet, fmt.Sprintf("/v1/payments?limit=%d", limit), nil, &ps); err != nil {
		return nil, err
	}
	return ps, nil
}
