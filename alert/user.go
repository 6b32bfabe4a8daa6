package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/slack-go/slack"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/internal/redact"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Defaults of the user-webhook sink.
const (
	UserSink               = "user" // the queue name of users' webhooks
	DefaultUserMaxAttempts = 10     // attempts per alert before it is given up
	DefaultUserTimeout     = 10 * time.Second
)

// UserSinkConfig sets up the sink that tells channel users about their own channel.
type UserSinkConfig struct {
	Store UserStore  // the queue and the registrations
	Allow *Allowlist // the hosts a webhook may point at (required)

	ExplorerURL string
	Units       TokenUnits
	// MaxAttempts per alert before it is given up (default DefaultUserMaxAttempts).
	MaxAttempts int
	// Backoff, MaxBackoff: the wait after an endpoint's failure, doubled per attempt.
	Backoff, MaxBackoff time.Duration
	// Timeout bounds one request (default DefaultUserTimeout).
	Timeout      time.Duration
	Sink, Owner  string
	PollInterval time.Duration
	Lease        time.Duration
	Logger       *slog.Logger
	Now          func() time.Time
	Observe      func(sink, kind, result string)
}

// UserWebhooks delivers alerts about a channel to the webhook its user registered: state
// stored, stale close seen, challenge sent, confirmed, at risk or failed, settled. Send
// queues an alert only for a channel with a registration; Run delivers. Requests go only
// to allowlisted hosts (the client refuses any other, redirects included); one endpoint
// failing delays only its own alerts.
type UserWebhooks struct {
	cfg  UserSinkConfig
	http *http.Client
	eng  *engine
	r    renderer
	log  *slog.Logger
}

