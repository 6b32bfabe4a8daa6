package demo

import "errors"

// Errors Run reports.
var (
	// ErrDirInUse reports an Options.Dir that already holds a run's files: a new chain
	// cannot reuse another chain's databases and wallets.
	ErrDirInUse = errors.New("working directory holds a previous demo's files")

	// errNoStaleState reports a channel with no older co-signed state a dispute accepts.
	errNoStaleState = errors.New("no older co-signed state can open a dispute")
)
