package alert

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/vigil-hub/vigil/internal/redact"
)

// Defaults of the Slack sink.
const (
	DefaultGroupInterval    = 30 * time.Second // one message per kind and interval under load
	DefaultMinPostInterval  = time.Second      // Slack takes about one message per second
	DefaultDetailPerMessage = 50               // per-channel lines per detail message
	SlackSink               = "slack"          // the queue name of the operator's Slack
)

// SlackConfig sets up a Slack sink: a bot token posting to a channel per severity, or an
// incoming webhook. Token and WebhookURL are secrets: they never reach a log or an error.
type SlackConfig struct {
	Token      string              // bot token (xoxb-...), or
	WebhookURL string              // an incoming webhook
	Channels   map[Severity]string // per severity, for the bot token; a severity without one uses the next lower
	APIURL     string              // Slack's Web API base, for proxies and tests; default Slack's

	// Store is the durable queue. Without one alerts wait in memory (MemoryQueue) and a
	// crash loses them: tests and the demo only.
	Store QueueStore
	// Queue caps the in-memory queue used without a Store (default 10,000).
	Queue int
	// Sink names this sink's rows in the queue (default SlackSink).
	Sink string
	// Owner identifies this delivery loop among replicas sharing the store (default
	// random per process).
	Owner string

	ExplorerURL string     // e.g. https://etherscan.io: links to transactions and addresses
	Units       TokenUnits // how token amounts read
	// GroupInterval is the least time between two messages of one kind: alerts of a kind
	// arriving meanwhile go out as one message with the detail in a thread (bot) or in
	// follow-up messages (webhook). Default DefaultGroupInterval.
	GroupInterval time.Duration
	// DetailPerMessage caps per-channel lines per detail message (default 50).
	DetailPerMessage int
	// MinPostInterval paces posts (default DefaultMinPostInterval).
	MinPostInterval time.Duration
	// Backoff is the first wait after a failed post, doubled up to MaxBackoff; a 429's
	// Retry-After is honoured when longer. Defaults DefaultBackoff, DefaultMaxBackoff.
	Backoff, MaxBackoff time.Duration
	// PollInterval is how often the loop looks for alerts other processes queued.
	PollInterval time.Duration
	// Lease is how long the sink's lease keeps other loops off once its holder stops
	// renewing it (default 1m).
	Lease time.Duration

	HTTPClient *http.Client
	Logger     *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Observe, when set, is told every delivery outcome (ResultDelivered, …) for metrics.
	Observe func(sink, kind, result string)
}

// Slack delivers alerts to Slack. Send queues an alert durably and returns at once; Run
// is the delivery loop. A post that Slack rate-limits waits for its Retry-After, other
// failures back off exponentially until ctx ends, and an alert is marked delivered as
// soon as the message carrying it is accepted, so that each reaches Slack once as far as
// Slack's answers tell. Bad credentials stop delivery (nothing more is sent, alerts stay
// queued for a restart with valid ones). Wrap it in a Dedup for de-duplication.
type Slack struct {
	cfg    SlackConfig
	client *slack.Client
	http   *http.Client
	eng    *engine
	r      renderer
	log    *slog.Logger

	// Owned by Run's goroutine.
	last     map[string]time.Time // group key -> last summary or single post
	lastPost time.Time
	failures int
	pause    time.Time
	halted   atomic.Pointer[error]
}

