// Package towerd wires the watchtower process: its configuration (config.yaml, strict,
// with environment overrides for secrets), first-run setup (Init), the store, the RPC
// endpoints with failover, the indexer, the dispute engine and sender, alerts, the deposit
// API with its operations endpoints, and leadership among replicas (Replica; the
// leader runs monitor.Duties). New builds it on its parts, Run on its configuration.
//
// towerd is the top of the watchtower: it may import every service package, and nothing
// but cmd/watchtower, internal/demo and tests may import it. It must never import the hub
// (hub, hubapi, hubd) or the wallet (client, chanctl).
package towerd
