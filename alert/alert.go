// Package alert carries what operators must hear about — stale closes, challenges sent,
// confirmed, at risk or failed, a low gas balance, a lagging indexer — to a sink: the log,
// or Slack.
//
// alert imports slack-go and nothing of Vigil's services: the engine, the sender and the
// wiring hand it alerts.
package alert

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Severity orders alerts; sinks may route them by it.
type Severity int

// Severities, lowest first.
const (
	Info Severity = iota
	Warning
	Critical
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	default:
		return "critical"
	}
}

// Kinds of alerts.
const (
	StaleClose         = "stale_close"
	ChallengeSent      = "challenge_sent"
	ChallengeConfirmed = "challenge_confirmed"
	ChallengeAtRisk    = "challenge_at_risk"
	ChallengeFailed    = "challenge_failed"
	SettleSent         = "settle_sent"
	GasLow             = "gas_low"
	IndexerBehind      = "indexer_behind"
	RPCUnreachable     = "rpc_unreachable"
)

// Alert is one message. Key identifies the condition (for de-duplication): the same key
// is not repeated within a sink's quiet period.
type Alert struct {
	Severity Severity
	Kind     string
	Key      string
	Text     string
}

// Sink delivers alerts. Send must not block its caller for long.
type Sink interface {
	Send(ctx context.Context, a Alert)
}

// Log writes alerts to a structured log.
type Log struct{ Logger *slog.Logger }

// Send logs a.
func (l Log) Send(ctx context.Context, a Alert) {
	lg := l.Logger
	if lg == nil {
		lg = slog.Default()
	}
	level := map[Severity]slog.Level{Info: slog.LevelInfo, Warning: slog.LevelWarn, Critical: slog.LevelError}[a.Severity]
	lg.Log(ctx, level, a.Text, "alert", a.Kind, "key", a.Key)
}

// Dedup drops an alert whose key was sent within Quiet.
type Dedup struct {
	Next  Sink
	Quiet time.Duration
	mu    sync.Mutex
	last  map[string]time.Time
}

// Send forwards a unless its key was forwarded within the quiet period.
func (d *Dedup) Send(ctx context.Context, a Alert) {
	d.mu.Lock()
	if d.last == nil {
		d.last = map[string]time.Time{}
	}
	now := time.Now()
	if t, ok := d.last[a.Key]; ok && now.Sub(t) < d.Quiet {
		d.mu.Unlock()
		return
	}
	d.last[a.Key] = now
	d.mu.Unlock()
	d.Next.Send(ctx, a)
}

// Recorder keeps every alert it is sent (for tests and the demo).
type Recorder struct {
	mu     sync.Mutex
	alerts []Alert
}

// Send records a.
func (r *Recorder) Send(_ context.Context, a Alert) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.alerts = append(r.alerts, a)
}

// Kinds returns the kinds of the recorded alerts, in order.
func (r *Recorder) Kinds() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.alerts))
	for i, a := range r.alerts {
		out[i] = a.Kind
	}
	return out
}

// Fanout sends to every sink.
type Fanout []Sink

// Send forwards a to every sink.
func (f Fanout) Send(ctx context.Context, a Alert) {
	for _, s := range f {
		s.Send(ctx, a)
	}
}
