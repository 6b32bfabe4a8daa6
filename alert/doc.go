// Package alert carries what operators and channel users must hear about — stale closes,
// challenges sent, confirmed, at risk or failed, settlements, a low gas balance, a lagging
// indexer or unreachable RPC endpoints, a failing job, a state stored — to sinks: the log,
// Slack (Block Kit messages through slack-go), and the incoming webhooks users register
// for their own channels.
//
// An Alert carries structured fields (channel, nonces, deadline, amounts, transaction)
// beside its text, so that every sink renders what a person can act on. Slack and the user
// webhooks deliver through a durable queue (QueueStore, a table of the store): Send writes
// the alert and returns, and the one delivery loop (Run) holding the sink's lease posts it
// and marks it delivered — two writes per alert; grouping, pacing and retries are decided
// in memory. After a crash the next loop delivers what was left, at least once. Under load the Slack loop groups alerts of one kind into
// one message per interval, with per-channel detail in a thread or follow-up messages;
// critical kinds go first. Dedup drops repeats of a key within a window that forgets.
//
// alert imports slack-go, store's types and nothing of Vigil's services: the engine, the
// sender, the API and the wiring hand it alerts. A webhook URL or token is a secret: it
// never reaches a log line or an error (internal/redact).
package alert
