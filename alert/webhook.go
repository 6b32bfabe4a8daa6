package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"

	"github.com/vigil-hub/vigil/internal/redact"
)

// userAgent is sent with every webhook request.
const userAgent = "vigil-alerts/1"

// refuseRedirect is an http.Client's CheckRedirect that follows no redirect: a webhook's
// URL is its credential, and a redirect could point anywhere.
func refuseRedirect(*http.Request, []*http.Request) error { return ErrRedirect }

// checkWebhookURL accepts an absolute https URL, or http to a loopback address (a local
// relay, tests), without user info.
func checkWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.Opaque != "" {
		return ErrBadURL
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if ip := net.ParseIP(u.Hostname()); ip != nil && ip.IsLoopback() {
			return nil
		}
	}
	return fmt.Errorf("%w: want https", ErrBadURL)
}

// postJSON posts body as JSON to a webhook and classifies the answer (checkStatus). The
// returned error never holds the URL: only its scheme and host.
func postJSON(ctx context.Context, client *http.Client, target string, body any) (retryable bool, err error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return false, fmt.Errorf("%w: encode: %v", ErrRejected, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(raw))
	if err != nil {
		return false, ErrBadURL
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := client.Do(req)
	if err != nil {
		// *url.Error quotes the URL: keep only its cause, and redact it anyway.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		err = redact.Error(fmt.Errorf("post to %s: %w", redact.URL(target), err), target)
		if errors.Is(err, ErrRedirect) || errors.Is(err, ErrHostNotAllowed) || errors.Is(err, ErrBadURL) {
			return false, err
		}
		return true, err
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	retryable, err = checkStatus(resp.StatusCode, resp.Header, string(head))
	if err != nil {
		err = redact.Error(fmt.Errorf("post to %s: %w", redact.URL(target), err), target)
	}
	return retryable, err
}
