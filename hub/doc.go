// Package hub is the payment hub: it holds the hub's side of a channel with every user of
// a ChannelManager, co-signs the updates users ask for when they are fair to the hub,
// routes hashlocked payments between users, tops up collateral from its reserve, and
// persists every state it signs before it answers.
//
// The files follow its concerns: hub.go (the Hub, its configuration, signing proposals),
// interface.go (the Store and Executor it consumes), requests.go (a user's requests and
// co-signatures), rules.go (what a user may ask for), payments.go (forwarding, returning
// and collecting payments), collateral.go (top-ups from the reserve), events.go (acting on
// the chain's events), recovery.go (the sweeper: expired proposals, locks of settled
// channels, revealed secrets protected on-chain), views.go (a user's view of its channel,
// long-poll waits), notify.go (waking long polls), defense.go (states for the dispute
// engine), txs.go (the hub's own transactions: what it queues, and what it decides when
// one reverted or was never queued), executor.go (the outbox they are queued in).
//
// Users reach the hub over HTTP through package hubapi; the protocol's types, roles and
// request signing are in package wire. hub must never import hubapi, net/http, a
// database driver, store/sqlstore, the watchtower's packages (towerd, towerapi, disputes) or
// the wallet (client, chanctl): it depends on channel, store's types, wire and the chain
// interfaces it declares, and the process (hubd) wires implementations in.
package hub
