package watcher

import "errors"

// Errors returned by the indexer.
var (
	// ErrNoEndpoint reports that every configured RPC endpoint failed.
	ErrNoEndpoint = errors.New("no RPC endpoint answered")
	// ErrInconsistentRange reports logs from blocks that are no longer canonical, seen
	// while a reorg happened during a read; the range is read again.
	ErrInconsistentRange = errors.New("chain changed while reading range")
	// ErrUnknownEvent reports a log of a watched contract that is no ChannelManager event.
	ErrUnknownEvent = errors.New("unknown event")
)
