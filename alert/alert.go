package alert

import (
	"context"
	"log/slog"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
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

// Funds is an amount in wei and in the channel token's smallest units; nil is none.
type Funds struct {
	Wei   *big.Int `json:"wei,omitempty"`
	Token *big.Int `json:"token,omitempty"`
}

// Empty reports whether f holds nothing (no amount, or zero amounts).
func (f Funds) Empty() bool {
	return (f.Wei == nil || f.Wei.Sign() == 0) && (f.Token == nil || f.Token.Sign() == 0)
}

// Alert is one thing to tell. Key identifies the condition (for de-duplication): the same
// key is not repeated within a Dedup's window. The structured fields are what sinks render
// (zero values are left out); Text is a sentence for the log and a note under them.
type Alert struct {
	Severity Severity `json:"severity"`
	Kind     string   `json:"kind"`
	Key      string   `json:"key"`
	Text     string   `json:"text,omitempty"`
	// Resolves is the key of an earlier alert whose condition this one clears (a challenge
	// confirmed resolves the stale close, a balance topped up resolves gas_low): sinks show
	// it as a "resolved" follow-up.
	Resolves string `json:"resolves,omitempty"`

	Contract common.Address `json:"contract,omitzero"` // the channel's ChannelManager
	User     common.Address `json:"user,omitzero"`     // the channel's user
	// Nonce is the state nonce the tower holds or submitted; OnchainNonce the one the
	// chain holds (a stale close's).
	Nonce        *big.Int `json:"nonce,omitempty"`
	OnchainNonce *big.Int `json:"onchainNonce,omitempty"`
	Deadline     uint64   `json:"deadline,omitempty"` // the dispute's deadline, unix seconds
	// AtStake is what the defended party would lose if the stale close stood.
	AtStake Funds `json:"atStake,omitzero"`
	// UserFunds and HubFunds are the channel's balances in the state concerned: the one
	// stored, or the one a settlement paid out.
	UserFunds Funds       `json:"userFunds,omitzero"`
	HubFunds  Funds       `json:"hubFunds,omitzero"`
	TxHash    common.Hash `json:"txHash,omitzero"`
	Block     uint64      `json:"block,omitempty"`
	// Account and Balance are the tower's sending account and its balance in wei
	// (gas_low).
	Account common.Address `json:"account,omitzero"`
	Balance *big.Int       `json:"balance,omitempty"`
	Job     string         `json:"job,omitempty"` // job_failed: the job's name
	// At is when the alert was raised; sinks fill it in when zero.
	At time.Time `json:"at,omitzero"`
}

// HasChannel reports whether the alert is about one channel.
func (a Alert) HasChannel() bool { return a.User != (common.Address{}) }

// Sink delivers alerts. Send must not block its caller for long.
type Sink interface {
	Send(ctx context.Context, a Alert)
}

// Log writes alerts to a structured log.
type Log struct{ Logger *slog.Logger }

// Send logs a with its structured fields.
func (l Log) Send(ctx context.Context, a Alert) {
	lg := l.Logger
	if lg == nil {
		lg = slog.Default()
	}
	level := map[Severity]slog.Level{Info: slog.LevelInfo, Warning: slog.LevelWarn, Critical: slog.LevelError}[a.Severity]
	args := []any{"alert", a.Kind, "key", a.Key}
	if a.HasChannel() {
		args = append(args, "contract", a.Contract, "user", a.User)
	}
	if a.Nonce != nil {
		args = append(args, "nonce", a.Nonce)
	}
	if a.OnchainNonce != nil {
		args = append(args, "onchainNonce", a.OnchainNonce)
	}
	args = append(args, logUnits(a)...)
	if a.TxHash != (common.Hash{}) {
		args = append(args, "tx", a.TxHash)
	}
	if a.Resolves != "" {
		args = append(args, "resolves", a.Resolves)
	}
	text := a.Text
	if text == "" {
		text = Title(a.Kind)
	}
	lg.Log(ctx, level, text, args...)
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

// Alerts returns the recorded alerts, in order.
func (r *Recorder) Alerts() []Alert {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Alert(nil), r.alerts...)
}

// Fanout sends to every sink.
type Fanout []Sink

// Send forwards a to every sink.
func (f Fanout) Send(ctx context.Context, a Alert) {
	for _, s := range f {
		s.Send(ctx, a)
	}
}
