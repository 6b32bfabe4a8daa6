package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// TowerReport is the outcome of backing one state up to one watchtower.
type TowerReport struct {
	Tower   string
	Receipt *channel.Receipt
	Err     error
}

// backup hands a co-signed final state to every watchtower and checks the receipts;
// failures are logged and kept for Reports.
func (w *Wallet) backup(ctx context.Context, s *channel.State, sigHub, sigUser []byte) {
	if s.Timeout.Sign() != 0 || len(w.cfg.Towers) == 0 {
		return // a proposal is not final; towers take final states only
	}
	for _, t := range w.cfg.Towers {
		r, err := w.backupTo(ctx, t, s, sigHub, sigUser)
		rep := TowerReport{Tower: t, Receipt: r, Err: err}
		if err != nil {
			w.log.Error("watchtower backup failed", "tower", t, "nonce", s.Nonce, "err", err)
		}
		w.reports = append(w.reports, rep)
	}
}

// Reports returns and clears the watchtower outcomes since the last call.
func (w *Wallet) Reports() []TowerReport {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.reports
	w.reports = nil
	return out
}

func (w *Wallet) backupTo(ctx context.Context, tower string, s *channel.State, sigHub, sigUser []byte) (*channel.Receipt, error) {
	body, err := json.Marshal(wire.Deposit{Contract: w.cfg.Contract, State: s, SigHub: sigHub, SigUser: sigUser})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(tower, "/")+"/v1/states", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := w.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTower, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var res wire.DepositResult
	if err := json.Unmarshal(b, &res); err != nil || resp.StatusCode/100 != 2 {
		var e wire.Error
		_ = json.Unmarshal(b, &e)
		return nil, fmt.Errorf("%w: %d %s %s", ErrTower, resp.StatusCode, e.Code, e.Message)
	}
	r := res.Receipt
	if r == nil {
		return nil, fmt.Errorf("%w: no receipt", ErrBadReceipt)
	}
	digest, _ := w.domain.Digest(s)
	if r.Contract != w.cfg.Contract || r.User != w.addr || r.Nonce.V == nil || r.Nonce.V.Cmp(s.Nonce) != 0 || r.StateDigest != digest {
		return r, fmt.Errorf("%w: it does not describe the state deposited", ErrBadReceipt)
	}
	rd, err := channel.ReceiptDigest(w.cfg.ChainID, r)
	if err != nil {
		return r, fmt.Errorf("%w: %w", ErrBadReceipt, err)
	}
	if err := channel.VerifySigner(rd, r.Signature, r.Tower); err != nil {
		return r, fmt.Errorf("%w: not signed by the tower it names: %w", ErrBadReceipt, err)
	}
	return r, nil
}
