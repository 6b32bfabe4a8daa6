package daemon

import (
	"log/slog"

	"github.com/robfig/cron/v3"
)

// CronLogger is robfig/cron's logger over slog, for cron.Recover and
// cron.SkipIfStillRunning: a panicking job is logged as an error, a skipped run as info.
type CronLogger struct{ Log *slog.Logger }

// Info logs a scheduler event.
func (l CronLogger) Info(msg string, kv ...any) { l.Log.Debug("scheduler: "+msg, kv...) }

// Error logs a scheduler failure (a job that panicked).
func (l CronLogger) Error(err error, msg string, kv ...any) {
	l.Log.Error("scheduler: "+msg, append(kv, "err", err)...)
}

// NewCron returns a scheduler whose jobs recover from panics and never overlap their own
// previous run.
func NewCron(log *slog.Logger) *cron.Cron {
	l := CronLogger{log}
	return cron.New(cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)), cron.WithLogger(l))
}
