// Package towerapi serves the watchtower's state deposit API over HTTP and JSON
// (docs/api.md): strict decoding, both EIP-712 signatures checked against the channel's
// hub and user, a receipt signed by the tower for every accepted state.
//
// towerapi consumes a Store (interface.go) and a receipt Signer; it must never import a
// database driver, store/sqlstore, the dispute engine (disputes), the indexer (watcher),
// the hub or the wallet. The process (towerd) wires implementations in.
package towerapi
