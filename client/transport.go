package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/backoff"
	"github.com/vigil-hub/vigil/wire"
)

// call sends an authenticated request to the hub and decodes the answer into out.
func (w *Wallet) call(ctx context.Context, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	first := true
	// A hub catching up with the chain signs nothing yet (it refused before acting): asked
	// again shortly, for half a minute (catchUpRetry).
	return retryHub(ctx, catchUpRetry, func(he *HubError) bool { return he.Code == wire.CodeCatchingUp }, func(ctx context.Context) error {
		for {
			kept, err := w.callOnce(ctx, method, path, body, out)
			// A kept nonce the hub no longer knows (it restarted, or pruned it) costs one
			// retry with a new one; the request did nothing.
			if kept && first && staleNonce(err) {
				first = false
				continue
			}
			first = false
			return err
		}
	})
}

// callOnce signs and sends one authenticated request; kept says whether its auth nonce
// was one an earlier answer carried.
func (w *Wallet) callOnce(ctx context.Context, method, path string, body []byte, out any) (kept bool, err error) {
	nonce, kept, err := w.nonce(ctx)
	if err != nil {
		return false, err
	}
	sig, err := wire.SignAuth(wire.AuthDigest(w.cfg.ChainID, w.cfg.Contract, nonce.Nonce, method, path, body), w.cfg.Key)
	if err != nil {
		return kept, err
	}
	base, _ := w.hubs.current()
	req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader(body))
	if err != nil {
		return kept, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(wire.HeaderUser, w.addr.Hex())
	req.Header.Set(wire.HeaderNonce, nonce.Nonce.Hex())
	req.Header.Set(wire.HeaderSignature, "0x"+common.Bytes2Hex(sig))
	h, err := w.doAny(req, out)
	w.keepNonce(h)
	return kept, err
}

func (w *Wallet) plain(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	base, _ := w.hubs.current()
	req, err := http.NewRequestWithContext(ctx, method, base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	_, err = w.doAny(req, out)
	return err
}

// do sends req to the one process it names and decodes the answer into out; it returns
// the answer's headers. A request that got no answer wraps errUnreachable.
func (w *Wallet) do(req *http.Request, out any) (http.Header, error) {
	resp, err := w.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("hub %s %s: %w", req.Method, req.URL.Path, unreachable{err})
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return resp.Header, fmt.Errorf("hub %s %s: %w", req.Method, req.URL.Path, unreachable{err})
	}
	if resp.StatusCode != http.StatusOK {
		var e wire.Error
		if json.Unmarshal(b, &e) != nil {
			e.Message = strings.TrimSpace(string(b))
		}
		he := &HubError{Status: resp.StatusCode, Code: e.Code, Message: e.Message, Leader: e.Leader}
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			he.RetryAfter = backoff.RetryAfter(resp.Header, maxRetryAfter)
		}
		return resp.Header, he
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.Header, fmt.Errorf("hub answer to %s: %w", req.URL.Path, err)
		}
	}
	return resp.Header, nil
}

// Info returns the hub's parameters, checking they are the ones configured.
func (w *Wallet) Info(ctx context.Context) (wire.HubInfo, error) {
	var info wire.HubInfo
	if err := w.plain(ctx, http.MethodGet, "/v1/hub", nil, &info); err != nil {
		return info, err
	}
	if info.Contract != w.cfg.Contract || info.ChainID.V == nil || info.ChainID.V.Cmp(w.cfg.ChainID) != 0 ||
		(w.cfg.Hub != (common.Address{}) && info.Hub != w.cfg.Hub) {
		return info, fmt.Errorf("hub at %s serves contract %s on chain %v as %s, not the configured one", w.hubURL(), info.Contract, info.ChainID.V, info.Hub)
	}
	return info, nil
}

// chainNow returns the latest block's time, from the wallet's own node when it has one.
func (w *Wallet) chainNow(ctx context.Context) (uint64, error) {
	if t, ok := w.heads.now(); ok {
		return t, nil // the subscription's newest head (heads.go)
	}
	if w.cfg.Chain != nil {
		h, err := w.cfg.Chain.HeaderByNumber(ctx, nil)
		if err != nil {
			return 0, err
		}
		return h.Time, nil
	}
	info, err := w.Info(ctx)
	return info.Now, err
}