// NewUserWebhooks returns the user-webhook sink; it delivers once Run runs.
func NewUserWebhooks(cfg UserSinkConfig) (*UserWebhooks, error) {
	if cfg.Store == nil || cfg.Allow == nil {
		return nil, errors.New("user webhooks: a store and an allowlist are required")
	}
	if cfg.Sink == "" {
		cfg.Sink = UserSink
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultUserMaxAttempts
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 10 * time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = 30 * time.Minute
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultUserTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &UserWebhooks{cfg: cfg, http: cfg.Allow.Client(cfg.Timeout), log: cfg.Logger,
		r:   renderer{explorer: strings.TrimRight(cfg.ExplorerURL, "/"), units: cfg.Units, now: cfg.Now},
		eng: newEngine(cfg.Sink, cfg.Store, cfg.Owner, cfg.Lease, cfg.PollInterval, cfg.Now, cfg.Logger, cfg.Observe)}, nil
}

// Send queues a for its channel's user when its kind is one users hear about and the
// channel has a registered webhook.
func (u *UserWebhooks) Send(ctx context.Context, a Alert) {
	if !ForUser(a.Kind) || !a.HasChannel() {
		return
	}
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	_, err := u.cfg.Store.UserWebhook(lctx, a.Contract, a.User)
	cancel()
	if errors.Is(err, store.ErrNotFound) {
		return
	}
	if err != nil {
		u.log.Warn("user webhook lookup failed; queueing the alert anyway", "contract", a.Contract, "user", a.User, "err", err)
	}
	u.eng.enqueue(ctx, a)
}

// Run delivers queued alerts until ctx ends.
func (u *UserWebhooks) Run(ctx context.Context) error { return u.eng.run(ctx, u.deliver) }

func (u *UserWebhooks) deliver(ctx context.Context, items []*item) time.Duration {
	failed := map[[2]common.Address]time.Time{} // channel -> retry time, to keep each user's order
	for _, it := range items {
		if !u.eng.leaseLeft() {
			return 0
		}
		ch := [2]common.Address{it.a.Contract, it.a.User}
		if next, ok := failed[ch]; ok {
			u.eng.deferred([]*item{it}, next) // after the earlier one, in order
			continue
		}
		w, err := u.cfg.Store.UserWebhook(ctx, it.a.Contract, it.a.User)
		switch {
		case errors.Is(err, store.ErrNotFound):
			u.eng.dead(ctx, []*item{it}, "no webhook registered")
			continue
		case err != nil:
			if ctx.Err() != nil {
				return 0
			}
			u.log.Warn("user webhook lookup failed", "contract", it.a.Contract, "user", it.a.User, "err", err)
			next := u.cfg.Now().Add(u.cfg.Backoff)
			failed[ch] = next
			u.eng.retry([]*item{it}, err, next)
			continue
		}
		retryable, err := u.post(ctx, w, it.a)
		if err == nil {
			u.eng.delivered(ctx, []*item{it}, "")
			continue
		}
		if ctx.Err() != nil {
			return 0
		}
		attempts := it.row.Attempts + 1
		log := u.log.With("contract", it.a.Contract, "user", it.a.User, "alert", it.a.Kind, "attempt", attempts, "err", err)
		if !retryable || attempts >= u.cfg.MaxAttempts {
			log.Warn("user webhook refused or kept failing; alert given up")
			u.eng.dead(ctx, []*item{it}, err.Error())
			continue
		}
		next := u.cfg.Now().Add(retryWait(attempts, u.cfg.Backoff, u.cfg.MaxBackoff, err))
		log.Info("user webhook failed; retrying", "at", next)
		failed[ch] = next
		u.eng.retry([]*item{it}, err, next)
	}
	return 0
}

// post sends one alert to a registration, after checking its URL against the allowlist
// again (the list may have changed since it was registered).
func (u *UserWebhooks) post(ctx context.Context, w store.UserWebhook, a Alert) (retryable bool, err error) {
	if _, err := u.cfg.Allow.Check(w.URL); err != nil {
		return false, err
	}
	a.Text = userText(a, u.r.units)
	var body any
	switch w.Format {
	case wire.WebhookJSON:
		body = u.userAlert(a)
	default:
		text, blocks := u.r.single(a)
		body = slack.WebhookMessage{Text: text, Blocks: &slack.Blocks{BlockSet: blocks}}
	}
	retryable, err = postJSON(ctx, u.http, w.URL, body)
	return retryable, redact.Error(err, w.URL)
}

// userText is what an alert says to the channel's user (the operator's text may speak of
// the tower's internals).
func userText(a Alert, units TokenUnits) string {
	nonce := func(n *big.Int) string {
		if n == nil {
			return "?"
		}
		return n.String()
	}
	switch a.Kind {
	case StateStored:
		return fmt.Sprintf("The watchtower stored your channel's state with nonce %s. It will answer a close with an older state.", nonce(a.Nonce))
	case StaleClose:
		return fmt.Sprintf("Your channel was closed on-chain with the older nonce %s. The watchtower holds nonce %s and is challenging before the deadline.",
			nonce(a.OnchainNonce), nonce(a.Nonce))
	case ChallengeSent:
		return fmt.Sprintf("The watchtower submitted your latest state (nonce %s) to the chain.", nonce(a.Nonce))
	case ChallengeConfirmed:
		return fmt.Sprintf("Your latest state (nonce %s) is on-chain: the stale close was answered.", nonce(a.Nonce))
	case ChallengeAtRisk:
		return "The watchtower's challenge is not included yet and the deadline is near. You may submit your latest state yourself."
	case ChallengeFailed:
		return "The watchtower's challenge did not get through before the deadline, or reverted. Check your channel on-chain."
	case SettleDone:
		return fmt.Sprintf("Your channel settled: %s paid to you, %s returned to the hub.", units.funds(a.UserFunds), units.funds(a.HubFunds))
	}
	return Title(a.Kind)
}

func (u *UserWebhooks) userAlert(a Alert) wire.UserAlert {
	amount := func(v *big.Int) *channel.Amount {
		if v == nil {
			return nil
		}
		return &channel.Amount{V: v}
	}
	funds := func(f Funds) *wire.Funds {
		if f.Wei == nil && f.Token == nil {
			return nil
		}
		z := func(v *big.Int) channel.Amount {
			if v == nil {
				return channel.Amount{V: new(big.Int)}
			}
			return channel.Amount{V: v}
		}
		return &wire.Funds{Wei: z(f.Wei), Token: z(f.Token)}
	}
	out := wire.UserAlert{Kind: a.Kind, Severity: a.Severity.String(), Title: a.title(), Text: a.Text, Contract: a.Contract, User: a.User,
		Nonce: amount(a.Nonce), OnchainNonce: amount(a.OnchainNonce), Deadline: a.Deadline, AtStake: funds(a.AtStake),
		UserFunds: funds(a.UserFunds), HubFunds: funds(a.HubFunds), Block: a.Block, Resolves: a.Resolves, At: a.At}
	if a.TxHash != (common.Hash{}) {
		h := a.TxHash
		out.TxHash = &h
		if u.r.explorer != "" {
			out.TxURL = u.r.explorer + "/tx/" + h.Hex()
		}
	}
	return out
}
