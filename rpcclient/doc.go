// Package rpcclient is how a daemon reaches its chain: a Client over several JSON-RPC
// endpoints in order of preference (Chain), reading from the current one and failing
// over to the next on error, broadcasting a transaction to all of them.
//
// Each endpoint is wrapped once (endpoint.go): every call is counted by endpoint,
// JSON-RPC method and result through the Recorder the daemon gives, and its error has the
// endpoint URL's secrets (an RPC provider's key, a password) removed before it reaches a
// log, an alert or the store. Endpoints are named; URLs never leave this package.
//
// rpcclient imports the watcher and disputes only for the interfaces its Client
// satisfies; it imports no process wiring and no store.
package rpcclient
