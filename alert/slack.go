package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/slack-go/slack"
)

// SlackConfig sets up a Slack sink: a bot token posting to a channel per severity, or an
// incoming webhook.
type SlackConfig struct {
	Token      string              // bot token (xoxb-...), or
	WebhookURL string              // an incoming webhook
	Channels   map[Severity]string // per severity, for the bot token; Info's is the fallback
	APIURL     string              // Slack's Web API base, for proxies and tests; default Slack's
	MaxRetries int                 // per alert, after rate limits and errors; default 5
	Backoff    time.Duration       // first wait after an error (doubled each time); default 1s
	Queue      int                 // alerts waiting to be delivered; default 256
	HTTPClient *http.Client
	Logger     *slog.Logger
}

// Slack delivers alerts to Slack from its own goroutine (Run), so Send never blocks the
// caller. Rate-limited requests wait for Slack's Retry-After; other failures back off.
// Wrap it in a Dedup for de-duplication.
type Slack struct {
	cfg    SlackConfig
	client *slack.Client
	queue  chan Alert
	log    *slog.Logger
}

// NewSlack returns a Slack sink; it delivers once Run runs.
func NewSlack(cfg SlackConfig) (*Slack, error) {
	if (cfg.Token == "") == (cfg.WebhookURL == "") {
		return nil, errors.New("slack: set exactly one of a bot token and a webhook URL")
	}
	if cfg.Token != "" && cfg.Channels[Info] == "" && cfg.Channels[Warning] == "" && cfg.Channels[Critical] == "" {
		return nil, errors.New("slack: a bot token needs at least one channel")
	}
	if cfg.MaxRetries <= 0 {
		cfg.MaxRetries = 5
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = time.Second
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 256
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Slack{cfg: cfg, queue: make(chan Alert, cfg.Queue), log: cfg.Logger}
	if cfg.Token != "" {
		opts := []slack.Option{slack.OptionHTTPClient(cfg.HTTPClient)}
		if cfg.APIURL != "" {
			opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
		}
		s.client = slack.New(cfg.Token, opts...)
	}
	return s, nil
}

// Send queues a for delivery; when the queue is full the alert is logged and dropped.
func (s *Slack) Send(ctx context.Context, a Alert) {
	select {
	case s.queue <- a:
	default:
		s.log.Error("slack alert queue full; alert only logged", "alert", a.Kind, "text", a.Text)
	}
}

// Run delivers queued alerts until ctx ends.
func (s *Slack) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case a := <-s.queue:
			if err := s.deliver(ctx, a); err != nil && ctx.Err() == nil {
				s.log.Error("slack delivery failed", "alert", a.Kind, "err", err)
			}
		}
	}
}

func (s *Slack) channel(sev Severity) string {
	for ; sev >= Info; sev-- {
		if c := s.cfg.Channels[sev]; c != "" {
			return c
		}
	}
	for _, c := range s.cfg.Channels {
		return c
	}
	return ""
}

var emoji = map[Severity]string{Info: ":information_source:", Warning: ":warning:", Critical: ":rotating_light:"}

// deliver posts one alert, retrying rate limits after Slack's Retry-After and other
// errors with exponential backoff.
func (s *Slack) deliver(ctx context.Context, a Alert) error {
	text := fmt.Sprintf("%s *%s* %s", emoji[a.Severity], a.Kind, a.Text)
	wait := s.cfg.Backoff
	var err error
	for attempt := 0; attempt <= s.cfg.MaxRetries; attempt++ {
		if s.client != nil {
			_, _, err = s.client.PostMessageContext(ctx, s.channel(a.Severity), slack.MsgOptionText(text, false))
		} else {
			err = slack.PostWebhookCustomHTTPContext(ctx, s.cfg.WebhookURL, s.cfg.HTTPClient, &slack.WebhookMessage{Text: text})
		}
		if err == nil {
			return nil
		}
		delay := wait
		var rl *slack.RateLimitedError
		if errors.As(err, &rl) {
			delay = rl.RetryAfter
		} else {
			wait *= 2
		}
		s.log.Warn("slack post failed; retrying", "alert", a.Kind, "in", delay, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
	}
	return fmt.Errorf("gave up after %d attempts: %w", s.cfg.MaxRetries+1, err)
}
