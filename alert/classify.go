package alert

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/slack-go/slack"

	"github.com/vigil-hub/vigil/internal/backoff"
)

// maxRetryAfter caps how long a Retry-After may hold a delivery loop.
const maxRetryAfter = 10 * time.Minute

// checkStatus is the one place that classifies the HTTP status of a delivery: 2xx is
// success; 429 asks to wait (Retry-After); 5xx, 408 and 425 may succeed later; 401, 403,
// 404 and 410 mean bad credentials or a destination that is gone (ErrUnauthorized); any
// other status refuses the message for good (ErrRejected). body is the answer's start,
// shown (sanitised) in the error.
func checkStatus(code int, h http.Header, body string) (retryable bool, err error) {
	detail := ""
	if b := sanitize(body); b != "" {
		detail = ": " + b
	}
	switch {
	case code/100 == 2:
		return false, nil
	case code == http.StatusTooManyRequests:
		return true, &RateLimitError{After: backoff.RetryAfter(h, maxRetryAfter)}
	case code/100 == 5, code == http.StatusRequestTimeout, code == http.StatusTooEarly:
		return true, fmt.Errorf("status %d%s", code, detail)
	case code == http.StatusUnauthorized, code == http.StatusForbidden, code == http.StatusNotFound, code == http.StatusGone:
		return false, fmt.Errorf("%w: status %d%s", ErrUnauthorized, code, detail)
	case code/100 == 3:
		return false, fmt.Errorf("%w: status %d", ErrRedirect, code)
	default:
		return false, fmt.Errorf("%w: status %d%s", ErrRejected, code, detail)
	}
}

// Slack Web API error codes (ok:false answers) by what they mean for a retry.
var (
	slackAuthErrors = map[string]bool{"invalid_auth": true, "not_authed": true, "account_inactive": true, "token_revoked": true,
		"token_expired": true, "no_permission": true, "missing_scope": true, "not_allowed_token_type": true, "ekm_access_denied": true,
		"team_access_not_granted": true, "org_login_required": true, "invalid_token": true}
	slackTransientErrors = map[string]bool{"internal_error": true, "fatal_error": true, "service_unavailable": true,
		"request_timeout": true, "ratelimited": true, "rate_limited": true}
)

// classifyAPI says whether a failed slack-go call may succeed if retried, and returns
// the error to log (which never holds the token: slack-go's errors carry none).
func classifyAPI(err error) (retryable bool, _ error) {
	if err == nil {
		return false, nil
	}
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &rl):
		return true, &RateLimitError{After: min(rl.RetryAfter, maxRetryAfter)}
	case errors.As(err, &sc):
		return checkStatus(sc.Code, nil, "")
	case errors.As(err, &se):
		switch {
		case slackAuthErrors[se.Err]:
			return false, fmt.Errorf("%w: %s", ErrUnauthorized, se.Err)
		case se.Err == "ratelimited" || se.Err == "rate_limited":
			return true, &RateLimitError{}
		case slackTransientErrors[se.Err]:
			return true, fmt.Errorf("slack: %s", se.Err)
		default:
			return false, fmt.Errorf("%w: %s", ErrRejected, se.Err)
		}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return true, err
	default:
		// A transport failure (refused, reset, timed out) may pass.
		return true, err
	}
}

// retryWait is the wait before attempt n+1 after n consecutive failures: base doubled
// each time, capped at limit (backoff.Nth), and never shorter than a rate limit's
// Retry-After.
func retryWait(failures int, base, limit time.Duration, err error) time.Duration {
	d := backoff.Nth(failures, base, limit)
	var rl *RateLimitError
	if errors.As(err, &rl) && rl.After > d {
		d = rl.After
	}
	return d
}

// sanitize keeps the start of an answer's body printable and short for an error.
func sanitize(body string) string {
	body = strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return ' '
	}, strings.TrimSpace(body))
	if len(body) > 120 {
		body = body[:120] + "…"
	}
	return body
}
