package wire

// Error is a machine-readable rejection, the body of every non-200 answer of both APIs.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Leader is, on a not_leader refusal, the URL the leading hub process advertises
	// (empty when unknown).
	Leader string `json:"leader,omitempty"`
}

// Error codes both APIs answer with.
const (
	CodeBodyTooLarge = "body_too_large"
	CodeInvalidJSON  = "invalid_json"
	CodeInvalidField = "invalid_field"
	CodeNotFound     = "not_found"
	CodeInternal     = "internal"
	// CodeRateLimited answers 429: too many requests from one client; Retry-After says
	// when to try again.
	CodeRateLimited = "rate_limited"
)
