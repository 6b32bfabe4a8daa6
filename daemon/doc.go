// Package daemon is what the watchtower process (towerd) and the hub process (hubd) wire
// the same way: the configuration sections they share (database, chain, disputes, ops),
// the store opened and migrated, the RPC endpoints of the chain section dialled through
// rpcclient (which counts every call into the metrics here), contracts registered from what the chain says, the
// dispute engine and sender built from one disputes section, and the operations listener
// (/healthz, /readyz, Prometheus /metrics) with the metrics both processes expose.
//
// daemon sits just below the two wiring packages: it may import the services (watcher,
// disputes, alert) and the store implementation, never towerd, hubd, the hub, the APIs or
// the wallet.
package daemon
