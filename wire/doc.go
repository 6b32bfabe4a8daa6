// Package wire is the JSON and signing protocol shared by Vigil's HTTP APIs and their
// clients: the watchtower's deposit API (Deposit, DepositBatch, BatchResult, Channel), the
// hub's API (HubInfo, HubState, HubChannel, HubRequest, HubCosign, Payment, UserKey), the
// roles and the Detail the hub records with every state it signs, the error body and its
// codes, and how a wallet authenticates a hub request (AuthDigest, SignAuth, VerifyAuth).
//
// A wallet compiles wire, not the services it talks to. So wire imports only channel and
// go-ethereum, and must never import a service package (hub, hubapi, hubd, towerd, towerapi,
// watcher, disputes, store, store/sqlstore), a database driver or net/http: what is here
// is data and pure functions. internal/repotest fails if it does.
package wire
