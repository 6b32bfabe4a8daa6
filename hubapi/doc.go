// Package hubapi is the hub's HTTP API (docs/hub.md): JSON over HTTP, every request that
// acts for a user authenticated by the user's signature over a single-use nonce, and the
// hub's errors answered as wire error codes. It translates between wire's types and the
// hub's calls and holds no rule of the protocol itself; those are package hub's.
//
// hubapi imports hub, wire, channel and store's types. It must never import a database
// driver, store/sqlstore, the watchtower's packages (towerd, towerapi, disputes) or the wallet
// (client, chanctl); the process (hubd) hands it the hub and the auth store. A wallet never
// imports hubapi: it speaks to it only over HTTP, through wire. internal/repotest checks
// both.
package hubapi
