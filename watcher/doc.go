// Package watcher is the indexer: it follows the chain head over JSON-RPC (eth_getLogs in
// adaptive ranges, woken by a WebSocket head subscription where one is offered), decodes
// every ChannelManager log into a typed store.Event (Decode), stores blocks and events
// with their hashes, detects reorgs by parent hash, rolls back and replays, persists its
// cursor so it backfills after any downtime, and fails over between RPC endpoints. It
// hands each batch of seen, confirmed or removed events to a Consumer.
//
// Data flows one way: watcher feeds the dispute engine and the hub, so it must never import
// disputes, hub, towerd or a store implementation; it depends on store's types, the
// contract bindings and go-ethereum's narrow chain interfaces (interface.go).
package watcher