// NewSlack returns a Slack sink; it delivers once Run runs.
func NewSlack(cfg SlackConfig) (*Slack, error) {
	if (cfg.Token == "") == (cfg.WebhookURL == "") {
		return nil, errors.New("slack: set exactly one of a bot token and a webhook URL")
	}
	if cfg.Token != "" && cfg.Channels[Info] == "" && cfg.Channels[Warning] == "" && cfg.Channels[Critical] == "" {
		return nil, errors.New("slack: a bot token needs at least one channel")
	}
	if cfg.WebhookURL != "" {
		if err := checkWebhookURL(cfg.WebhookURL); err != nil {
			return nil, fmt.Errorf("slack: webhook URL %s: %w", redact.URL(cfg.WebhookURL), err)
		}
	}
	if cfg.Store == nil {
		cfg.Store = &MemoryQueue{Cap: cfg.Queue}
	}
	if cfg.Sink == "" {
		cfg.Sink = SlackSink
	}
	if cfg.GroupInterval <= 0 {
		cfg.GroupInterval = DefaultGroupInterval
	}
	if cfg.DetailPerMessage <= 0 {
		cfg.DetailPerMessage = DefaultDetailPerMessage
	}
	if cfg.MinPostInterval <= 0 {
		cfg.MinPostInterval = DefaultMinPostInterval
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = DefaultBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	// The webhook's URL is its credential: never follow a redirect with it.
	hc := *cfg.HTTPClient
	hc.CheckRedirect = refuseRedirect
	s := &Slack{cfg: cfg, http: &hc, log: cfg.Logger, last: map[string]time.Time{},
		r: renderer{explorer: strings.TrimRight(cfg.ExplorerURL, "/"), units: cfg.Units, now: cfg.Now}}
	s.eng = newEngine(cfg.Sink, cfg.Store, cfg.Owner, cfg.Lease, cfg.PollInterval, cfg.Now, cfg.Logger, cfg.Observe)
	if cfg.Token != "" {
		opts := []slack.Option{slack.OptionHTTPClient(cfg.HTTPClient)}
		if cfg.APIURL != "" {
			opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
		}
		s.client = slack.New(cfg.Token, opts...)
	}
	return s, nil
}

// Send queues a for delivery; it returns once the alert is stored.
func (s *Slack) Send(ctx context.Context, a Alert) { s.eng.enqueue(ctx, a) }

// Run delivers queued alerts, those left by an earlier process first, until ctx ends.
func (s *Slack) Run(ctx context.Context) error { return s.eng.run(ctx, s.deliver) }

// Halted returns the error that stopped delivery (bad credentials), or nil.
func (s *Slack) Halted() error {
	if e := s.halted.Load(); e != nil {
		return *e
	}
	return nil
}

// channel is where an alert of severity sev goes with the bot token: its severity's
// channel, else the next lower severity's, else any configured.
func (s *Slack) channel(sev Severity) string {
	for ; sev >= Info; sev-- {
		if c := s.cfg.Channels[sev]; c != "" {
			return c
		}
	}
	for _, sev := range []Severity{Info, Warning, Critical} {
		if c := s.cfg.Channels[sev]; c != "" {
			return c
		}
	}
	return ""
}

// group is alerts delivered together: one kind to one destination, or the rest of a
// group whose summary is already posted (ref).
type group struct {
	key     string
	channel string
	ref     string // the posted summary (continuation), or ""
	items   []*item
}

// groups splits due items by kind and destination, keeping their order (the
// most urgent group first).
func (s *Slack) groups(items []*item) []*group {
	var out []*group
	index := map[string]*group{}
	for _, it := range items {
		ch := ""
		if s.client != nil {
			ch = s.channel(it.a.Severity)
		}
		key := it.a.Kind + "\x00" + ch
		gk := key + "\x00" + it.row.GroupRef
		g, ok := index[gk]
		if !ok {
			g = &group{key: key, channel: ch, ref: it.row.GroupRef}
			index[gk] = g
			out = append(out, g)
		}
		g.items = append(g.items, it)
	}
	return out
}

// deliver posts what is due among items and says how long the loop may wait.
func (s *Slack) deliver(ctx context.Context, items []*item) time.Duration {
	if s.Halted() != nil {
		return time.Hour // nothing is sent until a restart with valid credentials
	}
	if now := s.cfg.Now(); now.Before(s.pause) {
		return s.pause.Sub(now)
	}
	wait := time.Duration(0)
	for _, g := range s.groups(items) {
		if !s.eng.leaseLeft() {
			return 0
		}
		if g.ref == "" {
			due := s.last[g.key].Add(s.cfg.GroupInterval)
			if now := s.cfg.Now(); now.Before(due) {
				if left := due.Sub(now); wait == 0 || left < wait {
					wait = left
				}
				continue
			}
		}
		if err := s.deliverGroup(ctx, g); err != nil {
			if ctx.Err() != nil {
				return 0 // shutting down: the rows stay pending for the next loop
			}
			return s.failed(ctx, err)
		}
	}
	return wait
}

// deliverGroup posts one group: a single alert in full; several as a summary and their
// detail in its thread or in follow-ups; a continuation as the rest of its detail.
func (s *Slack) deliverGroup(ctx context.Context, g *group) error {
	if g.ref == "" && len(g.items) == 1 {
		text, blocks := s.r.single(g.items[0].a)
		ts, refused, err := s.post(ctx, g.items, g.channel, text, blocks, "")
		if err != nil {
			return err
		}
		s.last[g.key] = s.cfg.Now()
		s.settle(ctx, g.items, ts, refused)
		return nil
	}
	ref := g.ref
	if ref == "" {
		where := "per-channel detail in the thread"
		if s.client == nil {
			n := (len(g.items) + s.cfg.DetailPerMessage - 1) / s.cfg.DetailPerMessage
			where = fmt.Sprintf("per-channel detail in the next %d %s", n, plural(n, "message"))
		}
		alerts := make([]Alert, len(g.items))
		for i, it := range g.items {
			alerts[i] = it.a
		}
		text, blocks := s.r.summary(alerts, where)
		ts, refused, err := s.post(ctx, g.items, g.channel, text, blocks, "")
		if err != nil {
			return err
		}
		s.last[g.key] = s.cfg.Now()
		// A webhook gives no message id; a refused summary leaves the detail to stand alone.
		if ref = ts; ref == "" || refused != nil {
			ref = "posted"
		}
		s.eng.grouped(ctx, g.items, ref)
	}
	thread := ""
	if s.client != nil && ref != "posted" {
		thread = ref
	}
	for first := 0; first < len(g.items) && s.eng.leaseLeft(); first += s.cfg.DetailPerMessage {
		chunk := g.items[first:min(first+s.cfg.DetailPerMessage, len(g.items))]
		alerts := make([]Alert, len(chunk))
		for i, it := range chunk {
			alerts[i] = it.a
		}
		text, blocks := s.r.details(alerts, first, len(g.items))
		ts, refused, err := s.post(ctx, chunk, g.channel, text, blocks, thread)
		if err != nil {
			return err
		}
		s.settle(ctx, chunk, ts, refused)
	}
	return nil
}

// settle records the outcome of a message Slack answered: delivered, or refused for good
// (then its alerts are given up).
func (s *Slack) settle(ctx context.Context, items []*item, ts string, refused error) {
	if refused != nil {
		s.eng.dead(ctx, items, refused.Error())
		return
	}
	s.eng.delivered(ctx, items, ts)
}

// failed handles a post that failed: a retryable error pauses the loop (backoff, or the
// rate limit's Retry-After); bad credentials halt it. It returns the loop's wait.
func (s *Slack) failed(ctx context.Context, err error) time.Duration {
	var pe *postError
	if !errors.As(err, &pe) {
		return s.cfg.Backoff
	}
	if !pe.retryable {
		// Bad credentials: nothing will pass. Tell the operator once, keep the alerts.
		s.halted.Store(&pe.err)
		s.log.Error("Slack refused the sink's credentials: alert delivery to Slack stopped; alerts stay queued until a restart with valid credentials",
			"sink", s.cfg.Sink, "err", pe.err)
		s.eng.retry(pe.items, pe.err, s.cfg.Now())
		return time.Hour
	}
	s.failures++
	d := retryWait(s.failures, s.cfg.Backoff, s.cfg.MaxBackoff, pe.err)
	s.pause = s.cfg.Now().Add(d)
	s.log.Warn("Slack post failed; retrying", "sink", s.cfg.Sink, "alerts", len(pe.items), "in", d, "attempt", s.failures, "err", pe.err)
	s.eng.retry(pe.items, pe.err, s.pause)
	return d
}

// postError is a failed post that the loop must act on.
type postError struct {
	items     []*item
	retryable bool
	err       error
}

func (e *postError) Error() string { return e.err.Error() }

// post sends one message, paced, and returns Slack's ts for it (bot token). A message
// Slack refuses for its content is sent again once as plain text; if that is refused too,
// refused says why (the caller decides what becomes of its alerts) and err is nil. err is
// a *postError for the loop: Slack may take the message later, or will take nothing.
func (s *Slack) post(ctx context.Context, items []*item, channel, text string, blocks []slack.Block, thread string) (ts string, refused, err error) {
	if !sleep(ctx, time.Until(s.lastPost.Add(s.cfg.MinPostInterval))) {
		return "", nil, &postError{items: items, retryable: true, err: ctx.Err()}
	}
	ts, retryable, err := s.send(ctx, channel, text, blocks, thread)
	s.lastPost = time.Now()
	if err != nil && errors.Is(err, ErrRejected) && len(blocks) > 0 {
		s.log.Error("Slack refused a message's blocks; sending it as text", "sink", s.cfg.Sink, "alert", items[0].a.Kind, "err", err)
		ts, retryable, err = s.send(ctx, channel, text, nil, thread)
	}
	switch {
	case err == nil:
		s.failures = 0
		return ts, nil, nil
	case errors.Is(err, ErrRejected):
		s.failures = 0
		s.log.Error("Slack refused a message", "sink", s.cfg.Sink, "alert", items[0].a.Kind, "alerts", len(items), "err", err)
		return "", err, nil
	case ctx.Err() != nil:
		return "", nil, &postError{items: items, retryable: true, err: ctx.Err()}
	}
	return "", nil, &postError{items: items, retryable: retryable, err: err}
}

// send makes one request: chat.postMessage with the bot token, or a POST to the
// webhook. It returns (retryable, err) as classified in one place (classify.go); err
// never holds the token or the webhook URL.
func (s *Slack) send(ctx context.Context, channel, text string, blocks []slack.Block, thread string) (ts string, retryable bool, err error) {
	if s.client != nil {
		opts := []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionDisableLinkUnfurl()}
		if len(blocks) > 0 {
			opts = append(opts, slack.MsgOptionBlocks(blocks...))
		}
		if thread != "" {
			opts = append(opts, slack.MsgOptionTS(thread))
		}
		_, ts, err = s.client.PostMessageContext(ctx, channel, opts...)
		retryable, err = classifyAPI(err)
		return ts, retryable, redact.Error(err, s.cfg.Token)
	}
	msg := slack.WebhookMessage{Text: text}
	if len(blocks) > 0 {
		msg.Blocks = &slack.Blocks{BlockSet: blocks}
	}
	retryable, err = postJSON(ctx, s.http, s.cfg.WebhookURL, msg)
	return "", retryable, err
}
